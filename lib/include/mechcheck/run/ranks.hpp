#pragma once
// The processes of a run across machines: `mpirun -np K mechcheck suite ...` in a build with
// MPI (CMake option MECHCHECK_MPI). Each process (rank) runs its share of the checks and every
// rank then holds all the records (run_checks gathers them), so every rank computes the same
// report and exit status; rank 0 alone prints and writes files. Without MPI, or when the
// program was not started by mpirun, there is one rank.
#include <string>
#include <vector>

namespace mechcheck {

struct Ranks {
  int rank = 0;  // this process, 0 .. size - 1
  int size = 1;  // how many
  bool primary() const { return rank == 0; }
};

// Starts MPI for the program's lifetime when built with it (ends it on destruction); one, in main,
// before any check runs. Without MPI it does nothing.
class RankSession {
 public:
  RankSession(int& argc, char**& argv);
  ~RankSession();
  RankSession(const RankSession&) = delete;
  RankSession& operator=(const RankSession&) = delete;
};

// This process and how many there are (one rank before a RankSession and without MPI).
const Ranks& ranks();

// Every rank's strings, in rank order, on every rank (MPI_Allgatherv); without MPI, {mine}.
std::vector<std::vector<std::string>> gather_to_all_ranks(const std::vector<std::string>& mine);

// Whether the build has MPI.
bool built_with_mpi();

// Empty, unless a build without MPI was started as one of several processes by mpirun or srun
// (each would then run every check and write the same files): then what to say, before any work.
std::string unshared_launch_error();

}  // namespace mechcheck
