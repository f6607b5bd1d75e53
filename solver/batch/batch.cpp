#include "solver/batch/batch.hpp"

#include "model/bound/lower_bound.hpp"
#include "model/checker.hpp"
#include "model/input_error.hpp"
#include "model/instance_loader.hpp"
#include "model/kpi.hpp"
#include "model/schedule_io.hpp"
#include "solver/solve/partial_plan.hpp"
#include "solver/solve/bound_phase.hpp"
#include "solver/solve/run_summary.hpp"
#include "solver/solve/solve.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <new>
#include <set>
#include <stdexcept>
#include <thread>

namespace makepack {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// ---- the job, run inside the child process ----------------------------------

std::atomic<bool> g_job_stop{false};
extern "C" void on_job_signal(int) { g_job_stop = true; }

struct JobSettings {
    double time_limit = 10;
    unsigned threads = 1;
    unsigned seed = 0;
    LoadOptions load;
};

struct JobResult {
    std::string status = "error";
    std::string instance;
    std::string message;
    std::optional<double> objective, bound, time_to_best, fill_rate;
    std::optional<std::int64_t> unmet;
    RunFacts facts;
    bool wrote = false;  // the schedule (or the partial plan) is in the job's temporary file
};

std::string one_line(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (text.size() > 2000) text = text.substr(0, 2000) + "...";
    return text;
}

std::string fixed_text(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

// Why the instance file cannot be read at all (none: it can).
std::optional<std::string> unreadable_instance(const std::string& path) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return "cannot read instance file '" + path + "': no such file";
    if (fs::is_directory(st)) return "cannot read instance file '" + path + "': it is a directory";
    return std::nullopt;
}

std::string first_violation(const CheckResult& check) {
    return check.violations.empty() ? std::string("?") : to_string(check.violations.front());
}

// Fill rate and unmet units of the plan written.
void record_demand(JobResult& r, const Instance& instance, const Schedule& plan) {
    const DemandTotals totals = demand_totals(sku_kpis(instance, plan));
    r.fill_rate = totals.fill_rate;
    r.unmet = totals.unmet;
}

SolveOptions job_solve_options(const JobSettings& settings, const LowerBound& bound) {
    SolveOptions options;
    options.time_limit_seconds = settings.time_limit;
    options.threads = settings.threads;
    options.seed = settings.seed;
    options.lower_bound = bound.bound;
    if (bound.bound > 0) options.target = bound.bound;
    options.stop = &g_job_stop;
    return options;
}

// As solve --partial: the best plan, marked, checked with that demand soft.
void write_partial(JobResult& r, const Instance& instance, const SolveOutcome& outcome, const std::string& schedule_tmp) {
    const PartialPlanFile file = partial_plan_file(instance, *outcome.partial, outcome.shortfall);
    if (!file.check.feasible()) {
        r.status = "error";
        r.message = "internal error: the checker rejects the partial plan (first: " + first_violation(file.check) +
                    "); nothing written";
        return;
    }
    write_file_atomically(schedule_tmp, file.text);
    r.wrote = true;
    r.status = "partial";  // no objective in the summary: its file's is not comparable (demand soft at price 0)
    r.time_to_best = outcome.time_to_best;
    record_demand(r, instance, *outcome.partial);
    r.message = "no full plan: " + outcome.failure;
}

// The plan, checked once more before it is written.
void write_solved(JobResult& r, const Instance& instance, const SolveOutcome& outcome, const std::string& schedule_tmp) {
    const CheckResult check = check_schedule(instance, *outcome.schedule);
    if (!check.feasible()) {
        r.status = "error";
        r.message = "internal error: the checker rejects the schedule of the " + outcome.method + " (" +
                    std::to_string(std::max(check.violation_count, check.violations.size())) +
                    " violations; first: " + first_violation(check) + "); nothing written";
        return;
    }
    write_file_atomically(schedule_tmp, schedule_to_yaml(instance, *outcome.schedule, check.objective));
    r.wrote = true;
    r.status = "solved";
    r.objective = check.objective.total;
    r.facts.objective = check.objective;
    r.time_to_best = outcome.time_to_best;
    record_demand(r, instance, *outcome.schedule);
    if (g_job_stop)
        r.message = "interrupted: the best plan after " + fixed_text(outcome.seconds, 1) + " s";
    else if (r.bound && check.objective.total <= *r.bound + 1e-6 * std::max(1.0, *r.bound))
        r.message = "optimal (reaches the lower bound)";
}

void solve_job(JobResult& r, const std::string& path, const JobSettings& settings, const std::string& schedule_tmp) {
    if (const auto why = unreadable_instance(path)) {
        r.status = "bad-input";
        r.message = *why;
        return;
    }
    const Instance instance = load_instance(path, settings.load);
    r.instance = instance.name.empty() ? r.instance : instance.name;

    // As `solve` does: the gap and a stop at a proven optimum, time-boxed (solver/solve/bound_phase.hpp).
    const LowerBound bound = cli::run_bound_phase(instance, cli::bound_options_for(settings.time_limit),
                                                  cli::bound_wall_seconds(settings.time_limit), &g_job_stop)
                                 .bound.value_or(LowerBound{});
    if (bound.infeasible) {
        r.status = "infeasible";
        r.message = "proven infeasible: " + bound.reason;
        return;
    }
    if (bound.bound > 0) r.bound = bound.bound;

    const SolveOutcome outcome = solve_instance(instance, job_solve_options(settings, bound));
    r.facts = run_facts(outcome, settings.seed, path);
    if (!outcome.schedule && outcome.partial) return write_partial(r, instance, outcome, schedule_tmp);
    if (!outcome.schedule) {
        if (g_job_stop) {
            r.status = "error";
            r.message = "interrupted before a plan was found";
        } else {
            r.status = "infeasible";
            r.message = "no schedule found: " + outcome.failure;
        }
        return;
    }
    write_solved(r, instance, outcome, schedule_tmp);
}

JobResult run_job(const std::string& path, const JobSettings& settings, const std::string& schedule_tmp) {
    JobResult r;
    r.instance = fs::path(path).stem().string();
    try {
        solve_job(r, path, settings, schedule_tmp);
    } catch (const InputError& e) {
        r.status = "bad-input";
        r.message = e.what();
    } catch (const std::bad_alloc&) {
        r.status = "error";
        r.message = "out of memory";
    } catch (const std::exception& e) {
        r.status = "error";
        r.message = std::string("internal error: ") + e.what();
    } catch (...) {
        r.status = "error";
        r.message = "internal error: unknown exception";
    }
    return r;
}

// key<TAB>value lines through the pipe.
std::string serialize(const JobResult& r) {
    std::string text;
    auto put = [&text](const char* key, const std::string& value) { text += std::string(key) + "\t" + one_line(value) + "\n"; };
    put("status", r.status);
    put("instance", r.instance);
    put("message", r.message);
    if (r.objective) put("objective", exact_number_text(*r.objective));
    if (r.bound) put("bound", exact_number_text(*r.bound));
    if (r.time_to_best) put("time_to_best", exact_number_text(*r.time_to_best));
    if (r.fill_rate) put("fill_rate", exact_number_text(*r.fill_rate));
    if (r.unmet) put("unmet", std::to_string(*r.unmet));
    text += run_facts_lines(r.facts);
    put("wrote", r.wrote ? "1" : "0");
    put("end", "");
    return text;
}

std::optional<JobResult> deserialize(const std::string& text) {
    JobResult r;
    bool complete = false;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t eol = text.find('\n', at);
        if (eol == std::string::npos) break;
        const std::string line = text.substr(at, eol - at);
        at = eol + 1;
        const std::size_t tab = line.find('\t');
        if (tab == std::string::npos) continue;
        const std::string key = line.substr(0, tab), value = line.substr(tab + 1);
        try {
            if (key == "status") r.status = value;
            else if (key == "instance") r.instance = value;
            else if (key == "message") r.message = value;
            else if (key == "objective") r.objective = std::stod(value);
            else if (key == "bound") r.bound = std::stod(value);
            else if (key == "time_to_best") r.time_to_best = std::stod(value);
            else if (key == "fill_rate") r.fill_rate = std::stod(value);
            else if (key == "unmet") r.unmet = std::stoll(value);
            else if (key == "wrote") r.wrote = value == "1";
            else if (key == "end") complete = true;
            else read_run_fact(r.facts, key, value);
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    if (!complete) return std::nullopt;
    return r;
}

void write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return;
        }
        done += static_cast<std::size_t>(n);
    }
}

