// Instance generator for the finite model (`mechcheck probe`), two families (`--set family=...`):
//   table (the default): single-good table mechanisms. One or two agents, each with the types 1..m
//     (m = 2 or 3) under the uniform independent prior; outcomes "none" and "agent i" (agent i gets
//     the good: quantity 1); at every reported profile a sure outcome and integer payments in
//     [-U, U], U in {0, 1, 2}. Size: (agents, types per agent, max |payment|, profiles where someone
//     gets the good, sum of |payments|), so shrinking drops agents and types, takes goods away and
//     moves payments toward 0.
//   bilateral_trade: a buyer and a seller with 1 to 3 distinct integer types in 0..4 each, uniform
//     and independent, and no mechanism (for finite.myerson_satterthwaite, which looks for one).
//     Size: (2, the larger number of types, the largest type, the number of profiles, the sum of
//     the types), so shrinking drops a type or lowers one.
#include "finite/paper.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>

namespace mechcheck::probe {
namespace {

struct Params {
  int agents = 1, types = 2;
  // Per reported profile (agent 1's type the most significant digit): the agent who gets the good
  // (0: none, i: agent i) and each agent's payment.
  std::vector<int> winner;
  std::vector<std::vector<int>> payments;
};

int profile_count(int agents, int types) { return agents == 1 ? types : types * types; }

std::string quoted_list(const std::vector<std::string>& items) {
  std::string s = "[";
  for (std::size_t k = 0; k < items.size(); ++k) s += (k ? ", \"" : "\"") + items[k] + "\"";
  return s + "]";
}

std::vector<std::string> profile_types(const Params& p, int profile) {
  if (p.agents == 1) return {std::to_string(profile + 1)};
  return {std::to_string(profile / p.types + 1), std::to_string(profile % p.types + 1)};
}

std::string outcome_name(int winner) { return winner == 0 ? "none" : "agent " + std::to_string(winner); }

Candidate render(const Params& p) {
  std::vector<std::string> outcomes{"none"}, types, uniform;
  for (int i = 1; i <= p.agents; ++i) outcomes.push_back(outcome_name(i));
  for (int t = 1; t <= p.types; ++t) {
    types.push_back(std::to_string(t));
    uniform.push_back("1/" + std::to_string(p.types));
  }
  std::string table = "[finite]\noutcomes = " + quoted_list(outcomes) + "\n";
  for (int i = 1; i <= p.agents; ++i) {
    std::vector<std::string> quantities;
    for (int o = 0; o <= p.agents; ++o) quantities.push_back(o == i ? "1" : "0");
    table += "\n[[finite.agent]]\ntypes = " + quoted_list(types) + "\nprobabilities = " + quoted_list(uniform) +
             "\nquantities = " + quoted_list(quantities) + "\n";
  }
  table += "\n[finite.mechanism]\nrule = \"table\"\n";
  long long max_payment = 0, allocated = 0, total_payment = 0;
  for (int r = 0; r < profile_count(p.agents, p.types); ++r) {
    std::vector<std::string> pay;
    for (int x : p.payments[r]) {
      pay.push_back(std::to_string(x));
      max_payment = std::max<long long>(max_payment, std::abs(x));
      total_payment += std::abs(x);
    }
    allocated += p.winner[r] != 0;
    table += "\n[[finite.mechanism.row]]\ntypes = " + quoted_list(profile_types(p, r)) + "\noutcome = \"" +
             outcome_name(p.winner[r]) + "\"\npayments = " + quoted_list(pay) + "\n";
  }
  Candidate c;
  c.model_table = table;
  c.size = {p.agents, p.types, max_payment, allocated, total_payment};
  c.summary = std::to_string(p.agents) + " agent(s) with types 1.." + std::to_string(p.types) +
              ", a table mechanism (good given at " + std::to_string(allocated) + " profiles, payments up to " +
              std::to_string(max_payment) + ")";
  c.params = p;
  return c;
}

// The same mechanism restricted to the reported profiles whose agents' types keep a given pattern:
// `keep(profile of the larger economy)` says whether a row survives, in order.
template <class Keep>
Params restricted(const Params& p, int agents, int types, Keep keep) {
  Params q;
  q.agents = agents;
  q.types = types;
  for (int r = 0; r < profile_count(p.agents, p.types); ++r) {
    if (!keep(r)) continue;
    q.winner.push_back(p.winner[r] > agents ? 0 : p.winner[r]);
    q.payments.push_back({p.payments[r].begin(), p.payments[r].begin() + agents});
  }
  return q;
}

// Bilateral trade: the buyer's and the seller's types (distinct, increasing).
struct TradeParams {
  std::vector<int> buyer, seller;
};

constexpr int kLargestTradeType = 4;

std::string uniform_agent(const std::string& name, const std::vector<int>& types, const std::string& quantities) {
  std::vector<std::string> t, p;
  for (int v : types) {
    t.push_back(std::to_string(v));
    p.push_back("1/" + std::to_string(types.size()));
  }
  return "\n[[finite.agent]]\nname = \"" + name + "\"\ntypes = " + quoted_list(t) +
         "\nprobabilities = " + quoted_list(p) + "\nquantities = " + quantities + "\n";
}

Candidate render(const TradeParams& p) {
  Candidate c;
  c.model_table = "[finite]\noutcomes = [\"no trade\", \"trade\"]\n" +
                  uniform_agent("buyer", p.buyer, "[\"0\", \"1\"]") +
                  uniform_agent("seller", p.seller, "[\"0\", \"-1\"]");
  long long largest = 0, sum = 0;
  for (const auto* side : {&p.buyer, &p.seller})
    for (int v : *side) {
      largest = std::max<long long>(largest, v);
      sum += v;
    }
  const auto list = [](const std::vector<int>& v) {
    std::string s = "{";
    for (std::size_t k = 0; k < v.size(); ++k) s += (k ? ", " : "") + std::to_string(v[k]);
    return s + "}";
  };
  c.size = {2, static_cast<long long>(std::max(p.buyer.size(), p.seller.size())), largest,
            static_cast<long long>(p.buyer.size() * p.seller.size()), sum};
  c.summary = "bilateral trade, buyer's values " + list(p.buyer) + ", seller's costs " + list(p.seller) +
              ", uniform and independent";
  c.params = p;
  return c;
}

bool trade_family(const Settings& settings) {
  const auto f = settings.find("family");
  return f != settings.end() && f->second == "bilateral_trade";
}

// Every increasing list of distinct integers in 0..largest with 1..count entries.
std::vector<std::vector<int>> type_lists(int count, int largest) {
  std::vector<std::vector<int>> out;
  for (unsigned mask = 1; mask < (1u << (largest + 1)); ++mask) {
    std::vector<int> list;
    for (int v = 0; v <= largest; ++v)
      if (mask & (1u << v)) list.push_back(v);
    if (static_cast<int>(list.size()) <= count) out.push_back(list);
  }
  return out;
}

class FiniteGenerator : public Generator {
 public:
  std::string model() const override { return "finite"; }
  std::vector<Setting> settable() const override {
    return {{"family",
             "table: single-good table mechanisms (default); bilateral_trade: a buyer and a seller on small integer "
             "grids, without a mechanism (for finite.myerson_satterthwaite)",
             {"table", "bilateral_trade"}}};
  }
  std::vector<std::string> size_names() const override {
    return {"agents", "types per agent", "max |payment| (table) or largest type (trade)",
            "profiles allocated (table) or profiles (trade)", "sum of |payments| (table) or of the types (trade)"};
  }

