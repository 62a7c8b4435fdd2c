// Gate-level float multiply: normalized significand product, one rounding selection, one sum.
#include <bit>
#include <string>
#include <utility>
#include <vector>

#include "tc0/arith/compare.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/arith/iterated_sum.hpp"
#include "tc0/arith/multiply.hpp"
#include "tc0/arith/normalize.hpp"
#include "float_encode.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/float_blocks.hpp"

namespace tc0::fp {

namespace {

using gates::at_least;
using gates::exclusive_case;
using gates::linear_form;
using gates::mod_weight;
using gates::pattern_overflows;
using gates::rounding_bits;
using gates::select_finite_inf_nan;
using gates::select_rounding;
using gates::xor2;

struct operand {
  lit sign, nan, inf, zero;
  bits significand;  // normalized: top bit set unless zero
  bits shift;        // its leading-zero count
  bits exponent;     // the biased exponent field
  lit exponent_nonzero;
};

operand decode(builder& b, const float_format& f, const bits& x, weight_regime regime) {
  const size_t n = static_cast<size_t>(f.p - 1);
  const bits frac(x.begin(), x.begin() + n), exp(x.begin() + n, x.begin() + n + f.e);
  operand o;
  o.sign = x.back();
  o.exponent = exp;
  o.exponent_nonzero = or_any(b, exp, regime);
  const lit ones = and_all(b, exp, regime), frac_nonzero = or_any(b, frac, regime);
  o.nan = b.and_({ones, frac_nonzero});
  o.inf = b.and_({ones, !frac_nonzero});
  o.zero = b.and_({!o.exponent_nonzero, !frac_nonzero});
  bits sig = frac;
  sig.push_back(o.exponent_nonzero);
  const normalized nz = normalize(b, sig, regime);
  o.significand = nz.z;
  o.shift = nz.shift;
  return o;
}

}  // namespace

bits float_multiply(builder& b, const float_format& f, const bits& x, const bits& y, weight_regime regime) {
  check_format(f);
  if (f.e > 20) throw input_error("fmul", "gate-level exponents up to 20 bits, got " + std::to_string(f.e));
  const size_t width = static_cast<size_t>(tc0::fp::width(f));
  if (x.size() != width || y.size() != width)
    throw input_error("fmul", "operands must have p + e = " + std::to_string(width) + " bits");
  const int64_t p = f.p, e = f.e, bias = (int64_t{1} << (e - 1)) - 1;
  const operand a = decode(b, f, x, regime), c = decode(b, f, y, regime);

  // Dp = D + offset >= 0, D = max(ea,1) - za + max(eb,1) - zb - bias (za, zb as their complements).
  const int64_t lz_max = (int64_t{1} << a.shift.size()) - 1;
  const int64_t offset = bias + 2 * lz_max;
  const int64_t dp_max = 2 * ((int64_t{1} << e) - 1) + 2 + 2 * lz_max;
  const uint32_t dp_width = static_cast<uint32_t>(std::bit_width(static_cast<uint64_t>(dp_max)));
  std::vector<weighted_term> dterms;
  for (const operand* o : {&a, &c}) {
    for (size_t i = 0; i < o->exponent.size(); ++i) dterms.push_back({o->exponent[i], mpz_class(1) << i});
    dterms.push_back({!o->exponent_nonzero, 1});
    for (size_t i = 0; i < o->shift.size(); ++i) dterms.push_back({!o->shift[i], mpz_class(1) << i});
  }
  const bits dp = weighted_sum(b, dterms, dp_width, regime);
  linear_form dform;
  for (uint32_t i = 0; i < dp_width; ++i) dform.emplace_back(dp[i], int64_t{1} << i);
  auto d_at_least = [&](int64_t d) { return at_least(b, dform, offset + d, regime); };  // [D >= d]

  const bits prod = multiply(b, a.significand, c.significand, regime);  // 2p bits
  const lit top = prod.back();

  // The cases for r (bits dropped), each a linear form that equals `active` exactly in its case.
  std::vector<exclusive_case> cases;
  const lit ge1 = d_at_least(1);
  cases.push_back({{{ge1, 1}, {!top, 1}}, 2, p - 1, -1});
  cases.push_back({{{ge1, 1}, {top, 1}}, 2, p, -1});
  std::vector<lit> ge(static_cast<size_t>(p + 2));  // ge[k] = [D >= -p + k]
  for (int64_t k = 0; k <= p + 1; ++k) ge[static_cast<size_t>(k)] = k == p + 1 ? ge1 : d_at_least(-p + k);
  for (int64_t d = -p; d <= 0; ++d)
    cases.push_back({{{ge[static_cast<size_t>(d + p)], 1}, {ge[static_cast<size_t>(d + p + 1)], -1}}, 1, p - d, -1});
  // D < -p: everything rounds to zero (guard 0), nothing to select.

  const rounding_bits rb = select_rounding(b, cases, prod, p, regime);

  // pattern = [D >= 1] (D + t - 1) 2^(p-1) + kept + round_up, mod 2^(p+e+1).
  const uint32_t pw = static_cast<uint32_t>(p + e + 1);
  std::vector<weighted_term> pterms;
  for (uint32_t i = 0; i < dp_width; ++i) pterms.push_back({b.and_({dp[i], ge1}), mpz_class(1) << (i + p - 1)});
  pterms.push_back({b.and_({top, ge1}), mpz_class(1) << (p - 1)});
  pterms.push_back({ge1, mod_weight(-(mpz_class(offset + 1) << (p - 1)), pw)});
  for (int64_t i = 0; i < p; ++i) pterms.push_back({rb.kept[i], mpz_class(1) << i});
  pterms.push_back({rb.round_up, 1});
  const bits pattern = weighted_sum(b, pterms, pw, regime);
  const lit overflow = pattern_overflows(b, f, pattern, regime);

  const lit nan = or_any(b, bits{a.nan, c.nan, b.and_({a.inf, c.zero}), b.and_({a.zero, c.inf})}, regime);
  const lit special = or_any(b, bits{a.nan, c.nan, a.inf, c.inf, a.zero, c.zero}, regime);
  const lit inf_in = or_any(b, bits{a.inf, c.inf}, regime);
  const lit inf_out = or_any(b, bits{b.and_({inf_in, !nan}), b.and_({overflow, !special})}, regime);
  const lit finite_ok = b.and_({!overflow, !special});
  bits z = select_finite_inf_nan(b, f, pattern, finite_ok, inf_out, nan, regime);
  z.push_back(b.and_({!nan, xor2(b, a.sign, c.sign, regime)}));
  return z;
}

}  // namespace tc0::fp
