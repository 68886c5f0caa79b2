// Independent re-checks of what the hw claims report (Claim::recheck). Each one reads the
// outcome as printed (witness and value texts, parsed back) and the case's economy, and
// recomputes the quantity from the model's definition by a separate, small computation that
// shares no code with the checker: eq. (2) written out here, utilities evaluated in MPFI from
// their formulas (L39), masses summed by type name, a double-precision best-response iteration
// for the stage-2 equilibrium. A re-check that cannot decide a sign throws Undecidable.
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "mechcheck/number/undecidable.hpp"
#include "hw/claims/claims.hpp"

#include <mpfi.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace mechcheck::proofs::hw_recheck {

namespace {

const Value* find(const std::vector<Value>& values, const std::string& name) {
  for (const auto& v : values)
    if (v.name == name) return &v;
  return nullptr;
}

const Value& need(const std::vector<Value>& values, const std::string& name) {
  const Value* v = find(values, name);
  if (!v) throw std::runtime_error("the outcome reports no '" + name + "'");
  return *v;
}

Rational rational(const std::vector<Value>& values, const std::string& name) {
  std::string why;
  auto q = parse_rational(need(values, name).text, &why);
  if (!q) throw std::runtime_error("'" + name + "' = '" + need(values, name).text + "' is not a rational: " + why);
  return *q;
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name, const std::string& what) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  throw std::runtime_error("the reported " + what + " '" + name + "' is not one of the case's");
}

Interval enclose(const Rational& q) { return from_rational<Interval>(q); }

// u(q, r; x, z) of L39's families, from their formulas: Cobb-Douglas a ln q + b ln r, CES
// (a q^rho + b r^rho)/rho with rho = 1 - 1/sigma. A zero weight drops its good.
Interval utility(const hw::Utility& u, const Interval& q, const Interval& r) {
  if (u.family == hw::Family::cobb_douglas) {
    Interval v = enclose(Rational(0));
    if (u.a != 0) v = Interval(v + enclose(u.a) * Interval(log(q)));
    if (u.b != 0) v = Interval(v + enclose(u.b) * Interval(log(r)));
    return v;
  }
  const Rational rho = 1 - 1 / u.sigma;
  const Interval e = enclose(rho);
  return Interval((enclose(u.a) * Interval(pow(q, e)) + enclose(u.b) * Interval(pow(r, e))) / e);
}

// sum_z phi(z) u(q, r; x, z).
Interval expected_utility(const hw::Information& info, std::size_t x, const std::vector<Rational>& phi,
                          const Interval& q, const Interval& r) {
  Interval v = enclose(Rational(0));
  for (std::size_t z = 0; z < info.state_count(); ++z)
    if (phi[z] != 0) v = Interval(v + enclose(phi[z]) * utility(info.utility[x][z], q, r));
  return v;
}

int certified_sign(const Interval& x) {
  if (lower_bound(x) > 0) return 1;
  if (upper_bound(x) < 0) return -1;
  return 0;
}

// Eq. (2) written out: offers b against the others' totals (Q_-, R_-); p2 = R/Q.
hw::Bundle<Rational> market_bundle(const hw::Economy& e, const Rational& Qm, const Rational& Rm, const Rational& bq,
                                   const Rational& br) {
  const Rational Q = Qm + bq, R = Rm + br;
  if (Q == 0 || R == 0) {
    // One side empty: what is offered into it fetches the whole other side (or nothing is traded).
    if (Q == 0 && R == 0) return {e.qbar, e.rbar};
    if (Q == 0) return {e.qbar, e.rbar - br};  // offering r into a market without q gets no q
    return {e.qbar - bq, e.rbar};              // offering q into a market without r gets no r
  }
  const Rational p = R / Q;
  return {e.qbar - bq + br / p, e.rbar - br + p * bq};
}

// The posterior phi(z) as reported, one per state, checked to be a distribution.
std::vector<Rational> reported_belief(const hw::Information& info, const Outcome& out) {
  std::vector<Rational> phi;
  Rational total = 0;
  for (const auto& z : info.states) {
    phi.push_back(rational(out.witness, "phi(" + z + ")"));
    if (phi.back() < 0) throw std::runtime_error("the reported phi(" + z + ") is negative");
    total += phi.back();
  }
  if (total != 1) throw std::runtime_error("the reported phi sums to " + to_string(total) + ", not 1");
  return phi;
}

}  // namespace

