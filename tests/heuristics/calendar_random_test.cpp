// Randomised: small calendars (outages, since_last, spare capacity,
// maintenance, frozen and fixed blocks) on one mixer. A brute force over every
// maintenance chain, judged by the checker, decides whether a valid set of
// blocks exists; place_calendar_blocks (and the exact placement alone) must
// then succeed with a plan the checker accepts, and fail otherwise.
#include "heuristics/calendar_blocks.hpp"
#include "heuristics/calendar_exact.hpp"
#include "heuristics/calendar_preferred.hpp"
#include "model/checker.hpp"
#include "model/input_error.hpp"
#include "model/instance_loader.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <optional>
#include <random>
#include <sstream>

using namespace makepack;
using namespace makepack::fixtures;

namespace {

struct Drawn {
    int horizon = 0;
    std::optional<Maintenance> maintenance;
    std::optional<SpareCapacity> spare;
    std::vector<Interval> outages;
    int frozen_until = 0;
    std::vector<Block> fixed;  // on M1 (resource 0)
};

bool overlaps(const std::vector<Interval>& busy, int start, int end) {
    for (const Interval& i : busy)
        if (i.start < end && start < i.end) return true;
    return false;
}

Drawn draw(std::mt19937& rng) {
    const auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    Drawn d;
    d.horizon = uniform(16, 36);
    if (uniform(0, 9) < 8) {
        Maintenance m;
        m.every = uniform(4, 14);
        m.duration = uniform(1, std::min(4, m.every - 1));
        m.since_last = uniform(0, m.every);
        d.maintenance = m;
    }
    if (uniform(0, 9) < 7) {
        SpareCapacity s;
        s.every = uniform(5, 14);
        s.duration = uniform(1, std::min(5, s.every - 1));
        d.spare = s;
    }
    for (int n = uniform(0, 3); n > 0; --n) {
        const int start = uniform(0, d.horizon - 1), end = std::min(d.horizon, start + uniform(1, 8));
        if (!overlaps(d.outages, start, end)) d.outages.push_back({start, end});
    }
    if (uniform(0, 9) < 3) {
        d.frozen_until = uniform(1, d.horizon / 2);
        std::vector<Interval> busy = d.outages;
        const auto fix = [&](BlockKind kind, int start, int length) {
            if (start >= d.frozen_until || overlaps(busy, start, start + length)) return;
            busy.push_back({start, start + length});
            d.fixed.push_back(Block{0, kind, start, start + length});
        };
        if (d.maintenance && uniform(0, 1)) fix(BlockKind::Maintenance, uniform(0, d.frozen_until), d.maintenance->duration);
        if (d.maintenance && uniform(0, 1)) fix(BlockKind::Maintenance, uniform(0, d.frozen_until), d.maintenance->duration);
        if (d.spare && uniform(0, 1)) fix(BlockKind::SpareCapacity, uniform(0, d.spare->every - d.spare->duration),
                                          d.spare->duration);
    }
    return d;
}

std::string yaml_of(const Drawn& d) {
    std::ostringstream calendar, top;
    calendar << "{mixers: {";
    if (d.maintenance)
        calendar << "maintenance: {every: " << d.maintenance->every << ", duration: " << d.maintenance->duration
                 << ", since_last: " << d.maintenance->since_last << "}" << (d.spare ? ", " : "");
    if (d.spare) calendar << "spare_capacity: {every: " << d.spare->every << ", duration: " << d.spare->duration << "}";
    calendar << "}, outages: [";
    for (const Interval& o : d.outages) calendar << "{resource: M1, start: " << o.start << ", end: " << o.end << "}, ";
    calendar << "]}";
    top << "demand_soft: true\nfrozen_until: " << d.frozen_until << "\nfixed: {blocks: [";
    for (const Block& b : d.fixed)
        top << "{resource: M1, kind: " << to_string(b.kind) << ", start: " << b.start << ", end: " << b.end << "}, ";
    top << "]}\n";
    std::string yaml = mini_plant_yaml(MiniPlant().with_calendar(calendar.str()).with_top(top.str()));
    yaml.replace(yaml.find("horizon: 48"), 11, "horizon: " + std::to_string(d.horizon));
    return yaml;
}

// Every choice of spare blocks (one free room per period that needs one); for
// each, whether a maintenance chain fits around them, by a search over the
// chain's links (a link's start fixes the next due time, so visiting each
// start once is enough). The checker judges the first candidate found.
class BruteForce {
public:
    BruteForce(const Instance& in, const Drawn& d) : in_(in), d_(d) {
        busy_ = d.outages;
        for (const Block& b : d.fixed) {
            busy_.push_back({b.start, b.end});
            if (b.kind == BlockKind::Maintenance) fixed_m_.push_back(b.start);
        }
        std::sort(fixed_m_.begin(), fixed_m_.end());
    }
    // Spare choices to try: the search is skipped (nullopt) above `cap`.
    std::optional<bool> feasible(double cap) {
        double choices = 1;
        if (d_.spare) choices = std::pow(d_.spare->every, d_.horizon / d_.spare->every);
        if (choices > cap) return std::nullopt;
        return spare_from(0);
    }

private:
    bool spare_needed(int k) const {
        return std::none_of(d_.fixed.begin(), d_.fixed.end(), [&](const Block& b) {
            return b.kind == BlockKind::SpareCapacity && b.start / d_.spare->every == k;
        });
    }
    bool spare_from(int k) {
        if (!d_.spare || k == d_.horizon / d_.spare->every) return maintenance_and_check();
        if (!spare_needed(k)) return spare_from(k + 1);
        const SpareCapacity& sp = *d_.spare;
        for (int s = std::max(k * sp.every, d_.frozen_until); s + sp.duration <= (k + 1) * sp.every; ++s) {
            if (overlaps(busy_, s, s + sp.duration)) continue;
            spare_.push_back({s, s + sp.duration});
            if (spare_from(k + 1)) return true;
            spare_.pop_back();
        }
        return false;
    }

