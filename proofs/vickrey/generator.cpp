// Instance generator for the vickrey model (`mechcheck probe`): 2 to 4 bidders, power 1 to 3,
// first-price bids at the equilibrium slope, truthful (s = 1) or shaded by half (s = 1/2), on a
// grid of 10. Size: bidders, power, and the slope's distance from the equilibrium (0, 1, 2).
#include "vickrey/paper.hpp"

#include <string>

namespace mechcheck::probe {
namespace {

struct Params {
  int bidders, power, slope;  // slope: 0 equilibrium, 1 truthful, 2 one half
};

Candidate render(const Params& p) {
  static const char* slopes[] = {"\"equilibrium\"", "\"1\"", "\"1/2\""};
  static const char* names[] = {"equilibrium", "truthful", "half"};
  Candidate c;
  c.model_table = "[vickrey]\nbidders = " + std::to_string(p.bidders) + "\npower = " + std::to_string(p.power) +
                  "\nbid_slope = " + slopes[p.slope] + "\ngrid = 10\n";
  c.size = {p.bidders, p.power, p.slope};
  c.summary = std::to_string(p.bidders) + " bidders, F(v) = v^" + std::to_string(p.power) + ", " + names[p.slope] +
              " first-price bids";
  c.params = p;
  return c;
}

class VickreyGenerator : public Generator {
 public:
  std::string model() const override { return "vickrey"; }
  std::vector<Setting> settable() const override { return {}; }
  std::vector<std::string> size_names() const override { return {"bidders", "power", "slope"}; }
  Candidate random_economy(std::mt19937_64& rng, const Settings&) const override {
    auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
    return render({2 + pick(3), 1 + pick(3), pick(3)});
  }
  std::vector<Candidate> smaller_economies(const Candidate& c, const Settings&) const override {
    const Params& p = std::any_cast<const Params&>(c.params);
    std::vector<Candidate> out;
    if (p.bidders > 2) out.push_back(render({p.bidders - 1, p.power, p.slope}));
    if (p.power > 1) out.push_back(render({p.bidders, p.power - 1, p.slope}));
    for (int s = 0; s < p.slope; ++s) out.push_back(render({p.bidders, p.power, s}));
    return out;
  }
  std::optional<std::vector<Candidate>> economies_within(const std::vector<long long>& bound, std::size_t limit,
                                                         const Settings&) const override {
    std::vector<Candidate> out;
    for (int n = 2; n <= std::min<long long>(4, bound[0]); ++n)
      for (int a = 1; a <= std::min<long long>(3, bound[1]); ++a)
        for (int s = 0; s <= std::min<long long>(2, bound[2]); ++s) out.push_back(render({n, a, s}));
    if (out.size() > limit) return std::nullopt;
    return out;
  }
};

}  // namespace
}  // namespace mechcheck::probe

namespace mechcheck::vickrey {

std::unique_ptr<probe::Generator> make_generator() { return std::make_unique<probe::VickreyGenerator>(); }

}  // namespace mechcheck::vickrey
