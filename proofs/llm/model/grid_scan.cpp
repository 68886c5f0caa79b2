// The exact vertex-grid scan by linear forms and orbits (grid_scan.hpp). The reference it must
// agree with is scan_vertex_grid<Algebraic> (spot_market_kinds.cpp): eq. (2) at every point.
#include "llm/model/grid_scan.hpp"

#include "mechcheck/number/parallel_for.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace mechcheck::llm {

namespace {

using Coefficients = std::vector<std::int64_t>;

// The common denominator D of the k_i, when the integer accumulation below cannot overflow:
// every welfare weight is a multiple of 1/D (sums, differences and minima of the k_i and of 1),
// at most 1 in absolute value, and Pi adds 2n - 1 of them, so |D a_c| <= (2n - 1) D < 2^62 when
// D <= 2^40 and n <= 2^16. Otherwise nullopt: the scan falls back to the reference.
std::optional<std::int64_t> integer_scale(const VertexGrid& grid) {
  if (grid.dimension > (1u << 16)) return std::nullopt;
  Integer d = 1;
  for (const auto& k : grid.k) d = boost::multiprecision::lcm(d, Integer(boost::multiprecision::denominator(k)));
  if (d > (Integer(1) << 40)) return std::nullopt;
  return static_cast<std::int64_t>(d);
}

bool constants_increase(const VertexGrid& grid) {
  for (std::size_t c = 1; c < grid.constants.size(); ++c)
    if (grid.constant_rank[c] <= grid.constant_rank[c - 1]) return false;
  return true;
}

unsigned long long saturating_multiply(unsigned long long a, unsigned long long b) {
  if (a != 0 && b > (~0ull) / a) return ~0ull;
  return a * b;
}

// C(n, r) with saturation at ~0ull. value * (n - r + i) / i is C(n - r + i, i), an integer; with
// g = gcd(value, i), i / g is coprime to value / g and so divides n - r + i.
unsigned long long binomial(unsigned long long n, unsigned long long r) {
  r = std::min(r, n - r);
  unsigned long long value = 1;
  for (unsigned long long i = 1; i <= r; ++i) {
    const unsigned long long g = std::gcd(value, i);
    if (__builtin_mul_overflow(value / g, (n - r + i) / (i / g), &value)) return ~0ull;
  }
  return value;
}

// ---- 1. Linear forms ----------------------------------------------------------------------
//
// Claim: at a grid point, Pi(theta, r) = (1/D) sum_c a_c c - S with integers a_c and the constant
// S = sum_i min(r_i, k_i) hat_i (eq. (2)'s last sum, the same at every point).
// Proof: eq. (2) is Pi = sum_l W(hat_l, theta_-l) - (n-1) W(theta) - S, and every profile in it
// has all its types among the grid constants c (hat_l is one). W(psi) = sum_j psi_j Q_j(psi)
// with Q the greedy allocation of Section 2 (efficient_allocation): agents in decreasing order
// of type get min(k_j, what is left), types <= 0 get nothing. Group the agents by the constant
// they sit at: W(psi) = sum_c c w_c with w_c the quantity served to the agents at c. The greedy
// serves every agent at a constant before any agent at a lower one, so w_c = min(B_c, L_c) with
// B_c the sum of k_j over the agents at c and L_c = 1 - sum of w_c' over the constants c' > c,
// for c > 0, and w_c = 0 for c <= 0; the order among tied agents does not matter. With all k_j
// and 1 multiples of 1/D, so are B_c, L_c and w_c. Grid constants are sorted increasing and
// distinct, with sign(rank) = sign(value) (vertex_grid, rank_values), so "c > c'" and "c > 0"
// are read off the indices and the ranks.
class FormAccumulator {
 public:
  FormAccumulator(const VertexGrid& grid, std::int64_t scale) : m_(grid.constants.size()), scale_(scale) {
    for (const auto& k : grid.k) {
      const Rational scaled = k * scale;  // an integer: D is a multiple of k's denominator
      k_scaled_.push_back(boost::multiprecision::numerator(scaled).convert_to<std::int64_t>());
    }
    for (std::size_t c = 0; c < m_; ++c) positive_.push_back(grid.constant_rank[c] > 0);
  }
  std::int64_t k_scaled(std::size_t agent) const { return k_scaled_[agent]; }

