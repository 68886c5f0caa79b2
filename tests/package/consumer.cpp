// Uses the installed library: the common worst-off type of three uniform agents is 1/sqrt(3).
#include <llm/model/spot_market.hpp>
#include <papers.hpp>

#include <iostream>

int main() {
  using namespace mechcheck;
  llm::Economy e;
  e.lo = 0;
  e.hi = 1;
  for (int i = 0; i < 3; ++i) e.agents.push_back({Rational(1), llm::uniform_cdf(0, 1), "uniform"});
  Algebraic hat = llm::common_worst_off_type(e);
  std::cout << hat << "\n";
  const bool ok = hat * hat == Algebraic(Rational(1, 3)) && builtin_papers().find("llm.prop1") != nullptr;
  return ok ? 0 : 1;
}