    bool maintenance_and_check() {
        chain_.clear();
        if (d_.maintenance) {
            seen_.assign(static_cast<std::size_t>(d_.horizon) + fixed_m_.size() + 1, 0);
            if (!chain_from(d_.maintenance->first_due(), 0, d_.frozen_until)) return false;
        }
        Schedule plan;
        plan.instance_name = in_.name;
        plan.blocks = d_.fixed;
        for (int s : chain_) plan.blocks.push_back(Block{0, BlockKind::Maintenance, s, s + d_.maintenance->duration});
        for (const Interval& i : spare_) plan.blocks.push_back(Block{0, BlockKind::SpareCapacity, i.start, i.end});
        return check_schedule(in_, plan).feasible();
    }

    // Next link after one that set `due`: a solver block in [lo, due] before the
    // next fixed link, or that fixed link itself if on time; done once due >= horizon.
    bool chain_from(long long due, std::size_t fi, int lo) {
        const Maintenance& m = *d_.maintenance;
        if (fi == fixed_m_.size() && due >= d_.horizon) return true;
        const int limit = fi < fixed_m_.size() ? fixed_m_[fi] : d_.horizon;
        for (long long s = lo; s <= std::min<long long>(due, d_.horizon - m.duration) && s < limit; ++s) {
            const int start = static_cast<int>(s);
            if (seen_[static_cast<std::size_t>(start)] || overlaps(busy_, start, start + m.duration) ||
                overlaps(spare_, start, start + m.duration))
                continue;
            seen_[static_cast<std::size_t>(start)] = 1;
            chain_.push_back(start);
            if (chain_from(s + m.every, fi, start + m.duration)) return true;
            chain_.pop_back();
        }
        const std::size_t node = static_cast<std::size_t>(d_.horizon) + fi;
        if (fi < fixed_m_.size() && fixed_m_[fi] <= due && !seen_[node]) {
            seen_[node] = 1;
            return chain_from(fixed_m_[fi] + m.every, fi + 1, std::max(lo, fixed_m_[fi] + m.duration));
        }
        return false;
    }

