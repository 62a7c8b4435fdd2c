// Gate-level frsqrt: fp::trace_rsqrt's integer steps as circuits (a 2^(t+1)-cell table selected by
// the exponent parity and the top fraction bits, CRR powers, one weighted sum), then the shared encode.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "exact_sum.hpp"
#include "float_encode.hpp"
#include "float_stages.hpp"
#include "plan_cache.hpp"
#include "tc0/arith/crr.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/arith/iterated_sum.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/float_transcendental.hpp"
#include "tc0/fp/transcendental.hpp"

namespace tc0::fp {

using namespace gates;

bits stages::float_rsqrt(builder& b, const float_format& f, const bits& x, weight_regime regime, rsqrt_buses* out) {
  check_format(f);
  if (f.e > 20) throw input_error("frsqrt", "gate-level exponents up to 20 bits, got " + std::to_string(f.e));
  const size_t width = static_cast<size_t>(tc0::fp::width(f));
  if (x.size() != width) throw input_error("frsqrt", "the operand must have p + e = " + std::to_string(width) + " bits");
  const rsqrt_plan& pl = plan_rsqrt(f);
  const int64_t p = f.p, e = f.e, bias = (int64_t{1} << (e - 1)) - 1;
  const int64_t t = pl.table_bits, H = pl.table_frac, F = pl.frac_bits;
  const int N = pl.terms;
  std::optional<module_scope> stage;
  stage.emplace(b.scope("reduce"));
  const operand a = decode_operand(b, f, x, true, regime);
  const bits& m = a.normalized;

  // E1 = max(ea,1) - bias - lz = V - off, the leading bit's exponent; off is even, so the parity
  // is V's bit 0 and K = floor(E1 / 2) = floor(V / 2) - off / 2.
  const offset_int e1 = leading_exponent(b, f, a, regime);
  if (e1.offset % 2 != 0 || e1.v.size() < 2) throw std::logic_error("frsqrt: exponent offset must be even");
  const lit par = e1.v[0];

  // Cell c = par 2^t + j, j = the top t fraction bits of m (fewer when p - 1 < t: the rest 0).
  const size_t cells = size_t{2} << t;
  bits jbits(static_cast<size_t>(t), lit_false);
  for (int64_t k = 0; k < t; ++k)
    if (p - 1 - t + k >= 0) jbits[k] = m[p - 1 - t + k];
  std::vector<lit> cell(cells);
  for (size_t c = 0; c < cells; ++c) {
    bits in{par ^ !((c >> t) & 1)};
    for (int64_t k = 0; k < t; ++k) in.push_back(jbits[k] ^ !((c >> k) & 1));
    cell[c] = b.and_(in);
  }

  // W = floor(w_exact / 2^(2H+p-1-F)), w_exact = 2^(2H+p-1) - m 2^par T^2 in [0, 1.13 2^(2H+p-1-t)):
  // the sum of -m 2^par T^2 mod 2^(2H+p-1) is exact. m = (the cell's top bits) + its low bits.
  const int64_t low = std::max<int64_t>(p - 1 - t, 0);  // m's bits below the cell's
  const uint32_t ww = static_cast<uint32_t>(2 * H + p - 1);
  auto neg_mod = [&](const mpz_class& v) {  // dense, but exclusive within a group: cheaper here
    mpz_class r = -v;
    mpz_fdiv_r_2exp(r.get_mpz_t(), r.get_mpz_t(), ww);
    return r;
  };
  std::vector<weighted_term> wterms;
  for (size_t c = 0; c < cells; ++c) {
    const unsigned long pc = c >> t, jc = c & ((1UL << t) - 1);
    const mpz_class t2 = pl.table[c] * pl.table[c] << pc;
    const mpz_class mtop = (mpz_class(1) << (p - 1)) + detail::shift_trunc(mpz_class(jc), p - 1 - t);
    wterms.push_back({cell[c], neg_mod(mtop * t2), 1});
    for (int64_t k = 0; k < low; ++k)
      wterms.push_back({b.and_({cell[c], m[k]}), neg_mod(t2 << k), static_cast<uint32_t>(k + 2)});
  }
  const bits wsum = weighted_sum(b, wterms, ww, regime);
  const bits W(wsum.begin() + (ww - F), wsum.begin() + (ww - F + (F - t + 1)));  // < 2^(F-t+1)

  stage.reset();
  stage.emplace(b.scope("powers"));
  const std::vector<bits> pw = N >= 2 ? powers(b, W, static_cast<uint32_t>(N), regime) : std::vector<bits>{W};

  stage.reset();
  stage.emplace(b.scope("series"));
  // T S with S = sum_n B_n W_n (W_0 = 2^F), as one sum over the partial products T_a W_{n,k}
  // (weight B_n 2^(a+k)); T's bits are ORs of the cells (64 cells, but only H + 1 bits).
  mpz_class t_min = pl.table[0], t_max = pl.table[0];
  for (const mpz_class& tc : pl.table) {
    if (tc < t_min) t_min = tc;
    if (tc > t_max) t_max = tc;
  }
  const size_t tw = static_cast<size_t>(detail::bitlen(t_max));
  bits T(tw);
  for (size_t a = 0; a < tw; ++a) {
    bits in;
    for (size_t c = 0; c < cells; ++c)
      if (mpz_tstbit(pl.table[c].get_mpz_t(), a)) in.push_back(cell[c]);
    T[a] = in.empty() ? lit_false : or_any(b, in, regime);
  }
  std::vector<weighted_term> sterms;
  for (size_t a = 0; a < tw; ++a) sterms.push_back({T[a], pl.coeffs[0] << (F + a)});
  mpz_class s_max = pl.coeffs[0] << F;  // a bound on S from W's width
  for (int n = 1; n <= N; ++n) {
    const bits& wn = pw[static_cast<size_t>(n - 1)];
    const size_t from = static_cast<size_t>((n - 1) * F);
    s_max += pl.coeffs[static_cast<size_t>(n)] << (wn.size() - from);
    for (size_t k = from; k < wn.size(); ++k)
      for (size_t a = 0; a < tw; ++a)
        sterms.push_back({b.and_({T[a], wn[k]}), pl.coeffs[static_cast<size_t>(n)] << (k - from + a)});
  }
  const uint32_t prod_w = static_cast<uint32_t>(detail::bitlen(t_max * s_max));
  const bits product = weighted_sum(b, sterms, prod_w, regime);
  if (out) *out = {W, product};

  stage.reset();
  stage.emplace(b.scope("round"));
  // encode(+, product, -K - H - F - 2N): g = -floor(V/2) + off/2 - H - F - 2N + bias, with
  // -floor(V/2) = value(not V[1..]) - (2^(|V|-1) - 1).
  offset_int g;
  for (size_t k = 1; k < e1.v.size(); ++k) g.v.push_back(!e1.v[k]);
  g.offset = ((int64_t{1} << g.v.size()) - 1) - e1.offset / 2 + H + F + 2 * N - bias;
  const int lead_lo = static_cast<int>(detail::bitlen(t_min) - 1 + F + 2 * N);
  const encoded enc = encode(b, f, product, lead_lo, g, regime);

  // NaN (NaN or x < 0), then +-0 -> +-inf, then +inf -> +0, then overflow.
  const lit nan = or_any(b, bits{a.nan, b.and_({a.sign, !a.zero})}, regime);
  const mpz_class inf_mag = ((mpz_class(1) << e) - 1) << (p - 1);
  const mpz_class nan_mag = inf_mag + (mpz_class(1) << (p - 2));
  return assemble(b, f, enc.pattern,
                  {{nan, nan_mag}, {a.zero, inf_mag}, {a.inf, mpz_class(0)}, {enc.overflow, inf_mag}},
                  b.and_({a.sign, a.zero}), regime);
}

bits float_rsqrt(builder& b, const float_format& f, const bits& x, weight_regime regime) {
  return stages::float_rsqrt(b, f, x, regime, nullptr);
}

}  // namespace tc0::fp