  // coefficients += multiplier * (D w_c)_c for the profile with demand `bucket[c]` (times D) at
  // each constant c.
  void add_welfare(const std::vector<std::int64_t>& bucket, std::int64_t multiplier, Coefficients& coefficients) const {
    std::int64_t left = scale_;
    for (std::size_t c = m_; c-- > 0 && left > 0 && positive_[c];) {
      const std::int64_t served = std::min(bucket[c], left);
      coefficients[c] += multiplier * served;
      left -= served;
    }
  }

 private:
  std::size_t m_;
  std::int64_t scale_;
  std::vector<std::int64_t> k_scaled_;
  std::vector<bool> positive_;
};

struct CoefficientsHash {
  std::size_t operator()(const Coefficients& a) const {
    std::uint64_t h = 1469598103934665603ull;
    for (auto x : a) h = (h ^ static_cast<std::uint64_t>(x)) * 1099511628211ull;
    return static_cast<std::size_t>(h);
  }
};

// A value  constant + sum_j coefficient[j] atom[j]  with rational coefficients over the
// irrational numbers `atom` of the grid.
struct LinearForm {
  Rational constant;
  std::vector<Rational> coefficient;
  friend bool operator<(const LinearForm& a, const LinearForm& b) {
    if (a.constant != b.constant) return a.constant < b.constant;
    return a.coefficient < b.coefficient;
  }
  LinearForm operator-(const LinearForm& b) const {
    LinearForm d{constant - b.constant, coefficient};
    for (std::size_t j = 0; j < d.coefficient.size(); ++j) d.coefficient[j] -= b.coefficient[j];
    return d;
  }
};

// Signs of linear forms: a rigorous enclosure first, exact arithmetic only where it cannot
// exclude 0.
// Proof of the filter: isolating_interval(bits) returns rational lo <= atom <= hi (Calcium,
// checked there); a form evaluated on those intervals in exact rational interval arithmetic
// (a positive coefficient takes the ends in order, a negative one swapped) contains the form's
// value, so an enclosure inside (0, inf) or (-inf, 0) decides the sign exactly. A form with no
// irrational term is its rational constant. What remains (typically a value that is exactly 0)
// is evaluated in qqbar.
class FormSigns {
 public:
  explicit FormSigns(std::vector<Algebraic> atoms) : atoms_(std::move(atoms)) {}
  std::size_t atom_count() const { return atoms_.size(); }
  const Algebraic& atom(std::size_t j) const { return atoms_[j]; }
  std::size_t exact_decisions() const { return exact_decisions_; }

  int sign(const LinearForm& f) {
    bool irrational = false;
    for (const auto& b : f.coefficient) irrational = irrational || b != 0;
    if (!irrational) return mechcheck::sign(f.constant);
    for (std::size_t level = 0; level < kLevels; ++level) {
      const auto& box = enclosures(level);
      Rational lo = f.constant, hi = f.constant;
      for (std::size_t j = 0; j < f.coefficient.size(); ++j) {
        const Rational& b = f.coefficient[j];
        if (b > 0) {
          lo += b * box[j].first;
          hi += b * box[j].second;
        } else if (b < 0) {
          lo += b * box[j].second;
          hi += b * box[j].first;
        }
      }
      if (lo > 0) return 1;
      if (hi < 0) return -1;
    }
    ++exact_decisions_;
    return value(f).sign();
  }

  Algebraic value(const LinearForm& f) const {
    Algebraic v(f.constant);
    for (std::size_t j = 0; j < f.coefficient.size(); ++j)
      if (f.coefficient[j] != 0) v += Algebraic(f.coefficient[j]) * atoms_[j];
    return v;
  }

