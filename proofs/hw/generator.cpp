// Instance generator for the hw model: the smallest economies of Section 2.1 - 1 to 3 types,
// 1 or 2 states, prior and mu rows over a common denominator D <= 4, Cobb-Douglas utilities
// a ln q + b ln r with a, b in {1, 2, 3} for every (type, state), endowments qbar, rbar in
// {1, 2, 3}, epsilon per good from {0, 1/10, 1/4, 1/2, 1} (0 is the simplest value, so a claim
// probed with `--drop epsilon_positive` shrinks toward eps = 0 by itself), M = 1 to 3 active
// agents (eta = 1/2, N = 2M) and one-sided or two-sided stage-2 offers. Every claim of the
// model that reads the economy (hw.lemma2, hw.eq17, hw.prop1, hw.necessity, hw.a1) finds what
// it needs in the same table.
#include "hw/paper.hpp"

#include "mechcheck/cases/input_error.hpp"
#include "mechcheck/probe/probe.hpp"

#include <algorithm>
#include <functional>
#include <numeric>

namespace mechcheck::probe {
namespace {

const int kMaxTypes = 3, kMaxStates = 2, kMaxDenominator = 4, kMaxWeight = 3, kMaxEndowment = 3, kMaxActive = 3;
const char* const kEpsilon[] = {"0", "1/10", "1/4", "1/2", "1"};  // index = the size's epsilon level
const int kEpsilons = 5;
const int kDefaultGridPoints = 3;  // hw.eq17's (Q_-, R_-) grid: corners and midpoints keep a check fast

struct Params {
  int denominator = 1;                 // D: prior and mu are numerators over D
  std::vector<int> prior;              // [z], each >= 1, sum D
  std::vector<std::vector<int>> mu;    // [z][x], each >= 0, every row sums to D
  std::vector<std::vector<int>> a, b;  // [x][z], Cobb-Douglas weights in 1..kMaxWeight
  int qbar = 1, rbar = 1;
  int eps_q = 0, eps_r = 0;  // indices into kEpsilon
  int active = 1;            // M
  int two_sided = 0;         // 1: [hw.equilibrium] offers = "two_sided"
  int types() const { return static_cast<int>(a.size()); }
  int states() const { return static_cast<int>(prior.size()); }
};

std::string fraction(int numerator, int denominator) { return to_string(Rational(numerator, denominator)); }

// The model's rules the generator must keep (parse.cpp): prior > 0 summing to 1, mu rows
// summing to 1, and every type with positive probability in some state (so tau_x exists).
bool valid(const Params& p) {
  if (p.prior.empty() || p.a.empty()) return false;
  int total = 0;
  for (int k : p.prior) {
    if (k < 1) return false;
    total += k;
  }
  if (total != p.denominator) return false;
  for (const auto& row : p.mu) {
    int sum = 0;
    for (int m : row) sum += m;
    if (sum != p.denominator) return false;
  }
  for (int x = 0; x < p.types(); ++x) {
    bool seen = false;
    for (const auto& row : p.mu) seen = seen || row[x] > 0;
    if (!seen) return false;
  }
  return true;
}

// The common factor of D and every numerator: 1 when the probabilities are written over their
// least common denominator (the size then measures the probabilities, not how they are written).
int common_factor(const Params& p) {
  int g = p.denominator;
  for (int k : p.prior) g = std::gcd(g, k);
  for (const auto& row : p.mu)
    for (int m : row) g = std::gcd(g, m);
  return g;
}

Candidate render(Params p, const Settings& s) {
  const int T = p.types(), S = p.states();
  if (const int g = common_factor(p); g > 1) {
    p.denominator /= g;
    for (int& k : p.prior) k /= g;
    for (auto& row : p.mu)
      for (int& m : row) m /= g;
  }
  const int grid_points = s.count("grid_points") ? std::stoi(s.at("grid_points")) : kDefaultGridPoints;
  auto names = [](const char* stem, int n) {
    std::string out = "[";
    for (int k = 0; k < n; ++k) out += (k ? ", " : "") + std::string("\"") + stem + std::to_string(k + 1) + "\"";
    return out + "]";
  };
  std::string t = "[hw]\nqbar = \"" + std::to_string(p.qbar) + "\"\nrbar = \"" + std::to_string(p.rbar) +
                  "\"\nepsilon = [\"" + kEpsilon[p.eps_q] + "\", \"" + kEpsilon[p.eps_r] +
                  "\"]\ntypes = " + names("x", T) + "\nstates = " + names("z", S) + "\nprior = [";
  std::string summary = std::to_string(T) + (T == 1 ? " type, " : " types, ") + std::to_string(S) +
                        (S == 1 ? " state" : " states") + ", prior (";
  for (int z = 0; z < S; ++z) {
    t += (z ? ", \"" : "\"") + fraction(p.prior[z], p.denominator) + "\"";
    summary += (z ? ", " : "") + fraction(p.prior[z], p.denominator);
  }
  t += "]\nmu = [";
  summary += "), mu (";
  for (int z = 0; z < S; ++z) {
    t += z ? ", [" : "[";
    summary += z ? "; " : "";
    for (int x = 0; x < T; ++x) {
      t += (x ? ", \"" : "\"") + fraction(p.mu[z][x], p.denominator) + "\"";
      summary += (x ? ", " : "") + fraction(p.mu[z][x], p.denominator);
    }
    t += "]";
  }
  // M = ceil((1 - eta) N) = M exactly with eta = 1/2 and N = 2M (L47).
  t += "]\neta = \"1/2\"\nN = " + std::to_string(2 * p.active) + "\n";
  summary += "), Cobb-Douglas (a, b) = (";
  long weights = 0;
  std::string utilities;
  for (int x = 0; x < T; ++x)
    for (int z = 0; z < S; ++z) {
      utilities += "\n[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"" + std::to_string(p.a[x][z]) + "\"\nb = \"" +
                   std::to_string(p.b[x][z]) + "\"\ntypes = [\"x" + std::to_string(x + 1) + "\"]\nstates = [\"z" +
                   std::to_string(z + 1) + "\"]\n";
      summary += (x || z ? ", " : "") + std::to_string(p.a[x][z]) + " " + std::to_string(p.b[x][z]);
      weights += p.a[x][z] + p.b[x][z];
    }
  summary += ") per (type, state), endowment (" + std::to_string(p.qbar) + ", " + std::to_string(p.rbar) +
             "), eps = (" + kEpsilon[p.eps_q] + ", " + kEpsilon[p.eps_r] + "), M = " + std::to_string(p.active) +
             (p.two_sided ? ", two-sided offers" : "");
  t += "\n[hw.grid]\npoints = " + std::to_string(grid_points) + "\n";
  if (p.two_sided) t += "\n[hw.equilibrium]\noffers = \"two_sided\"\n";
  t += utilities;
  Candidate c;
  c.model_table = t;
  c.size = {T, S, p.denominator, weights, p.qbar + p.rbar, p.eps_q + p.eps_r, p.active, p.two_sided};
  c.summary = summary;
  c.params = p;
  return c;
}

// Every composition of `total` into n parts, each >= `least`.
void compositions(int n, int total, int least, const std::function<void(const std::vector<int>&)>& emit) {
  std::vector<int> parts(n, 0);
  std::function<void(int, int)> rec = [&](int i, int left) {
    if (i == n - 1) {
      if (left < least) return;
      parts[i] = left;
      emit(parts);
      return;
    }
    for (int v = least; v <= left - least * (n - 1 - i); ++v) {
      parts[i] = v;
      rec(i + 1, left - v);
    }
  };
  if (n >= 1) rec(0, total);
}

// Every (prior, mu) over the denominator D for T types and S states that keeps the rules;
// `emit` returning false stops the enumeration.
void all_beliefs(int T, int S, int D,
                 const std::function<bool(const std::vector<int>&, const std::vector<std::vector<int>>&)>& emit) {
  std::vector<std::vector<int>> rows;
  compositions(T, D, 0, [&](const std::vector<int>& r) { rows.push_back(r); });
  bool stop = false;
  compositions(S, D, 1, [&](const std::vector<int>& prior) {
    if (stop) return;
    std::vector<std::vector<int>> mu(S);
    std::function<void(int)> rec = [&](int z) {
      if (stop) return;
      if (z == S) {
        for (int x = 0; x < T; ++x) {
          bool seen = false;
          for (const auto& row : mu) seen = seen || row[x] > 0;
          if (!seen) return;
        }
        stop = !emit(prior, mu);
        return;
      }
      for (const auto& r : rows) {
        mu[z] = r;
        rec(z + 1);
      }
    };
    rec(0);
  });
}

class HwGenerator : public Generator {
 public:
  std::string model() const override { return "hw"; }
  std::vector<Setting> settable() const override {
    return {{"types", "the number of types", {"1", "2", "3"}},
            {"states", "the number of states", {"1", "2"}},
            {"epsilon", "both components of epsilon", {kEpsilon, kEpsilon + kEpsilons}},
            {"active", "M, the number of active agents", {"1", "2", "3"}},
            {"offers", "one- or two-sided stage-2 offers", {"one_sided", "two_sided"}},
            {"grid_points", "points per coordinate of hw.eq17's (Q_-, R_-) grid (default 3)", {"2", "3", "4", "5"}}};
  }
  std::vector<std::string> size_names() const override {
    return {"types",           "states",        "probability denominator", "utility weight units",
            "endowment units", "epsilon level", "active agents",           "two-sided offers"};
  }

