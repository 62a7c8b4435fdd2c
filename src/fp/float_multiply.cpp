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
using gates::linear_form;
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
  struct drop_case {
    linear_form form;
    int64_t active;
    int64_t r;
  };
  std::vector<drop_case> cases;
  const lit ge1 = d_at_least(1);
  cases.push_back({{{ge1, 1}, {!top, 1}}, 2, p - 1});
  cases.push_back({{{ge1, 1}, {top, 1}}, 2, p});
  std::vector<lit> ge(static_cast<size_t>(p + 2));  // ge[k] = [D >= -p + k]
  for (int64_t k = 0; k <= p + 1; ++k) ge[static_cast<size_t>(k)] = k == p + 1 ? ge1 : d_at_least(-p + k);
  for (int64_t d = -p; d <= 0; ++d)
    cases.push_back({{{ge[static_cast<size_t>(d + p)], 1}, {ge[static_cast<size_t>(d + p + 1)], -1}}, 1, p - d});
  // D < -p: everything rounds to zero (guard 0), nothing to select.

  // OR over the cases of [case and (bits of prod in [lo, hi) are all in `bits_or`)]: one gate each.
  auto select = [&](auto index_range) {
    bits terms;
    for (const drop_case& k : cases) {
      const auto [lo, hi] = index_range(k.r);
      std::vector<lit> in;
      for (int64_t j = std::max<int64_t>(lo, 0); j < std::min<int64_t>(hi, 2 * p); ++j) in.push_back(prod[j]);
      if (in.empty()) continue;
      const int64_t big = static_cast<int64_t>(in.size());
      linear_form g;
      for (const auto& [l, w] : k.form) g.emplace_back(l, w * big);
      for (lit l : in) g.emplace_back(l, 1);
      terms.push_back(at_least(b, g, big * k.active + 1, regime));  // case and OR(in)
    }
    return or_any(b, terms, regime);
  };
  bits kept(static_cast<size_t>(p));
  for (int64_t i = 0; i < p; ++i) kept[i] = select([i](int64_t r) { return std::pair{r + i, r + i + 1}; });
  const lit guard = select([](int64_t r) { return std::pair{r - 1, r}; });
  const lit sticky = select([](int64_t r) { return std::pair<int64_t, int64_t>{0, r - 1}; });
  const lit round_up = at_least(b, {{guard, 2}, {sticky, 1}, {kept[0], 1}}, 3, regime);

  // pattern = [D >= 1] (D + t - 1) 2^(p-1) + kept + round_up, mod 2^(p+e+1).
  const uint32_t pw = static_cast<uint32_t>(p + e + 1);
  const mpz_class mod = mpz_class(1) << pw;
  std::vector<weighted_term> pterms;
  for (uint32_t i = 0; i < dp_width; ++i) pterms.push_back({b.and_({dp[i], ge1}), mpz_class(1) << (i + p - 1)});
  pterms.push_back({b.and_({top, ge1}), mpz_class(1) << (p - 1)});
  mpz_class minus = mod - ((mpz_class(offset + 1) << (p - 1)) % mod);
  pterms.push_back({ge1, minus % mod});
  for (int64_t i = 0; i < p; ++i) pterms.push_back({kept[i], mpz_class(1) << i});
  pterms.push_back({round_up, 1});
  const bits pattern = weighted_sum(b, pterms, pw, regime);

  // Overflow: pattern >= the infinity pattern (2^e - 1) 2^(p-1).
  const mpz_class inf_pattern = ((mpz_class(1) << e) - 1) << (p - 1);
  bits inf_bits(pw);
  for (uint32_t i = 0; i < pw; ++i) inf_bits[i] = constant_lit(mpz_tstbit(inf_pattern.get_mpz_t(), i));
  const lit overflow = !compare(b, pattern, inf_bits, false, regime).lt;

  const lit nan = or_any(b, bits{a.nan, c.nan, b.and_({a.inf, c.zero}), b.and_({a.zero, c.inf})}, regime);
  const lit special = or_any(b, bits{a.nan, c.nan, a.inf, c.inf, a.zero, c.zero}, regime);
  const lit inf_in = or_any(b, bits{a.inf, c.inf}, regime);
  const lit inf_out = or_any(b, bits{b.and_({inf_in, !nan}), b.and_({overflow, !special})}, regime);
  const lit finite_ok = b.and_({!overflow, !special});
  bits z(width);
  for (size_t i = 0; i + 1 < width; ++i) {
    const bool inf_bit = mpz_tstbit(inf_pattern.get_mpz_t(), i);
    const bool nan_bit = inf_bit || i == static_cast<size_t>(p - 2);
    bits terms{b.and_({pattern[i], finite_ok})};
    if (inf_bit) terms.push_back(inf_out);
    if (nan_bit) terms.push_back(nan);
    z[i] = or_any(b, terms, regime);
  }
  z[width - 1] = b.and_({!nan, xor2(b, a.sign, c.sign, regime)});
  return z;
}

}  // namespace tc0::fp
