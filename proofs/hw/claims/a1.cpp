// hw.a1 — Hu & Wallace (2012), assumption A1 (L208): for every bipartition {Y1, Y2} of X and all
// z != z', mu_z(Y1) != mu_z'(Y1); and its stated consequences (L210): every partition with K >= 2
// blocks separates every pair of states, and A1 is stronger than informativeness (L43).
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

#include <functional>
#include <optional>
#include <stdexcept>

namespace mechcheck::proofs::hw_a1 {
namespace {

std::string names(const hw::Information& info, unsigned long long mask) {
  std::string s = "{";
  for (std::size_t x = 0; x < info.type_count(); ++x)
    if (mask >> x & 1ULL) s += (s.size() > 1 ? ", " : "") + info.types[x];
  return s + "}";
}

// A pair of states that a bipartition does not separate: mu_z(Y1) = mu_z'(Y1) (A1 fails).
struct Unseparated {
  unsigned long long Y1 = 0;
  std::size_t z = 0, w = 0;
  Rational mass_z, mass_w;
};

// A1 (L208) over every bipartition {Y1, Y2} (the last type always in Y2) and every pair z != z',
// masses compared exactly; the first pair with equal masses, else nullopt. Each bipartition's two
// masses must sum to 1 in every state: a check on the enumeration itself.
std::optional<Unseparated> first_unseparated_bipartition(const hw::Information& info, Mass mass, Check& check,
                                                         long long& bipartitions, long long& comparisons) {
  const std::size_t k = info.type_count(), S = info.state_count();
  const unsigned long long all = (1ULL << k) - 1;
  for (unsigned long long Y1 = 1; Y1 < (1ULL << (k - 1)); ++Y1) {
    ++bipartitions;
    std::vector<Rational> m(S);
    for (std::size_t z = 0; z < S; ++z) {
      m[z] = mass(info, z, Y1);
      if (m[z] + mass(info, z, all & ~Y1) != 1)
        throw std::logic_error("hw.a1: mu_" + info.states[z] + "(" + names(info, Y1) + ") + mu_" + info.states[z] +
                               "(" + names(info, all & ~Y1) + ") != 1: the block masses are computed wrongly");
    }
    for (std::size_t z = 0; z < S; ++z)
      for (std::size_t w = z + 1; w < S; ++w) {
        ++comparisons;
        if (check.compare(m[z], m[w]) == 0) return Unseparated{Y1, z, w, m[z], m[w]};
      }
  }
  return std::nullopt;
}

// L210: every set partition of X with K >= 2 blocks (restricted growth strings) separates every
// pair of states: some block Y_k has mu_z(Y_k) != mu_z'(Y_k). Empty when it does, else why not.
// Exact comparisons of masses.
std::string first_unseparated_partition(const hw::Information& info, Mass mass, long long& partitions) {
  const std::size_t k = info.type_count(), S = info.state_count();
  std::vector<std::size_t> block(k, 0);
  std::string why;
  std::function<bool(std::size_t, std::size_t)> rec = [&](std::size_t i, std::size_t used) -> bool {
    if (i == k) {
      if (used < 2) return true;
      ++partitions;
      for (std::size_t z = 0; z < S; ++z)
        for (std::size_t w = z + 1; w < S; ++w) {
          bool separated = false;
          for (std::size_t b = 0; b < used && !separated; ++b) {
            unsigned long long mask = 0;
            for (std::size_t x = 0; x < k; ++x)
              if (block[x] == b) mask |= 1ULL << x;
            separated = mass(info, z, mask) != mass(info, w, mask);
          }
          if (!separated) {
            why = "a partition with " + std::to_string(used) + " blocks does not separate " + info.states[z] +
                  " from " + info.states[w] + " although A1 holds (L210 fails)";
            return false;
          }
        }
      return true;
    }
    for (std::size_t b = 0; b <= used; ++b) {
      block[i] = b;
      if (!rec(i + 1, b == used ? used + 1 : used)) return false;
    }
    return true;
  };
  rec(0, 0);
  return why;
}

class A1 : public Checker<hw::Economy> {
 public:
  explicit A1(Mass mass) : mass_(mass) {}

  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "hw.a1",
        "Assumption A1 (Section 3.3, L208) and the remark after it (L210)",
        "For any bipartition {Y1, Y2} of X and any z != z', mu_z(Y1) != mu_z'(Y1). Consequences (L210): for any "
        "partition of X into K >= 2 blocks and z != z' some block has mu_z(Y_k) != mu_z'(Y_k); A1 implies the "
        "informativeness assumption of L43.",
        {{"two_or_more_types", "#X >= 2, so that X has a bipartition (with one type A1 is vacuous)", Necessity::scope,
          "with one type X has no bipartition and no partition with K >= 2 blocks: A1 and the remark of L210 quantify "
          "over "
          "an empty set, so they hold vacuously (cases/hw/a1-single-type.toml with the drop: holds, 0 bipartitions); "
          "the "
          "hypothesis only says when A1 says something"}},
        "Every bipartition (2^(#X-1) - 1 of them, as bit masks) and every pair of states, masses compared exactly "
        "(each bipartition's two masses must sum to 1 in every state: a check on the enumeration itself); then "
        "every set partition with K >= 2 blocks (restricted growth strings, #X <= 12) and the singletons.",
        "hw",
        Arithmetic::exact};
    return i;
  }

