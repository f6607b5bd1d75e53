#include "solver/mpi/session.hpp"

#include <boost/mpi/environment.hpp>
#include <mpi.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <algorithm>
#include <memory>
#include <thread>
#include <unistd.h>

namespace makepack::mpi {

namespace {
std::unique_ptr<boost::mpi::environment> g_environment;
int g_rank = 0;
int g_size = 1;
bool g_rank_lost = false;
}  // namespace

Session::Session(int& argc, char**& argv) {
    if (!launched_by_mpi()) return;
    g_environment = std::make_unique<boost::mpi::environment>(argc, argv, boost::mpi::threading::serialized, true);
    MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &g_size);
}

Session::~Session() {
    if (g_rank_lost) exit_without_finalize(0);  // not reached: main.cpp exits first
    g_environment.reset();
}

bool active() { return g_size > 1; }
int rank() { return g_rank; }
int size() { return g_size; }
unsigned threads_per_rank(unsigned threads, bool rank0_solves) {
    MPI_Comm node;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
    int node_size = 1, lowest = 0;
    const int me = rank();
    MPI_Comm_size(node, &node_size);
    MPI_Allreduce(&me, &lowest, 1, MPI_INT, MPI_MIN, node);
    MPI_Comm_free(&node);
    if (threads != 0) return threads;
    const int solvers = std::max(1, node_size - (lowest == 0 && !rank0_solves ? 1 : 0));
    return std::max(1u, std::max(1u, std::thread::hardware_concurrency()) / static_cast<unsigned>(solvers));
}

bool rank_lost() { return g_rank_lost; }
void set_rank_lost() { g_rank_lost = true; }

void exit_without_finalize(int code) {
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    ::_exit(code);
}

}  // namespace makepack::mpi
