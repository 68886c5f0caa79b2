// Instance generator for the ly model: information structures alpha over V x S^b x S^s with
// 1 to 3 signals per player (2x2x2 and 3x3x2 at random, fewer when shrinking), every cell a
// multiple of 1/N with N <= 8 (the prior is alpha's marginal on V, so Bayes plausibility holds
// by construction), valuations u^b(v), u^s(v) in {0..3}, cost scale kappa in {1, 1/2, 2}, and
// - in half of the draws - a mechanism: q_ij in {0, 1} and integer transfers in [-2, 2].
#include "ly/paper.hpp"

#include "mechcheck/cases/input_error.hpp"
#include "mechcheck/probe/probe.hpp"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <numeric>

namespace mechcheck::probe {
namespace {

const int kMaxSignals = 3, kMaxDenominator = 8, kMaxValue = 3, kMaxTransfer = 2;
const char* const kCostScale[] = {"1", "1/2", "2"};  // index = the size's cost-scale level
const int kCostScales = 3;

using Cells = std::vector<std::vector<int>>;  // [buyer signal i][seller signal j]

struct Params {
  int denominator = 1;  // N: alpha_ij(v) = cells[v][i][j] / N
  Cells lo, hi;
  int buyer_lo = 0, buyer_hi = 0, seller_lo = 0, seller_hi = 0;
  int cost_scale = 0;
  bool mechanism = false;
  Cells q, t_buyer, t_seller;
  int buyer_signals() const { return static_cast<int>(lo.size()); }
  int seller_signals() const { return lo.empty() ? 0 : static_cast<int>(lo[0].size()); }
};

Cells zeros(int rows, int cols) { return Cells(rows, std::vector<int>(cols, 0)); }

// The model's rules (economy.cpp, structure_rule_broken): both qualities and every signal of
// each player with positive probability.
bool valid(const Params& p) {
  const int I = p.buyer_signals(), J = p.seller_signals();
  if (I < 1 || J < 1) return false;
  int lo = 0, hi = 0;
  std::vector<int> row(I, 0), col(J, 0);
  for (int i = 0; i < I; ++i)
    for (int j = 0; j < J; ++j) {
      lo += p.lo[i][j];
      hi += p.hi[i][j];
      row[i] += p.lo[i][j] + p.hi[i][j];
      col[j] += p.lo[i][j] + p.hi[i][j];
    }
  if (lo + hi != p.denominator || lo == 0 || hi == 0) return false;
  return std::all_of(row.begin(), row.end(), [](int m) { return m > 0; }) &&
         std::all_of(col.begin(), col.end(), [](int m) { return m > 0; });
}

// The TOML array of strings [["1/4", "0"], ...] (quoted) or, for summaries, [[1/4, 0], ...].
std::string matrix(const Cells& m, int denominator, bool quoted = true) {
  const std::string quote = quoted ? "\"" : "";
  std::string out = "[";
  for (std::size_t i = 0; i < m.size(); ++i) {
    out += i ? ", [" : "[";
    for (std::size_t j = 0; j < m[i].size(); ++j)
      out += (j ? ", " : "") + quote + to_string(Rational(m[i][j], denominator)) + quote;
    out += "]";
  }
  return out + "]";
}

// The common factor of N and every cell: 1 when alpha is written over its least common
// denominator (the size then measures the structure, not how it is written).
int common_factor(const Params& p) {
  int g = p.denominator;
  for (const Cells* m : {&p.lo, &p.hi})
    for (const auto& row : *m)
      for (int k : row) g = std::gcd(g, k);
  return g;
}

Candidate render(Params p) {
  const int I = p.buyer_signals(), J = p.seller_signals();
  if (const int g = common_factor(p); g > 1) {
    p.denominator /= g;
    for (Cells* m : {&p.lo, &p.hi})
      for (auto& row : *m)
        for (int& k : row) k /= g;
  }
  int lo_mass = 0;
  for (const auto& r : p.lo)
    for (int m : r) lo_mass += m;
  const std::string prior_lo = to_string(Rational(lo_mass, p.denominator)),
                    prior_hi = to_string(Rational(p.denominator - lo_mass, p.denominator));
  std::string t = "[ly]\nprior = [\"" + prior_lo + "\", \"" + prior_hi + "\"]\nbuyer_value = [\"" +
                  std::to_string(p.buyer_lo) + "\", \"" + std::to_string(p.buyer_hi) + "\"]\nseller_value = [\"" +
                  std::to_string(p.seller_lo) + "\", \"" + std::to_string(p.seller_hi) + "\"]\ncost_scale = \"" +
                  kCostScale[p.cost_scale] + "\"\nalpha_lo = " + matrix(p.lo, p.denominator) +
                  "\nalpha_hi = " + matrix(p.hi, p.denominator) + "\n";
  long transfer_units = 0;
  if (p.mechanism) {
    t += "q = " + matrix(p.q, 1) + "\nt_buyer = " + matrix(p.t_buyer, 1) + "\nt_seller = " + matrix(p.t_seller, 1) +
         "\n";
    for (int i = 0; i < I; ++i)
      for (int j = 0; j < J; ++j) transfer_units += p.q[i][j] + std::abs(p.t_buyer[i][j]) + std::abs(p.t_seller[i][j]);
  }
  Candidate c;
  c.model_table = t;
  c.size = {I,
            J,
            p.denominator,
            p.buyer_lo + p.buyer_hi + p.seller_lo + p.seller_hi,
            p.cost_scale,
            p.mechanism ? 1 : 0,
            transfer_units};
  c.summary = std::to_string(I) + "x" + std::to_string(J) + "x2, alpha_lo = " + matrix(p.lo, p.denominator, false) +
              ", alpha_hi = " + matrix(p.hi, p.denominator, false) + ", u^b = (" + std::to_string(p.buyer_lo) + ", " +
              std::to_string(p.buyer_hi) + "), u^s = (" + std::to_string(p.seller_lo) + ", " +
              std::to_string(p.seller_hi) + "), kappa = " + kCostScale[p.cost_scale];
  if (p.mechanism)
    c.summary += ", q = " + matrix(p.q, 1, false) + ", t^b = " + matrix(p.t_buyer, 1, false) +
                 ", t^s = " + matrix(p.t_seller, 1, false);
  c.params = p;
  return c;
}

// Every composition of `total` into n nonnegative parts; `emit` returning false stops.
bool compositions(int n, int total, const std::function<bool(const std::vector<int>&)>& emit) {
  std::vector<int> parts(n, 0);
  std::function<bool(int, int)> rec = [&](int i, int left) {
    if (i == n - 1) {
      parts[i] = left;
      return emit(parts);
    }
    for (int v = 0; v <= left; ++v) {
      parts[i] = v;
      if (!rec(i + 1, left - v)) return false;
    }
    return true;
  };
  return rec(0, total);
}

class LyGenerator : public Generator {
 public:
  std::string model() const override { return "ly"; }
  std::vector<Setting> settable() const override {
    return {
        {"signals", "buyer x seller signals of the random structures", {"2x2", "3x3"}},
        {"mechanism", "no mechanism, or a random one (q in {0, 1}, integer transfers in [-2, 2])", {"none", "random"}},
        {"cost_scale", "kappa", {kCostScale, kCostScale + kCostScales}}};
  }
  std::vector<std::string> size_names() const override {
    return {"buyer signals",    "seller signals",  "alpha denominator", "value units",
            "cost-scale level", "mechanism given", "mechanism units"};
  }

