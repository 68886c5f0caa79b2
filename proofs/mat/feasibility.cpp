// mat.feasibility (being written).
#include "mechcheck/proofs/mat.hpp"

namespace mechcheck::proofs::mat_feasibility {
namespace {
class Stub : public Claim {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{"mat.feasibility", "Matsushima (2005)", "", "(being written)", {}, "", "mat", Arithmetic::exact};
    return i;
  }
  Outcome check(const Case&, const CheckContext&) const override {
    Outcome o;
    o.verdict = Verdict::error;
    o.summary = "mat.feasibility is not implemented yet";
    return o;
  }
};
}  // namespace
std::unique_ptr<Claim> make_claim() { return std::make_unique<Stub>(); }
}  // namespace mechcheck::proofs::mat_feasibility