// "No best response at (Q_-, R_-) with one total 0" (hw.eq17 at a zero-totals grid point, hw.prop1
// for a single agent): the reported offer s beats no trade, and s/2 beats s (same proceeds, less
// given), by eq. (2) and expected utilities enclosed in MPFI.
std::optional<Recheck> no_best_response(const hw::Economy& e, const Outcome& out) {
  const hw::Information& info = *e.info;
  const std::size_t x = index_of(info.types, need(out.witness, "type").text, "type");
  const std::vector<Rational> phi = reported_belief(info, out);
  const Rational Qm = rational(out.witness, "Q_minus"), Rm = rational(out.witness, "R_minus");
  const bool sell_q = find(out.witness, "b_q") != nullptr;
  const Rational s = rational(out.witness, sell_q ? "b_q" : "b_r");
  if (!(s > 0)) return Recheck{false, "eq. (2)", "the reported offer " + to_string(s) + " is not > 0"};
  if ((sell_q ? Qm : Rm) != 0)
    return Recheck{false, "eq. (2)",
                   std::string("the reported ") + (sell_q ? "Q_-" : "R_-") +
                       " is not 0: the proceeds "
                       "of the offer depend on its size"};
  auto payoff = [&](const Rational& amount) {
    const auto b = sell_q ? market_bundle(e, Qm, Rm, amount, 0) : market_bundle(e, Qm, Rm, 0, amount);
    if (!(b.q > 0) || !(b.r > 0))
      throw Undecidable("the deviation's bundle is not in R^2_++", NumberKind<Rational>::arithmetic);
    return expected_utility(info, x, phi, enclose(b.q), enclose(b.r));
  };
  const Interval stay = expected_utility(info, x, phi, enclose(e.qbar), enclose(e.rbar));
  const Interval full = payoff(s), half = payoff(s / 2);
  const int beats_no_trade = certified_sign(Interval(full - stay)), half_beats = certified_sign(Interval(half - full));
  const std::string method = "eq. (2) written out for the reported offer and its half, expected utility of type " +
                             info.types[x] + " under the reported phi enclosed in MPFI from u's formula";
  const std::string detail = "E u(s) - E u(no trade) in " + NumberKind<Interval>::to_string(Interval(full - stay)) +
                             ", E u(s/2) - E u(s) in " + NumberKind<Interval>::to_string(Interval(half - full));
  if (beats_no_trade == 0 || half_beats == 0) throw Undecidable(detail, NumberKind<Interval>::arithmetic);
  return Recheck{beats_no_trade > 0 && half_beats > 0, method, detail};
}

// hw.a1: the reported Y1, Y2 are a bipartition of X and mu_z(Y1) = mu_z'(Y1), re-summed by type name.
std::optional<Recheck> a1(const hw::Economy& e, const Outcome& out) {
  if (!find(out.witness, "Y1")) return std::nullopt;
  const hw::Information& info = *e.info;
  auto names = [&](const std::string& text) {
    std::vector<std::string> list;
    std::string inner = text.substr(1, text.size() - 2), item;
    std::stringstream in(inner);
    while (std::getline(in, item, ',')) {
      item.erase(0, item.find_first_not_of(' '));
      list.push_back(item);
    }
    return list;
  };
  const auto Y1 = names(need(out.witness, "Y1").text), Y2 = names(need(out.witness, "Y2").text);
  std::vector<int> seen(info.type_count(), 0);
  for (const auto& n : Y1) ++seen[index_of(info.types, n, "type")];
  for (const auto& n : Y2) ++seen[index_of(info.types, n, "type")];
  const std::string method = "mu_z(Y1) re-summed over the type names of the reported Y1, exactly";
  if (Y1.empty() || Y2.empty() || std::any_of(seen.begin(), seen.end(), [](int k) { return k != 1; }))
    return Recheck{false, method, "the reported {Y1, Y2} is not a bipartition of X"};
  const std::size_t z = index_of(info.states, need(out.witness, "z").text, "state");
  const std::size_t w = index_of(info.states, need(out.witness, "z'").text, "state");
  Rational mz = 0, mw = 0;
  for (const auto& n : Y1) {
    const std::size_t x = index_of(info.types, n, "type");
    mz += info.mu[z][x];
    mw += info.mu[w][x];
  }
  const bool agrees =
      z != w && mz == mw && mz == rational(out.witness, "mu_z(Y1)") && mw == rational(out.witness, "mu_z'(Y1)");
  return Recheck{
      agrees, method,
      "mu_" + info.states[z] + "(Y1) = " + to_string(mz) + ", mu_" + info.states[w] + "(Y1) = " + to_string(mw)};
}

