#include "model/paste_ledger.hpp"

namespace makepack {

void PasteLedger::shortages(std::vector<Shortage>& out) {
    struct Collect {
        std::vector<Shortage>* out;
        bool short_of(const Event& use, double need, double stock) {
            out->push_back({use.time, need - std::max(stock, 0.0)});
            return true;
        }
    } collect{&out};
    out.clear();
    replay(collect);
}

bool PasteLedger::has_shortage() {
    struct First {
        bool found = false;
        bool short_of(const Event&, double, double) {
            found = true;
            return false;
        }
    } first;
    replay(first);
    return first.found;
}

StockProfile PasteLedger::profile() const {
    // Net change per time, summed in event order; no scrapping (max_hold aside:
    // a heuristic that takes free stock then supplies what max_hold scraps).
    std::vector<std::pair<int, double>> changes;
    changes.reserve(events_.size());
    for (const Event& e : events_) changes.emplace_back(e.time, e.kind == 0 ? e.lbs : -e.lbs);
    std::sort(changes.begin(), changes.end());
    StockProfile profile;
    double stock = 0;
    for (std::size_t k = 0; k < changes.size(); ++k) {
        stock += changes[k].second;
        if (k + 1 < changes.size() && changes[k + 1].first == changes[k].first) continue;
        profile.times_.push_back(changes[k].first);
        profile.level_.push_back(stock);
    }
    profile.suffix_min_.resize(profile.level_.size());
    double low = std::numeric_limits<double>::infinity();
    for (std::size_t k = profile.level_.size(); k-- > 0;) profile.suffix_min_[k] = low = std::min(low, profile.level_[k]);
    return profile;
}

double StockProfile::free_at(int t) const {
    // Stock at t (events up to t) and every later level must stay >= 0 after taking.
    const auto after = std::upper_bound(times_.begin(), times_.end(), t);
    const auto k = static_cast<std::size_t>(after - times_.begin());
    const double now = k == 0 ? 0 : level_[k - 1];
    const double later = k < suffix_min_.size() ? suffix_min_[k] : std::numeric_limits<double>::infinity();
    return std::min(now, later);
}

int StockProfile::earliest_for(double lbs) const {
    for (int t : times_)
        if (free_at(t) >= lbs - kLbsSlack) return t;
    return -1;
}

}  // namespace makepack
