// Instance generator for the llm model: 2-3 agents on [0, 1], CDFs from a small menu
// (uniform, t^2, t^3, two-bin histograms), k_i from {1, 1/2, 2/3, 3/4, 1/3} with sum above 1,
// and holdings r* or explicit small-denominator shares.
#include "llm/paper.hpp"

#include "mechcheck/cases/input_error.hpp"
#include "mechcheck/probe/probe.hpp"

#include <functional>

namespace mechcheck::probe {
namespace {

const char* const kCdf[] = {"\"uniform\"", "{ power = 2 }", "{ histogram = [\"1/4\", \"3/4\"] }",
                            "{ histogram = [\"3/4\", \"1/4\"] }", "{ power = 3 }"};
const char* const kCdfName[] = {"uniform", "t^2", "hist(1/4,3/4)", "hist(3/4,1/4)", "t^3"};
const int kCdfs = 5;
const long kKNum[] = {1, 1, 2, 3, 1}, kKDen[] = {1, 2, 3, 4, 3};
const int kKs = 5;
const int kMaxDenominator = 4;

struct Params {
  std::vector<int> cdf, k;  // indices into the menus, one per agent
  int denominator = 0;      // 0: holdings = "r_star"
  std::vector<int> share;   // numerators over `denominator`
};

bool k_sum_above_one(const std::vector<int>& k) {
  // sum kNum/kDen > 1, over the common denominator 12
  long total = 0;
  for (int j : k) total += kKNum[j] * (12 / kKDen[j]);
  return total > 12;
}

Candidate render(const Params& p) {
  Candidate c;
  const int n = static_cast<int>(p.cdf.size());
  std::string t = "[llm]\nsupport = [\"0\", \"1\"]\n";
  std::string summary = "n = " + std::to_string(n) + ", F = (";
  if (p.denominator == 0) {
    t += "holdings = \"r_star\"\n";
  } else {
    t += "holdings = [";
    for (int i = 0; i < n; ++i) {
      t += (i ? ", " : "") + std::string("\"") + to_string(Rational(p.share[i], p.denominator)) + "\"";
    }
    t += "]\n";
  }
  long cdf_size = 0, k_size = 0;
  std::string ks;
  for (int i = 0; i < n; ++i) {
    t += "\n[[llm.agent]]\nk = \"" + to_string(Rational(kKNum[p.k[i]], kKDen[p.k[i]])) + "\"\ncdf = " + kCdf[p.cdf[i]] +
         "\n";
    summary += (i ? ", " : "") + std::string(kCdfName[p.cdf[i]]);
    ks += (i ? ", " : "") + std::to_string(kKNum[p.k[i]]) +
          (kKDen[p.k[i]] == 1 ? "" : "/" + std::to_string(kKDen[p.k[i]]));
    cdf_size += p.cdf[i];
    k_size += p.k[i];
  }
  summary += "), k = (" + ks + "), r = ";
  if (p.denominator == 0) {
    summary += "r*";
  } else {
    summary += "(";
    for (int i = 0; i < n; ++i) summary += (i ? ", " : "") + to_string(Rational(p.share[i], p.denominator));
    summary += ")";
  }
  c.model_table = t;
  c.size = {n, cdf_size, k_size, p.denominator};
  c.summary = summary;
  c.params = p;
  return c;
}

// Every composition of `total` into n nonnegative parts.
void compositions(int n, int total, const std::function<void(const std::vector<int>&)>& emit) {
  std::vector<int> parts(n, 0);
  std::function<void(int, int)> rec = [&](int i, int left) {
    if (i == n - 1) {
      parts[i] = left;
      emit(parts);
      return;
    }
    for (int v = 0; v <= left; ++v) {
      parts[i] = v;
      rec(i + 1, left - v);
    }
  };
  rec(0, total);
}

class LlmGenerator : public Generator {
 public:
  std::string model() const override { return "llm"; }
  std::vector<Setting> settable() const override {
    return {{"agents", "the number of agents", {"2", "3"}},
            {"cdf", "every agent's CDF uniform", {"uniform"}},
            {"holdings", "r = r* or explicit holdings", {"r_star", "explicit"}}};
  }
  std::vector<std::string> size_names() const override {
    return {"agents", "CDF complexity", "k complexity", "holdings denominator (0 = r*)"};
  }