// hw.eq17: the zero-totals witness; or "g (h) has 0 interior stationary points but (15)-(16) call
// for 1": g' (h') of the reported belief and totals keeps its sign on the whole offer range,
// enclosed piece by piece in MPFI from the utilities' marginal utilities and eq. (2)'s bundle.
std::optional<Recheck> eq17(const hw::Economy& e, const Outcome& out) {
  if (find(out.witness, "b_q") || find(out.witness, "b_r")) return no_best_response(e, out);
  unsigned gq = 0, hr = 0, want_q = 0, want_r = 0;
  if (std::sscanf(out.summary.c_str(),
                  "g has %u and h has %u interior stationary points, but (15)-(16) with g'(0), "
                  "h'(0) call for %u and %u",
                  &gq, &hr, &want_q, &want_r) != 4)
    return std::nullopt;
  const bool side_q = gq == 0 && want_q == 1, side_r = hr == 0 && want_r == 1;
  if (!side_q && !side_r) return std::nullopt;
  const hw::Information& info = *e.info;
  const std::size_t x = index_of(info.types, need(out.witness, "type").text, "type");
  const std::vector<Rational> phi = reported_belief(info, out);
  const Rational Qm = rational(out.witness, "Q_minus"), Rm = rational(out.witness, "R_minus");
  const Rational top = side_q ? e.qbar : e.rbar;
  // d/db E u along the one-sided offer b of the called side: selling q, (q, r) = (qbar - b,
  // rbar + b R/(Q + b)) with dr/db = R Q/(Q + b)^2; selling r symmetrically.
  auto slope = [&](const Interval& b) {
    const Interval Q = enclose(Qm), R = enclose(Rm);
    const Interval q = side_q ? Interval(enclose(e.qbar) - b) : Interval(enclose(e.qbar) + b * Q / (R + b));
    const Interval r = side_q ? Interval(enclose(e.rbar) + b * R / (Q + b)) : Interval(enclose(e.rbar) - b);
    const Interval dq = side_q ? enclose(Rational(-1)) : Interval(Q * R / ((R + b) * (R + b)));
    const Interval dr = side_q ? Interval(R * Q / ((Q + b) * (Q + b))) : enclose(Rational(-1));
    Interval d = enclose(Rational(0));
    for (std::size_t z = 0; z < info.state_count(); ++z) {
      if (phi[z] == 0) continue;
      const hw::Utility& u = info.utility[x][z];
      const Interval k = u.family == hw::Family::cobb_douglas ? enclose(Rational(-1)) : enclose(-1 / u.sigma);
      Interval uq = enclose(Rational(0)), ur = enclose(Rational(0));  // a q^k, b r^k (k = -1 for Cobb-Douglas)
      if (u.a != 0) uq = Interval(enclose(u.a) * Interval(pow(q, k)));
      if (u.b != 0) ur = Interval(enclose(u.b) * Interval(pow(r, k)));
      d = Interval(d + enclose(phi[z]) * (uq * dq + ur * dr));
    }
    return d;
  };
  // Pieces of [0, top]; the last stops short of the end, where the bundle may leave R^2_++.
  const int pieces = 256;
  for (int k = 0; k < pieces; ++k) {
    const Rational lo = top * Rational(k, pieces);
    const Rational hi = k + 1 < pieces ? top * Rational(k + 1, pieces) : top * Rational(2 * pieces - 1, 2 * pieces);
    Interval b;
    mpfi_interv_q(b.backend().data(), lo.backend().data(), hi.backend().data());  // [lo, hi], outward rounded
    const int s = certified_sign(slope(b));
    if (s == 0)
      throw Undecidable("the slope on [" + to_string(lo) + ", " + to_string(hi) + "] has no certified sign",
                        NumberKind<Interval>::arithmetic);
    if (s < 0)
      return Recheck{false, "the slope of the one-sided payoff enclosed on 256 pieces of the offer range",
                     "it is negative on [" + to_string(lo) + ", " + to_string(hi) + "]: there is a stationary point"};
  }
  return Recheck{true,
                 std::string("d/db E u along the offer of good ") + (side_q ? "q" : "r") +
                     " (eq. (2), marginal utilities from u's formula), enclosed on 256 pieces of the offer range",
                 "the slope is certified > 0 on [0, " + to_string(top * Rational(511, 512)) +
                     "]: no interior stationary point, the best response is the corner, not where (15)-(16) put it"};
}