[[noreturn]] void child_main(const std::string& path, const JobSettings& settings, const std::string& schedule_tmp,
                             int result_fd, const std::atomic<int>* interrupts) {
    struct sigaction action {};
    action.sa_handler = on_job_signal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    // A Ctrl-C that reached us before the handler above ran the parent's copy.
    if (interrupts && interrupts->load() > 0) g_job_stop = true;
    const JobResult result = run_job(path, settings, schedule_tmp);
    write_all(result_fd, serialize(result));
    ::close(result_fd);
    std::fflush(nullptr);
    ::_exit(0);
}

// ---- the parent ---------------------------------------------------------------------

struct Running {
    std::size_t index = 0;
    pid_t pid = -1;
    int fd = -1;
    std::string buffer;
    Clock::time_point started;
    std::string schedule_tmp;
    bool killed_for_time = false;
    bool killed_by_user = false;
};

void drain(Running& job) {
    char chunk[4096];
    for (;;) {
        const ssize_t n = ::read(job.fd, chunk, sizeof chunk);
        if (n > 0) {
            job.buffer.append(chunk, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        return;  // 0 = end of file, or EAGAIN
    }
}

std::string signal_text(int signal) {
    const char* name = ::strsignal(signal);
    return "signal " + std::to_string(signal) + (name ? std::string(" (") + name + ")" : std::string());
}

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string schedule_file_name(std::string name) {
    if (name.empty()) name = "instance";
    for (char& c : name)
        if (c == '/' || c == '\\') c = '_';
    if (name == "." || name == "..") name = "instance";
    return name;
}

}  // namespace

bool BatchResult::all_solved() const {
    if (interrupted || not_started > 0 || killed > 0) return false;
    return std::all_of(rows.begin(), rows.end(), [](const BatchRow& r) { return r.status == "solved"; });
}

unsigned threads_per_job(unsigned threads, unsigned jobs) {
    const unsigned total = threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
    return std::max(1u, total / std::max(1u, jobs));
}

std::string summary_csv(const std::vector<BatchRow>& rows) {
    std::string text =
        "instance,status,objective,bound,gap,time_to_best,seconds,peak_memory_mb,message,file,fill_rate,unmet" +
        run_facts_csv_header() + "\n";
    auto opt = [](const std::optional<double>& v, int decimals) { return v ? fixed_text(*v, decimals) : std::string(); };
    // Truncated, not rounded: 1.000000 only when nothing is short (as fill_rate_text).
    auto fill = [](const std::optional<double>& v) {
        if (!v) return std::string();
        if (*v >= 1) return fixed_text(1.0, 6);
        return fixed_text(std::min(999999.0, std::floor(std::max(0.0, *v) * 1e6 + 1e-4)) / 1e6, 6);
    };
    for (const BatchRow& r : rows) {
        text += csv_field(r.instance) + "," + r.status + "," + opt(r.objective, 2) + "," + opt(r.bound, 2) + "," +
                opt(r.gap, 2) + "," + opt(r.time_to_best, 3) + "," + fixed_text(r.seconds, 3) + "," +
                fixed_text(r.peak_memory_mb, 1) + "," + csv_field(r.message) + "," + csv_field(r.file) + "," +
                fill(r.fill_rate) + "," + (r.unmet ? std::to_string(*r.unmet) : std::string()) + run_facts_csv(r.facts) + "\n";
    }
    return text;
}

void place_schedule(const std::string& from, const std::string& out_dir, BatchRow& row, std::set<std::string>& used_names) {
    const fs::path dir = out_dir.empty() ? fs::path(".") : fs::path(out_dir);
    std::string base = schedule_file_name(row.instance);
    std::string name = base;
    for (int k = 2; used_names.count(name); ++k) name = base + "-" + std::to_string(k);
    const bool partial = row.status == "partial";  // not a feasible plan: another suffix
    const fs::path target = dir / (name + (partial ? ".partial.yaml" : ".schedule.yaml"));
    std::error_code ec;
    fs::rename(from, target, ec);
    if (ec) {
        row.status = "error";
        row.message = "cannot write '" + target.string() + "': " + ec.message();
        return;
    }
    used_names.insert(name);
    row.schedule = target.string();
    if (name != base)
        row.message = (row.message.empty() ? "" : row.message + "; ") + "another instance of the batch is also named '" +
                      base + "': schedule written to " + target.filename().string();
}

FinishedRows::FinishedRows(const BatchOptions& options) : options_(options) {
    prepare_out_dir(options.out_dir);
    summary_path_ = ((options.out_dir.empty() ? fs::path(".") : fs::path(options.out_dir)) / "summary.csv").string();
    write_summary();
}

void FinishedRows::add(const BatchRow& row) {
    rows_[row.index] = row;
    write_summary();
    if (options_.on_finished) options_.on_finished(row, rows_.size(), options_.instances.size());
}

std::vector<BatchRow> FinishedRows::rows() const {
    std::vector<BatchRow> rows;
    for (const auto& [index, row] : rows_) rows.push_back(row);
    return rows;
}

void FinishedRows::write_summary() const {
    try {
        write_file_atomically(summary_path_, summary_csv(rows()));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "makepack batch: %s\n", e.what());  // "cannot write 'PATH': reason"
    }
}