    const Instance& in_;
    const Drawn& d_;
    std::vector<Interval> busy_;
    std::vector<int> fixed_m_;
    std::vector<Interval> spare_;
    std::vector<int> chain_;
    std::vector<char> seen_;  // chain starts (by hour) and fixed links (after the hours) already tried
};

CalendarNeeds needs_of(const Drawn& d) {
    CalendarNeeds needs;
    needs.resource_id = "M1";
    needs.horizon = d.horizon;
    needs.frozen_until = d.frozen_until;
    needs.maintenance = d.maintenance;
    needs.spare = d.spare;
    needs.spare_fixed.assign(static_cast<std::size_t>(needs.spare_periods()), 0);
    std::vector<Interval> busy = d.outages;
    for (const Block& b : d.fixed) {
        busy.push_back({b.start, b.end});
        if (b.kind == BlockKind::Maintenance) needs.fixed_maintenance.push_back(b.start);
        else if (b.start / d.spare->every < needs.spare_periods()) needs.spare_fixed[b.start / d.spare->every] = 1;
    }
    std::sort(needs.fixed_maintenance.begin(), needs.fixed_maintenance.end());
    needs.fixed_busy = FreeTime(std::move(busy));
    return needs;
}

Schedule plan_of(const Instance& in, const Drawn& d, const CalendarPlacement& placement) {
    Schedule plan;
    plan.instance_name = in.name;
    plan.blocks = d.fixed;
    for (int s : placement.maintenance) plan.blocks.push_back(Block{0, BlockKind::Maintenance, s, s + d.maintenance->duration});
    for (int s : placement.spare) plan.blocks.push_back(Block{0, BlockKind::SpareCapacity, s, s + d.spare->duration});
    return plan;
}

}  // namespace

TEST_CASE("calendar (randomised): blocks are placed exactly when a valid set exists, and the checker accepts them") {
    std::mt19937 rng(20240612);
    int used = 0, feasible = 0, preferred_failed = 0;
    for (int trial = 0; trial < 3000; ++trial) {
        const Drawn d = draw(rng);
        const std::string yaml = yaml_of(d);
        std::optional<Instance> loaded;
        try {
            loaded = parse_instance(yaml, "random");
        } catch (const InputError&) {
            continue;  // e.g. the first maintenance cannot fit the horizon
        }
        const Instance& in = *loaded;
        CAPTURE(yaml);
        const std::optional<bool> brute = BruteForce(in, d).feasible(20000);
        if (!brute) continue;  // too many spare choices for the brute force
        const bool exists = *brute;
        ++used;
        feasible += exists;

        PlantTimeline timeline(in);
        const std::string why = place_calendar_blocks(timeline);
        CHECK_MESSAGE(why.empty() == exists, "placement: '" << why << "', brute force found a set: " << exists);
        if (why.empty()) {
            const CheckResult check = check_schedule(in, timeline.to_schedule());
            CHECK_MESSAGE(check.feasible(), violations_text(check));
        }

        const CalendarNeeds needs = needs_of(d);
        const ExactPlacement exact = place_calendar_exactly(needs);
        CHECK((exact.outcome == ExactOutcome::Placed) == exists);
        if (exact.outcome == ExactOutcome::Placed) {
            const CheckResult check = check_schedule(in, plan_of(in, d, exact.placement));
            CHECK_MESSAGE(check.feasible(), violations_text(check));
        }
        if (exists && !place_preferred(needs, PreferredOrder::SpareFirst).placement &&
            !place_preferred(needs, PreferredOrder::MaintenanceFirst).placement)
            ++preferred_failed;
    }
    MESSAGE(used << " instances, " << feasible << " placeable, " << preferred_failed << " only by the exact placement");
    CHECK(used > 1500);
    CHECK(feasible > 300);
    CHECK(preferred_failed > 10);  // the exact placement's own path is exercised
}
