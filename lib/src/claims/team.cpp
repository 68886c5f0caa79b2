#include "mechcheck/claims/team.hpp"

#include <exception>

namespace mechcheck {

std::pair<std::uint64_t, std::uint64_t> block_of(std::uint64_t count, int parts, int b) {
  if (parts < 1 || b < 0 || b >= parts) throw std::invalid_argument("block_of: no such block");
  const std::uint64_t p = static_cast<std::uint64_t>(parts), i = static_cast<std::uint64_t>(b);
  const std::uint64_t base = count / p, extra = count % p;
  const std::uint64_t first = i * base + (i < extra ? i : extra);
  return {first, first + base + (i < extra ? 1 : 0)};
}

namespace team_detail {

std::string failure_text(const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const Undecidable& e) {
    return "U" + std::to_string(static_cast<int>(e.arithmetic())) + ":" + e.what();
  } catch (const std::exception& e) {
    return std::string("E:") + e.what();
  } catch (...) {
    return "E:an unknown exception";
  }
}

// Through several processes an Undecidable arrives as itself and anything else as a
// std::runtime_error with the same message (alone, shared_among throws the original exception).
// Both end the check alike (`inconclusive`, or `error` with that message); a caller that needs to
// catch a specific type carries that failure in its Part instead (as mat's payoff table does).
void rethrow_failure(const std::string& text) {
  const auto colon = text.find(':');
  const std::string message = colon == std::string::npos ? text : text.substr(colon + 1);
  if (!text.empty() && text[0] == 'U' && colon != std::string::npos)
    throw Undecidable(message, static_cast<Arithmetic>(std::stoi(text.substr(1, colon - 1))));
  throw std::runtime_error(message);
}

std::vector<std::string> exchange(const Team& team, const std::string& mine) {
  if (!team.all_gather) throw std::logic_error("a team of several processes without a way to exchange results");
  auto all = team.all_gather(mine);
  if (all.size() != static_cast<std::size_t>(team.size))
    throw std::logic_error("a team exchange returned " + std::to_string(all.size()) + " results for " +
                           std::to_string(team.size) + " processes");
  return all;
}

}  // namespace team_detail
}  // namespace mechcheck
