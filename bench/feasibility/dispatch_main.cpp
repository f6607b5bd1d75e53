// makepack_dispatch INSTANCE -o PLAN: the simple forward dispatch rule of
// tests/support/dispatch_plan.hpp as a tool, for bench/feasibility/run.sh.
// Exit 0: a plan that passes the checker was written; 3: no plan; 2: bad
// usage or input; 4: the checker rejected a dispatch plan (a bug there).
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "model/schedule_io.hpp"
#include "tests/support/dispatch_plan.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    using namespace makepack;
    std::string instance_path, output;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "-o" || arg == "--output") && i + 1 < argc) output = argv[++i];
        else if (instance_path.empty() && !arg.empty() && arg[0] != '-') instance_path = arg;
        else {
            std::cerr << "usage: makepack_dispatch INSTANCE -o PLAN\n";
            return 2;
        }
    }
    if (instance_path.empty() || output.empty()) {
        std::cerr << "usage: makepack_dispatch INSTANCE -o PLAN\n";
        return 2;
    }
    try {
        const Instance instance = load_instance(instance_path);
        const dispatch::DispatchResult result = dispatch::dispatch_plan(instance);
        if (result.rejected > 0) std::cerr << "makepack_dispatch: bug: the checker rejected " << result.rejected
                                           << " dispatch plan(s)\n";
        if (!result.schedule) {
            std::cerr << "makepack_dispatch: no plan for " << instance.name << ": " << result.failure << "\n";
            return result.rejected > 0 ? 4 : 3;
        }
        const CheckResult check = check_schedule(instance, *result.schedule);
        write_file_atomically(output, schedule_to_yaml(instance, *result.schedule, check.objective));
        std::int64_t demand = 0, met = 0;
        std::vector<std::int64_t> produced(instance.products.size(), 0);
        for (const Row& row : result.schedule->rows)
            if (!instance.is_mixer(row.resource)) produced[static_cast<std::size_t>(row.product)] += row.amount;
        for (int s = instance.num_pastes; s < static_cast<int>(instance.products.size()); ++s) {
            demand += instance.products[static_cast<std::size_t>(s)].demand;
            met += std::min(produced[static_cast<std::size_t>(s)], instance.products[static_cast<std::size_t>(s)].demand);
        }
        std::printf("dispatch plan for %s (variant %s): objective %.2f, %zu rows, units %lld of %lld\n",
                    instance.name.c_str(), result.variant.c_str(), check.objective.total, result.schedule->rows.size(),
                    static_cast<long long>(met), static_cast<long long>(demand));
        return 0;
    } catch (const InputError& e) {
        std::cerr << "makepack_dispatch: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "makepack_dispatch: internal error: " << e.what() << "\n";
        return 4;
    }
}
