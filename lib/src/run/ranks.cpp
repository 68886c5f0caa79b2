#include "mechcheck/run/ranks.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <thread>

#ifdef MECHCHECK_MPI
#include <mpi.h>
#endif

namespace mechcheck {
namespace {

// How many processes a launcher (mpirun/mpiexec, or a PMI launcher such as srun) says it started
// together with this one; 1 when none says so.
long launched_processes() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    if (const char* value = std::getenv(name)) {
      char* end = nullptr;
      const long n = std::strtol(value, &end, 10);
      if (end != value && *end == '\0' && n > 1) return n;
    }
  return 1;
}

Ranks& the_ranks() {
  static Ranks r;
  return r;
}

#ifdef MECHCHECK_MPI
bool mpi_started_here = false;
std::thread::id mpi_thread;  // the thread that started MPI: the only one that may call it (MPI_THREAD_FUNNELED)

void check_mpi(int code, const char* what) {
  if (code != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + what + " failed");
}

// Strings as one buffer: each as its length (8 bytes, the machine's order: every rank runs the
// same build) followed by its bytes.
std::string pack(const std::vector<std::string>& strings) {
  std::string out;
  for (const auto& s : strings) {
    const unsigned long long n = s.size();
    out.append(reinterpret_cast<const char*>(&n), sizeof n);
    out += s;
  }
  return out;
}

std::vector<std::string> unpack(const char* data, std::size_t size) {
  std::vector<std::string> strings;
  std::size_t at = 0;
  while (at < size) {
    unsigned long long n = 0;
    if (size - at < sizeof n) throw std::runtime_error("MPI: a truncated gather buffer");
    std::copy(data + at, data + at + sizeof n, reinterpret_cast<char*>(&n));
    at += sizeof n;
    if (size - at < n) throw std::runtime_error("MPI: a truncated gather buffer");
    strings.emplace_back(data + at, n);
    at += n;
  }
  return strings;
}
#endif

}  // namespace

std::string unshared_launch_error() {
  if (built_with_mpi() || launched_processes() < 2) return "";
  return "this mechcheck was built without MPI (CMake option MECHCHECK_MPI=ON), yet started as one of " +
         std::to_string(launched_processes()) +
         " processes by a launcher: each would run every check and write the same outputs; run it once, "
         "or build with MPI";
}

bool built_with_mpi() {
#ifdef MECHCHECK_MPI
  return true;
#else
  return false;
#endif
}

#ifdef MECHCHECK_MPI
// Whether a launcher started this process as one of several: mpirun/mpiexec (Open MPI), or a PMI/PMIx
// launcher such as Slurm's srun. A program started alone does not start MPI: Open MPI's
// "singleton" start-up costs most of a second, on every command.
bool started_by_a_launcher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(name)) return true;
  return false;
}
#endif

RankSession::RankSession([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#ifdef MECHCHECK_MPI
  if (!started_by_a_launcher()) return;
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (!initialized) {
    // Checks use threads inside a rank (oneTBB), but only the main thread calls MPI.
    int provided = 0;
    check_mpi(MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
    mpi_started_here = true;
  }
  mpi_thread = std::this_thread::get_id();
  check_mpi(MPI_Comm_rank(MPI_COMM_WORLD, &the_ranks().rank), "MPI_Comm_rank");
  check_mpi(MPI_Comm_size(MPI_COMM_WORLD, &the_ranks().size), "MPI_Comm_size");
#endif
}

RankSession::~RankSession() {
#ifdef MECHCHECK_MPI
  if (mpi_started_here) MPI_Finalize();
  mpi_started_here = false;
#endif
  the_ranks() = Ranks{};
}

const Ranks& ranks() { return the_ranks(); }

std::vector<std::vector<std::string>> gather_to_all_ranks(const std::vector<std::string>& mine) {
#ifdef MECHCHECK_MPI
  const int size = ranks().size;
  if (size > 1) {
    if (std::this_thread::get_id() != mpi_thread)
      throw std::logic_error("MPI called from a thread other than the one that started it");
    const std::string buffer = pack(mine);
    if (buffer.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
      throw std::runtime_error("MPI: a rank's records exceed 2 GiB");
    const int length = static_cast<int>(buffer.size());
    std::vector<int> lengths(static_cast<std::size_t>(size));
    check_mpi(MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, MPI_COMM_WORLD), "MPI_Allgather");
    std::vector<int> offsets(static_cast<std::size_t>(size), 0);
    long long total = 0;
    for (int r = 0; r < size; ++r) {
      if (total > std::numeric_limits<int>::max()) throw std::runtime_error("MPI: the records exceed 2 GiB");
      offsets[static_cast<std::size_t>(r)] = static_cast<int>(total);
      total += lengths[static_cast<std::size_t>(r)];
    }
    std::string all(static_cast<std::size_t>(total), '\0');
    check_mpi(MPI_Allgatherv(buffer.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR,
                             MPI_COMM_WORLD),
              "MPI_Allgatherv");
    std::vector<std::vector<std::string>> out;
    for (int r = 0; r < size; ++r)
      out.push_back(unpack(all.data() + offsets[static_cast<std::size_t>(r)],
                           static_cast<std::size_t>(lengths[static_cast<std::size_t>(r)])));
    return out;
  }
#endif
  return {mine};
}

}  // namespace mechcheck
