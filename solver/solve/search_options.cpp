#include "solver/solve/search_options.hpp"

#include <algorithm>
#include <thread>

namespace makepack {

SearchConfig SearchOptions::search_config(double seconds_left) const {
    SearchConfig config;
    config.time_limit_seconds = std::max(0.0, seconds_left);
    config.iterations = iterations;
    config.work = work;
    config.target = target;
    config.seed = seed == 0 ? 1 : seed;
    config.threads = threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
    config.check_moves = check_moves;
    config.parallel = parallel;
    config.registry = registry;
    config.destroys = destroys;
    config.repairs = repairs;
    config.moves = moves;
    config.lower_bound = lower_bound;
    config.stop = stop;
    config.log = progress;
    return config;
}

}  // namespace makepack
