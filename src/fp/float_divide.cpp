// Gate-level float divide: the quotient of the normalized significands to p + 3 bits from a
// reciprocal table and one product, a remainder correction, then the shared rounding encode.
#include <string>
#include <vector>

#include "float_encode.hpp"
#include "tc0/arith/add.hpp"
#include "tc0/arith/compare.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/arith/iterated_sum.hpp"
#include "tc0/arith/multiply.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/float_blocks.hpp"

namespace tc0::fp {

using namespace gates;

bits float_divide(builder& b, const float_format& f, const bits& x, const bits& y, weight_regime regime) {
  check_format(f);
  if (f.e > 20) throw input_error("fdiv", "gate-level exponents up to 20 bits, got " + std::to_string(f.e));
  if (f.p > max_divide_p)
    throw input_error("fdiv", "gate-level significands up to " + std::to_string(max_divide_p) + " bits, got " +
                                  std::to_string(f.p));
  const size_t width = static_cast<size_t>(tc0::fp::width(f));
  if (x.size() != width || y.size() != width)
    throw input_error("fdiv", "operands must have p + e = " + std::to_string(width) + " bits");
  const int64_t p = f.p, e = f.e, bias = (int64_t{1} << (e - 1)) - 1;
  const operand a = decode_operand(b, f, x, true, regime), c = decode_operand(b, f, y, true, regime);
  const bits& A = a.normalized;
  const bits& B = c.normalized;

  // R = floor((2^(2p+3) - 1) / B) from a table over B's low p - 1 bits (one AND per entry, then
  // one OR per bit of R): p + 4 bits.
  const size_t rw = static_cast<size_t>(p + 4), cells = size_t{1} << (p - 1);
  std::vector<bits> r_terms(rw);
  const mpz_class num = (mpz_class(1) << (2 * p + 3)) - 1;
  for (size_t j = 0; j < cells; ++j) {
    bits in;
    for (size_t k = 0; k + 1 < static_cast<size_t>(p); ++k) in.push_back(B[k] ^ !((j >> k) & 1));
    const lit cell = in.empty() ? lit_true : b.and_(in);
    const mpz_class r = num / ((mpz_class(1) << (p - 1)) + static_cast<unsigned long>(j));
    for (size_t k = 0; k < rw; ++k)
      if (mpz_tstbit(r.get_mpz_t(), k)) r_terms[k].push_back(cell);
  }
  bits R(rw), Aw(rw, lit_false);
  for (size_t k = 0; k < rw; ++k) R[k] = r_terms[k].empty() ? lit_false : or_any(b, r_terms[k], regime);
  for (size_t k = 0; k < static_cast<size_t>(p); ++k) Aw[k] = A[k];

  // q0 = floor(A R / 2^(p+1)) is floor(A 2^(p+2) / B) or one less (A R / 2^(p+1) lies within
  // A / 2^(p+1) (1 + 2^(1-p)) < 1 below the quotient): p + 3 bits.
  const bits prod = multiply(b, Aw, R, regime);
  const bits q0(prod.begin() + (p + 1), prod.begin() + (2 * p + 4));

  // rem0 = A 2^(p+2) - q0 B in [0, 2B) is (-q0 B) mod 2^(p+2); q = q0 + [rem0 >= B]; the
  // remainder is nonzero unless rem0 is 0 or B.
  const uint32_t mw = static_cast<uint32_t>(p + 2);
  const mpz_class mmod = mpz_class(1) << mw;
  std::vector<weighted_term> rterms;
  for (int64_t i = 0; i < p + 2; ++i)
    for (int64_t j = 0; j < p && i + j < p + 2; ++j)
      rterms.push_back({b.and_({q0[i], B[j]}), mmod - (mpz_class(1) << (i + j))});
  const bits rem0 = weighted_sum(b, rterms, mw, regime);
  bits Bw(mw, lit_false);
  for (size_t k = 0; k < static_cast<size_t>(p); ++k) Bw[k] = B[k];
  const compare_result cmp = compare(b, rem0, Bw, false, regime);
  const lit sticky = b.and_({or_any(b, rem0, regime), !cmp.eq});
  const bits q = add_with_carry(b, q0, bits(q0.size(), lit_false), !cmp.lt, regime);

  // sig = 2q + sticky (p + 4 bits, leading one at p + 2 or p + 3) at the exponent
  // max(ea,1) - za - max(eb,1) + zb - p - 3: g = that + bias, from the bits of ea, !nz_a, the
  // complement of za, the complement of eb, nz_b, zb.
  bits sig{sticky};
  sig.insert(sig.end(), q.begin(), q.begin() + (p + 3));
  linear_form gt;
  for (size_t i = 0; i < a.exponent.size(); ++i) gt.emplace_back(a.exponent[i], int64_t{1} << i);
  gt.emplace_back(!a.nz, 1);
  for (size_t i = 0; i < a.shift.size(); ++i) gt.emplace_back(a.shift[i], -(int64_t{1} << i));
  for (size_t i = 0; i < c.exponent.size(); ++i) gt.emplace_back(c.exponent[i], -(int64_t{1} << i));
  gt.emplace_back(!c.nz, -1);
  for (size_t i = 0; i < c.shift.size(); ++i) gt.emplace_back(c.shift[i], int64_t{1} << i);
  const offset_int g = linear_sum(b, gt, bias - p - 3, regime);
  const encoded enc = encode(b, f, sig, static_cast<int>(p + 2), g, regime);

  // Specials: NaN (either NaN, 0/0, inf/inf), then +-inf (inf / finite, finite / 0), then +-0
  // (0 / nonzero, finite / inf); the last two never hold together without NaN.
  const lit nan = or_any(b, bits{a.nan, c.nan, b.and_({a.inf, c.inf}), b.and_({a.zero, c.zero})}, regime);
  const lit to_inf = or_any(b, bits{a.inf, c.zero}, regime), to_zero = or_any(b, bits{c.inf, a.zero}, regime);
  const mpz_class inf_mag = ((mpz_class(1) << e) - 1) << (p - 1);
  const mpz_class nan_mag = inf_mag + (mpz_class(1) << (p - 2));
  const lit sign = b.and_({!nan, xor2(b, a.sign, c.sign, regime)});
  return assemble(b, f, enc.pattern,
                  {{nan, nan_mag}, {to_inf, inf_mag}, {to_zero, mpz_class(0)}, {enc.overflow, inf_mag}}, sign,
                  regime);
}

}  // namespace tc0::fp