void prepare_out_dir(const std::string& out_dir) {
    const fs::path dir = out_dir.empty() ? fs::path(".") : fs::path(out_dir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!fs::is_directory(dir, ec)) throw std::runtime_error("cannot create the output directory '" + dir.string() + "'");
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
        throw std::runtime_error("the output directory '" + dir.string() + "' is not writable");
}

namespace {

// One batch run in the parent: starts a child per instance (at most `jobs` at
// once), forwards Ctrl-C, kills a job past its time, reaps results into rows
// and rewrites summary.csv after each.
class BatchRun {
public:
    explicit BatchRun(const BatchOptions& options)
        : options_(options), dir_(options.out_dir.empty() ? fs::path(".") : fs::path(options.out_dir)),
          settings_{options.time_limit_seconds, threads_per_job(options.threads, options.jobs), options.seed,
                    options.load},
          kill_after_(options.kill_after_seconds > 0 ? options.kill_after_seconds : 2 * options.time_limit_seconds + 300),
          total_(options.instances.size()), jobs_(std::max(1u, options.jobs)),
          finished_(options) {
        result_.summary_path = finished_.summary_path();
    }

    BatchResult run() {
        while (next_ < total_ || !running_.empty()) {
            if (options_.on_tick) options_.on_tick();
            const int seen = options_.interrupts ? options_.interrupts->load() : 0;
            if (seen > 0) result_.interrupted = true;
            forward_interrupts(seen);
            while (seen == 0 && running_.size() < jobs_ && next_ < total_) running_.push_back(start_job(next_++));
            if (seen > 0 && next_ < total_) {
                result_.not_started += total_ - next_;
                next_ = total_;
            }
            if (running_.empty()) break;
            wait_and_reap();
        }
        result_.rows = finished_.rows();
        return result_;
    }

private:
    // A first Ctrl-C stops the searches (each keeps its best plan); a second kills the jobs.
    void forward_interrupts(int seen) {
        if (seen <= forwarded_) return;
        for (Running& job : running_) {
            if (seen >= 2) {
                job.killed_by_user = true;
                ::kill(job.pid, SIGKILL);
            } else {
                ::kill(job.pid, SIGINT);  // stop the search, keep the best plan
            }
        }
        forwarded_ = seen;
    }

