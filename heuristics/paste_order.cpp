#include "heuristics/paste_order.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace makepack {

namespace {

struct PasteLoad {
    double mixer_share = 0;  // hours on its fastest mixer / number of mixers
    double line_share = 0;   // hours on its fastest lines / number of lines
    double regret = 0;
    double due = 0;          // latest due of its SKUs (horizon if none)
    double earliest_due = 0;
};

// Cost gap between the cheapest and second-cheapest resource for `amount`.
double regret(const Instance& in, int product, std::int64_t amount, double& fastest_hours) {
    double best = std::numeric_limits<double>::infinity(), second = best;
    fastest_hours = best;
    for (int r : in.products[product].eligible) {
        const int work = in.work(product, r, amount);
        fastest_hours = std::min<double>(fastest_hours, work);
        const double cost = in.weights.downtime * work * in.option(product, r)->downtime;
        if (cost < best) { second = best; best = cost; }
        else if (cost < second) second = cost;
    }
    return std::isinf(second) ? 1e6 : second - best;
}

PasteLoad load_of(const Instance& in, int paste) {
    PasteLoad load;
    load.due = load.earliest_due = in.horizon;
    double lbs = 0, hours = 0;
    for (int s : in.products[paste].skus) {
        const Product& sku = in.products[s];
        lbs += static_cast<double>(sku.demand) / sku.units_per_lb;
        load.regret += regret(in, s, std::max<std::int64_t>(sku.demand, 1), hours);
        load.line_share += hours;
        if (sku.due) {
            load.due = load.due == in.horizon ? *sku.due : std::max<double>(load.due, *sku.due);
            load.earliest_due = std::min<double>(load.earliest_due, *sku.due);
        }
    }
    double size = 1;
    for (int m : in.products[paste].eligible) size = std::max(size, in.resources[m].batch_size);
    const auto batches = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(lbs / size)));
    load.regret += regret(in, paste, batches, hours);
    load.mixer_share = hours / std::max(1, in.num_mixers);
    load.line_share /= std::max(1, in.num_lines());
    return load;
}

}  // namespace

std::vector<int> paste_order(const Instance& in, PasteOrder order, Direction direction, unsigned seed) {
    std::vector<PasteLoad> loads(in.num_pastes);
    for (int p = 0; p < in.num_pastes; ++p) loads[p] = load_of(in, p);
    std::vector<double> noise(in.num_pastes, 1.0);
    if (seed != 0) {
        std::mt19937 rng(seed);
        std::uniform_real_distribution<double> jitter(0.7, 1.3);
        for (double& x : noise) x = jitter(rng);
    }
    // Forward (time) rank: smaller goes earlier in the plan.
    auto time_key = [&](int p) {
        const PasteLoad& l = loads[p];
        if (order == PasteOrder::Regret) return -l.regret * noise[p];
        // Johnson: mixer-light pastes first (lines get paste soon), line-light last.
        const double m = l.mixer_share * noise[p], li = l.line_share * noise[p];
        return m < li ? m : 1e9 - li;
    };
    std::vector<int> pastes(in.num_pastes);
    std::iota(pastes.begin(), pastes.end(), 0);
    const bool backward = direction == Direction::Backward;
    std::stable_sort(pastes.begin(), pastes.end(), [&](int a, int b) {
        const double due_a = backward ? loads[a].due : loads[a].earliest_due;
        const double due_b = backward ? loads[b].due : loads[b].earliest_due;
        if (due_a != due_b) return backward ? due_a > due_b : due_a < due_b;
        if (order == PasteOrder::Regret) return time_key(a) < time_key(b);  // regret: first inserted either way
        return backward ? time_key(a) > time_key(b) : time_key(a) < time_key(b);
    });
    return pastes;
}

}  // namespace makepack
