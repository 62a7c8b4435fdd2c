// Adders: blocked exclusive carry-lookahead (exp), per-bit exclusive lookahead (majority), and the
// depth-2 conditional negation behind negate and absolute.
#include "tc0/arith/add.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tc0/arith/gates.hpp"
#include "tc0/errors.hpp"

namespace tc0 {

namespace {

using term = std::pair<lit, int64_t>;

constexpr size_t max_block_bits = 29;  // local weights 2^0..2^28
constexpr size_t max_group = 29;       // group weights 2^0..2^28, propagate multiplier 2^29 at most

lit gate(builder& b, const std::vector<term>& terms, int64_t t, weight_regime r) {
  bits in;
  std::vector<int64_t> w;
  in.reserve(terms.size());
  w.reserve(terms.size());
  for (const auto& [l, c] : terms) {
    in.push_back(l);
    w.push_back(c);
  }
  return threshold(b, in, w, t, r);
}

void check_widths(const char* what, const bits& x, const bits& y) {
  if (x.size() != y.size() || x.empty())
    throw input_error(what, "operands must have the same width >= 1 (got " + std::to_string(x.size()) + " and " +
                                std::to_string(y.size()) + " bits)");
}

// The carry into every position 0..n of x + y, each as exclusive literals whose sum is the carry.
class carry_network {
 public:
  carry_network(builder& b, const bits& x, const bits& y, weight_regime r) : b_(b), x_(x), y_(y), r_(r) {
    const size_t n = x.size();
    if (r == weight_regime::exp) {
      block_ = std::clamp<size_t>((n + 1) / 2, 1, max_block_bits);
      group_ = max_group;
    } else {
      block_ = 1;
      group_ = 1;
    }
  }

  bits carry_into(size_t i) {
    // Segments below i, lowest first: full blocks, then the partial block [lo, i).
    const size_t lo = i / block_ * block_;
    std::vector<std::pair<size_t, size_t>> segs;
    for (size_t s = 0; s < lo; s += block_) segs.emplace_back(s, s + block_);
    if (i > lo) segs.emplace_back(lo, i);
    bits out;
    const size_t n = segs.size();
    for (size_t a_hi = n; a_hi > 0;) {  // groups from the top down
      const size_t a_lo = a_hi > group_ ? a_hi - group_ : 0;
      const size_t size = a_hi - a_lo, above = n - a_hi;
      std::vector<term> terms;
      int64_t t;
      if (size == 1) {  // "segment generates": G alone, unit weights
        terms.emplace_back(g(segs[a_lo]), 1);
        t = 1;
        for (size_t s = a_hi; s < n; ++s) {
          terms.emplace_back(k(segs[s]), 1);
          terms.emplace_back(g(segs[s]), -1);
        }
        t += static_cast<int64_t>(above);
      } else {
        const int64_t m = int64_t{1} << size;
        for (size_t s = a_lo; s < a_hi; ++s) {
          const int64_t w = int64_t{1} << (s - a_lo);
          terms.emplace_back(g(segs[s]), w);
          terms.emplace_back(k(segs[s]), w);
        }
        for (size_t s = a_hi; s < n; ++s) {
          terms.emplace_back(k(segs[s]), m);
          terms.emplace_back(g(segs[s]), -m);
        }
        t = m * static_cast<int64_t>(above + 1);
      }
      const lit l = gate(b_, terms, t, r_);
      if (l != lit_false) out.push_back(l);
      a_hi = a_lo;
    }
    return out;
  }

 private:
  // [sum_{lo<=j<hi} 2^(j-lo) (x_j + y_j) >= 2^(hi-lo) - minus]
  lit local(std::pair<size_t, size_t> seg, int64_t minus) {
    auto key = std::make_pair(seg, minus);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    std::vector<term> terms;
    for (size_t j = seg.first; j < seg.second; ++j) {
      const int64_t w = int64_t{1} << (j - seg.first);
      terms.emplace_back(x_[j], w);
      terms.emplace_back(y_[j], w);
    }
    const lit l = gate(b_, terms, (int64_t{1} << (seg.second - seg.first)) - minus, r_);
    memo_.emplace(key, l);
    return l;
  }
  lit g(std::pair<size_t, size_t> seg) { return local(seg, 0); }
  lit k(std::pair<size_t, size_t> seg) { return local(seg, 1); }

  builder& b_;
  const bits& x_;
  const bits& y_;
  weight_regime r_;
  size_t block_ = 1, group_ = 1;
  std::map<std::pair<std::pair<size_t, size_t>, int64_t>, lit> memo_;
};

// The n + 1 bits of x + y.
bits sum_bits(builder& b, const bits& x, const bits& y, weight_regime r) {
  const size_t n = x.size();
  carry_network net(b, x, y, r);
  std::vector<bits> c(n + 1);
  for (size_t i = 0; i <= n; ++i) c[i] = net.carry_into(i);
  bits z(n + 1);
  for (size_t i = 0; i < n; ++i) {
    std::vector<term> terms{{x[i], 1}, {y[i], 1}};
    for (lit l : c[i]) terms.emplace_back(l, 1);
    for (lit l : c[i + 1]) terms.emplace_back(l, -2);
    z[i] = gate(b, terms, 1, r);
  }
  z[n] = c[n].empty() ? lit_false : c[n].size() == 1 ? c[n][0] : b.or_(c[n]);
  return z;
}

}  // namespace

bits add(builder& b, const bits& x, const bits& y, weight_regime regime) {
  check_widths("add", x, y);
  return sum_bits(b, x, y, regime);
}

bits add_with_carry(builder& b, const bits& x, const bits& y, lit carry_in, weight_regime regime) {
  check_widths("add", x, y);
  bits xe{carry_in}, ye{carry_in};
  xe.insert(xe.end(), x.begin(), x.end());
  ye.insert(ye.end(), y.begin(), y.end());
  bits z = sum_bits(b, xe, ye, regime);
  z.erase(z.begin());
  return z;
}

difference subtract(builder& b, const bits& x, const bits& y, weight_regime regime) {
  check_widths("subtract", x, y);
  bits ny(y.size());
  for (size_t i = 0; i < y.size(); ++i) ny[i] = !y[i];
  bits z = add_with_carry(b, x, ny, lit_true, regime);
  const lit ge = z.back();
  z.pop_back();
  return {z, ge};
}

bits conditional_negate(builder& b, const bits& x, lit negative, weight_regime regime) {
  if (x.empty()) throw input_error("negate", "operand must have width >= 1");
  bits r(x.size());
  r[0] = x[0];
  for (size_t i = 1; i < x.size(); ++i) {
    const int64_t w = static_cast<int64_t>(i);
    std::vector<term> below;
    for (size_t j = 0; j < i; ++j) below.emplace_back(x[j], 1);
    std::vector<term> tq = below, ta = below;
    tq.emplace_back(negative, w);
    ta.emplace_back(negative, w);
    ta.emplace_back(x[i], w);
    const lit q = gate(b, tq, w + 1, regime);
    const lit a = gate(b, ta, 2 * w + 1, regime);
    r[i] = gate(b, {{x[i], 1}, {q, 1}, {a, -2}}, 1, regime);
  }
  return r;
}

bits negate(builder& b, const bits& x, weight_regime regime) { return conditional_negate(b, x, lit_true, regime); }

bits absolute(builder& b, const bits& x, weight_regime regime) {
  if (x.empty()) throw input_error("absolute", "operand must have width >= 1");
  return conditional_negate(b, x, x.back(), regime);
}

}  // namespace tc0