  Candidate random_economy(std::mt19937_64& rng, const Settings& settings) const override {
    auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
    if (trade_family(settings)) {
      TradeParams p;
      for (auto* side : {&p.buyer, &p.seller}) {
        const int count = 1 + pick(3);
        while (static_cast<int>(side->size()) < count) {
          const int v = pick(kLargestTradeType + 1);
          if (std::find(side->begin(), side->end(), v) == side->end()) side->push_back(v);
        }
        std::sort(side->begin(), side->end());
      }
      return render(p);
    }
    Params p;
    p.agents = 1 + pick(2);
    p.types = 2 + pick(2);
    const int units = pick(3);
    for (int r = 0; r < profile_count(p.agents, p.types); ++r) {
      p.winner.push_back(pick(p.agents + 1));
      std::vector<int> pay;
      for (int i = 0; i < p.agents; ++i) pay.push_back(pick(2 * units + 1) - units);
      p.payments.push_back(pay);
    }
    return render(p);
  }

  std::vector<Candidate> smaller_economies(const Candidate& c, const Settings&) const override {
    std::vector<Candidate> out;
    if (const auto* t = std::any_cast<TradeParams>(&c.params)) {
      // Drop a type of either side (its highest or its lowest), or lower one type by 1.
      for (int side = 0; side < 2; ++side) {
        const std::vector<int>& types = side == 0 ? t->buyer : t->seller;
        const auto with = [&](std::vector<int> changed) {
          TradeParams q = *t;
          (side == 0 ? q.buyer : q.seller) = std::move(changed);
          out.push_back(render(q));
        };
        if (types.size() > 1) {
          with({types.begin(), types.end() - 1});
          with({types.begin() + 1, types.end()});
        }
        for (std::size_t k = 0; k < types.size(); ++k)
          if (types[k] > 0 && (k == 0 || types[k - 1] < types[k] - 1)) {
            std::vector<int> lower = types;
            --lower[k];
            with(lower);
          }
      }
      return out;
    }
    const Params& p = std::any_cast<const Params&>(c.params);
    // Drop agent 2: keep the rows where it reports its lowest type.
    if (p.agents == 2) out.push_back(render(restricted(p, 1, p.types, [&](int r) { return r % p.types == 0; })));
    // Drop the highest type of every agent.
    if (p.types > 2)
      out.push_back(render(restricted(p, p.agents, p.types - 1, [&](int r) {
        return p.agents == 1 ? r < p.types - 1 : r / p.types < p.types - 1 && r % p.types < p.types - 1;
      })));
    for (std::size_t r = 0; r < p.winner.size(); ++r) {
      if (p.winner[r] != 0) {
        Params q = p;
        q.winner[r] = 0;
        out.push_back(render(q));
      }
      for (std::size_t i = 0; i < p.payments[r].size(); ++i)
        if (p.payments[r][i] != 0) {
          Params q = p;
          q.payments[r][i] += p.payments[r][i] > 0 ? -1 : 1;
          out.push_back(render(q));
        }
    }
    return out;
  }

