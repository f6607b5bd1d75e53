// Where the rule groups put what they find. It counts every violation but
// keeps (and formats) only the first `keep`: a local search that only asks
// "still feasible?" uses ViolationSink(0, 1), so no string is ever built and
// the groups return at the first violation (see done()). A group that
// returns early because of done() leaves its costs partial.
#pragma once

#include "model/checker.hpp"

#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

namespace makepack {

class ViolationSink {
public:
    static constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();

    explicit ViolationSink(std::size_t keep = unlimited, std::size_t stop_after = unlimited)
        : keep_(keep), stop_after_(stop_after) {}

    // `make` returns the Violation; it is only called when the violation is kept.
    template <class Make>
    void report(Make&& make) {
        ++count_;
        if (kept_.size() < keep_) kept_.push_back(std::forward<Make>(make)());
    }

    std::size_t count() const { return count_; }        // all violations, kept or not
    bool done() const { return count_ >= stop_after_; }  // groups may stop early
    const std::vector<Violation>& violations() const { return kept_; }
    std::vector<Violation> take() { return std::move(kept_); }

private:
    std::size_t keep_;
    std::size_t stop_after_;
    std::size_t count_ = 0;
    std::vector<Violation> kept_;
};

}  // namespace makepack
