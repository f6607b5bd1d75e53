#include "model/rules/material_flow.hpp"

#include "model/paste_ledger.hpp"
#include "model/rules/format.hpp"

namespace makepack {

PasteFlow check_paste_flow(const Instance& instance, int paste, std::span<const Row> mixer_rows,
                           std::span<const Row> line_rows, ViolationSink& sink) {
    // One ledger per thread, reused: the search checks pastes every iteration.
    thread_local PasteLedger ledger;
    ledger.reset(instance.products[static_cast<std::size_t>(paste)]);
    for (const Row& row : mixer_rows) ledger.add_lot(instance.row_end(row), instance.lbs(row));
    for (std::size_t k = 0; k < line_rows.size(); ++k)
        ledger.add_use(line_rows[k].start, instance.lbs(line_rows[k]), static_cast<int>(k));

    struct Report {
        const Instance& instance;
        int paste;
        std::span<const Row> line_rows;
        ViolationSink& sink;
        PasteFlow& flow;
        void scrapped(int time, double lbs) { flow.scraps.push_back({time, lbs}); }
        bool short_of(const PasteLedger::Event& use, double need, double stock) {
            sink.report([&] {
                const Row& row = line_rows[static_cast<std::size_t>(use.tag)];
                return Violation{"material", instance.products[static_cast<std::size_t>(paste)].id, row.start,
                                 instance.row_end(row),
                                 "row " + instance.products[static_cast<std::size_t>(row.product)].id + " on " +
                                     instance.resources[static_cast<std::size_t>(row.resource)].id + " at " +
                                     std::to_string(use.time) + " needs " + number_text(need) + " lbs, " +
                                     number_text(std::max(stock, 0.0)) + " lbs in stock"};
            });
            return true;  // the use takes what there is; later ones are checked too
        }
    };
    PasteFlow flow;
    Report report{instance, paste, line_rows, sink, flow};
    const LedgerTotals totals = ledger.replay(report, instance.horizon);
    flow.scrap_lbs = totals.scrap_lbs;
    flow.leftover_lbs = totals.leftover_lbs;
    flow.holding = totals.holding;
    return flow;
}

}  // namespace makepack
