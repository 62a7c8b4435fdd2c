// fsin, fcos: quadrant reduction (directly for |x| < 1/2, Payne-Hanek with a window of 2/pi above),
// series in f^2 with truncated powers, one rounding. Integer steps only.
#include <algorithm>
#include <cassert>
#include <string>

#include "exact_sum.hpp"
#include "high_precision.hpp"
#include "plan_cache.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/round.hpp"
#include "tc0/fp/transcendental.hpp"

namespace tc0::fp {

namespace {

using detail::bitlen;
using detail::floor_shift;

// Inputs with exponent (of the last place) above this are refused: 2/pi to E + Fz + p + 4 bits.
constexpr long max_reduced_exponent = 1L << 22;

// Smallest N whose first omitted term (pi/2)^(2N+2+odd) / (2N+2+odd)! 4^-(N+1) is <= 2^-(p+9),
// with pi/2 < 1.5708 (alternating series with decreasing terms for v <= 1/4).
int trig_terms(int p, int odd) {
  const mpq_class bound(mpz_class(1), mpz_class(1) << (p + 9));
  mpq_class half_pi(15708, 10000);
  half_pi.canonicalize();
  for (int n = 0;; ++n) {
    const int k = 2 * n + 2 + odd;
    mpq_class term = 1;
    for (int i = 1; i <= k; ++i) term *= half_pi / i;
    for (int i = 0; i <= n; ++i) term /= 4;
    if (term <= bound) return n;
  }
}

// round((pi/2)^k / k! 2^H) from floor(pi 2^m), m = H + 2k + 64 (error <= 1/2 + 2^-40 units).
mpz_class series_coefficient(int k, int H) {
  if (k == 0) return mpz_class(1) << H;
  const long m = H + 2L * k + 64;
  const mpz_class pi = detail::floor_scaled(detail::real::pi, m);
  mpz_class num, fact = 1;
  mpz_pow_ui(num.get_mpz_t(), pi.get_mpz_t(), static_cast<unsigned long>(k));
  for (int i = 2; i <= k; ++i) fact *= i;
  // (pi 2^m)^k / 2^(mk) * 2^(H - k) / k!, rounded: floor(2 num / (k! 2^(mk + k - H))) then halve.
  const mpz_class den = fact << static_cast<unsigned long>(m * k + k - H - 1);
  mpz_class q;
  mpz_fdiv_q(q.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
  return (q + 1) >> 1;
}

trig_plan build(const float_format& f) {
  trig_plan pl;
  pl.format = f;
  pl.norm_bits = f.p + 8;
  pl.frac_bits = f.p + 8;
  pl.coeff_bits = f.p + 8;
  pl.reduce_bits = 2 * f.p + f.e + 20;
  pl.two_over_pi_small = detail::two_over_pi_floor(pl.norm_bits + 1);
  const int ns = trig_terms(f.p, 1), nc = trig_terms(f.p, 0);
  for (int n = 0; n <= ns; ++n) pl.sin_coeffs.push_back(series_coefficient(2 * n + 1, pl.coeff_bits));
  for (int n = 0; n <= nc; ++n) pl.cos_coeffs.push_back(series_coefficient(2 * n, pl.coeff_bits));
  return pl;
}

// |f| ~ f_n 2^ef with f_n truncated to `bits` significant bits.
void normalize(const mpz_class& mag, const mpz_class& exp, int bits, mpz_class& f_n, mpz_class& ef) {
  const long extra = bitlen(mag) - bits;
  if (extra > 0) {
    f_n = floor_shift(mag, static_cast<unsigned long>(extra));
    ef = exp + extra;
  } else {
    f_n = mag;
    ef = exp;
  }
}

}  // namespace

const trig_plan& plan_trig(const float_format& f) { return detail::cached_plan<trig_plan>(f, build); }

mpz_class two_over_pi_window(const trig_plan& plan, const mpz_class& E) {
  const int p = plan.format.p, Fz = plan.reduce_bits;
  if (E + p < 0) throw input_error("two_over_pi_window", "E + p >= 0");
  if (E > max_reduced_exponent)
    throw input_error("fsin/fcos", "|x| below 2^(2^22) (the reduction would need 2/pi to more bits)");
  const long n = E.get_si() + Fz + p + 2;
  mpz_class w = detail::two_over_pi_floor(n);
  mpz_fdiv_r_2exp(w.get_mpz_t(), w.get_mpz_t(), static_cast<unsigned long>(Fz + p + 4));
  return w;
}

trig_trace trace_trig(const float_format& f, const mpz_class& x) {
  const unpacked u = decode(f, x);
  const trig_plan& pl = plan_trig(f);
  trig_trace tr;
  if (u.cls == float_class::nan || u.cls == float_class::infinite) {
    tr.sin_result = tr.cos_result = quiet_nan(f);
    return tr;
  }
  if (u.cls == float_class::zero) {
    tr.sin_result = x;
    tr.cos_result = one(f);
    return tr;
  }
  const int p = f.p, Fz = pl.reduce_bits, F = pl.frac_bits, H = pl.coeff_bits;
  const mpz_class top = u.exp + bitlen(u.sig) - 1;  // |x| in [2^top, 2^(top+1))
  if (top <= -2) {
    tr.path = "A";
    tr.z = u.sig * pl.two_over_pi_small;  // x 2/pi ~ z 2^(E - P_f - 1)
    normalize(tr.z, u.exp - (pl.norm_bits + 1), pl.norm_bits, tr.f_norm, tr.f_exp);
  } else {
    tr.path = "B";
    const mpz_class w = two_over_pi_window(pl, u.exp);
    tr.z = floor_shift(u.sig * w, static_cast<unsigned long>(p + 2));
    mpz_fdiv_r_2exp(tr.z.get_mpz_t(), tr.z.get_mpz_t(), static_cast<unsigned long>(Fz + 2));
    mpz_class zr = tr.z + (mpz_class(1) << (Fz - 1));
    tr.quadrant = static_cast<unsigned>(mpz_class(floor_shift(zr, Fz) & 3).get_ui());
    mpz_fdiv_r_2exp(zr.get_mpz_t(), zr.get_mpz_t(), static_cast<unsigned long>(Fz));
    const mpz_class f_int = zr - (mpz_class(1) << (Fz - 1));
    tr.f_negative = sgn(f_int) < 0;
    assert(sgn(f_int) != 0);
    normalize(abs(f_int), mpz_class(-Fz), pl.norm_bits, tr.f_norm, tr.f_exp);
  }
  // v = f^2 with F fraction bits: f_n^2 2^(2 ef + F), truncated (f <= 1/2, so v < 2^(F-2)).
  const mpz_class v_shift = 2 * tr.f_exp + F;
  const mpz_class sq = tr.f_norm * tr.f_norm;
  tr.v = v_shift < -bitlen(sq) ? mpz_class(0) : detail::shift_trunc(sq, v_shift.get_si());
  const int n_max = static_cast<int>(std::max(pl.sin_coeffs.size(), pl.cos_coeffs.size())) - 1;
  tr.powers = detail::truncated_powers(tr.v, F, n_max);
  tr.sin_series = tr.cos_series = 0;
  for (size_t n = 0; n < pl.sin_coeffs.size(); ++n)
    tr.sin_series += (n % 2 ? -1 : 1) * pl.sin_coeffs[n] * tr.powers[n];
  for (size_t n = 0; n < pl.cos_coeffs.size(); ++n)
    tr.cos_series += (n % 2 ? -1 : 1) * pl.cos_coeffs[n] * tr.powers[n];
  assert(sgn(tr.sin_series) > 0 && sgn(tr.cos_series) > 0);
  // sin(pi f/2) and cos(pi f/2) as (negative?, significand, exponent), then the quadrant.
  const mpz_class s_sig = tr.f_norm * tr.sin_series, s_exp = tr.f_exp - F - H;
  const mpz_class c_exp = mpz_class(-F - H);
  const bool sx = u.sign, sf = tr.f_negative;
  switch (tr.quadrant) {
    case 0:
      tr.sin_result = encode(f, sx != sf, s_sig, s_exp);
      tr.cos_result = encode(f, false, tr.cos_series, c_exp);
      break;
    case 1:
      tr.sin_result = encode(f, sx, tr.cos_series, c_exp);
      tr.cos_result = encode(f, !sf, s_sig, s_exp);
      break;
    case 2:
      tr.sin_result = encode(f, sx == sf, s_sig, s_exp);
      tr.cos_result = encode(f, true, tr.cos_series, c_exp);
      break;
    default:
      tr.sin_result = encode(f, !sx, tr.cos_series, c_exp);
      tr.cos_result = encode(f, sf, s_sig, s_exp);
      break;
  }
  return tr;
}

mpz_class fsin(const float_format& f, const mpz_class& x) { return trace_trig(f, x).sin_result; }
mpz_class fcos(const float_format& f, const mpz_class& x) { return trace_trig(f, x).cos_result; }

}  // namespace tc0::fp