// hw.lemma2's "no trade is a Nash equilibrium but not the CE allocation" at eps = 0: eps = (0, 0)
// in the case, and two present types whose marginal rates of substitution at the endowment
// differ (certified), so no price makes the endowment every type's demand.
std::optional<Recheck> lemma2(const hw::Economy& e, const Outcome& out) {
  if (!find(out.witness, "nash_equilibrium")) return std::nullopt;
  const hw::Information& info = *e.info;
  const std::size_t z = index_of(info.states, need(out.witness, "state").text, "state");
  const std::string method =
      "eps read from the case; u_q/u_r at the endowment of each type present in the state, "
      "from u's formula, in MPFI";
  if (e.epsilon.q != 0 || e.epsilon.r != 0)
    return Recheck{false, method, "eps is not (0, 0): no-trade is not an equilibrium (L121)"};
  std::vector<std::pair<std::size_t, Interval>> mrs;
  for (std::size_t x = 0; x < info.type_count(); ++x) {
    if (!(info.mu[z][x] > 0)) continue;
    const hw::Utility& u = info.utility[x][z];
    const Interval ratio = enclose(e.qbar / e.rbar);
    const Interval k = u.family == hw::Family::cobb_douglas ? enclose(Rational(-1)) : enclose(-1 / u.sigma);
    // (a qbar^k)/(b rbar^k) = (a/b) (qbar/rbar)^k.
    mrs.push_back({x, Interval(enclose(u.a / u.b) * Interval(pow(ratio, k)))});
  }
  for (std::size_t i = 0; i < mrs.size(); ++i)
    for (std::size_t j = i + 1; j < mrs.size(); ++j)
      if (certified_sign(Interval(mrs[i].second - mrs[j].second)) != 0)
        return Recheck{true, method,
                       "MRS(" + info.types[mrs[i].first] + ") in " + NumberKind<Interval>::to_string(mrs[i].second) +
                           " != MRS(" + info.types[mrs[j].first] + ") in " +
                           NumberKind<Interval>::to_string(mrs[j].second) +
                           ": the endowment is not a CE allocation, and at eps = 0 with no offers every deviation "
                           "trades nothing"};
  return Recheck{false, method, "every present type has the same MRS at the endowment: it is the CE allocation"};
}

// hw.slides_lemma: the reported derivative d q_x'*/d b_x at b = 0, recomputed exactly by the
// implicit function theorem on slide 11's clearing condition F(p, b) = sum_y mu_z(y) c_yz/(p - b_y)
// + eps_y/((1 - eta) p) - a - eps_a/(1 - eta) = 0: dp_z/db_x = -F_b/F_p with both partials taken
// at the CE price solved from F(p, 0) = 0, then q_x' = E_tau_x'[c]/(E_tau_x'[p] - b_x') differentiated.
std::optional<Recheck> slides(const hw::Economy& e, const Outcome& out) {
  const Value* w = find(out.witness, "derivative");
  if (!w) return std::nullopt;
  const hw::Information& info = *e.info;
  // "dq(X')/db(X) = V is not > 0" (own effect) or "... is not < 0" (cross effect).
  const std::string& t = w->text;
  const auto open1 = t.find("dq("), close1 = t.find(")/db("), close2 = t.find(") = "), tail = t.find(" is not ");
  if (open1 != 0 || close1 == std::string::npos || close2 == std::string::npos || tail == std::string::npos)
    throw std::runtime_error("cannot read the derivative '" + t + "'");
  const std::size_t xp = index_of(info.types, t.substr(3, close1 - 3), "type");
  const std::size_t x = index_of(info.types, t.substr(close1 + 5, close2 - close1 - 5), "type");
  std::string why;
  const auto reported = parse_rational(t.substr(close2 + 4, tail - close2 - 4), &why);
  if (!reported) throw std::runtime_error("cannot read the derivative's value: " + why);
  const Rational active = 1 - *e.eta, supply = e.qbar + e.epsilon.q / active;
  const auto& cw = e.slides_log_weight;
  std::vector<Rational> price, dprice;
  for (std::size_t z = 0; z < info.state_count(); ++z) {
    Rational weighted = 0;
    for (std::size_t y = 0; y < info.type_count(); ++y) weighted += info.mu[z][y] * cw[y][z];
    const Rational p = (weighted + e.epsilon.r / active) / supply;  // F(p, 0) = 0
    Rational Fp = -e.epsilon.r / (active * p * p), Fb = info.mu[z][x] * cw[x][z] / (p * p);
    for (std::size_t y = 0; y < info.type_count(); ++y) Fp -= info.mu[z][y] * cw[y][z] / (p * p);
    price.push_back(p);
    dprice.push_back(-Fb / Fp);
  }
  // tau_x'(z) by Bayes rule, then E[c], E[p], d E[p]/d b_x.
  Rational norm = 0, Ec = 0, Ep = 0, dEp = 0;
  for (std::size_t z = 0; z < info.state_count(); ++z) norm += info.prior[z] * info.mu[z][xp];
  for (std::size_t z = 0; z < info.state_count(); ++z) {
    const Rational tau = info.prior[z] * info.mu[z][xp] / norm;
    Ec += tau * cw[xp][z];
    Ep += tau * price[z];
    dEp += tau * dprice[z];
  }
  const Rational own = x == xp ? Rational(1) : Rational(0);
  const Rational d = Ec * (own - dEp) / (Ep * Ep);
  const bool violates = x == xp ? !(d > 0) : !(d < 0);
  return Recheck{d == *reported && violates,
                 "slide 11's clearing condition differentiated at the CE price (implicit function theorem), exactly",
                 "dq(" + info.types[xp] + ")/db(" + info.types[x] + ") = " + to_string(d)};
}

