#pragma once
// The processes that run one check together, and how a check splits a large enumeration among
// them. In an MPI run of a single check (`mpirun -np K mechcheck check CLAIM CASE`) every rank
// runs the same check; a checker whose enumeration is large passes its index range to
// `shared_among`, each process computes one contiguous block of it (with threads inside, as the
// checker likes), the blocks' results are exchanged as text, and every process combines them in
// block order. Every process then holds the same result and continues the same way, so the
// outcome is the one a single process computes. Alone (size 1, always outside MPI),
// `shared_among` is compute(0, count).
//
// Rules for callers: call it from the check's own thread (never inside a parallel loop: MPI is
// called from the main thread only), and make every process reach the same calls in the same
// order (a check's control flow depends only on its case and on the combined results).
#include "mechcheck/number/undecidable.hpp"

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace mechcheck {

struct Team {
  int member = 0;  // this process, 0 .. size - 1
  int size = 1;
  // Every member's text, in member order, on every member (MPI_Allgatherv); set when size > 1.
  std::function<std::vector<std::string>(const std::string&)> all_gather;
};

// Block `b` of [0, count) cut into `parts` contiguous blocks whose sizes differ by at most one
// (the larger ones first): [first, second).
std::pair<std::uint64_t, std::uint64_t> block_of(std::uint64_t count, int parts, int b);

namespace team_detail {
// A block's failure as text ("U<arithmetic>:message" for Undecidable, "E:message" otherwise) and
// back: rethrown on every process, as Undecidable (an `inconclusive` verdict) or as a
// std::runtime_error with the same message (an `error` verdict).
std::string failure_text(const std::exception_ptr& failure);
[[noreturn]] void rethrow_failure(const std::string& text);
std::vector<std::string> exchange(const Team& team, const std::string& mine);
}  // namespace team_detail

// compute(first, last) over this process's block of [0, count), exchanged with encode/decode and
// combined in block order with combine(left, right) (which must be associative, so that any
// number of processes gives the combination of the whole range). A block that throws makes
// every process throw the first (in block order) failure.
template <class Part>
Part shared_among(const Team& team, std::uint64_t count,
                  const std::function<Part(std::uint64_t, std::uint64_t)>& compute,
                  const std::function<std::string(const Part&)>& encode,
                  const std::function<Part(const std::string&)>& decode,
                  const std::function<Part(Part, const Part&)>& combine) {
  if (team.size <= 1) return compute(0, count);
  const auto [first, last] = block_of(count, team.size, team.member);
  std::string mine;
  try {
    mine = "P" + encode(compute(first, last));
  } catch (...) {
    mine = team_detail::failure_text(std::current_exception());
  }
  const std::vector<std::string> all = team_detail::exchange(team, mine);
  for (const auto& text : all)
    if (text.empty() || text[0] != 'P') team_detail::rethrow_failure(text);
  Part whole = decode(all.front().substr(1));
  for (std::size_t b = 1; b < all.size(); ++b) whole = combine(std::move(whole), decode(all[b].substr(1)));
  return whole;
}

}  // namespace mechcheck