  std::optional<std::vector<Candidate>> economies_within(const std::vector<long long>& bound, std::size_t limit,
                                                         const Settings& settings) const override {
    std::vector<Candidate> out;
    if (trade_family(settings)) {
      const int count = static_cast<int>(std::min<long long>(3, bound[1]));
      const int largest = static_cast<int>(std::min<long long>(kLargestTradeType, bound[2]));
      if (count < 1 || largest < 0) return out;
      for (const auto& buyer : type_lists(count, largest))
        for (const auto& seller : type_lists(count, largest)) {
          Candidate c = render(TradeParams{buyer, seller});
          if (size_within(c.size, bound)) out.push_back(std::move(c));
          if (out.size() > limit) return std::nullopt;
        }
      return out;
    }
    for (int n = 1; n <= std::min<long long>(2, bound[0]); ++n)
      for (int m = 2; m <= std::min<long long>(3, bound[1]); ++m) {
        const int units = static_cast<int>(std::min<long long>(2, bound[2]));
        const int profiles = profile_count(n, m);
        // Every row: a winner in 0..n and n payments in [-units, units].
        const long long per_row = (n + 1) * (n == 1 ? (2 * units + 1) : (2 * units + 1) * (2 * units + 1));
        long double tables = 1;
        for (int r = 0; r < profiles; ++r) tables *= per_row;
        if (tables > 50.0L * static_cast<long double>(limit)) return std::nullopt;
        std::vector<long long> digit(profiles, 0);
        for (long long count = 0; count < static_cast<long long>(tables); ++count) {
          Params p;
          p.agents = n;
          p.types = m;
          for (int r = 0; r < profiles; ++r) {
            long long d = digit[r];
            p.winner.push_back(static_cast<int>(d % (n + 1)));
            d /= n + 1;
            std::vector<int> pay;
            for (int i = 0; i < n; ++i) {
              pay.push_back(static_cast<int>(d % (2 * units + 1)) - units);
              d /= 2 * units + 1;
            }
            p.payments.push_back(pay);
          }
          Candidate c = render(p);
          if (size_within(c.size, bound)) out.push_back(std::move(c));
          if (out.size() > limit) return std::nullopt;
          for (int r = 0; r < profiles && ++digit[r] == per_row; ++r) digit[r] = 0;
        }
      }
    return out;
  }
};

}  // namespace
}  // namespace mechcheck::probe

namespace mechcheck::finite {

std::unique_ptr<probe::Generator> make_generator() { return std::make_unique<probe::FiniteGenerator>(); }

}  // namespace mechcheck::finite
