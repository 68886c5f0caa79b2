#include "mechcheck/claims/claim.hpp"

#include <exception>

namespace mechcheck {

void guard_enumeration_size(const CheckContext& context, unsigned long long points, const std::string& what) {
  if (points > context.enumeration_limit)
    throw TooLarge(what + " has " + std::to_string(points) + " points, above the limit of " +
                   std::to_string(context.enumeration_limit) +
                   ": shrink the instance, or raise the limit with --limit " + std::to_string(points));
}

const char* to_string(Necessity n) {
  switch (n) {
    case Necessity::counterexample:
      return "counterexample";
    case Necessity::vacuous:
      return "vacuous";
    case Necessity::scope:
      return "scope";
    case Necessity::open:
      return "open";
  }
  return "?";
}

}  // namespace mechcheck
