#pragma once
#include <string>

namespace mechcheck {

// The arithmetic that decided a verdict (README, "Verdicts"). Only `exact` and
// `certified` verdicts are proofs for an instance; `numeric` is evidence only.
enum class Arithmetic { exact, certified, numeric };

inline const char* to_string(Arithmetic a) {
  switch (a) {
    case Arithmetic::exact:
      return "exact";
    case Arithmetic::certified:
      return "certified";
    case Arithmetic::numeric:
      return "numeric";
  }
  return "?";
}

// The weaker of two arithmetics: a verdict built from an exact and a certified step is certified.
inline Arithmetic weakest(Arithmetic a, Arithmetic b) { return a > b ? a : b; }

}  // namespace mechcheck