  Candidate random_economy(std::mt19937_64& rng, const Settings& s) const override {
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const int side = s.count("signals") ? (s.at("signals") == "3x3" ? 3 : 2) : (pick(3) == 0 ? 3 : 2);
    Params p;
    do {
      p.denominator = side + pick(kMaxDenominator - side + 1);
      p.lo = zeros(side, side);
      p.hi = zeros(side, side);
      for (int unit = 0; unit < p.denominator; ++unit) {
        const int cell = pick(2 * side * side);
        Cells& m = cell < side * side ? p.lo : p.hi;
        ++m[(cell % (side * side)) / side][cell % side];
      }
    } while (!valid(p));
    p.buyer_lo = pick(kMaxValue + 1);
    p.buyer_hi = pick(kMaxValue + 1);
    p.seller_lo = pick(kMaxValue + 1);
    p.seller_hi = pick(kMaxValue + 1);
    p.cost_scale = s.count("cost_scale") ? cost_scale_index(s.at("cost_scale")) : pick(kCostScales);
    p.mechanism = s.count("mechanism") ? s.at("mechanism") == "random" : pick(2) == 0;
    if (p.mechanism) {
      p.q = zeros(side, side);
      p.t_buyer = zeros(side, side);
      p.t_seller = zeros(side, side);
      for (int i = 0; i < side; ++i)
        for (int j = 0; j < side; ++j) {
          p.q[i][j] = pick(2);
          p.t_buyer[i][j] = pick(2 * kMaxTransfer + 1) - kMaxTransfer;
          p.t_seller[i][j] = pick(2 * kMaxTransfer + 1) - kMaxTransfer;
        }
    }
    return render(p);
  }

