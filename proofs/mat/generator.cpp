// Instance generator for the mat model: the smallest G* economies (two groups of two traders,
// one good, l = 2), price grid T in {1, 2}, epsilon in {0, 1/10}, each group priced by the
// other group (the paper) or by itself, endowments in {0, 1}, and values v = (0, a/2, (a+b)/2)
// with a, b in {0..3}.
#include "mat/paper.hpp"

#include "mechcheck/cases/input_error.hpp"
#include "mechcheck/probe/probe.hpp"

#include <functional>

namespace mechcheck::probe {
namespace {

const int kTraders = 4;

struct Params {
  int price_grid = 1;        // T
  int epsilon_positive = 1;  // 1: epsilon = 1/10, 0: epsilon = 0
  int own_group = 0;         // 1: trading_price = "own_group"
  std::vector<int> endowment, a, b;
};

std::string half(int twice) { return twice % 2 ? std::to_string(twice) + "/2" : std::to_string(twice / 2); }

Candidate render(const Params& p, const Settings& s) {
  std::string t = "[mat]\ngoods = 1\nbound = 2\nprice_grid = " + std::to_string(p.price_grid) +
                  "\ngroups = 2\nepsilon = \"" + (p.epsilon_positive ? "1/10" : "0") + "\"\n";
  // Readings of the paper's text are fixed by --set, never varied by the search.
  for (const char* reading : {"underline_n", "rule2_supply"})
    if (s.count(reading)) t += std::string(reading) + " = \"" + s.at(reading) + "\"\n";
  if (p.own_group) t += "trading_price = \"own_group\"\n";
  std::string summary = "T = " + std::to_string(p.price_grid) + ", epsilon = " + (p.epsilon_positive ? "1/10" : "0") +
                        (p.own_group ? ", own-group prices" : "") + ", traders (e; v) =";
  long values = 0, endowments = 0;
  for (int i = 0; i < kTraders; ++i) {
    t += "\n[[mat.trader]]\nendowment = [" + std::to_string(p.endowment[i]) + "]\nvalues = [\"0\", \"" + half(p.a[i]) +
         "\", \"" + half(p.a[i] + p.b[i]) + "\"]\n";
    summary += std::string(i ? "," : "") + " (" + std::to_string(p.endowment[i]) + "; 0, " + half(p.a[i]) + ", " +
               half(p.a[i] + p.b[i]) + ")";
    values += p.a[i] + p.b[i];
    endowments += p.endowment[i];
  }
  Candidate c;
  c.model_table = t;
  c.size = {p.price_grid, p.epsilon_positive, p.own_group, values, endowments};
  c.summary = summary;
  c.params = p;
  return c;
}

bool valid(const Params& p) {
  int total = 0;
  for (int e : p.endowment) total += e;
  return total >= 2;  // (1): sum_i e_i >= l = 2
}

class MatGenerator : public Generator {
 public:
  std::string model() const override { return "mat"; }
  std::vector<Setting> settable() const override {
    return {{"epsilon", "the mechanism's epsilon", {"0", "1/10"}},
            {"trading_price", "the price a trader trades at", {"other_group", "own_group"}},
            {"price_grid", "T, the price grid's size", {"1", "2"}},
            {"underline_n", "the reading of n-underline", {"literal", "example"}},
            {"rule2_supply", "the reading of Rule 2's supply", {"total", "literal_group"}}};
  }
  std::vector<std::string> size_names() const override {
    return {"T", "epsilon > 0", "own-group pricing", "value units", "endowment units"};
  }

  Candidate random_economy(std::mt19937_64& rng, const Settings& s) const override {
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    Params p;
    p.price_grid = s.count("price_grid") ? std::stoi(s.at("price_grid")) : (pick(5) == 0 ? 2 : 1);
    p.epsilon_positive = s.count("epsilon") ? (s.at("epsilon") != "0") : pick(2);
    p.own_group = s.count("trading_price") ? (s.at("trading_price") == "own_group") : (pick(3) == 0);
    do {
      p.endowment.assign(kTraders, 0);
      p.a.assign(kTraders, 0);
      p.b.assign(kTraders, 0);
      for (int i = 0; i < kTraders; ++i) {
        p.endowment[i] = pick(2);
        p.a[i] = pick(4);
        p.b[i] = pick(4);
      }
    } while (!valid(p));
    return render(p, s);
  }

  std::vector<Candidate> smaller_economies(const Candidate& c, const Settings& s) const override {
    const Params& p = std::any_cast<const Params&>(c.params);
    std::vector<Candidate> out;
    auto add = [&](Params q) {
      if (valid(q)) out.push_back(render(q, s));
    };
    if (p.price_grid > 1 && !s.count("price_grid")) {
      Params q = p;
      q.price_grid = 1;
      add(q);
    }
    if (p.epsilon_positive && !s.count("epsilon")) {
      Params q = p;
      q.epsilon_positive = 0;
      add(q);
    }
    if (p.own_group && !s.count("trading_price")) {
      Params q = p;
      q.own_group = 0;
      add(q);
    }
    for (int i = 0; i < kTraders; ++i) {
      for (int v = 0; v < p.a[i]; ++v) {
        Params q = p;
        q.a[i] = v;
        add(q);
      }
      for (int v = 0; v < p.b[i]; ++v) {
        Params q = p;
        q.b[i] = v;
        add(q);
      }
      if (p.endowment[i]) {
        Params q = p;
        q.endowment[i] = 0;
        add(q);
      }
    }
    return out;
  }

  std::optional<std::vector<Candidate>> economies_within(const std::vector<long long>& bound, std::size_t limit,
                                                         const Settings& s) const override {
    std::vector<Candidate> out;
    bool overflow = false;
    Params p;
    p.endowment.assign(kTraders, 0);
    p.a.assign(kTraders, 0);
    p.b.assign(kTraders, 0);
    std::function<void(int, long, long)> traders = [&](int i, long values, long endowments) {
      if (overflow) return;
      if (i == kTraders) {
        if (valid(p)) out.push_back(render(p, s));
        if (out.size() > limit) overflow = true;
        return;
      }
      for (int e = 0; e <= 1; ++e)
        for (int a = 0; a <= 3; ++a)
          for (int b = 0; b <= 3; ++b) {
            if (values + a + b > bound[3] || endowments + e > bound[4]) continue;
            p.endowment[i] = e;
            p.a[i] = a;
            p.b[i] = b;
            traders(i + 1, values + a + b, endowments + e);
          }
    };
    for (int T = 1; T <= std::min<long long>(2, bound[0]); ++T)
      for (int eps = 0; eps <= std::min<long long>(1, bound[1]); ++eps)
        for (int own = 0; own <= std::min<long long>(1, bound[2]); ++own) {
          if (s.count("price_grid") && std::stoi(s.at("price_grid")) != T) continue;
          if (s.count("epsilon") && (s.at("epsilon") != "0") != (eps == 1)) continue;
          if (s.count("trading_price") && (s.at("trading_price") == "own_group") != (own == 1)) continue;
          p.price_grid = T;
          p.epsilon_positive = eps;
          p.own_group = own;
          traders(0, 0, 0);
        }
    if (overflow) return std::nullopt;
    return out;
  }
};

}  // namespace

}  // namespace mechcheck::probe

namespace mechcheck::mat {

std::unique_ptr<probe::Generator> make_generator() { return std::make_unique<probe::MatGenerator>(); }

}  // namespace mechcheck::mat