  Candidate random_economy(std::mt19937_64& rng, const Settings& s) const override {
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const int T = s.count("types") ? std::stoi(s.at("types")) : 1 + pick(kMaxTypes);
    const int S = s.count("states") ? std::stoi(s.at("states")) : 1 + pick(kMaxStates);
    Params p;
    p.a.assign(T, std::vector<int>(S, 1));
    p.b.assign(T, std::vector<int>(S, 1));
    do {
      p.denominator = S + pick(kMaxDenominator - S + 1);
      p.prior.assign(S, 1);
      for (int unit = S; unit < p.denominator; ++unit) ++p.prior[pick(S)];
      p.mu.assign(S, std::vector<int>(T, 0));
      for (auto& row : p.mu)
        for (int unit = 0; unit < p.denominator; ++unit) ++row[pick(T)];
    } while (!valid(p));
    for (int x = 0; x < T; ++x)
      for (int z = 0; z < S; ++z) {
        p.a[x][z] = 1 + pick(kMaxWeight);
        p.b[x][z] = 1 + pick(kMaxWeight);
      }
    p.qbar = 1 + pick(kMaxEndowment);
    p.rbar = 1 + pick(kMaxEndowment);
    // eps = 0 in a third of the draws per good: reachable at random, but most draws keep the
    // paper's eps > 0 so that claims probed with epsilon_positive kept are exercised.
    auto epsilon = [&] { return pick(3) == 0 ? 0 : 1 + pick(kEpsilons - 1); };
    if (s.count("epsilon")) {
      p.eps_q = p.eps_r = epsilon_index(s.at("epsilon"));
    } else {
      p.eps_q = epsilon();
      p.eps_r = epsilon();
    }
    p.active = s.count("active") ? std::stoi(s.at("active")) : 1 + pick(kMaxActive);
    p.two_sided = s.count("offers") ? (s.at("offers") == "two_sided") : pick(4) == 0;
    return render(p, s);
  }

