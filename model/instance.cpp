#include "model/instance.hpp"

namespace makepack {

const char* to_string(BlockKind kind) {
    switch (kind) {
        case BlockKind::Maintenance: return "maintenance";
        case BlockKind::SpareCapacity: return "spare_capacity";
        case BlockKind::Outage: return "outage";
        case BlockKind::Changeover: return "changeover";
        case BlockKind::ShiftBreak: return "shift_break";
    }
    return "?";
}

std::optional<BlockKind> block_kind_from_string(const std::string& text) {
    for (BlockKind kind : {BlockKind::Maintenance, BlockKind::SpareCapacity, BlockKind::Outage,
                           BlockKind::Changeover, BlockKind::ShiftBreak})
        if (text == to_string(kind)) return kind;
    return std::nullopt;
}

}  // namespace makepack
