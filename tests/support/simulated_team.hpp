#pragma once
// A team of several processes simulated by threads of one test (claims/team.hpp): member b runs
// `body(team)` on its own thread, and all_gather waits for every member's text (a barrier), so a
// check's split among K processes can be compared with one process without mpirun.
#include "mechcheck/claims/team.hpp"

#include <barrier>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace mechcheck::testing {

// What each member returned, or threw (the exception), in member order.
template <class Result>
struct MemberResults {
  std::vector<Result> results;
  std::vector<std::exception_ptr> failures;
};

template <class Result, class Body>
MemberResults<Result> run_as_team(int size, const Body& body) {
  std::vector<std::string> board(static_cast<std::size_t>(size));
  std::barrier written(size), read(size);
  MemberResults<Result> out;
  out.results.resize(static_cast<std::size_t>(size));
  out.failures.resize(static_cast<std::size_t>(size));
  std::vector<std::thread> members;
  for (int b = 0; b < size; ++b)
    members.emplace_back([&, b] {
      Team team;
      team.member = b;
      team.size = size;
      team.all_gather = [&, b](const std::string& mine) {
        board[static_cast<std::size_t>(b)] = mine;
        written.arrive_and_wait();
        std::vector<std::string> all = board;
        read.arrive_and_wait();  // nobody writes the next exchange before everyone has read this one
        return all;
      };
      try {
        out.results[static_cast<std::size_t>(b)] = body(team);
      } catch (...) {
        out.failures[static_cast<std::size_t>(b)] = std::current_exception();
      }
    });
  for (auto& t : members) t.join();
  return out;
}

}  // namespace mechcheck::testing