 private:
  static constexpr std::size_t kLevels = 3;  // 64, 256, 1024 bits
  const std::vector<std::pair<Rational, Rational>>& enclosures(std::size_t level) {
    while (boxes_.size() <= level) {
      const long bits = 64L << (2 * boxes_.size());
      std::vector<std::pair<Rational, Rational>> box;
      for (const auto& a : atoms_) box.push_back(a.isolating_interval(bits));
      boxes_.push_back(std::move(box));
    }
    return boxes_[level];
  }
  std::vector<Algebraic> atoms_;
  std::vector<std::vector<std::pair<Rational, Rational>>> boxes_;
  std::size_t exact_decisions_ = 0;
};

// Turns the integer coefficients (over D) of the grid constants into a LinearForm over the
// irrational numbers of the grid, with S = sum_i min(r_i, k_i) hat_i folded in exactly:
// rational constants go into the constant term, and S is grouped by worst-off type,
// S = sum_h h O_h with O_h = sum_{i: hat_i = h} min(r_i, k_i); where O_h is rational (e.g.
// r = r*, where the O_h sum to 1) S only shifts the coefficient of h, else h O_h is an atom.
class FormNormaliser {
 public:
  FormNormaliser(const VertexGrid& grid, std::int64_t scale) : grid_(grid), scale_(scale) {
    std::vector<Algebraic> atoms;
    for (const auto& c : grid.constants) {
      atom_of_constant_.push_back(c.is_rational() ? -1 : static_cast<long>(atoms.size()));
      if (!c.is_rational()) atoms.push_back(c);
    }
    std::map<std::size_t, Algebraic> held_at;  // O_h by the grid index of h
    for (std::size_t i = 0; i < grid.dimension; ++i) {
      auto [it, fresh] = held_at.emplace(grid.hat_index[i], grid.outside[i]);
      if (!fresh) it->second += grid.outside[i];
    }
    Rational s_rational = 0;
    std::vector<std::pair<long, Rational>> s_on_atom;
    for (const auto& [h, held] : held_at) {
      const Algebraic& hat = grid.constants[h];
      if (held.is_rational()) {
        if (hat.is_rational()) s_rational += hat.to_rational() * held.to_rational();
        else s_on_atom.emplace_back(atom_of_constant_[h], held.to_rational());
      } else {
        Algebraic product = hat * held;
        if (product.is_rational()) {
          s_rational += product.to_rational();
        } else {
          s_on_atom.emplace_back(static_cast<long>(atoms.size()), Rational(1));
          atoms.push_back(product);
        }
      }
    }
    base_.constant = -s_rational;
    base_.coefficient.assign(atoms.size(), Rational(0));
    for (const auto& [j, amount] : s_on_atom) base_.coefficient[static_cast<std::size_t>(j)] -= amount;
    atoms_ = std::move(atoms);
  }
  std::vector<Algebraic> atoms() const { return atoms_; }

  LinearForm form(const Coefficients& a) const {
    LinearForm f = base_;
    for (std::size_t c = 0; c < a.size(); ++c) {
      if (a[c] == 0) continue;
      const Rational weight(a[c], scale_);
      if (atom_of_constant_[c] < 0) f.constant += weight * grid_.constants[c].to_rational();
      else f.coefficient[static_cast<std::size_t>(atom_of_constant_[c])] += weight;
    }
    return f;
  }

