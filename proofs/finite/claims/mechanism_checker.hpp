#pragma once
// The base of the finite claims that check a given mechanism. A case may describe only a design
// problem ([finite.design] without [finite.mechanism]); those claims then refuse it before any work.
#include "finite/model/economy.hpp"
#include "mechcheck/cases/checker.hpp"

namespace mechcheck::finite {

class MechanismChecker : public Checker<Economy> {
 protected:
  void check_preconditions(const Case& c, const Economy& e) const final {
    if (!e.has_mechanism())
      c.fail({"finite"}, info().id +
                             " checks a given mechanism, but this case has no [finite.mechanism] (its [finite.design] "
                             "is for finite.design)");
    mechanism_preconditions(c, e);
  }
  // A claim's further preconditions on the economy (the data it needs).
  virtual void mechanism_preconditions(const Case& c, const Economy& e) const {
    (void)c;
    (void)e;
  }
};

}  // namespace mechcheck::finite