  std::vector<Candidate> smaller_economies(const Candidate& c, const Settings& s) const override {
    const Params& p = std::any_cast<const Params&>(c.params);
    const int I = p.buyer_signals(), J = p.seller_signals();
    std::vector<Candidate> out;
    auto add = [&](const Params& q) {
      if (valid(q)) out.push_back(render(q));
    };
    // Fewer signals: merge one buyer signal (row) or seller signal (column) into another; the
    // mechanism keeps the surviving signal's entries.
    auto merge_rows = [](Cells& m, int from, int into, bool add_up) {
      if (add_up)
        for (std::size_t j = 0; j < m[from].size(); ++j) m[into][j] += m[from][j];
      m.erase(m.begin() + from);
    };
    auto merge_cols = [](Cells& m, int from, int into, bool add_up) {
      for (auto& row : m) {
        if (add_up) row[into] += row[from];
        row.erase(row.begin() + from);
      }
    };
    if (!s.count("signals"))
      for (int from = 0; from < std::max(I, J); ++from) {
        const int into = from == 0 ? 1 : 0;
        if (from < I && I > 1) {
          Params q = p;
          merge_rows(q.lo, from, into, true);
          merge_rows(q.hi, from, into, true);
          if (q.mechanism)
            for (Cells* m : {&q.q, &q.t_buyer, &q.t_seller}) merge_rows(*m, from, into, false);
          add(q);
        }
        if (from < J && J > 1) {
          Params q = p;
          merge_cols(q.lo, from, into, true);
          merge_cols(q.hi, from, into, true);
          if (q.mechanism)
            for (Cells* m : {&q.q, &q.t_buyer, &q.t_seller}) merge_cols(*m, from, into, false);
          add(q);
        }
      }
    // A smaller denominator: one unit of mass less in one cell.
    for (int v = 0; v < 2; ++v)
      for (int i = 0; i < I; ++i)
        for (int j = 0; j < J; ++j) {
          if ((v == 0 ? p.lo : p.hi)[i][j] == 0) continue;
          Params q = p;
          --(v == 0 ? q.lo : q.hi)[i][j];
          --q.denominator;
          add(q);
        }
    for (int Params::*value : {&Params::buyer_lo, &Params::buyer_hi, &Params::seller_lo, &Params::seller_hi})
      for (int v = 0; v < p.*value; ++v) {
        Params q = p;
        q.*value = v;
        add(q);
      }
    if (!s.count("cost_scale"))
      for (int k = 0; k < p.cost_scale; ++k) {
        Params q = p;
        q.cost_scale = k;
        add(q);
      }
    if (p.mechanism) {
      if (!s.count("mechanism")) {
        Params q = p;
        q.mechanism = false;
        q.q.clear();
        q.t_buyer.clear();
        q.t_seller.clear();
        add(q);
      }
      // Transfers one step toward 0, trade probabilities 1 -> 0.
      for (int i = 0; i < I; ++i)
        for (int j = 0; j < J; ++j) {
          if (p.q[i][j]) {
            Params q = p;
            q.q[i][j] = 0;
            add(q);
          }
          for (Cells Params::*m : {&Params::t_buyer, &Params::t_seller})
            if ((p.*m)[i][j] != 0) {
              Params q = p;
              (q.*m)[i][j] += (p.*m)[i][j] > 0 ? -1 : 1;
              add(q);
            }
        }
    }
    return out;
  }