 private:
  const VertexGrid& grid_;
  std::int64_t scale_;
  std::vector<long> atom_of_constant_;
  std::vector<Algebraic> atoms_;
  LinearForm base_;
};

// ---- 2. Orbits of exchangeable agents ---------------------------------------------------
//
// Claim: if agents i and j have k_i = k_j and hat_i = hat_j, then Pi(sigma theta) = Pi(theta)
// for the transposition sigma of their types.
// Proof: by the proof of 1., W(psi) depends on psi only through the demands B_c at each
// constant, which sigma leaves unchanged when k_i = k_j: W(sigma psi) = W(psi). In eq. (2),
// W(theta) and S are thus unchanged; the term l not in {i, j} is W(sigma (hat_l, theta_-l)) =
// W(hat_l, theta_-l); the term l = i is W(psi) with psi_i = hat_i, psi_j = theta_i, and sigma psi
// has theta_i at i and hat_i = hat_j at j, so it is the term l = j of theta, and vice versa.
// The transpositions within a class generate its symmetric group, so Pi is constant on the
// orbits of the product of the classes' symmetric groups. An orbit is fixed by how many agents
// of each class sit at each constant; it holds prod_classes s! / prod_c mult_c! ordered profiles
// (the multinomial coefficient: the positions of a class are split into groups of the given
// sizes). So each count of the reference is the sum of orbit sizes over the orbits of that sign,
// and the minimum over the grid is the minimum over orbit representatives.
// The reference's minimiser is the first point of its odometer order (coordinate 0 fastest) with
// the minimal value: p comes before q iff p_j < q_j at the highest index j where they differ.
// Within an orbit the first point is found greedily from the highest index down: each position
// takes the smallest constant still available to its class (any choice for the lower positions
// remains possible). So within a class, agents in increasing index get constants in
// nonincreasing order; the scan evaluates exactly that representative, and among the minimising
// orbits picks the representative that comes first.
bool odometer_before(const std::vector<std::size_t>& p, const std::vector<std::size_t>& q) {
  for (std::size_t j = p.size(); j-- > 0;)
    if (p[j] != q[j]) return p[j] < q[j];
  return false;
}

// The next nondecreasing sequence over {0, ..., m-1} (a multiset); false (and all zeros) after
// the last.
bool next_multiset(std::vector<std::size_t>& u, std::size_t m) {
  for (std::size_t j = u.size(); j-- > 0;) {
    if (u[j] + 1 < m) {
      const std::size_t v = u[j] + 1;
      for (std::size_t t = j; t < u.size(); ++t) u[t] = v;
      return true;
    }
  }
  std::fill(u.begin(), u.end(), 0);
  return false;
}

struct FormTally {
  unsigned long long weight = 0;
  std::vector<std::size_t> first_point;
};

// Adds a point's orbit weight to its form's tally; the tally keeps the first point in odometer
// order. Sums and that minimum do not depend on the order points arrive in, so tallies of any
// split of the orbits merge to the same result (threads and processes below).
void add_to_tally(FormTally& tally, unsigned long long weight, const std::vector<std::size_t>& point) {
  tally.weight += weight;
  if (tally.first_point.empty() || odometer_before(point, tally.first_point)) tally.first_point = point;
}

// The orbit representatives' tallies of a range of orbits, by distinct integer form.
struct OrbitTallies {
  std::unordered_map<Coefficients, FormTally, CoefficientsHash> forms;
  unsigned long long profiles = 0;  // representatives evaluated
};

void merge_into(OrbitTallies& into, const OrbitTallies& from) {
  into.profiles += from.profiles;
  for (const auto& [coefficients, tally] : from.forms)
    add_to_tally(into.forms[coefficients], tally.weight, tally.first_point);
}

// As text between processes: "profiles" then one line per form, "a_0 .. a_{m-1} ; weight ; point".
std::string encode(const OrbitTallies& t) {
  std::string out = std::to_string(t.profiles) + "\n";
  for (const auto& [coefficients, tally] : t.forms) {
    for (auto a : coefficients) out += std::to_string(a) + " ";
    out += "; " + std::to_string(tally.weight) + " ;";
    for (auto p : tally.first_point) out += " " + std::to_string(p);
    out += "\n";
  }
  return out;
}

OrbitTallies decode(const std::string& text, std::size_t m, std::size_t n) {
  OrbitTallies t;
  std::istringstream in(text);
  in >> t.profiles;
  std::string separator;
  Coefficients a(m);
  while (in >> a[0]) {
    for (std::size_t c = 1; c < m; ++c) in >> a[c];
    FormTally tally;
    tally.first_point.resize(n);
    in >> separator >> tally.weight >> separator;
    for (auto& p : tally.first_point) in >> p;
    if (!in) throw std::runtime_error("llm grid scan: a malformed tally from another process");
    t.forms.emplace(a, std::move(tally));
  }
  return t;
}

// The orbits numbered 0 .. count() - 1 in the order of the scan's odometer: class 0 varies
// fastest, and within a class the multisets come in next_multiset's (lexicographic) order. So a
// range of numbers is a range of the odometer, which threads and processes can start anywhere.
class OrbitNumbering {
 public:
  OrbitNumbering(const std::vector<std::vector<std::size_t>>& classes, std::size_t m) : m_(m) {
    for (const auto& c : classes) sizes_.push_back(binomial(c.size() + m - 1, c.size()));
  }
  // The multisets of orbit number `index` (index < the product of the sizes).
  void unrank(unsigned long long index, std::vector<std::vector<std::size_t>>& multiset) const {
    for (std::size_t c = 0; c < sizes_.size(); ++c) {
      unrank_multiset(index % sizes_[c], multiset[c]);
      index /= sizes_[c];
    }
  }

