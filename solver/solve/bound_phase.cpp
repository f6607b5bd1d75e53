#include "solver/solve/bound_phase.hpp"

#include "solver/cli/cli_signals.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace makepack::cli {

namespace {

// The child's answer on the pipe: infeasible, bound, used, reason.
std::string encode(const LowerBound& b) {
    std::string out;
    out += b.infeasible ? '1' : '0';
    out.append(reinterpret_cast<const char*>(&b.bound), sizeof b.bound);
    for (const std::string* text : {&b.used, &b.reason}) {
        const auto size = static_cast<std::uint32_t>(text->size());
        out.append(reinterpret_cast<const char*>(&size), sizeof size);
        out += *text;
    }
    return out;
}

std::optional<LowerBound> decode(const std::string& in) {
    LowerBound b;
    std::size_t pos = 0;
    const auto take = [&](void* to, std::size_t n) {
        if (in.size() - pos < n) return false;
        std::memcpy(to, in.data() + pos, n);
        pos += n;
        return true;
    };
    char infeasible = 0;
    if (!take(&infeasible, 1) || !take(&b.bound, sizeof b.bound)) return std::nullopt;
    b.infeasible = infeasible == '1';
    for (std::string* text : {&b.used, &b.reason}) {
        std::uint32_t size = 0;
        if (!take(&size, sizeof size) || in.size() - pos < size) return std::nullopt;
        text->assign(in, pos, size);
        pos += size;
    }
    return b;
}

[[noreturn]] void child(const Instance& instance, const BoundOptions& options, int fd) {
    int status = 1;
    try {
        const std::string answer = encode(compute_lower_bound(instance, options));
        std::size_t done = 0;
        while (done < answer.size()) {
            const ssize_t n = ::write(fd, answer.data() + done, answer.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) break;
            done += static_cast<std::size_t>(n);
        }
        status = done == answer.size() ? 0 : 1;
    } catch (...) {
    }
    ::_exit(status);  // no atexit handlers, no flushing of the parent's buffers
}

}  // namespace

BoundOptions bound_options_for(double time_limit_seconds) {
    BoundOptions options;
    options.time_limit_seconds = std::min(5.0, 0.1 * time_limit_seconds);
    return options;
}

double bound_wall_seconds(double time_limit_seconds) { return std::min(7.5, 0.15 * time_limit_seconds); }

BoundPhase run_bound_phase(const Instance& instance, const BoundOptions& options, double wall_seconds,
                           const std::atomic<bool>* stop) {
    BoundPhase phase;
    int fds[2];
    if (::pipe(fds) != 0) {
        phase.skipped = std::string("failed: ") + std::strerror(errno);
        return phase;
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        phase.skipped = std::string("failed: ") + std::strerror(errno);
        ::close(fds[0]);
        ::close(fds[1]);
        return phase;
    }
    if (pid == 0) {
        ::close(fds[0]);
        // The parent's handlers would act on the parent's state: the child simply dies,
        // also when the parent ends first (a signal right after the fork).
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGTERM, SIG_DFL);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(1);
        child(instance, options, fds[1]);
    }
    StopSignals::set_child(pid);
    ::close(fds[1]);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wall_seconds);
    std::string answer;
    bool done = false;
    while (!done) {
        if (stop && stop->load()) {
            phase.skipped = "interrupted";
            break;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            phase.skipped = "time";
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 50)));
        if (ready <= 0) continue;  // timeout or EINTR: look at the clock and the flag again
        char chunk[4096];
        const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
        if (n > 0) answer.append(chunk, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR) done = true;
    }
    ::close(fds[0]);
    if (!done) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    StopSignals::set_child(0);
    if (!done) return phase;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !(phase.bound = decode(answer)))
        phase.skipped = "failed: the bound computation ended abnormally";
    return phase;
}

}  // namespace makepack::cli
