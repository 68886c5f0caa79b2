// Instance generator for the finite model (`mechcheck probe`): single-good table mechanisms. One or
// two agents, each with the types 1..m (m = 2 or 3) under the uniform independent prior; outcomes
// "none" and "agent i" (agent i gets the good: quantity 1); at every reported profile a sure
// outcome and integer payments in [-U, U], U in {0, 1, 2}. Size, compared componentwise: (agents,
// types per agent, max |payment|, profiles where someone gets the good, sum of |payments|), so
// shrinking drops agents and types, takes goods away and moves payments toward 0.
#include "finite/paper.hpp"

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

class FiniteGenerator : public Generator {
 public:
  std::string model() const override { return "finite"; }
  std::vector<Setting> settable() const override { return {}; }
  std::vector<std::string> size_names() const override {
    return {"agents", "types per agent", "max |payment|", "profiles allocated", "sum of |payments|"};
  }

  Candidate random_economy(std::mt19937_64& rng, const Settings&) const override {
    auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
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
    const Params& p = std::any_cast<const Params&>(c.params);
    std::vector<Candidate> out;
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
                                                         const Settings&) const override {
    std::vector<Candidate> out;
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
