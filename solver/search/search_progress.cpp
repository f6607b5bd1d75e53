#include "solver/search/search_progress.hpp"

#include <algorithm>
#include <cstdio>

namespace makepack {

namespace {
std::string format_line(const char* fmt, double a, double b, double c, double d) {
    char buf[256];
    std::snprintf(buf, sizeof buf, fmt, a, b, c, d);
    return buf;
}
}  // namespace

SearchProgress::SearchProgress(const SearchConfig& config)
    : config_(config), started_(std::chrono::steady_clock::now()) {}

double SearchProgress::elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

bool SearchProgress::should_stop(long long iteration, long long budget) const {
    if (stopped_ || (config_.stop && config_.stop->load())) return true;
    if (budget > 0 && iteration >= budget) return true;
    // With an iteration budget the run is reproducible: time does not cut it short.
    if (budget == 0 && elapsed() >= config_.time_limit_seconds) return true;
    return false;
}

void SearchProgress::report_best(const PlanRank& rank, int worker, const std::string& op) {
    std::lock_guard lock(log_mutex_);
    if (has_best_ && !rank.better_than(best_, 0)) return;
    // While hard demand is short, only a smaller shortfall is news worth a line.
    const bool quiet = has_best_ && rank.shortfall > 0 && rank.shortfall == best_.shortfall;
    has_best_ = true;
    best_ = rank;
    time_to_best_ = elapsed();
    const double total = rank.total;
    if (config_.target && rank.shortfall == 0 && total <= *config_.target + 1e-9) stopped_ = true;
    if (!config_.log || quiet) return;
    std::string line = format_line("#%8.2fs  best %12.2f", time_to_best_, total, 0, 0);
    if (rank.shortfall > 0)
        line += format_line("  short %.0f units of hard demand", rank.shortfall, 0, 0, 0);
    else if (config_.lower_bound > 0)
        line += format_line("  bound %12.2f  gap %6.2f%%", config_.lower_bound,
                            100.0 * (total - config_.lower_bound) / std::max(1e-9, total), 0, 0);
    line += (worker >= 0 ? "  worker " + std::to_string(worker) + "  " : "  found by ") + op;  // -1: another island
    config_.log(line);
}

void SearchProgress::note(const std::string& line) {
    std::lock_guard lock(log_mutex_);
    if (config_.log) config_.log(line);
}

double WorkerBudget::used(long long spent) const {
    const double used = iterations_ > 0 ? static_cast<double>(spent) / iterations_
                                        : progress_.elapsed() / std::max(1e-9, config_.time_limit_seconds);
    return std::clamp(used, 0.0, 1.0);
}

}  // namespace makepack