// hw.lemma1: the reported b'' is not a one-sided offer in O with the payoff of b' - eq. (2)
// written out for both reported offers at the reported totals. nullopt when the refutation is
// about something else (the symbolic identities, the case file's expected sign case).
std::optional<Recheck> lemma1(const hw::Economy& e, const Outcome& out) {
  if (!find(out.witness, "b''_q")) return std::nullopt;
  const Rational Qm = rational(out.witness, "Q_minus"), Rm = rational(out.witness, "R_minus");
  const Rational bq = rational(out.witness, "b'_q"), br = rational(out.witness, "b'_r");
  const Rational cq = rational(out.witness, "b''_q"), cr = rational(out.witness, "b''_r");
  const std::string method =
      "eq. (2) written out for the reported b' and b'' at the reported (Q_-, R_-); O checked from "
      "its definition (L47)";
  if (cq < 0 || cr < 0 || cq > e.qbar || cr > e.rbar || cq * cr != 0)
    return Recheck{true, method, "b'' = (" + to_string(cq) + ", " + to_string(cr) + ") is not in O"};
  const auto x1 = market_bundle(e, Qm, Rm, bq, br), x2 = market_bundle(e, Qm, Rm, cq, cr);
  const std::string bundles = "b' gets (" + to_string(x1.q) + ", " + to_string(x1.r) + "), b'' gets (" +
                              to_string(x2.q) + ", " + to_string(x2.r) + ")";
  if (x1.q != x2.q || x1.r != x2.r) return Recheck{true, method, bundles};
  const Rational p1 = (Rm + br) / (Qm + bq), p2 = (Rm + cr) / (Qm + cq);
  if (p1 != p2) return Recheck{true, method, bundles + ", but p2 is " + to_string(p1) + " vs " + to_string(p2)};
  // b'' is in O with the payoff and the price of b': a refutation that says otherwise is wrong.
  const bool about_the_offer = out.summary.find("is not in O") != std::string::npos ||
                               out.summary.find(" gets ") != std::string::npos ||
                               out.summary.find("p2 under b''") != std::string::npos;
  if (about_the_offer) return Recheck{false, method, bundles + ": b'' is in O with the payoff and the price of b'"};
  return std::nullopt;
}