  std::optional<std::vector<Candidate>> economies_within(const std::vector<long long>& bound, std::size_t limit,
                                                         const Settings& s) const override {
    std::vector<Candidate> out;
    bool overflow = false;
    auto push = [&](const Params& p) {
      out.push_back(render(p));
      overflow = out.size() > limit;
      return !overflow;
    };
    for (int I = 1; I <= std::min<long long>(kMaxSignals, bound[0]) && !overflow; ++I)
      for (int J = 1; J <= std::min<long long>(kMaxSignals, bound[1]) && !overflow; ++J) {
        // --set signals fixes the shape (the shrinker does not merge signals then).
        if (s.count("signals") && (I != (s.at("signals") == "3x3" ? 3 : 2) || J != I)) continue;
        for (int N = 1; N <= std::min<long long>(kMaxDenominator, bound[2]) && !overflow; ++N)
          compositions(2 * I * J, N, [&](const std::vector<int>& cells) {
            Params p;
            p.denominator = N;
            p.lo = zeros(I, J);
            p.hi = zeros(I, J);
            for (int k = 0; k < I * J; ++k) {
              p.lo[k / J][k % J] = cells[k];
              p.hi[k / J][k % J] = cells[I * J + k];
            }
            if (!valid(p) || common_factor(p) > 1) return true;  // a reducible alpha is listed over a smaller N
            return each_rest(p, bound, s, push);
          });
      }
    if (overflow) return std::nullopt;
    return out;
  }

 private:
  // Valuations, cost scale and mechanism for the structure in p; false once `push` refuses.
  static bool each_rest(Params& p, const std::vector<long long>& bound, const Settings& s,
                        const std::function<bool(const Params&)>& push) {
    const int I = p.buyer_signals(), J = p.seller_signals();
    for (int bl = 0; bl <= kMaxValue; ++bl)
      for (int bh = 0; bh <= kMaxValue; ++bh)
        for (int sl = 0; sl <= kMaxValue; ++sl)
          for (int sh = 0; sh <= kMaxValue; ++sh) {
            if (bl + bh + sl + sh > bound[3]) continue;
            for (int k = 0; k <= std::min<long long>(kCostScales - 1, bound[4]); ++k) {
              if (s.count("cost_scale") && cost_scale_index(s.at("cost_scale")) != k) continue;
              p.buyer_lo = bl;
              p.buyer_hi = bh;
              p.seller_lo = sl;
              p.seller_hi = sh;
              p.cost_scale = k;
              if (!(s.count("mechanism") && s.at("mechanism") == "random")) {
                p.mechanism = false;
                if (!push(p)) return false;
              }
              if (bound[5] < 1 || (s.count("mechanism") && s.at("mechanism") == "none")) continue;
              // Every mechanism within the units bound: per cell q in {0, 1}, transfers in [-2, 2].
              p.mechanism = true;
              p.q = zeros(I, J);
              p.t_buyer = zeros(I, J);
              p.t_seller = zeros(I, J);
              std::function<bool(int, long)> cell = [&](int k2, long used) {
                if (k2 == I * J) return push(p);
                const int i = k2 / J, j = k2 % J;
                for (int q = 0; q <= 1; ++q)
                  for (int tb = -kMaxTransfer; tb <= kMaxTransfer; ++tb)
                    for (int ts = -kMaxTransfer; ts <= kMaxTransfer; ++ts) {
                      const long units = q + std::abs(tb) + std::abs(ts);
                      if (used + units > bound[6]) continue;
                      p.q[i][j] = q;
                      p.t_buyer[i][j] = tb;
                      p.t_seller[i][j] = ts;
                      if (!cell(k2 + 1, used + units)) return false;
                    }
                return true;
              };
              if (!cell(0, 0)) return false;
            }
          }
    return true;
  }

  static int cost_scale_index(const std::string& value) {
    for (int k = 0; k < kCostScales; ++k)
      if (value == kCostScale[k]) return k;
    throw InputError("option --set cost_scale=" + value + ": the ly generator uses 1, 1/2 or 2");
  }
};

}  // namespace

}  // namespace mechcheck::probe

namespace mechcheck::ly {

std::unique_ptr<probe::Generator> make_generator() { return std::make_unique<probe::LyGenerator>(); }

}  // namespace mechcheck::ly