 private:
  // The nondecreasing sequence u of rank r in lexicographic order: position j takes the least
  // v >= u[j-1] such that fewer than r + 1 sequences start with (u[0..j-1], a value below v),
  // where the sequences of length L over {v, ..., m-1} number C(m - v + L - 1, L).
  void unrank_multiset(unsigned long long r, std::vector<std::size_t>& u) const {
    std::size_t v = 0;
    for (std::size_t j = 0; j < u.size(); ++j) {
      const std::size_t rest = u.size() - j - 1;
      for (;; ++v) {
        const unsigned long long starting_with_v = binomial(m_ - v + rest - 1, rest);
        if (r < starting_with_v) break;
        r -= starting_with_v;
      }
      u[j] = v;
    }
  }
  std::size_t m_;
  std::vector<unsigned long long> sizes_;
};

// Evaluates the orbits numbered [first, last) (OrbitNumbering) and tallies their forms.
OrbitTallies tally_orbits(const VertexGrid& grid, const std::vector<std::vector<std::size_t>>& classes,
                          const FormAccumulator& accumulator,
                          const std::function<unsigned long long(const OrbitMultiplicities&)>& size_of,
                          unsigned long long first, unsigned long long last) {
  OrbitTallies out;
  if (first >= last) return out;
  const std::size_t n = grid.dimension, m = grid.constants.size();
  std::vector<std::vector<std::size_t>> multiset(classes.size());
  for (std::size_t c = 0; c < classes.size(); ++c) multiset[c].assign(classes[c].size(), 0);
  OrbitNumbering(classes, m).unrank(first, multiset);
  std::vector<std::size_t> point(n);
  std::vector<std::int64_t> bucket(m);
  OrbitMultiplicities multiplicities(classes.size(), std::vector<unsigned>(m));
  Coefficients a(m);
  for (unsigned long long number = first; number < last; ++number) {
    std::fill(bucket.begin(), bucket.end(), 0);
    for (std::size_t c = 0; c < classes.size(); ++c) {
      const auto& members = classes[c];
      std::fill(multiplicities[c].begin(), multiplicities[c].end(), 0u);
      for (std::size_t t = 0; t < members.size(); ++t) {
        point[members[t]] = multiset[c][members.size() - 1 - t];  // nonincreasing: the orbit's first point
        bucket[point[members[t]]] += accumulator.k_scaled(members[t]);
        ++multiplicities[c][point[members[t]]];
      }
    }
    // a = sum_l (D w(hat_l, theta_-l)) - (n-1) (D w(theta)); agents of one class at one constant
    // give equal terms, added once with their multiplicity.
    std::fill(a.begin(), a.end(), 0);
    accumulator.add_welfare(bucket, -static_cast<std::int64_t>(n - 1), a);
    for (std::size_t c = 0; c < classes.size(); ++c) {
      const std::size_t hat = grid.hat_index[classes[c].front()];
      const std::int64_t k = accumulator.k_scaled(classes[c].front());
      for (std::size_t at = 0; at < m; ++at) {
        if (multiplicities[c][at] == 0) continue;
        bucket[at] -= k;
        bucket[hat] += k;
        accumulator.add_welfare(bucket, multiplicities[c][at], a);
        bucket[hat] -= k;
        bucket[at] += k;
      }
    }
    add_to_tally(out.forms[a], size_of(multiplicities), point);
    ++out.profiles;
    std::size_t c = 0;
    while (c < classes.size() && !next_multiset(multiset[c], m)) ++c;
  }
  return out;
}

// The orbits [first, last) on this process's threads: cut into blocks of about kBlock orbits,
// evaluated in parallel, merged (in any order: merge_into's result does not depend on it).
// Progress is reported from the calling thread between waves of blocks.
OrbitTallies tally_orbits_in_parallel(const VertexGrid& grid, const std::vector<std::vector<std::size_t>>& classes,
                                      const FormAccumulator& accumulator,
                                      const std::function<unsigned long long(const OrbitMultiplicities&)>& size_of,
                                      unsigned long long first, unsigned long long last,
                                      const std::function<void(double)>& progress) {
  constexpr unsigned long long kBlock = 4096, kWave = 64;
  OrbitTallies out;
  const unsigned long long blocks = (last - first + kBlock - 1) / kBlock;
  for (unsigned long long wave = 0; wave < blocks; wave += kWave) {
    const unsigned long long in_wave = std::min(kWave, blocks - wave);
    std::vector<OrbitTallies> parts(in_wave);
    parallel_for(0ull, in_wave, [&](unsigned long long b) {
      const unsigned long long from = first + (wave + b) * kBlock;
      parts[b] = tally_orbits(grid, classes, accumulator, size_of, from, std::min(last, from + kBlock));
    });
    for (const auto& part : parts) merge_into(out, part);
    if (progress) progress(double(wave + in_wave) / double(blocks));
  }
  return out;
}

}  // namespace