// hw.prop1's certificate: each reported box (the offers beta(x)^sigma as enclosures) contains a
// stage-2 equilibrium by the Poincare-Miranda theorem, a criterion that shares nothing with the
// Krawczyk test (no Jacobian, no Newton point, no preconditioner): for every present type x, the
// first-order condition of one type-x agent (the slope of her one-sided payoff, eq. (2) written
// out, marginal utilities from u's formula, phi^sigma by Bayes rule here) is certified > 0 when
// all type-x agents offer the low end of their box and < 0 at the high end, whatever the other
// types offer within theirs. Each type's offer keeps one side on the box, so the conditions are
// continuous there. Undecidable (re-check undecided) when a face's sign is not certified.
std::optional<Recheck> prop1_boxes(const hw::Economy& e, const Outcome& out) {
  const hw::Information& info = *e.info;
  hw::PrecisionScope precision(e.equilibrium.digits + 40);
  // label -> per type index: the signed box (s > 0 sells q)
  std::map<std::string, std::map<std::size_t, std::pair<Interval, bool>>> boxes;
  for (const auto& v : out.values) {
    const bool q = v.name.rfind("beta_q(", 0) == 0, r = v.name.rfind("beta_r(", 0) == 0;
    if ((!q && !r) || v.interval.empty()) continue;
    const auto close = v.name.find(")^");
    const std::size_t x = index_of(info.types, v.name.substr(7, close - 7), "type");
    std::string text;
    for (char ch : v.interval)
      if (ch != ' ') text += ch;
    Interval amount;
    if (mpfi_set_str(amount.backend().data(), text.c_str(), 10) != 0)
      throw std::runtime_error("cannot read the box '" + v.interval + "'");
    boxes[v.name.substr(close + 2)][x] = {amount, q};
  }
  if (boxes.empty()) return std::nullopt;
  long long faces = 0;
  for (const auto& [label, by_type] : boxes) {
    std::vector<long long> sigma;
    std::stringstream in(label.substr(1, label.size() - 2));
    std::string item;
    while (std::getline(in, item, ',')) sigma.push_back(std::stoll(item));
    if (sigma.size() != info.type_count()) throw std::runtime_error("cannot read the configuration " + label);
    // phi^sigma(z) proportional to kappa(z) prod_x mu_z(x)^sigma(x) (L95, L101).
    std::vector<Rational> phi;
    Rational total = 0;
    for (std::size_t z = 0; z < info.state_count(); ++z) {
      Rational w = info.prior[z];
      for (std::size_t x = 0; x < info.type_count(); ++x) {
        Rational square = info.mu[z][x];  // w *= mu^sigma(x), by squaring
        for (long long n = sigma[x]; n > 0; n >>= 1) {
          if (n & 1) w *= square;
          if (n > 1) square *= square;
        }
      }
      phi.push_back(w);
      total += w;
    }
    for (auto& p : phi) p /= total;
    long long M = 0;
    for (auto n : sigma) M += n;
    // The offers of type y as amounts of q and r sold, on the box or at a face of type i.
    // (by_type captured by name: clang 14 cannot capture a structured binding.)
    auto sold = [&, &by_type = by_type](std::size_t y, std::optional<Interval> face) {
      const auto& [amount, sells_q] = by_type.at(y);
      const Interval a = face ? *face : amount;
      const Interval zero = enclose(Rational(0));
      return std::make_pair(sells_q ? a : zero, sells_q ? zero : a);
    };
    for (const auto& [i, own] : by_type) {
      if (sigma[i] == 0)
        return Recheck{false, "Poincare-Miranda", "a box for type " + info.types[i] + " absent from " + label};
      for (int end : {0, 1}) {
        const Interval face = enclose(end == 0 ? lower_bound(own.first) : upper_bound(own.first));
        Interval Qm = enclose(Rational(M) * e.epsilon.q), Rm = enclose(Rational(M) * e.epsilon.r);
        for (std::size_t y = 0; y < info.type_count(); ++y) {
          if (sigma[y] == 0) continue;
          if (!by_type.count(y)) return std::nullopt;
          const auto [bq, br] = sold(y, y == i ? std::optional<Interval>(face) : std::nullopt);
          const Interval n = enclose(Rational(sigma[y] - (y == i ? 1 : 0)));
          Qm = Interval(Qm + n * bq);
          Rm = Interval(Rm + n * br);
        }
        // The slope of the own one-sided payoff in the amount sold, at `face`.
        const bool sells_q = own.second;
        const Interval b = face;
        const Interval q = sells_q ? Interval(enclose(e.qbar) - b) : Interval(enclose(e.qbar) + b * Qm / (Rm + b));
        const Interval r = sells_q ? Interval(enclose(e.rbar) + b * Rm / (Qm + b)) : Interval(enclose(e.rbar) - b);
        const Interval dq = sells_q ? enclose(Rational(-1)) : Interval(Qm * Rm / ((Rm + b) * (Rm + b)));
        const Interval dr = sells_q ? Interval(Rm * Qm / ((Qm + b) * (Qm + b))) : enclose(Rational(-1));
        Interval slope = enclose(Rational(0));
        for (std::size_t z = 0; z < info.state_count(); ++z) {
          if (phi[z] == 0) continue;
          const hw::Utility& u = info.utility[i][z];
          const Interval k = u.family == hw::Family::cobb_douglas ? enclose(Rational(-1)) : enclose(-1 / u.sigma);
          const Interval uq = Interval(enclose(u.a) * Interval(pow(q, k))),
                         ur = Interval(enclose(u.b) * Interval(pow(r, k)));
          slope = Interval(slope + enclose(phi[z]) * (uq * dq + ur * dr));
        }
        // Selling more of either good past the equilibrium lowers the payoff: the slope in the
        // amount sold is > 0 at the low end of the box and < 0 at the high end.
        const int sign = certified_sign(slope), want = end == 0 ? 1 : -1;
        if (sign == 0)
          throw Undecidable("sigma = " + label + ", type " + info.types[i] + ": the slope at the " +
                                (end == 0 ? "low" : "high") + " face is " + NumberKind<Interval>::to_string(slope),
                            NumberKind<Interval>::arithmetic);
        if (sign != want)
          return Recheck{false, "Poincare-Miranda on the reported boxes",
                         "sigma = " + label + ", type " + info.types[i] + ": the slope at the " +
                             (end == 0 ? "low" : "high") +
                             " face has the wrong sign: " + NumberKind<Interval>::to_string(slope)};
        ++faces;
      }
    }
  }
  return Recheck{true,
                 "Poincare-Miranda on the reported boxes: each type's first-order condition (eq. (2) written out, "
                 "phi^sigma by Bayes rule, marginal utilities from u's formula) certified > 0 on the low face and < 0 "
                 "on the high face of its box, over the other types' boxes, in MPFI",
                 std::to_string(faces) + " faces of " + std::to_string(boxes.size()) +
                     " boxes certified: each box contains a stage-2 equilibrium"};
}

