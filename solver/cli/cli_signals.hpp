// SIGINT and SIGTERM for `solve` and `review` (docs/cli.md, "Signals"). Job
// schedulers (Slurm, systemd, container runtimes) stop programs with SIGTERM
// before SIGKILL, so both mean the same: stop and keep the best plan.
//   - While there cannot be a plan yet (loading, the bound), a signal ends the
//     program at once: "nothing written", exit 128 + signal (130, 143).
//   - While planning, the first signal sets the stop flag: the search ends,
//     the best plan is checked and written as usual (exit 0); without a plan
//     the command exits 128 + signal.
//   - A second signal ends the program at once, exit 128 + signal.
#pragma once

#include <atomic>
#include <csignal>
#include <string>
#include <sys/types.h>

namespace makepack::cli {

class StopSignals {
public:
    // Installs the handlers (one StopSignals at a time); the phase starts as
    // "no plan yet".
    StopSignals();
    // Restores the previous handlers.
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    // From here on a first signal only sets the flag (SolveOptions::stop).
    void planning();
    // A child process that a signal before planning() must end too (the bound).
    static void set_child(pid_t pid);

    const std::atomic<bool>* flag() const;
    bool stopped() const;
    int signal() const;              // the first signal received, 0 = none
    std::string signal_name() const;  // "SIGINT", "SIGTERM"
    int exit_code() const { return 128 + signal(); }

    // Holds back a second signal while output files are written (temporary
    // file, then rename), so none is left half-done; the program then ends
    // when the guard goes out of scope.
    class Defer {
    public:
        Defer();
        ~Defer();
        Defer(const Defer&) = delete;
        Defer& operator=(const Defer&) = delete;
    };

private:
    struct sigaction old_int_ {};
    struct sigaction old_term_ {};
};

}  // namespace makepack::cli
