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

namespace {

// Rank 0 of an MPI batch: hands instances out to the worker ranks (largest
// first), forwards Ctrl-C, places the schedules they send back, and gives up
// on a rank that stays silent past its timeout.
class RankBatch {
public:
    explicit RankBatch(const BatchOptions& options)
        : options_(options), dir_(options.out_dir.empty() ? fs::path(".") : fs::path(options.out_dir)),
          finished_(options), total_(options.instances.size()), timeout_(rank_timeout_seconds()),
          ranks_(static_cast<std::size_t>(size())), order_(largest_first(options.instances)) {
        result_.summary_path = finished_.summary_path();
    }

    BatchResult run() {
        for (;;) {
            const int seen = options_.interrupts ? options_.interrupts->load() : 0;
            if (seen > 0) result_.interrupted = true;
            forward_interrupts(seen);
            if (seen == 0) hand_out_work();
            if ((seen > 0 || !any_alive()) && next_ < total_) {
                result_.not_started += total_ - next_;
                next_ = total_;
            }
            if (busy() == 0 && next_ >= total_) break;
            const bool heard = receive();
            give_up_silent_ranks();
            if (!heard) std::this_thread::sleep_for(kPoll);
        }
        release_ranks();
        result_.rows = finished_.rows();
        return result_;
    }

private:
    struct Rank {
        bool alive = true;
        std::optional<std::size_t> job;
        Clock::time_point last_heard;
    };

    long busy() const {
        return std::count_if(ranks_.begin() + 1, ranks_.end(), [](const Rank& r) { return r.alive && r.job; });
    }
    bool any_alive() const {
        return std::any_of(ranks_.begin() + 1, ranks_.end(), [](const Rank& r) { return r.alive; });
    }

    void forward_interrupts(int seen) {
        if (seen <= forwarded_) return;
        for (int r = 1; r < size(); ++r)
            if (ranks_[r].alive && ranks_[r].job) world_.send(r, kStop, seen);
        forwarded_ = seen;
    }

    void hand_out_work() {
        for (int r = 1; r < size() && next_ < total_; ++r)
            if (ranks_[r].alive && !ranks_[r].job) {
                const std::size_t index = order_[next_++];
                world_.send(r, kWork, static_cast<long long>(index));
                ranks_[r].job = index;
                ranks_[r].last_heard = Clock::now();
            }
    }

    // Reads every waiting message; whether there was one.
    bool receive() {
        bool heard = false;
        while (const auto status = world_.iprobe(boost::mpi::any_source, boost::mpi::any_tag)) {
            heard = true;
            const int from = status->source();
            Rank& sender = ranks_[static_cast<std::size_t>(from)];
            sender.last_heard = Clock::now();
            sender.alive = true;  // a rank given up for lost that speaks again is back
            if (status->tag() == kHeartbeat) {
                world_.recv(from, kHeartbeat);
                continue;
            }
            std::pair<BatchRow, std::string> message;
            world_.recv(from, status->tag(), message);
            if (status->tag() != kResult) continue;
            sender.job.reset();
            take_result(from, message.first, message.second);
        }
        return heard;
    }

    void take_result(int from, BatchRow& row, const std::string& schedule_text) {
        if (row.status.empty()) {  // killed by a second Ctrl-C: left out, as run_batch does
            ++result_.killed;
            return;
        }
        row.schedule.clear();
        if (!schedule_text.empty()) {
            // The rank's job checked the plan before writing it; here it is moved into place as run_batch does.
            const std::string tmp =
                (dir_ / (".batch-rank" + std::to_string(from) + "-" + std::to_string(row.index) + ".schedule.yaml"))
                    .string();
            try {
                write_file_atomically(tmp, schedule_text);
                place_schedule(tmp, dir_.string(), row, finished_.used_names());
            } catch (const std::exception& e) {
                row.status = "error";
                row.message = e.what();
            }
        }
        finished_.add(row);
    }

    void give_up_silent_ranks() {
        const auto now = Clock::now();
        for (int r = 1; r < size(); ++r) {
            Rank& rank_state = ranks_[r];
            if (!rank_state.alive || !rank_state.job ||
                std::chrono::duration<double>(now - rank_state.last_heard).count() < timeout_)
                continue;
            rank_state.alive = false;
            set_rank_lost();
            BatchRow row;
            row.index = *rank_state.job;
            row.file = options_.instances[row.index];
            row.instance = fs::path(row.file).stem().string();
            row.status = "error";
            row.message = "lost: rank " + std::to_string(r) + " stopped answering while solving it (no word for " +
                          std::to_string(static_cast<int>(timeout_)) + " s; the rank died?)";
            row.seconds = timeout_;
            rank_state.job.reset();
            finished_.add(row);
        }
    }

    // Tells the live ranks the batch is done; removes the private directories of dead ones.
    void release_ranks() {
        for (int r = 1; r < size(); ++r)
            if (ranks_[r].alive) world_.send(r, kWork, rank_lost() ? -2LL : -1LL);
        std::error_code ec;
        for (int r = 1; r < size(); ++r)
            if (!ranks_[r].alive)
                for (const auto& entry : fs::directory_iterator(dir_, ec))
                    if (entry.path().filename().string().rfind(".rank-" + std::to_string(r) + "-", 0) == 0)
                        fs::remove_all(entry.path(), ec);
    }

    boost::mpi::communicator world_;
    const BatchOptions& options_;
    const fs::path dir_;
    FinishedRows finished_;
    const std::size_t total_;
    const double timeout_;
    std::vector<Rank> ranks_;
    const std::vector<std::size_t> order_;
    BatchResult result_;
    std::size_t next_ = 0;
    int forwarded_ = 0;
};

}  // namespace

BatchResult run_batch_over_ranks(const BatchOptions& options) {
    threads_per_rank(options.threads, false);  // collective: the workers compute theirs
    return RankBatch(options).run();
}

}  // namespace makepack::mpi