// ---------------------------------------------------------------- hw.prop2 (numeric)
namespace {

// A utility of L39's families with its parameters in double, converted once: the golden-section
// searches below evaluate it thousands of times, and converting the rationals on every call
// cost more than the search itself (the doubles, hence every value, are the same).
struct UtilityDouble {
  bool cobb_douglas = true;
  double a = 0, b = 0, rho = 0;
  explicit UtilityDouble(const hw::Utility& u)
      : cobb_douglas(u.family == hw::Family::cobb_douglas),
        a(u.a.convert_to<double>()),
        b(u.b.convert_to<double>()),
        rho(cobb_douglas ? 0 : 1 - 1 / u.sigma.convert_to<double>()) {}
};

double utility_double(const UtilityDouble& u, double q, double r) {
  if (u.cobb_douglas) return (u.a != 0 ? u.a * std::log(q) : 0) + (u.b != 0 ? u.b * std::log(r) : 0);
  return (u.a * std::pow(q, u.rho) + u.b * std::pow(r, u.rho)) / u.rho;
}

// Golden-section maximum of a unimodal f on [lo, hi].
template <class F>
double golden_max(F f, double lo, double hi) {
  const double g = (std::sqrt(5.0) - 1) / 2;
  double a = lo, b = hi, c = b - g * (b - a), d = a + g * (b - a), fc = f(c), fd = f(d);
  for (int i = 0; i < 200 && b - a > 1e-15 * (1 + std::abs(a)); ++i) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

// The distance of the stage-2 equilibrium of configuration sigma (posterior by Bayes rule in
// logs) to the CE offers (18) of state z, in double: equilibrium by damped best responses, each
// best response by golden section on the expected utility of eq. (2)'s bundle; the CE price by
// bisection on the excess demand (19) with Walrasian demands from the first-order condition.
double distance_double(const hw::Economy& e, std::size_t z, const std::vector<long long>& sigma) {
  const hw::Information& info = *e.info;
  const std::size_t S = info.state_count(), X = info.type_count();
  const double qbar = e.qbar.convert_to<double>(), rbar = e.rbar.convert_to<double>();
  const double eq = e.epsilon.q.convert_to<double>(), er = e.epsilon.r.convert_to<double>();
  std::vector<double> logw(S), phi(S);
  double top = -INFINITY;
  for (std::size_t w = 0; w < S; ++w) {
    logw[w] = std::log(info.prior[w].convert_to<double>());
    for (std::size_t x = 0; x < X; ++x)
      if (sigma[x] > 0) logw[w] += sigma[x] * std::log(info.mu[w][x].convert_to<double>());
    top = std::max(top, logw[w]);
  }
  double total = 0;
  for (std::size_t w = 0; w < S; ++w) total += phi[w] = std::exp(logw[w] - top);
  for (auto& p : phi) p /= total;
  long long M = 0;
  for (auto k : sigma) M += k;
  std::vector<std::vector<UtilityDouble>> utility(X);  // [x][w]
  for (std::size_t x = 0; x < X; ++x)
    for (std::size_t w = 0; w < S; ++w) utility[x].emplace_back(info.utility[x][w]);
  std::vector<double> s(X, 0.0);  // signed offers (> 0 sells q)
  auto best_response = [&](std::size_t x) {
    double Qm = M * eq, Rm = M * er;
    for (std::size_t y = 0; y < X; ++y) {
      const double n = static_cast<double>(sigma[y] - (y == x ? 1 : 0));
      Qm += n * std::max(s[y], 0.0);
      Rm += n * std::max(-s[y], 0.0);
    }
    auto value = [&](double t) {
      const double bq = std::max(t, 0.0), br = std::max(-t, 0.0), p = (Rm + br) / (Qm + bq);
      const double q = qbar - bq + br / p, r = rbar - br + p * bq;
      double v = 0;
      for (std::size_t w = 0; w < S; ++w) v += phi[w] * utility_double(utility[x][w], q, r);
      return v;
    };
    return golden_max(value, -rbar * (1 - 1e-12), qbar * (1 - 1e-12));
  };
  for (int round = 0; round < 5000; ++round) {
    double change = 0;
    for (std::size_t x = 0; x < X; ++x) {
      if (sigma[x] == 0) continue;
      const double next = 0.5 * s[x] + 0.5 * best_response(x);
      change = std::max(change, std::abs(next - s[x]));
      s[x] = next;
    }
    if (change < 1e-13) break;
  }
  // The CE of L^z(eps): excess demand for q, decreasing in p under gross substitutes.
  auto q_demand = [&](const hw::Utility& u, double p) {
    const double wealth = p * qbar + rbar, a = u.a.convert_to<double>(), b = u.b.convert_to<double>();
    if (u.family == hw::Family::cobb_douglas) return a / (a + b) * wealth / p;
    const double k = u.sigma.convert_to<double>();
    return wealth / (p + std::pow(p * b / a, k));  // p q + r = wealth with r = (p b/a)^k q
  };
  auto excess = [&](double p) {
    double d = er / p - qbar - eq;
    for (std::size_t x = 0; x < X; ++x)
      if (info.mu[z][x] > 0) d += info.mu[z][x].convert_to<double>() * q_demand(info.utility[x][z], p);
    return d;
  };
  double lo = 1e-9, hi = 1e9;
  for (int i = 0; i < 200; ++i) {
    const double mid = std::sqrt(lo * hi);
    (excess(mid) > 0 ? lo : hi) = mid;
  }
  const double p = std::sqrt(lo * hi);
  double distance = 0;
  for (std::size_t x = 0; x < X; ++x) {
    if (!(info.mu[z][x] > 0) || sigma[x] == 0) continue;
    const double q = q_demand(info.utility[x][z], p), r = p * qbar + rbar - p * q;
    const double bq = std::max(qbar - q, 0.0), br = std::max(rbar - r, 0.0);
    distance = std::max({distance, std::abs(std::max(s[x], 0.0) - bq), std::abs(std::max(-s[x], 0.0) - br)});
  }
  return distance;
}

}  // namespace

// hw.prop2's numeric refutation: the reported distances give a least-squares rate above -1/2
// (re-fitted here from the texts), and the distances at the smallest and the largest N agree
// with an independent double-precision recomputation.
std::optional<Recheck> prop2(const hw::Economy& e, const Outcome& out) {
  struct Point {
    long long N;
    double d;
    std::vector<long long> sigma;
  };
  std::vector<Point> points;
  for (const auto& v : out.values) {
    if (v.name.rfind("distance_N=", 0) != 0) continue;
    Point p;
    p.N = std::stoll(v.name.substr(11));
    p.d = std::stod(v.text);
    const auto open = v.text.find("sigma = ("), close = v.text.find(')', open);
    if (open == std::string::npos || close == std::string::npos)
      throw std::runtime_error("no sigma in '" + v.text + "'");
    std::stringstream in(v.text.substr(open + 9, close - open - 9));
    std::string item;
    while (std::getline(in, item, ',')) p.sigma.push_back(std::stoll(item));
    points.push_back(p);
  }
  if (points.size() < 2) return std::nullopt;
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const auto& p : points) {
    const double x = std::log(static_cast<double>(p.N)), y = std::log(p.d);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const double n = static_cast<double>(points.size());
  const double rate = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const std::size_t z = e.equilibrium.state.value_or(0);
  std::ostringstream detail;
  detail << "re-fitted rate " << rate;
  bool agree = rate > -0.5;
  for (const Point* p : {&points.front(), &points.back()}) {
    const double d = distance_double(e, z, p->sigma);
    detail << "; N = " << p->N << ": distance " << d << " (reported " << p->d << ")";
    agree = agree && std::abs(d - p->d) <= 1e-6 * (1 + p->d);
  }
  return Recheck{
      agree,
      "least-squares rate re-fitted from the reported distances; the distances at the smallest and largest N "
      "recomputed in double (Bayes rule in logs, damped best responses by golden section on expected "
      "utility of eq. (2), the CE of L^z(eps) by bisection on (19))",
      detail.str()};
}

}  // namespace mechcheck::proofs::hw_recheck
