#include "model/rules/material_flow.hpp"

#include "model/rules/format.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>

namespace makepack {
namespace {

struct FlowEvent {
    int time;
    std::uint8_t kind;  // 0 = lot made, 1 = consumption: made at t is usable at t (MODEL.md 9.6)
    double lbs;
    const Row* row;     // consumption: the line row (for messages)
};

struct Lot {
    int made;
    double lbs;
};

}  // namespace

PasteFlow check_paste_flow(const Instance& instance, int paste, std::span<const Row> mixer_rows,
                           std::span<const Row> line_rows, ViolationSink& sink) {
    const Product& product = instance.products[static_cast<std::size_t>(paste)];
    PasteFlow flow;

    std::vector<FlowEvent> events;
    events.reserve(mixer_rows.size() + line_rows.size() + 1);
    if (product.initial_stock > 0) events.push_back({0, 0, product.initial_stock, nullptr});
    for (const Row& row : mixer_rows) events.push_back({instance.row_end(row), 0, instance.lbs(row), nullptr});
    for (const Row& row : line_rows) events.push_back({row.start, 1, instance.lbs(row), &row});
    std::sort(events.begin(), events.end(), [](const FlowEvent& a, const FlowEvent& b) {
        return std::tie(a.time, a.kind) < std::tie(b.time, b.kind);
    });

    // Lots are appended in making order, so the oldest is always at `head`.
    std::vector<Lot> lots;
    lots.reserve(events.size());
    std::size_t head = 0;
    double stock = 0;
    for (const FlowEvent& event : events) {
        if (event.kind == 0) {
            lots.push_back({event.time, event.lbs});
            stock += event.lbs;
            continue;
        }
        const int t = event.time;
        if (product.max_hold) {
            double scrapped = 0;
            while (head < lots.size() && static_cast<long long>(t) - lots[head].made > *product.max_hold) {
                scrapped += lots[head].lbs;
                flow.holding += lots[head].lbs * (static_cast<double>(t) - lots[head].made);
                ++head;
            }
            if (scrapped > 0) {
                flow.scrap_lbs += scrapped;
                flow.scraps.push_back({t, scrapped});
                stock = 0;
                for (std::size_t i = head; i < lots.size(); ++i) stock += lots[i].lbs;  // no drift from subtraction
            }
        }
        const double need = event.lbs;
        if (need > stock + lbs_tolerance(std::max(need, stock)))
            sink.report([&] {
                const Row& row = *event.row;
                return Violation{"material", product.id, row.start, instance.row_end(row),
                                 "row " + instance.products[static_cast<std::size_t>(row.product)].id + " on " +
                                     instance.resources[static_cast<std::size_t>(row.resource)].id + " at " +
                                     std::to_string(t) + " needs " + number_text(need) + " lbs, " +
                                     number_text(std::max(stock, 0.0)) + " lbs in stock"};
            });
        double remaining = need;
        while (remaining > 0 && head < lots.size()) {
            Lot& lot = lots[head];
            const double take = std::min(remaining, lot.lbs);
            flow.holding += take * (static_cast<double>(t) - lot.made);
            remaining -= take;
            stock -= take;
            if (take == lot.lbs) ++head;
            else lot.lbs -= take;
        }
        if (head == lots.size()) stock = 0;
    }
    for (std::size_t i = head; i < lots.size(); ++i) {
        flow.leftover_lbs += lots[i].lbs;
        flow.holding += lots[i].lbs * std::max(0.0, static_cast<double>(instance.horizon) - lots[i].made);
    }
    return flow;
}

}  // namespace makepack
