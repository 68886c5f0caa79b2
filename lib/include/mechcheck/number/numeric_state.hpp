#pragma once
// The numeric state that lives per thread and that results depend on:
//   - the working precision of Mpfr and Interval, and their variable-precision options
//     (Boost.Multiprecision keeps a default per thread since 1.75; 1.74 kept one per process,
//     so a check that raised it changed the enclosures of checks running on other threads);
//   - MPFR's own default precision, rounding mode and exponent range (per thread in a
//     thread-safe MPFR; the number tests assert that Debian's is).
// A check never inherits this state from whatever ran before it on its thread: run_claim
// installs the standard state for every check, and parallel_for (parallel_for.hpp) carries
// the state of the thread that starts a loop into each of its tasks.
namespace mechcheck {

// The working precision of Mpfr and Interval at the start of every check (decimal digits).
constexpr unsigned standard_float_digits = 50;

struct NumericState {
  unsigned float_digits = standard_float_digits;  // Mpfr and Interval, decimal digits
  int precision_options = 0;                      // Boost's enum, as an int
  long mpfr_default_bits = 53;                    // mpfr_get_default_prec
  int mpfr_rounding = 0;                          // mpfr_get_default_rounding_mode (MPFR_RNDN)
  long mpfr_emin = 0, mpfr_emax = 0;              // MPFR's exponent range

  // The state every check starts from.
  static NumericState standard();
  // This thread's state now.
  static NumericState current();
  // Makes this the state of the calling thread.
  void install() const;
  bool operator==(const NumericState&) const = default;
};

// Installs a state for a scope and restores the thread's previous state at its end.
class NumericScope {
 public:
  explicit NumericScope(const NumericState& state);
  ~NumericScope();
  NumericScope(const NumericScope&) = delete;
  NumericScope& operator=(const NumericScope&) = delete;

 private:
  NumericState saved_;
};

// This thread's working precision of Mpfr and Interval, in decimal digits.
unsigned float_precision_digits();

}  // namespace mechcheck
