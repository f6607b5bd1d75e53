#include "solver/mpi/batch_ranks.hpp"

#include "model/output_file.hpp"
#include "solver/mpi/session.hpp"

#include <boost/mpi/communicator.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

namespace boost::serialization {

template <class Archive, class T>
void optional_field(Archive& ar, std::optional<T>& value) {
    bool has = value.has_value();
    T x = value.value_or(T{});
    ar & has & x;
    if constexpr (Archive::is_loading::value) value = has ? std::optional<T>(x) : std::nullopt;
}

template <class Archive>
void serialize(Archive& ar, makepack::BatchRow& r, unsigned) {
    ar & r.index & r.file & r.instance & r.status & r.seconds & r.peak_memory_mb & r.message & r.schedule;
    optional_field(ar, r.objective);
    optional_field(ar, r.bound);
    optional_field(ar, r.gap);
    optional_field(ar, r.time_to_best);
    optional_field(ar, r.fill_rate);
    optional_field(ar, r.unmet);
}

}  // namespace boost::serialization

namespace makepack::mpi {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

enum Tag : int {
    kWork = 1,       // 0 -> rank: long long index into the instances; -1 = done, -2 = done and a rank died
    kResult = 2,     // rank -> 0: (row, schedule text); status "" = killed by a second Ctrl-C
    kHeartbeat = 3,  // rank -> 0, every second while solving
    kStop = 4,       // 0 -> rank: int, the interruptions seen by rank 0 (1 = stop and keep the best, 2 = kill)
};

constexpr auto kPoll = std::chrono::milliseconds(10);

double rank_timeout_seconds() {
    if (const char* text = std::getenv("MAKEPACK_MPI_RANK_TIMEOUT")) {
        char* end = nullptr;
        const double value = std::strtod(text, &end);
        if (end != text && value > 0) return value;
    }
    return 60;
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The instances by file size, largest first (missing files last), so the long
// solves start early and the last ones to finish are short.
std::vector<std::size_t> largest_first(const std::vector<std::string>& files) {
    std::vector<std::pair<std::uintmax_t, std::size_t>> sized;
    for (std::size_t k = 0; k < files.size(); ++k) {
        std::error_code ec;
        const std::uintmax_t bytes = fs::file_size(files[k], ec);
        sized.push_back({ec ? 0 : bytes, k});
    }
    std::stable_sort(sized.begin(), sized.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::size_t> order;
    for (const auto& [bytes, k] : sized) order.push_back(k);
    return order;
}

}  // namespace

std::optional<int> serve_batch_if_worker(const BatchOptions& options) {
    if (!active() || rank() == 0) return std::nullopt;
    boost::mpi::communicator world;
    const unsigned threads = threads_per_rank(options.threads, false);
    // This rank's jobs write into a private directory; rank 0 writes the results.
    const fs::path own = fs::path(options.out_dir.empty() ? "." : options.out_dir) /
                         (".rank-" + std::to_string(rank()) + "-" + std::to_string(::getpid()));
    BatchOptions mine = options;
    mine.out_dir = own.string();
    mine.jobs = 1;
    mine.threads = threads;
    mine.on_finished = nullptr;
    std::atomic<int> stops{0};
    mine.interrupts = &stops;
    auto take_stop = [&] {
        while (auto status = world.iprobe(0, kStop)) {
            int seen = 0;
            world.recv(0, kStop, seen);
            stops = std::max(stops.load(), seen);
        }
        if (options.interrupts) stops = std::max(stops.load(), options.interrupts->load());
    };
    auto last_beat = Clock::now();
    mine.on_tick = [&] {
        if (Clock::now() - last_beat >= std::chrono::seconds(1)) {
            world.send(0, kHeartbeat);
            last_beat = Clock::now();
        }
        take_stop();
    };
    const char* die_on = std::getenv("MAKEPACK_TEST_MPI_DIE_ON");  // tests: this rank dies on that instance
    for (;;) {
        take_stop();
        const auto work = world.iprobe(0, kWork);
        if (!work) {
            std::this_thread::sleep_for(kPoll);
            continue;
        }
        long long index = -1;
        world.recv(0, kWork, index);
        if (index == -2) set_rank_lost();  // MPI_Finalize would wait for the dead rank forever: main.cpp skips it
        if (index < 0 || static_cast<std::size_t>(index) >= options.instances.size()) break;
        const std::string& file = options.instances[static_cast<std::size_t>(index)];
        if (die_on && fs::path(file).filename() == die_on) ::raise(SIGKILL);
        mine.instances = {file};
        last_beat = Clock::now();
        BatchRow row;
        std::string text;
        try {
            const BatchResult result = makepack::run_batch(mine);
            if (!result.rows.empty()) {
                row = result.rows.front();
                if (!row.schedule.empty()) {
                    text = read_all(row.schedule);
                    std::error_code ec;
                    fs::remove(row.schedule, ec);
                }
            } else if (result.killed == 0) {  // this rank was stopped (a signal of its own) before the job started
                row.status = "error";
                row.instance = fs::path(file).stem().string();
                row.message = "not run: rank " + std::to_string(rank()) + " was stopped by a signal";
            }  // else killed by a second interruption: status ""
        } catch (const std::exception& e) {
            row.status = "error";
            row.message = std::string("rank ") + std::to_string(rank()) + ": " + e.what();
        }
        row.index = static_cast<std::size_t>(index);
        row.file = file;
        world.send(0, kResult, std::make_pair(row, text));
    }
    std::error_code ec;
    fs::remove_all(own, ec);
    return 0;
}

BatchResult run_batch_over_ranks(const BatchOptions& options) {
    boost::mpi::communicator world;
    threads_per_rank(options.threads, false);  // collective: the workers compute theirs
    const fs::path dir = options.out_dir.empty() ? fs::path(".") : fs::path(options.out_dir);
    prepare_out_dir(options.out_dir);
    BatchResult result;
    result.summary_path = (dir / "summary.csv").string();
    const std::size_t total = options.instances.size();
    const double timeout = rank_timeout_seconds();
    std::map<std::size_t, BatchRow> finished;
    std::set<std::string> used_names;
    auto write_summary = [&] {
        std::vector<BatchRow> rows;
        for (const auto& [index, row] : finished) rows.push_back(row);
        try {
            write_file_atomically(result.summary_path, summary_csv(rows));
        } catch (const std::exception& e) {
            std::fprintf(stderr, "makepack batch: %s\n", e.what());
        }
    };
    auto record = [&](const BatchRow& row) {
        finished[row.index] = row;
        write_summary();
        if (options.on_finished) options.on_finished(row, finished.size(), total);
    };
    write_summary();

    struct Rank {
        bool alive = true;
        std::optional<std::size_t> job;
        Clock::time_point last_heard;
    };
    std::vector<Rank> ranks(static_cast<std::size_t>(size()));
    const std::vector<std::size_t> order = largest_first(options.instances);
    std::size_t next = 0;
    int forwarded = 0;
    auto busy = [&] { return std::count_if(ranks.begin() + 1, ranks.end(), [](const Rank& r) { return r.alive && r.job; }); };
    auto any_alive = [&] { return std::any_of(ranks.begin() + 1, ranks.end(), [](const Rank& r) { return r.alive; }); };

    for (;;) {
        const int seen = options.interrupts ? options.interrupts->load() : 0;
        if (seen > 0) result.interrupted = true;
        if (seen > forwarded) {
            for (int r = 1; r < size(); ++r)
                if (ranks[r].alive && ranks[r].job) world.send(r, kStop, seen);
            forwarded = seen;
        }
        if (seen == 0)
            for (int r = 1; r < size() && next < total; ++r)
                if (ranks[r].alive && !ranks[r].job) {
                    const std::size_t index = order[next++];
                    world.send(r, kWork, static_cast<long long>(index));
                    ranks[r].job = index;
                    ranks[r].last_heard = Clock::now();
                }
        if ((seen > 0 || !any_alive()) && next < total) {
            result.not_started += total - next;
            next = total;
        }
        if (busy() == 0 && next >= total) break;

        bool heard = false;
        while (const auto status = world.iprobe(boost::mpi::any_source, boost::mpi::any_tag)) {
            heard = true;
            const int from = status->source();
            Rank& sender = ranks[static_cast<std::size_t>(from)];
            sender.last_heard = Clock::now();
            sender.alive = true;  // a rank given up for lost that speaks again is back
            if (status->tag() == kHeartbeat) {
                world.recv(from, kHeartbeat);
                continue;
            }
            std::pair<BatchRow, std::string> message;
            world.recv(from, status->tag(), message);
            if (status->tag() != kResult) continue;
            sender.job.reset();
            BatchRow& row = message.first;
            if (row.status.empty()) {  // killed by a second Ctrl-C: left out, as run_batch does
                ++result.killed;
                continue;
            }
            row.schedule.clear();
            if (!message.second.empty()) {
                // The rank's job checked the plan before writing it; here it is moved into place as run_batch does.
                const std::string tmp = (dir / (".batch-rank" + std::to_string(from) + "-" + std::to_string(row.index) +
                                                ".schedule.yaml"))
                                            .string();
                try {
                    write_file_atomically(tmp, message.second);
                    place_schedule(tmp, dir.string(), row, used_names);
                } catch (const std::exception& e) {
                    row.status = "error";
                    row.message = e.what();
                }
            }
            record(row);
        }
        const auto now = Clock::now();
        for (int r = 1; r < size(); ++r) {
            Rank& rank_state = ranks[r];
            if (!rank_state.alive || !rank_state.job ||
                std::chrono::duration<double>(now - rank_state.last_heard).count() < timeout)
                continue;
            rank_state.alive = false;
            set_rank_lost();
            BatchRow row;
            row.index = *rank_state.job;
            row.file = options.instances[row.index];
            row.instance = fs::path(row.file).stem().string();
            row.status = "error";
            row.message = "lost: rank " + std::to_string(r) + " stopped answering while solving it (no word for " +
                          std::to_string(static_cast<int>(timeout)) + " s; the rank died?)";
            row.seconds = timeout;
            rank_state.job.reset();
            record(row);
        }
        if (!heard) std::this_thread::sleep_for(kPoll);
    }
    for (int r = 1; r < size(); ++r)
        if (ranks[r].alive) world.send(r, kWork, rank_lost() ? -2LL : -1LL);
    // A dead rank's private directory (its job's temporary files) stays behind: remove it.
    std::error_code ec;
    for (int r = 1; r < size(); ++r)
        if (!ranks[r].alive)
            for (const auto& entry : fs::directory_iterator(dir, ec))
                if (entry.path().filename().string().rfind(".rank-" + std::to_string(r) + "-", 0) == 0)
                    fs::remove_all(entry.path(), ec);
    for (const auto& [index, row] : finished) result.rows.push_back(row);
    return result;
}

}  // namespace makepack::mpi
