// Gate-level float add / subtract: swap by magnitude, one-hot aligned significands with a sticky
// bit, one iterated sum, then fmul's rounding selection over exclusive cases and one pattern sum.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "tc0/arith/compare.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/arith/iterated_sum.hpp"
#include "tc0/arith/shift.hpp"
#include "float_encode.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/float_blocks.hpp"

namespace tc0::fp {

namespace {

using gates::at_least;
using gates::case_gate;
using gates::exclusive_case;
using gates::linear_form;
using gates::make_case;
using gates::mod_weight;
using gates::pattern_overflows;
using gates::rounding_bits;
using gates::select_finite_inf_nan;
using gates::select_rounding;

struct operand {
  lit sign, nz;  // nz: exponent field nonzero (the hidden bit)
  bits frac, exponent, significand;
};

operand split(builder& b, const float_format& f, const bits& x, weight_regime regime) {
  const size_t n = static_cast<size_t>(f.p - 1);
  operand o;
  o.frac.assign(x.begin(), x.begin() + n);
  o.exponent.assign(x.begin() + n, x.begin() + n + f.e);
  o.sign = x.back();
  o.nz = or_any(b, o.exponent, regime);
  o.significand = o.frac;
  o.significand.push_back(o.nz);
  return o;
}

}  // namespace

bits float_add(builder& b, const float_format& f, const bits& x, const bits& y, bool subtract, weight_regime regime) {
  const char* where = subtract ? "fsub" : "fadd";
  check_format(f);
  if (f.e > 20) throw input_error(where, "gate-level exponents up to 20 bits, got " + std::to_string(f.e));
  const size_t width = static_cast<size_t>(tc0::fp::width(f));
  if (x.size() != width || y.size() != width)
    throw input_error(where, "operands must have p + e = " + std::to_string(width) + " bits");
  const int64_t p = f.p, e = f.e;

  // x - y = x + (-y); swap so that |big| >= |small| (x stays big on ties).
  bits yy = y;
  if (subtract) yy.back() = !yy.back();
  const bits mx(x.begin(), x.end() - 1), my(yy.begin(), yy.end() - 1);
  const compare_result cmp = compare(b, mx, my, false, regime);
  const lit swap = cmp.lt;
  const bits big_bits = select(b, swap, x, yy, regime), small_bits = select(b, swap, yy, x, regime);
  const operand big = split(b, f, big_bits, regime), small = split(b, f, small_bits, regime);
  const lit eff = or_any(b, bits{b.and_({big.sign, !small.sign}), b.and_({!big.sign, small.sign})}, regime);

  // d = max(eb,1) - max(es,1) in [0, 2^e - 2] for finite operands, as e bits.
  const uint32_t ew = static_cast<uint32_t>(e);
  const mpz_class emod = mpz_class(1) << ew;
  std::vector<weighted_term> dterms;
  for (size_t i = 0; i < big.exponent.size(); ++i) dterms.push_back({big.exponent[i], mpz_class(1) << i});
  dterms.push_back({!big.nz, 1});
  for (size_t i = 0; i < small.exponent.size(); ++i) dterms.push_back({small.exponent[i], emod - (mpz_class(1) << i)});
  dterms.push_back({!small.nz, emod - 1});
  const bits d = weighted_sum(b, dterms, ew, regime);
  linear_form dform;
  for (uint32_t i = 0; i < ew; ++i) dform.emplace_back(d[i], int64_t{1} << i);
  const int64_t d_max = (int64_t{1} << e) - 1;
  auto d_at_least = [&](int64_t v) {
    if (v <= 0) return lit_true;
    if (v > d_max) return lit_false;
    return at_least(b, dform, v, regime);
  };

  // Window: A = Sb 2^G, B = Ss 2^G / 2^d with bits below position 1 ORed into a sticky bit at 0.
  const int64_t G = p + 3, W = 2 * p + 4, V = G + p - 1;  // d >= V: the whole small is sticky
  std::vector<lit> ge(static_cast<size_t>(V + 1));
  for (int64_t v = 0; v <= V; ++v) ge[static_cast<size_t>(v)] = d_at_least(v);
  std::vector<bits> plus(static_cast<size_t>(W)), minus(static_cast<size_t>(W));
  for (int64_t v = 0; v <= V; ++v) {
    exclusive_case k;
    const bool possible = v < V ? make_case({{ge[v], 1}, {ge[v + 1], -1}}, 1, k) : make_case({{ge[V], 1}}, 1, k);
    if (!possible) continue;
    bits sticky_in;
    for (int64_t m = 0; m < p; ++m) {
      const int64_t pos = m + G - v;
      const lit s = small.significand[static_cast<size_t>(m)];
      if (pos >= 1) {
        plus[pos].push_back(case_gate(b, k, bits{s, !eff}, {}, regime));
        minus[pos].push_back(case_gate(b, k, bits{s, eff}, {}, regime));
      } else {
        sticky_in.push_back(s);
      }
    }
    if (!sticky_in.empty()) {
      plus[0].push_back(case_gate(b, k, bits{!eff}, sticky_in, regime));
      minus[0].push_back(case_gate(b, k, bits{eff}, sticky_in, regime));
    }
  }
  const uint32_t rw = static_cast<uint32_t>(W);
  const mpz_class rmod = mpz_class(1) << rw;
  std::vector<weighted_term> rterms;
  for (int64_t m = 0; m < p; ++m) rterms.push_back({big.significand[static_cast<size_t>(m)], mpz_class(1) << (m + G)});
  for (int64_t j = 0; j < W; ++j) {
    if (!plus[j].empty()) rterms.push_back({or_any(b, plus[j], regime), mpz_class(1) << j});
    if (!minus[j].empty()) rterms.push_back({or_any(b, minus[j], regime), rmod - (mpz_class(1) << j)});
  }
  const bits R = weighted_sum(b, rterms, rw, regime);  // >= 0: |big| >= |small|

  // Eb' = max(eb, 1) >= c.
  const int64_t eb_max = (int64_t{1} << e) - 1;
  linear_form ebform;
  for (size_t i = 0; i < big.exponent.size(); ++i) ebform.emplace_back(big.exponent[i], int64_t{1} << i);
  auto eb_at_least = [&](int64_t c) {
    if (c <= 1) return lit_true;
    if (c > eb_max) return lit_false;
    return at_least(b, ebform, c, regime);
  };

  // Rounding cases. Normal: leading one at T = t and Eb' >= G + p - t, drop t - p + 1 bits.
  // Subnormal: Eb' = u and no bit of R at or above G + p - u, drop G + 1 - u bits.
  std::vector<exclusive_case> cases;
  std::vector<std::pair<lit, int64_t>> normal_cases;  // gate, t
  for (int64_t t = G - 1; t < W; ++t) {
    linear_form lead{{R[t], 1}};
    for (int64_t j = t + 1; j < W; ++j) lead.emplace_back(R[j], -1);
    const lit lead_t = at_least(b, lead, 1, regime);
    exclusive_case k;
    if (!make_case({{lead_t, 1}, {eb_at_least(G + p - t), 1}}, 2, k)) continue;
    k.r = t - p + 1;
    normal_cases.emplace_back(case_gate(b, k, {}, {}, regime), t);
    cases.push_back(k);
  }
  for (int64_t u = 1; u <= p + 1; ++u) {
    linear_form terms{{eb_at_least(u), 1}, {eb_at_least(u + 1), -1}};
    for (int64_t j = G + p - u; j < W; ++j) terms.emplace_back(R[j], -1);
    exclusive_case k;
    if (!make_case(terms, 1, k)) continue;
    k.r = G + 1 - u;
    cases.push_back(k);
  }
  const rounding_bits rb = select_rounding(b, cases, R, p, regime);

  // pattern = [normal] (Eb' + T - p - G) 2^(p-1) + kept + round_up, mod 2^(p+e+1).
  const uint32_t pw = static_cast<uint32_t>(p + e + 1);
  bits ncase;
  for (const auto& nc : normal_cases) ncase.push_back(nc.first);
  const lit normal = or_any(b, ncase, regime);
  std::vector<weighted_term> pterms;
  for (const auto& [g, t] : normal_cases) {
    const mpz_class w = mod_weight(mpz_class(t - p - G) << (p - 1), pw);
    if (w != 0) pterms.push_back({g, w});
  }
  for (size_t i = 0; i < big.exponent.size(); ++i)
    pterms.push_back({b.and_({big.exponent[i], normal}), mpz_class(1) << (i + p - 1)});
  pterms.push_back({b.and_({!big.nz, normal}), mpz_class(1) << (p - 1)});
  for (int64_t i = 0; i < p; ++i) pterms.push_back({rb.kept[i], mpz_class(1) << i});
  pterms.push_back({rb.round_up, 1});
  const bits pattern = weighted_sum(b, pterms, pw, regime);
  const lit overflow = pattern_overflows(b, f, pattern, regime);

  // Specials: big has the all-ones exponent iff some operand is infinite or NaN.
  const lit big_ones = and_all(b, big.exponent, regime), small_ones = and_all(b, small.exponent, regime);
  const lit big_frac = or_any(b, big.frac, regime), small_frac = or_any(b, small.frac, regime);
  const lit big_inf = b.and_({big_ones, !big_frac}), small_inf = b.and_({small_ones, !small_frac});
  const lit nan = or_any(b, bits{b.and_({big_ones, big_frac}), b.and_({small_ones, small_frac}),
                                 b.and_({big_inf, small_inf, eff})}, regime);
  const lit inf_out = or_any(b, bits{b.and_({big_inf, !nan}), b.and_({overflow, !big_ones})}, regime);
  const lit finite_ok = b.and_({!overflow, !big_ones});
  bits z = select_finite_inf_nan(b, f, pattern, finite_ok, inf_out, nan, regime);
  // Sign: the big operand's, except +0 for an exact cancellation (equal magnitudes, opposite signs).
  z.push_back(b.and_({!nan, big.sign, !b.and_({cmp.eq, eff})}));
  return z;
}

}  // namespace tc0::fp