    Running start_job(std::size_t index) {
        Running job;
        job.index = index;
        job.schedule_tmp =
            (dir_ / (".batch-" + std::to_string(::getpid()) + "-" + std::to_string(job.index) + ".schedule.yaml")).string();
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
        std::fflush(nullptr);
        const pid_t pid = ::fork();
        if (pid < 0) {
            ::close(fds[0]);
            ::close(fds[1]);
            throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
        }
        if (pid == 0) {
            ::close(fds[0]);
            child_main(options_.instances[job.index], settings_, job.schedule_tmp, fds[1], options_.interrupts);
        }
        ::close(fds[1]);
        ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
        job.pid = pid;
        job.fd = fds[0];
        job.started = Clock::now();
        return job;
    }

    // Waits for output or a time step; then reaps what ended and kills what overran.
    void wait_and_reap() {
        std::vector<pollfd> fds;
        for (const Running& job : running_) fds.push_back(pollfd{job.fd, POLLIN, 0});
        ::poll(fds.data(), fds.size(), 50);
        for (std::size_t k = 0; k < running_.size();) {
            Running& job = running_[k];
            drain(job);
            int status = 0;
            rusage usage{};
            const pid_t done = ::wait4(job.pid, &status, WNOHANG, &usage);
            if (done == job.pid || (done < 0 && errno == ECHILD)) {  // ECHILD: reaped elsewhere, no status
                finish(job, done == job.pid ? status : 0, usage);
                running_.erase(running_.begin() + static_cast<std::ptrdiff_t>(k));
                continue;
            }
            if (!job.killed_for_time && seconds_since(job.started) > kill_after_) {
                job.killed_for_time = true;
                ::kill(job.pid, SIGKILL);
            }
            ++k;
        }
    }

