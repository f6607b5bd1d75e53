// Cross-check of the event sweeps against a slow hour-by-hour reading of
// MODEL.md on random schedules of the tiny plant: overlap (rows, changeovers
// paused over breaks, blocks, outages), material shortage, holding
// lb-hours and tote usage. The reference shares no code with the checker.
#include "model/checker.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <vector>

using namespace makepack;
using namespace makepack::fixtures;

namespace {

struct Lcg {
    std::uint64_t state;
    int below(int n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>((state >> 33) % static_cast<std::uint64_t>(n));
    }
};

// Tiny plant facts, restated: lines break at [12k, 12k+1); mixers never.
bool line_break(int h) { return ((h % 12) + 12) % 12 == 0; }
bool is_line(const std::string& resource) { return resource[0] == 'L'; }
// End of `work` hours started at `start`, stepping hour by hour.
int slow_end(const std::string& resource, int start, int work) {
    int t = start;
    for (int done = 0; done < work; ++t)
        if (!is_line(resource) || !line_break(t)) ++done;
    return work == 0 ? start : t;
}

struct RandomRow {
    std::string resource, product;
    long long amount;
    int start, end, work;
};

const std::map<std::string, std::vector<std::string>> kProducts = {
    {"M1", {"P1", "P2"}}, {"M2", {"P1"}}, {"L1", {"S1", "S2"}}, {"L2", {"S1", "S3"}}};
const std::map<std::string, int> kBatchHours = {{"M1P1", 4}, {"M1P2", 5}, {"M2P1", 3}};
const std::map<std::string, double> kBatchLbs = {{"M1", 1000}, {"M2", 500}};
const std::map<std::string, int> kRate = {{"L1", 100}, {"L2", 50}};
const std::map<std::string, double> kUnitsPerLb = {{"S1", 2}, {"S2", 1}, {"S3", 4}};
const std::map<std::string, std::string> kPaste = {{"S1", "P1"}, {"S2", "P1"}, {"S3", "P2"}};

}  // namespace

