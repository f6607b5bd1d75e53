#include "solver/cli/cli_signals.hpp"

#include <cstring>
#include <signal.h>
#include <unistd.h>

namespace makepack::cli {

namespace {

// Only lock-free atomics and async-signal-safe calls (write, kill, _exit) below.
std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};
std::atomic<int> g_count{0};
std::atomic<bool> g_planning{false};
std::atomic<pid_t> g_child{0};
std::atomic<bool> g_writing{false};  // an output file is being renamed into place
std::atomic<int> g_exit_pending{0};  // a second signal that arrived meanwhile

void say(const char* text) {
    const ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
    (void)ignored;
}

[[noreturn]] void second_signal_exit(int sig) {
    say(sig == SIGTERM ? "makepack: second signal (SIGTERM): stopped at once\n"
                       : "makepack: second signal (SIGINT): stopped at once\n");
    ::_exit(128 + sig);
}

extern "C" void on_stop_signal(int sig) {
    const int count = g_count.fetch_add(1) + 1;
    int expected = 0;
    g_signal.compare_exchange_strong(expected, sig);
    g_stop.store(true);
    if (count == 1 && g_planning.load()) return;  // the search stops; the best plan is written
    if (g_writing.load()) {  // any thread may run this handler: a flag, not a signal mask
        g_exit_pending.store(sig);
        return;
    }
    if (const pid_t child = g_child.load(); child > 0) ::kill(child, SIGKILL);
    const bool term = sig == SIGTERM;
    if (count == 1)
        say(term ? "makepack: terminated (SIGTERM) before a plan existed; nothing written\n"
                 : "makepack: interrupted (SIGINT) before a plan existed; nothing written\n");
    else
        second_signal_exit(sig);
    ::_exit(128 + sig);
}

}  // namespace

StopSignals::StopSignals() {
    g_stop = false;
    g_signal = 0;
    g_count = 0;
    g_planning = false;
    g_child = 0;
    g_writing = false;
    g_exit_pending = 0;
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &old_int_);
    ::sigaction(SIGTERM, &action, &old_term_);
}

StopSignals::~StopSignals() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
    g_planning = false;
}

void StopSignals::planning() { g_planning = true; }
void StopSignals::set_child(pid_t pid) { g_child = pid; }
const std::atomic<bool>* StopSignals::flag() const { return &g_stop; }
bool StopSignals::stopped() const { return g_stop.load(); }
int StopSignals::signal() const { return g_signal.load(); }
std::string StopSignals::signal_name() const {
    switch (signal()) {
        case SIGINT: return "SIGINT";
        case SIGTERM: return "SIGTERM";
        case 0: return "";
        default: return "signal " + std::to_string(signal());
    }
}

StopSignals::Defer::Defer() { g_writing = true; }

StopSignals::Defer::~Defer() {
    g_writing = false;
    if (const int sig = g_exit_pending.exchange(0); sig != 0) second_signal_exit(sig);
}

}  // namespace makepack::cli
