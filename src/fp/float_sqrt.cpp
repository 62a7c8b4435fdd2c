// Gate-level float square root: the root of the normalized significand with p + 2 bits and a sticky
// bit from a table over (exponent parity, fraction), then the shared rounding encode.
#include <stdexcept>
#include <string>
#include <vector>

#include "float_encode.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/float_blocks.hpp"

namespace tc0::fp {

using namespace gates;

bits float_sqrt(builder& b, const float_format& f, const bits& x, weight_regime regime) {
  check_format(f);
  if (f.e > 20) throw input_error("fsqrt", "gate-level exponents up to 20 bits, got " + std::to_string(f.e));
  if (f.p > max_sqrt_p)
    throw input_error("fsqrt", "gate-level significands up to " + std::to_string(max_sqrt_p) + " bits, got " +
                                   std::to_string(f.p));
  const size_t width = static_cast<size_t>(tc0::fp::width(f));
  if (x.size() != width) throw input_error("fsqrt", "the operand must have p + e = " + std::to_string(width) + " bits");
  const int64_t p = f.p, e = f.e, bias = (int64_t{1} << (e - 1)) - 1;
  const operand a = decode_operand(b, f, x, true, regime);
  const bits& m = a.normalized;

  // E1 = max(ea,1) - bias - lz = V - off (the leading bit's exponent, off even): par = V_0.
  const offset_int e1 = leading_exponent(b, f, a, regime);
  if (e1.offset % 2 != 0 || e1.v.size() < 2) throw std::logic_error("fsqrt: exponent offset must be even");
  const lit par = e1.v[0];

  // x = m 2^(E1 - p + 1); with eps = 1 - par, R = isqrt(m 2^(p+4+eps)) has p + 2 + eps bits and
  // sqrt(x) = (2R + [rem != 0]) 2^par 2^(floor(V/2) - off/2 - p - 3): the table entry for (par, m)
  // is sig = (2R + sticky) << par, p + 4 bits with its leading one at p + 3.
  const size_t sw = static_cast<size_t>(p + 4), half = size_t{1} << (p - 1);
  std::vector<bits> sig_terms(sw);
  for (size_t c = 0; c < 2 * half; ++c) {
    const unsigned long pc = c / half, frac = c % half;
    bits in{par ^ !pc};
    for (int64_t k = 0; k + 1 < p; ++k) in.push_back(m[k] ^ !((frac >> k) & 1));
    const lit cell = b.and_(in);
    const mpz_class scaled = (mpz_class(half + frac)) << (p + 4 + (1 - pc));
    mpz_class root, rem;
    mpz_sqrtrem(root.get_mpz_t(), rem.get_mpz_t(), scaled.get_mpz_t());
    const mpz_class sig = ((root << 1) + (sgn(rem) != 0 ? 1 : 0)) << pc;
    for (size_t k = 0; k < sw; ++k)
      if (mpz_tstbit(sig.get_mpz_t(), k)) sig_terms[k].push_back(cell);
  }
  bits sig(sw);
  for (size_t k = 0; k < sw; ++k) sig[k] = sig_terms[k].empty() ? lit_false : or_any(b, sig_terms[k], regime);

  offset_int g;
  g.v.assign(e1.v.begin() + 1, e1.v.end());
  g.offset = e1.offset / 2 + p + 3 - bias;
  const encoded enc = encode(b, f, sig, static_cast<int>(p + 3), g, regime);

  // NaN (NaN or x < 0), then +-0 -> +-0, then +inf -> +inf.
  const lit nan = or_any(b, bits{a.nan, b.and_({a.sign, !a.zero})}, regime);
  const mpz_class inf_mag = ((mpz_class(1) << e) - 1) << (p - 1);
  const mpz_class nan_mag = inf_mag + (mpz_class(1) << (p - 2));
  return assemble(b, f, enc.pattern, {{nan, nan_mag}, {a.zero, mpz_class(0)}, {a.inf, inf_mag}, {enc.overflow, inf_mag}},
                  b.and_({a.sign, a.zero}), regime);
}

}  // namespace tc0::fp