  Candidate random_economy(std::mt19937_64& rng, const Settings& s) const override {
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    Params p;
    int n = s.count("agents") ? agents(s) : (pick(5) < 3 ? 2 : 3);
    do {
      p.cdf.assign(n, 0);
      p.k.assign(n, 0);
      for (int i = 0; i < n; ++i) {
        if (!(s.count("cdf") && s.at("cdf") == "uniform") && pick(2)) p.cdf[i] = 1 + pick(kCdfs - 1);
        if (pick(2)) p.k[i] = 1 + pick(kKs - 1);
      }
    } while (!k_sum_above_one(p.k));
    const bool explicit_holdings = s.count("holdings") ? s.at("holdings") == "explicit" : pick(10) >= 3;
    if (explicit_holdings) {
      p.denominator = 1 + pick(kMaxDenominator);
      p.share.assign(n, 0);
      for (int unit = 0; unit < p.denominator; ++unit) ++p.share[pick(n)];
    }
    return render(p);
  }

  std::vector<Candidate> smaller_economies(const Candidate& c, const Settings& s) const override {
    const Params& p = std::any_cast<const Params&>(c.params);
    const int n = static_cast<int>(p.cdf.size());
    std::vector<Candidate> out;
    // Fewer agents (the dropped agent's share goes to the first remaining one).
    if (n > 2 && !s.count("agents"))
      for (int drop = 0; drop < n; ++drop) {
        Params q;
        for (int i = 0; i < n; ++i)
          if (i != drop) {
            q.cdf.push_back(p.cdf[i]);
            q.k.push_back(p.k[i]);
            if (p.denominator) q.share.push_back(p.share[i]);
          }
        q.denominator = p.denominator;
        if (p.denominator) q.share[0] += p.share[drop];
        if (k_sum_above_one(q.k)) out.push_back(render(q));
      }
    // Simpler CDFs and demands, one agent at a time.
    for (int i = 0; i < n; ++i)
      for (int simpler = 0; simpler < p.cdf[i]; ++simpler) {
        Params q = p;
        q.cdf[i] = simpler;
        out.push_back(render(q));
      }
    for (int i = 0; i < n; ++i)
      for (int simpler = 0; simpler < p.k[i]; ++simpler) {
        Params q = p;
        q.k[i] = simpler;
        if (k_sum_above_one(q.k)) out.push_back(render(q));
      }
    // Smaller denominators of the holdings (every composition), and r* itself.
    for (int d = 0; d < p.denominator; ++d) {
      if (d == 0) {
        if (s.count("holdings") && s.at("holdings") == "explicit") continue;
        Params q = p;
        q.denominator = 0;
        q.share.clear();
        out.push_back(render(q));
        continue;
      }
      compositions(n, d, [&](const std::vector<int>& parts) {
        Params q = p;
        q.denominator = d;
        q.share = parts;
        out.push_back(render(q));
      });
    }
    return out;
  }

  std::optional<std::vector<Candidate>> economies_within(const std::vector<long long>& bound, std::size_t limit,
                                                         const Settings& s) const override {
    std::vector<Candidate> out;
    bool overflow = false;
    for (int n = 2; n <= std::min<long long>(3, bound[0]) && !overflow; ++n) {
      if (s.count("agents") && agents(s) != n) continue;
      std::vector<int> cdf(n, 0), k(n, 0);
      std::function<void(int)> over_cdf, over_k;
      auto emit_holdings = [&] {
        for (int d = 0; d <= std::min<long long>(kMaxDenominator, bound[3]) && !overflow; ++d) {
          if (d == 0) {
            if (s.count("holdings") && s.at("holdings") == "explicit") continue;
            out.push_back(render(Params{cdf, k, 0, {}}));
          } else {
            if (s.count("holdings") && s.at("holdings") == "r_star") continue;
            compositions(n, d, [&](const std::vector<int>& parts) { out.push_back(render(Params{cdf, k, d, parts})); });
          }
          if (out.size() > limit) overflow = true;
        }
      };
      over_k = [&](int i) {
        if (overflow) return;
        if (i == n) {
          long total = 0;
          for (int v : k) total += v;
          if (total <= bound[2] && k_sum_above_one(k)) emit_holdings();
          return;
        }
        for (int v = 0; v < kKs; ++v) {
          k[i] = v;
          over_k(i + 1);
        }
      };
      over_cdf = [&](int i) {
        if (overflow) return;
        if (i == n) {
          long total = 0;
          for (int v : cdf) total += v;
          if (total <= bound[1]) over_k(0);
          return;
        }
        const int top = (s.count("cdf") && s.at("cdf") == "uniform") ? 1 : kCdfs;
        for (int v = 0; v < top; ++v) {
          cdf[i] = v;
          over_cdf(i + 1);
        }
      };
      over_cdf(0);
    }
    if (overflow) return std::nullopt;
    return out;
  }

 private:
  static int agents(const Settings& s) { return std::stoi(s.at("agents")); }  // "2" or "3" (settable)
};

}  // namespace

}  // namespace mechcheck::probe

namespace mechcheck::llm {

std::unique_ptr<probe::Generator> make_generator() { return std::make_unique<probe::LlmGenerator>(); }

}  // namespace mechcheck::llm