std::vector<std::vector<std::size_t>> exchangeable_classes(const VertexGrid& grid, GridSymmetry symmetry) {
  std::vector<std::vector<std::size_t>> classes;
  for (std::size_t i = 0; i < grid.dimension; ++i) {
    bool placed = false;
    if (symmetry == GridSymmetry::orbits)
      for (auto& c : classes)
        if (grid.k[c.front()] == grid.k[i] && grid.hat_index[c.front()] == grid.hat_index[i]) {
          c.push_back(i);
          placed = true;
          break;
        }
    if (!placed) classes.push_back({i});
  }
  return classes;
}

unsigned long long orbit_size(const OrbitMultiplicities& multiplicities) {
  unsigned long long size = 1;
  for (const auto& cls : multiplicities) {
    unsigned long long placed = 0;
    for (unsigned mult : cls) {
      placed += mult;
      size = saturating_multiply(size, binomial(placed, mult));
    }
  }
  return size;
}

unsigned long long exact_scan_size(const VertexGrid& grid, GridSymmetry symmetry) {
  if (!integer_scale(grid) || !constants_increase(grid)) return grid.point_count();
  const unsigned long long m = grid.constants.size();
  unsigned long long size = 1;
  for (const auto& c : exchangeable_classes(grid, symmetry))  // multisets of |c| among m constants
    size = saturating_multiply(size, binomial(c.size() + m - 1, m - 1));
  return size;
}

GridScan<Algebraic> scan_vertex_grid_exact(const VertexGrid& grid, const ExactScanOptions& options,
                                           ExactScanWork* work) {
  ExactScanWork done;
  const auto scale = integer_scale(grid);
  if (!scale || !constants_increase(grid)) {
    done.reference_fallback = true;
    done.profiles = grid.point_count();
    if (work) *work = done;
    return scan_vertex_grid<Algebraic>(grid, options.progress);
  }
  if (grid.point_count() == ~0ull)
    throw std::overflow_error("the vertex grid has 2^64 points or more: its counts do not fit");

  const std::size_t n = grid.dimension, m = grid.constants.size();
  const auto classes = exchangeable_classes(grid, options.symmetry);
  done.classes = classes.size();
  const FormAccumulator accumulator(grid, *scale);
  const auto size_of = options.orbit_size ? options.orbit_size : orbit_size;
  const unsigned long long total = exact_scan_size(grid, options.symmetry);

  // Every orbit representative: its form's integer coefficients, tallied by distinct form; the
  // orbits are shared among the processes of the check's team and, in each, among its threads.
  const OrbitTallies tallies = shared_among<OrbitTallies>(
      options.team, total,
      [&](unsigned long long first, unsigned long long last) {
        return tally_orbits_in_parallel(grid, classes, accumulator, size_of, first, last, options.progress);
      },
      [](const OrbitTallies& t) { return encode(t); }, [&](const std::string& text) { return decode(text, m, n); },
      [](OrbitTallies left, const OrbitTallies& right) {
        merge_into(left, right);
        return left;
      });
  done.profiles = tallies.profiles;

  // Distinct forms after folding the rational constants and S: the sign of each, once.
  const FormNormaliser normaliser(grid, *scale);
  std::map<LinearForm, FormTally> forms;
  for (const auto& [coefficients, tally] : tallies.forms)
    add_to_tally(forms[normaliser.form(coefficients)], tally.weight, tally.first_point);
  done.distinct_forms = forms.size();
  FormSigns signs(normaliser.atoms());
  GridScan<Algebraic> scan;
  const LinearForm* least = nullptr;
  for (const auto& [form, tally] : forms) {
    const int s = signs.sign(form);
    (s < 0 ? scan.negative : s == 0 ? scan.zero : scan.positive) += tally.weight;
    if (!least || signs.sign(form - *least) < 0) least = &form;
  }
  // The minimiser: the first point, in odometer order, among all forms equal to the least.
  for (const auto& [form, tally] : forms)
    if ((&form == least || signs.sign(form - *least) == 0) &&
        (scan.argmin.empty() || odometer_before(tally.first_point, scan.argmin)))
      scan.argmin = tally.first_point;
  scan.minimum = signs.value(*least);
  done.exact_decisions = signs.exact_decisions();
  if (options.progress) options.progress(1.0);
  if (work) *work = done;
  return scan;
}

}  // namespace mechcheck::llm