    void finish(Running& job, int wait_status, const rusage& usage) {
        drain(job);
        ::close(job.fd);
        BatchRow row;
        row.index = job.index;
        row.file = options_.instances[job.index];
        row.instance = fs::path(row.file).stem().string();
        row.seconds = seconds_since(job.started);
        row.peak_memory_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // kB on Linux
        const std::optional<JobResult> parsed = deserialize(job.buffer);
        if (parsed) fill_row(row, *parsed, job);
        else {
            row.status = "error";
            row.message = no_result_message(job, wait_status);
        }
        remove_job_files(job, !parsed);
        if (job.killed_by_user) {  // a second Ctrl-C: it did not finish
            ++result_.killed;
            return;
        }
        finished_.add(row);
    }

    void fill_row(BatchRow& row, const JobResult& parsed, const Running& job) {
        row.instance = parsed.instance.empty() ? row.instance : parsed.instance;
        row.status = parsed.status;
        row.message = parsed.message;
        row.objective = parsed.objective;
        row.bound = parsed.bound;
        row.time_to_best = parsed.time_to_best;
        row.fill_rate = parsed.fill_rate;
        row.unmet = parsed.unmet;
        row.facts = parsed.facts;
        if (row.objective && row.bound && row.status == "solved")
            row.gap = gap_percent(*row.objective, *row.bound);
        if (parsed.wrote) place_schedule(job.schedule_tmp, dir_.string(), row, finished_.used_names());
    }

    // The row's message when the child sent no result (its status stays "error").
    std::string no_result_message(const Running& job, int wait_status) const {
        if (job.killed_for_time)
            return "killed: no result " + fixed_text(kill_after_, 0) + " s after the start (time limit " +
                   fixed_text(options_.time_limit_seconds, 1) + " s)";
        if (WIFSIGNALED(wait_status)) return "the job crashed: " + signal_text(WTERMSIG(wait_status));
        return "the job ended without a result (exit status " +
               std::to_string(WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1) + ")";
    }

    void remove_job_files(const Running& job, bool killed_while_writing) const {
        std::error_code ec;
        fs::remove(job.schedule_tmp, ec);
        if (!killed_while_writing) return;
        // A job killed while writing may leave write_file_atomically's temporary file.
        const std::string prefix = "." + fs::path(job.schedule_tmp).filename().string() + ".tmp-";
        for (const auto& entry : fs::directory_iterator(dir_, ec))
            if (entry.path().filename().string().rfind(prefix, 0) == 0) fs::remove(entry.path(), ec);
    }

    const BatchOptions& options_;
    const fs::path dir_;
    const JobSettings settings_;
    const double kill_after_;
    const std::size_t total_;
    const unsigned jobs_;
    FinishedRows finished_;
    BatchResult result_;
    std::vector<Running> running_;
    std::size_t next_ = 0;
    int forwarded_ = 0;  // interruptions passed on to the children
};

}  // namespace

BatchResult run_batch(const BatchOptions& options) { return BatchRun(options).run(); }

}  // namespace makepack