  std::vector<Candidate> smaller_economies(const Candidate& c, const Settings& s) const override {
    const Params& p = std::any_cast<const Params&>(c.params);
    const int T = p.types(), S = p.states();
    std::vector<Candidate> out;
    auto add = [&](const Params& q) {
      if (valid(q)) out.push_back(render(q, s));
    };
    // Fewer types: the dropped type's mass in each state goes to another type.
    if (T > 1 && !s.count("types"))
      for (int drop = 0; drop < T; ++drop) {
        Params q = p;
        const int heir = drop == 0 ? 1 : 0;
        for (auto& row : q.mu) {
          row[heir] += row[drop];
          row.erase(row.begin() + drop);
        }
        q.a.erase(q.a.begin() + drop);
        q.b.erase(q.b.begin() + drop);
        add(q);
      }
    // Fewer states: the dropped state's prior mass goes to another state.
    if (S > 1 && !s.count("states"))
      for (int drop = 0; drop < S; ++drop) {
        Params q = p;
        q.prior[drop == 0 ? 1 : 0] += q.prior[drop];
        q.prior.erase(q.prior.begin() + drop);
        q.mu.erase(q.mu.begin() + drop);
        for (int x = 0; x < T; ++x) {
          q.a[x].erase(q.a[x].begin() + drop);
          q.b[x].erase(q.b[x].begin() + drop);
        }
        add(q);
      }
    // Smaller epsilon (toward 0), one good at a time and both together.
    if (!s.count("epsilon")) {
      for (int Params::*level : {&Params::eps_q, &Params::eps_r})
        for (int v = 0; v < p.*level; ++v) {
          Params q = p;
          q.*level = v;
          add(q);
        }
    }
    if (!s.count("active"))
      for (int m = 1; m < p.active; ++m) {
        Params q = p;
        q.active = m;
        add(q);
      }
    if (p.two_sided && !s.count("offers")) {
      Params q = p;
      q.two_sided = 0;
      add(q);
    }
    for (int Params::*endowment : {&Params::qbar, &Params::rbar})
      for (int v = 1; v < p.*endowment; ++v) {
        Params q = p;
        q.*endowment = v;
        add(q);
      }
    for (int x = 0; x < T; ++x)
      for (int z = 0; z < S; ++z) {
        for (int v = 1; v < p.a[x][z]; ++v) {
          Params q = p;
          q.a[x][z] = v;
          add(q);
        }
        for (int v = 1; v < p.b[x][z]; ++v) {
          Params q = p;
          q.b[x][z] = v;
          add(q);
        }
      }
    // Smaller denominators: every (prior, mu) over each smaller D, the rest unchanged.
    for (int d = 1; d < p.denominator; ++d)
      all_beliefs(T, S, d, [&](const std::vector<int>& prior, const std::vector<std::vector<int>>& mu) {
        Params q = p;
        q.denominator = d;
        q.prior = prior;
        q.mu = mu;
        add(q);
        return true;
      });
    return out;
  }