  void check_preconditions(const Case& c, const hw::Economy& e) const override {
    hw_common::require_economy(c, e, "hw.a1");
  }

  std::optional<Recheck> recheck_outcome(const hw::Economy& e, const Outcome& outcome) const override {
    if (outcome.verdict != Verdict::refuted) return std::nullopt;
    return hw_recheck::a1(e, outcome);
  }

  Outcome check_instance(const hw::Economy& e, Check& check) const override {
    const hw::Information& info = *e.info;
    const std::size_t k = info.type_count(), S = info.state_count();
    check.hypothesis("two_or_more_types", k >= 2, "#X = " + std::to_string(k));
    if (!check.hypotheses_met()) return check.unmet();
    if (k > 40)
      throw TooLarge("hw.a1 enumerates the 2^(#X-1) bipartitions; #X = " + std::to_string(k) + " is too many");
    guard_enumeration_size(check.context(), 1ULL << (k - 1), "hw.a1 bipartitions");

    // A1 (L208): every bipartition separates every pair of states.
    long long bipartitions = 0, comparisons = 0;
    if (const auto u = first_unseparated_bipartition(info, mass_, check, bipartitions, comparisons)) {
      const unsigned long long Y2 = ((1ULL << k) - 1) & ~u->Y1;
      check.witness(make_text("Y1", names(info, u->Y1)))
          .witness(make_text("Y2", names(info, Y2)))
          .witness(make_text("z", info.states[u->z]))
          .witness(make_text("z'", info.states[u->w]))
          .witness("mu_z(Y1)", u->mass_z)
          .witness("mu_z'(Y1)", u->mass_w);
      check.text("informative", hw::informative(info).holds ? "yes (L43 holds, A1 does not)" : "no");
      return check.refuted("A1 fails: mu_" + info.states[u->z] + "(Y1) = mu_" + info.states[u->w] + "(Y1) = " +
                           to_string(u->mass_z) + " for Y1 = " + names(info, u->Y1) + ", Y2 = " + names(info, Y2));
    }
    check.stat("bipartitions", bipartitions).stat("state_pairs_compared", comparisons);

    // L210: every partition with K >= 2 blocks separates every pair of states.
    long long partitions = 0;
    if (k <= 12) {
      const std::string why = first_unseparated_partition(info, mass_, partitions);
      check.decided_in<Rational>();  // masses compared exactly
      if (!why.empty()) return check.refuted(why);
      check.stat("partitions_K_ge_2", partitions);
    }
    // L210: A1 implies informativeness (L43).
    const auto inf = hw::informative(info);
    check.decided_in<Rational>();  // mu_z compared exactly
    if (!inf.holds) return check.refuted("A1 holds but informativeness (L43) does not: " + inf.detail);
    check.context().report(1.0);
    return check.holds(
        "A1 holds: " + std::to_string(bipartitions) + " bipartitions x " + std::to_string(S * (S - 1) / 2) +
        " pairs of states" + (S < 2 ? " (one state: vacuous)" : "") +
        (k <= 12 ? "; every one of the " + std::to_string(partitions) + " partitions with K >= 2 separates the states"
                 : "") +
        "; informativeness (L43) follows");
  }

 private:
  Mass mass_;
};

}  // namespace

std::unique_ptr<Claim> make_claim(Mass mass) { return std::make_unique<A1>(mass); }

}  // namespace mechcheck::proofs::hw_a1
