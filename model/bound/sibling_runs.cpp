#include "model/bound/sibling_runs.hpp"
#include "model/bound/lp_numbers.hpp"

#include "model/bound/lower_bound.hpp"

#include <algorithm>
#include <bit>
#include <limits>

namespace makepack {

namespace {

using bound_numbers::at;
using bound_numbers::kInfinity;
// SKUs of one paste up to which the facility problem is solved exactly (a
// dynamic program over subsets, 3^n steps); beyond, one line is charged.
constexpr std::size_t kMaxExactSkus = 12;

bool same_paste(const Instance& in, int a, int b) { return in.products[at(a)].paste == in.products[at(b)].paste; }

// One paste's facility problem: per SKU k and line j the cheapest way to make
// its need with its rows on j (one row, or two or more: cost[k][j], taking
// hours[k][j] there); per line the price of opening it (its extra changeover).
struct RunsFacility {
    std::vector<int> lines;                 // resource indices
    std::vector<double> open, open_hours;   // per line
    std::vector<std::vector<double>> cost, hours;  // per SKU, per line (infinite: not eligible)
};

// The cheapest choice: each SKU on its cheapest line, the cheapest line opened
// (some line has a row). Returns the cost; `use` gets (line, hours).
double loose_choice(const RunsFacility& f, std::vector<std::pair<int, double>>& use) {
    const auto cheapest = [](const std::vector<double>& v) {
        return static_cast<std::size_t>(std::min_element(v.begin(), v.end()) - v.begin());
    };
    const std::size_t opened = cheapest(f.open);
    double cost = f.open[opened];
    use.emplace_back(f.lines[opened], f.open_hours[opened]);
    for (std::size_t k = 0; k < f.cost.size(); ++k) {
        const std::size_t j = cheapest(f.cost[k]);
        cost += f.cost[k][j];
        use.emplace_back(f.lines[j], f.hours[k][j]);
    }
    return cost;
}

// The facility problem exactly: the SKUs on one line form a group costing the
// line's opening plus their costs there; every SKU is in a group (its rows lie
// on lines the paste uses). Partition DP over the SKU subsets.
double exact_choice(const RunsFacility& f, std::vector<std::pair<int, double>>& use) {
    const std::size_t n = f.cost.size(), subsets = std::size_t{1} << n;
    std::vector<double> group(subsets, kInfinity);  // best single line for a subset
    std::vector<std::size_t> group_line(subsets, 0);
    std::vector<double> on_line(subsets);
    for (std::size_t j = 0; j < f.lines.size(); ++j) {
        on_line[0] = f.open[j];
        for (std::size_t set = 1; set < subsets; ++set) {
            const std::size_t low = set & (~set + 1);
            on_line[set] = on_line[set ^ low] + f.cost[static_cast<std::size_t>(std::countr_zero(low))][j];
            if (on_line[set] < group[set]) group[set] = on_line[set], group_line[set] = j;
        }
    }
    std::vector<double> best(subsets, kInfinity);
    std::vector<std::size_t> chosen_group(subsets, 0);
    best[0] = 0;
    for (std::size_t set = 1; set < subsets; ++set) {
        const std::size_t low = set & (~set + 1);  // the lowest SKU is in some group
        const std::size_t rest = set ^ low;
        for (std::size_t part = rest;; part = (part - 1) & rest) {
            const std::size_t chosen = part | low;
            const double c = group[chosen] + best[set ^ chosen];
            if (c < best[set]) best[set] = c, chosen_group[set] = chosen;
            if (part == 0) break;
        }
    }
    for (std::size_t set = subsets - 1; set != 0 && best[set] < kInfinity; set ^= chosen_group[set]) {
        const std::size_t chosen = chosen_group[set], j = group_line[chosen];
        use.emplace_back(f.lines[j], f.open_hours[j]);
        for (std::size_t k = 0; k < n; ++k)
            if (chosen >> k & 1) use.emplace_back(f.lines[j], f.hours[k][j]);
    }
    return best[subsets - 1];
}

}  // namespace

int extra_changeover_hours_per_line(const Instance& in, int paste) {
    int extra = std::numeric_limits<int>::max();
    for (int s : in.products[at(paste)].skus) {
        int leaving = in.changeover(s, -1);  // the last row of a line: the default
        for (int t = in.num_pastes; t < static_cast<int>(in.products.size()); ++t)
            if (!same_paste(in, s, t)) leaving = std::min(leaving, in.changeover(s, t));
        extra = std::min(extra, std::max(0, leaving - min_changeover_after(in, s)));
    }
    return extra == std::numeric_limits<int>::max() ? 0 : extra;
}

double extra_changeover_per_line(const Instance& in, int paste) {
    return in.weights.changeover * extra_changeover_hours_per_line(in, paste);
}

PasteRunsModel::PasteRunsModel(const Instance& in, int paste, const std::vector<double>& need)
    : changeover_weight_(in.weights.changeover) {
    std::vector<int> skus;
    for (int s : in.products[at(paste)].skus)
        if (need[at(s)] > 0 && !in.products[at(s)].eligible.empty()) skus.push_back(s);
    if (skus.empty()) return;
    for (int s : skus) lines_.insert(lines_.end(), in.products[at(s)].eligible.begin(), in.products[at(s)].eligible.end());
    std::sort(lines_.begin(), lines_.end());
    lines_.erase(std::unique(lines_.begin(), lines_.end()), lines_.end());
    // Opening a line: the last row of the paste there is followed by a row of
    // another paste or ends the line, `extra` hours more than its shortest changeover.
    extra_hours_ = extra_changeover_hours_per_line(in, paste);
    for (int s : skus) {
        const double amount = need[at(s)];
        amount_.push_back(amount);
        changeover_hours_.push_back(min_changeover_after(in, s));
        // Two rows or more: fractional work (on one eligible line only: at
        // least the one row's, ceilings add up).
        const bool one_line = in.products[at(s)].eligible.size() < 2;
        std::vector<double> downtime(lines_.size(), -1.0), whole(lines_.size(), 0.0), work(lines_.size(), 0.0);
        std::vector<int> eligible;
        for (std::size_t j = 0; j < lines_.size(); ++j) {
            const Option* o = in.option(s, lines_[j]);
            if (!o) continue;
            downtime[j] = in.weights.downtime * o->downtime;
            whole[j] = row_hours(in, s, lines_[j], amount);
            work[j] = one_line ? whole[j] : amount * hours_per_amount(in, s, lines_[j]);
            eligible.push_back(static_cast<int>(j));
        }
        downtime_.push_back(std::move(downtime));
        whole_.push_back(std::move(whole));
        work_.push_back(std::move(work));
        eligible_.push_back(std::move(eligible));
    }
}

PasteRuns PasteRunsModel::priced(const std::vector<double>& hour_price) const {
    PasteRuns out;
    if (amount_.empty()) return out;
    const double wc = changeover_weight_;
    std::vector<double> price(lines_.size(), 0.0);
    if (!hour_price.empty())
        for (std::size_t j = 0; j < lines_.size(); ++j) price[j] = hour_price[at(lines_[j])];
    RunsFacility f;
    f.lines = lines_;
    for (std::size_t j = 0; j < lines_.size(); ++j) {
        f.open.push_back((wc + price[j]) * extra_hours_);
        f.open_hours.push_back(extra_hours_);
    }
    for (std::size_t k = 0; k < amount_.size(); ++k) {
        const double co = changeover_hours_[k];
        // Two rows or more: their changeovers' hours at the cheapest price of the SKU's lines.
        double cheapest_price = kInfinity;
        for (int j : eligible_[k]) cheapest_price = std::min(cheapest_price, price[at(j)]);
        std::vector<double> cost(lines_.size(), kInfinity), hours(lines_.size(), 0.0);
        for (int jj : eligible_[k]) {
            const std::size_t j = at(jj);
            const double d = downtime_[k][j], v = price[j];
            const double single = (d + v) * whole_[k][j] + (wc + v) * co;
            const double several = (d + v) * work_[k][j] + 2 * (wc + cheapest_price) * co;
            cost[j] = std::min(single, several);
            hours[j] = single <= several ? whole_[k][j] + co : work_[k][j] + 2 * co;
        }
        f.cost.push_back(std::move(cost));
        f.hours.push_back(std::move(hours));
    }
    out.cost = extra_hours_ > 0 && amount_.size() <= kMaxExactSkus ? exact_choice(f, out.hours) : loose_choice(f, out.hours);
    return out;
}

PasteRuns paste_runs(const Instance& in, int paste, const std::vector<double>& need, const std::vector<double>& hour_price) {
    return PasteRunsModel(in, paste, need).priced(hour_price);
}

double sibling_runs_bound(const Instance& in, const std::vector<double>& need) {
    double total = 0;
    for (int p = 0; p < in.num_pastes; ++p) total += paste_runs(in, p, need, {}).cost;
    return total;
}

}  // namespace makepack