TEST_CASE("checker agrees with an hour-by-hour reference on random schedules") {
    const int kHorizon = 48;
    const int kTotes = 12;
    const Instance in = tiny_plant(TinyPlant().with_top("storage: {totes: 12, tote_capacity: 250}\n"));
    const std::vector<std::string> resources = {"M1", "M2", "L1", "L2"};
    Lcg rng{12345};
    int agreed_overlap = 0, agreed_material = 0, agreed_storage = 0;
    for (int trial = 0; trial < 3000; ++trial) {
        std::vector<RandomRow> rows;
        const int n = 2 + rng.below(6);
        for (int i = 0; i < n; ++i) {
            RandomRow r;
            r.resource = resources[static_cast<std::size_t>(rng.below(4))];
            const auto& options = kProducts.at(r.resource);
            r.product = options[static_cast<std::size_t>(rng.below(static_cast<int>(options.size())))];
            if (is_line(r.resource)) {
                r.amount = 50 + 50 * rng.below(16);
                r.work = static_cast<int>((r.amount + kRate.at(r.resource) - 1) / kRate.at(r.resource));
            } else {
                r.amount = 1 + rng.below(2);
                r.work = static_cast<int>(r.amount) * kBatchHours.at(r.resource + r.product);
            }
            r.start = rng.below(40);
            r.end = slow_end(r.resource, r.start, r.work);
            rows.push_back(r);
        }
        // Blocks: the calendar's own ones, sometimes shifted.
        std::vector<std::pair<std::string, std::pair<int, int>>> blocks = {
            {"M1", {30, 34}}, {"L1", {0, 2}}, {"L1", {24, 26}}, {"L2", {0, 2}}, {"L2", {36, 38}}};
        for (auto& b : blocks)
            if (rng.below(3) == 0) {
                const int shift = rng.below(5) - 2;
                b.second.first += shift;
                b.second.second += shift;
            }

        Schedule s;
        for (const RandomRow& r : rows) s.rows.push_back(make_row(in, r.resource, r.product, r.amount, r.start, r.end));
        for (const auto& [res, span] : blocks)
            s.blocks.push_back(make_block(in, res, res == "M1" ? BlockKind::Maintenance : BlockKind::SpareCapacity,
                                          span.first, span.second));
        const CheckResult result = check_schedule(in, s);
        const std::string rules = rule_names(result);
        INFO("trial ", trial, "\n", violations_text(result));
        CHECK(rules.find("row-end") == std::string::npos);

        // --- overlap, hour by hour --------------------------------------------
        bool overlap = false;
        for (const std::string& res : resources) {
            std::vector<RandomRow> mine;
            for (const RandomRow& r : rows)
                if (r.resource == res) mine.push_back(r);
            std::stable_sort(mine.begin(), mine.end(), [](const RandomRow& a, const RandomRow& b) { return a.start < b.start; });
            std::map<int, int> used;  // hour -> occupants
            for (std::size_t k = 0; k < mine.size(); ++k) {
                const int changeover = is_line(res) ? 1 : 2;  // default only
                const int co_end = slow_end(res, mine[k].end, changeover);
                for (int h = mine[k].start; h < co_end; ++h) ++used[h];
            }
            for (const auto& [b, span] : blocks)
                if (b == res)
                    for (int h = span.first; h < span.second; ++h) ++used[h];
            if (res == "L2")
                for (int h = 30; h < 34; ++h) ++used[h];
            for (const auto& [h, count] : used) overlap = overlap || count > 1;
        }
        const bool checker_overlap =
            rules.find("overlap") != std::string::npos || rules.find("changeover") != std::string::npos;
        CHECK(checker_overlap == overlap);
        agreed_overlap += overlap;

        // --- material and holding: cumulative made vs consumed per paste -----------
        bool short_of_paste = false;
        double holding = 0;
        for (const std::string paste : {"P1", "P2"}) {
            std::map<int, double> delta;  // time -> made - consumed
            for (const RandomRow& r : rows) {
                if (!is_line(r.resource) && r.product == paste) delta[r.end] += kBatchLbs.at(r.resource) * r.amount;
                if (is_line(r.resource) && kPaste.at(r.product) == paste)
                    delta[r.start] -= static_cast<double>(r.amount) / kUnitsPerLb.at(r.product);
            }
            double stock = 0;
            for (const auto& [t, d] : delta) {
                stock += d;  // made at t is usable at t
                if (stock < -1e-6) short_of_paste = true;
            }
            for (int h = 0; h < kHorizon; ++h) {
                double held = 0;
                for (const auto& [t, d] : delta)
                    if (t <= h) held += d;
                holding += held;
            }
        }
        CHECK((rules.find("material") != std::string::npos) == short_of_paste);
        if (!short_of_paste) CHECK(result.objective.holding == doctest::Approx(holding));
        agreed_material += short_of_paste;

        // --- totes at every hour -----------------------------------------------------
        bool over = false;
        if (!short_of_paste) {
            for (int h = 0; h < kHorizon; ++h) {
                std::map<std::string, double> held;
                std::map<std::string, bool> running;
                for (const RandomRow& r : rows) {
                    if (!is_line(r.resource) && r.end <= h) held[r.product] += kBatchLbs.at(r.resource) * r.amount;
                    if (is_line(r.resource) && r.end <= h)
                        held[kPaste.at(r.product)] -= static_cast<double>(r.amount) / kUnitsPerLb.at(r.product);
                    if (is_line(r.resource) && r.start <= h && h < r.end) running[r.resource] = true;
                }
                int totes = static_cast<int>(running.size());
                for (const auto& [p, lbs] : held) totes += lbs > 1e-6 ? static_cast<int>(std::ceil(lbs / 250 - 1e-9)) : 0;
                over = over || totes > kTotes;
            }
            CHECK((rules.find("storage") != std::string::npos) == over);
            agreed_storage += over;
        }
    }
    // The random plans hit every rule often enough to mean something.
    CHECK(agreed_overlap > 300);
    CHECK(agreed_material > 300);
    CHECK(agreed_storage > 30);
}
