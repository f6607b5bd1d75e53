// `mpirun ... makepack batch|solve` across MPI ranks (docs/mpi.md): a batch
// with a bad instance among good ones, a rank that dies mid-batch, an island
// solve. Skipped (with a message) where mpirun is missing or the build has no MPI.
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace makepack::fixtures;

namespace {

bool mpi_available() {
#if !MAKEPACK_MPI_ENABLED
    MESSAGE("skipped: makepack built with -DMAKEPACK_MPI=OFF");
    return false;
#elif MAKEPACK_SANITIZED
    // Open MPI's own allocations at exit (LeakSanitizer) and its uninstrumented
    // threads (TSan) would fail these runs; the search's exchange hook is
    // tested without MPI in search_exchange_test.cpp.
    MESSAGE("skipped in a sanitizer build: Open MPI's own leaks and threads are reported");
    return false;
#else
    if (shell("command -v mpirun >/dev/null 2>&1") != 0) {
        MESSAGE("skipped: mpirun not found (apt-get install openmpi-bin; scripts/setup.sh installs it)");
        return false;
    }
    return true;
#endif
}

// mpirun -n RANKS makepack ARGS..., as root too (CI), more ranks than cores, with `env` set in every rank.
Run mpirun(int ranks, const std::vector<std::string>& args, const std::vector<std::string>& env = {},
           const std::vector<std::string>& mpirun_options = {}) {
    std::vector<std::string> words = {"env", "OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1"};
    for (const std::string& e : env) words.push_back(e);
    words.insert(words.end(), {"mpirun", "--oversubscribe", "-n", std::to_string(ranks)});
    for (const std::string& e : env) words.insert(words.end(), {"-x", e.substr(0, e.find('='))});
    words.insert(words.end(), mpirun_options.begin(), mpirun_options.end());
    words.push_back(MAKEPACK_BINARY);
    words.insert(words.end(), args.begin(), args.end());
    return run_command(words);
}

// summary.csv rows by instance name: {status, objective, message}.


fs::path write_tiny(const TempDir& dir, const std::string& name) {
    write_text(dir / (name + ".yaml"), batch_plant_yaml(name));
    return dir / (name + ".yaml");
}

void check_verified(const fs::path& instance, const fs::path& schedule) {
    REQUIRE(fs::exists(schedule));
    CHECK_EXIT(run_makepack({}, {"verify", instance.string(), schedule.string()}), 0);
}

}  // namespace

TEST_CASE("mpi: a batch over 3 ranks - the bad instance is bad input, the good ones are solved and verified") {
    if (!mpi_available()) return;
    TempDir dir;
    const fs::path a = write_tiny(dir, "alpha"), b = write_tiny(dir, "beta"), c = write_tiny(dir, "gamma");
    write_text(dir / "broken.yaml", "name: [\n");
    const fs::path out = dir / "out";
    const Run run = mpirun(3, {"batch", a.string(), (dir / "broken.yaml").string(), b.string(), c.string(),
                               "--time-limit", "1", "--threads", "1", "--out", out.string()});
    CHECK_EXIT(run, 1);  // not all solved: the broken one
    CHECK(contains(run.err, "over 2 solving MPI ranks"));
    const auto rows = csv_rows(out / "summary.csv");
    REQUIRE(rows.size() == 4);  // command-line order
    CHECK(rows[0][0] == "alpha");
    CHECK(rows[0][1] == "solved");
    CHECK(rows[1][0] == "broken");
    CHECK(rows[1][1] == "bad-input");
    CHECK(contains(rows[1][8], "broken.yaml:"));  // file:line:col of the loader
    CHECK(rows[2][1] == "solved");
    CHECK(rows[3][1] == "solved");
    check_verified(a, out / "alpha.schedule.yaml");
    check_verified(b, out / "beta.schedule.yaml");
    check_verified(c, out / "gamma.schedule.yaml");
    CHECK_FALSE(fs::exists(out / "broken.schedule.yaml"));
    for (const auto& entry : fs::directory_iterator(out))  // no rank's private directory or temporary file is left
        CHECK(entry.path().filename().string().front() != '.');
}

TEST_CASE("mpi: a rank that dies mid-batch loses only its instance") {
    if (!mpi_available()) return;
    TempDir dir;
    const fs::path a = write_tiny(dir, "alpha"), doomed = write_tiny(dir, "doomed"), c = write_tiny(dir, "gamma");
    const fs::path out = dir / "out";
    // The rank given doomed.yaml kills itself (SIGKILL) on receiving it; rank 0
    // gives it up after 2 s of silence, the other rank solves the rest.
    const Run run = mpirun(3, {"batch", a.string(), doomed.string(), c.string(), "--time-limit", "1", "--threads", "1",
                               "--out", out.string()},
                           {"MAKEPACK_TEST_MPI_DIE_ON=doomed.yaml", "MAKEPACK_MPI_RANK_TIMEOUT=2"}, {"--enable-recovery"});
    INFO("stderr:\n" << run.err);
    const auto rows = csv_rows(out / "summary.csv");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0][1] == "solved");
    CHECK(rows[1][0] == "doomed");
    CHECK(rows[1][1] == "error");
    CHECK(contains(rows[1][8], "lost: rank"));
    CHECK(rows[2][1] == "solved");
    check_verified(a, out / "alpha.schedule.yaml");
    check_verified(c, out / "gamma.schedule.yaml");
    CHECK_FALSE(fs::exists(out / "doomed.schedule.yaml"));
    CHECK(contains(run.err, "2 solved, 0 infeasible, 0 bad input, 1 error"));
}

TEST_CASE("mpi: an island solve on 2 ranks writes one plan that passes verify") {
    if (!mpi_available()) return;
    TempDir dir;
    const fs::path instance = fs::path(MAKEPACK_SOURCE_DIR) / "instances" / "bench" / "small-tight.yaml";
    const fs::path plan = dir / "plan.yaml";
    const Run run = mpirun(2, {"solve", instance.string(), "-o", plan.string(), "--time-limit", "1.5", "--threads", "1"},
                           {"MAKEPACK_MPI_EXCHANGE_SECONDS=0.3"});
    CHECK_EXIT(run, 0);
    CHECK(contains(run.err, "islands: best plan from rank"));
    CHECK(contains(run.err, "rank 1: "));  // rank 1's plan reached rank 0
    check_verified(instance, plan);
    // Only rank 0 writes: one objective table on stdout.
    CHECK(run.out.find("Objective (minimise)") == run.out.rfind("Objective (minimise)"));
}