  std::optional<std::vector<Candidate>> economies_within(const std::vector<long long>& bound, std::size_t limit,
                                                         const Settings& s) const override {
    std::vector<Candidate> out;
    bool overflow = false;
    auto allowed = [&](const char* name, int value) { return !s.count(name) || std::stoi(s.at(name)) == value; };
    const int fixed_epsilon = s.count("epsilon") ? epsilon_index(s.at("epsilon")) : -1;
    const int fixed_two_sided = s.count("offers") ? (s.at("offers") == "two_sided") : -1;
    for (int T = 1; T <= std::min<long long>(kMaxTypes, bound[0]) && !overflow; ++T)
      for (int S = 1; S <= std::min<long long>(kMaxStates, bound[1]) && !overflow; ++S) {
        if (!allowed("types", T) || !allowed("states", S)) continue;
        for (int D = S; D <= std::min<long long>(kMaxDenominator, bound[2]) && !overflow; ++D)
          all_beliefs(T, S, D, [&](const std::vector<int>& prior, const std::vector<std::vector<int>>& mu) {
            Params p;
            p.denominator = D;
            p.prior = prior;
            p.mu = mu;
            if (common_factor(p) > 1) return true;  // listed already over a smaller denominator
            p.a.assign(T, std::vector<int>(S, 1));
            p.b.assign(T, std::vector<int>(S, 1));
            // Utility weights: every (a, b) per (type, state) within the weight budget.
            std::function<void(int, long)> weights = [&](int cell, long used) {
              if (overflow) return;
              if (cell == T * S) {
                emit_rest(p, bound, s, fixed_epsilon, fixed_two_sided, limit, out, overflow);
                return;
              }
              for (int a = 1; a <= kMaxWeight; ++a)
                for (int b = 1; b <= kMaxWeight; ++b) {
                  if (used + a + b > bound[3]) continue;
                  p.a[cell / S][cell % S] = a;
                  p.b[cell / S][cell % S] = b;
                  weights(cell + 1, used + a + b);
                }
            };
            weights(0, 0);
            return !overflow;
          });
      }
    if (overflow) return std::nullopt;
    return out;
  }

 private:
  // Endowments, epsilon, M and the offer set, for the probabilities and utilities in p.
  static void emit_rest(Params& p, const std::vector<long long>& bound, const Settings& s, int fixed_epsilon,
                        int fixed_two_sided, std::size_t limit, std::vector<Candidate>& out, bool& overflow) {
    for (int qbar = 1; qbar <= kMaxEndowment; ++qbar)
      for (int rbar = 1; rbar <= kMaxEndowment; ++rbar) {
        if (qbar + rbar > bound[4]) continue;
        for (int eq = 0; eq < kEpsilons; ++eq)
          for (int er = 0; er < kEpsilons; ++er) {
            if (eq + er > bound[5] || (fixed_epsilon >= 0 && (eq != fixed_epsilon || er != fixed_epsilon))) continue;
            for (int m = 1; m <= std::min<long long>(kMaxActive, bound[6]); ++m) {
              if (s.count("active") && std::stoi(s.at("active")) != m) continue;
              for (int two = 0; two <= std::min<long long>(1, bound[7]); ++two) {
                if (fixed_two_sided >= 0 && two != fixed_two_sided) continue;
                p.qbar = qbar;
                p.rbar = rbar;
                p.eps_q = eq;
                p.eps_r = er;
                p.active = m;
                p.two_sided = two;
                out.push_back(render(p, s));
                if (out.size() > limit) {
                  overflow = true;
                  return;
                }
              }
            }
          }
      }
  }

  static int epsilon_index(const std::string& value) {
    for (int k = 0; k < kEpsilons; ++k)
      if (value == kEpsilon[k]) return k;
    throw InputError("option --set epsilon=" + value + ": the hw generator uses 0, 1/10, 1/4, 1/2 or 1");
  }
};

}  // namespace

}  // namespace mechcheck::probe

namespace mechcheck::hw {

std::unique_ptr<probe::Generator> make_generator() { return std::make_unique<probe::HwGenerator>(); }

}  // namespace mechcheck::hw
