// exp, sin, cos and 1/sqrt of the soft float, each as a fixed sequence of integer operations that
// a constant-depth circuit repeats step by step (range reduction with stored constants, exact
// powers truncated to a stated width, one weighted sum, one final rounding), so that word level
// and gate level give the same bits. Within 1 ulp of the exact value; docs/floats.md has the
// construction, the term counts as a function of p and the error argument.
#pragma once
#include <gmpxx.h>

#include <vector>

#include "tc0/fp/format.hpp"

namespace tc0::fp {

// ---- exp --------------------------------------------------------------------------------------
// exp(x) = 2^k * 2^(i/2^t) * exp(r) with j = 2^t k + i ~ x 2^t / ln 2 (Tang's reduction):
//   X = x 2^F truncated toward zero (|x| < 2^range_bits, else the result saturates to +inf / +0)
//   j = floor((X * inv_ln2 - 2^(F + range_bits + 1)) / 2^(F + margin_bits))   (so 0 < r)
//   k = floor(j / 2^t), i = j mod 2^t
//   R = floor((X 2^G - j * ln2) / 2^G)                       r = R / 2^F in (0, 1.1 ln2 / 2^t)
//   U_n = floor(R^n / 2^((n-1) F)) for n = 0..N (U_0 = 2^F: exact powers, truncated to F bits)
//   P = sum_n coeffs[n] * U_n                                 P / 2^(2F) ~ exp(r)
//   result = encode(+, table[i] * P, k - 3F)                  the one rounding
struct exp_plan {
  float_format format;
  int table_bits = 4;      // t: the table holds 2^(i/2^t), i < 2^t
  int frac_bits = 0;       // F = p + 8: fraction bits of X, R, U_n, table and coefficients
  int range_bits = 0;      // bitlen(2^(e-1) + p): |x| >= 2^range_bits overflows / underflows
  int margin_bits = 0;     // range_bits + 5
  int guard_bits = 0;      // G = range_bits + t + 3: extra fraction bits of ln2 / 2^t
  int terms = 0;           // N: the series uses r^0..r^N
  mpz_class inv_ln2;       // floor(2^(t + margin_bits) / ln 2)
  mpz_class ln2;           // round(ln 2 * 2^(F + G - t))
  std::vector<mpz_class> table;   // round(2^(i/2^t) * 2^F), i < 2^t
  std::vector<mpz_class> coeffs;  // round(2^F / n!), n = 0..N
};
const exp_plan& plan_exp(const float_format& f);  // built once per format, then cached

// The integers of one evaluation, for checking a circuit stage by stage (path "series" only).
struct exp_trace {
  const char* path = "special";  // "special" (NaN, infinities), "saturate" (|x| >= 2^range_bits), "series"
  mpz_class x_fixed, j, k, r, series, product, result;
  unsigned long i = 0;
  std::vector<mpz_class> powers;
};
exp_trace trace_exp(const float_format& f, const mpz_class& x);
// NaN -> NaN, +inf -> +inf, -inf -> +0, otherwise as above.
mpz_class fexp(const float_format& f, const mpz_class& x);

// ---- sin, cos ---------------------------------------------------------------------------------
// With z = |x| * 2/pi, q = round(z) mod 4 and f = z - round(z) in [-1/2, 1/2]:
// sin(pi f / 2) = f * S_sin(f^2), cos(pi f / 2) = S_cos(f^2), then the quadrant picks +-sin / +-cos.
//   path A (|x| < 1/2, no reduction): q = 0, f = m * two_over_pi_small * 2^(E - norm_bits - 1)
//   path B (|x| >= 1/2, Payne-Hanek): with W(E) = two_over_pi_window(plan, E),
//     Z = floor(m * W(E) / 2^(p+2)) mod 2^(Fz+2)             z ~ Z / 2^Fz mod 4
//     Zr = Z + 2^(Fz-1), q = floor(Zr / 2^Fz) mod 4, F_int = (Zr mod 2^Fz) - 2^(Fz-1)
//   f_n = |f| truncated to norm_bits significant bits, |f| ~ f_n 2^ef
//   V = floor(f_n^2 2^(2 ef + F))                              v = f^2 ~ V / 2^F
//   V_n = floor(V^n / 2^((n-1) F)), n = 0..N (exact powers, truncated)
//   S_sin = sum_n (-1)^n sin_coeffs[n] V_n,  S_cos = sum_n (-1)^n cos_coeffs[n] V_n
//   sin(pi f/2) ~ f_n * S_sin * 2^(ef - F - H),  cos(pi f/2) ~ S_cos * 2^(-F - H)
//   result = encode(sign, ..., ...)                             the one rounding
// Path B needs |f| >= 2^-(p + e + 12) (x not closer than that to a multiple of pi/2, relative to
// the reduced argument): certified for the formats in tests/fp by continued fractions; see
// docs/floats.md. Inputs with exponent above 2^22 throw input_error (2/pi would need more bits).
struct trig_plan {
  float_format format;
  int norm_bits = 0;     // P_f = p + 8
  int frac_bits = 0;     // F = p + 8
  int coeff_bits = 0;    // H = p + 8
  int reduce_bits = 0;   // Fz = 2p + e + 20
  mpz_class two_over_pi_small;          // floor(2/pi * 2^(P_f + 1))
  std::vector<mpz_class> sin_coeffs;    // round((pi/2)^(2n+1) / (2n+1)! * 2^H), n = 0..N_sin
  std::vector<mpz_class> cos_coeffs;    // round((pi/2)^(2n) / (2n)! * 2^H), n = 0..N_cos
};
const trig_plan& plan_trig(const float_format& f);
// floor(2/pi * 2^(E + Fz + p + 2)) mod 2^(Fz + p + 4), for E + p >= 0 (exactly, from 2/pi computed
// to as many bits as needed and cached).
mpz_class two_over_pi_window(const trig_plan& plan, const mpz_class& E);

struct trig_trace {
  const char* path = "special";  // "special", "A", "B"
  unsigned quadrant = 0;
  bool f_negative = false;
  mpz_class z, f_norm, f_exp, v, sin_series, cos_series, sin_result, cos_result;
  std::vector<mpz_class> powers;
};
trig_trace trace_trig(const float_format& f, const mpz_class& x);
// NaN and +-inf -> NaN; sin(+-0) = +-0, cos(+-0) = 1.
mpz_class fsin(const float_format& f, const mpz_class& x);
mpz_class fcos(const float_format& f, const mpz_class& x);

// ---- 1/sqrt -----------------------------------------------------------------------------------
// x = M 4^K with M in [1, 4) (m the significand normalized to p bits, par = the exponent's parity):
//   cell index c = par 2^t + (top t fraction bits of m); table[c] = floor(2^H / sqrt(M_hi)) for the
//   cell's upper end M_hi, so w = 1 - M table[c]^2 / 2^(2H) lies in [0, 1.13 2^-t)
//   W = floor((2^(2H+p-1) - m 2^par table[c]^2) / 2^(2H+p-1-F))   w ~ W / 2^F (exact, then truncated)
//   W_n = floor(W^n / 2^((n-1) F)), n = 0..N
//   S = sum_n coeffs[n] W_n, coeffs[n] = C(2n, n) 2^(2N - 2n)     (1 - w)^(-1/2) = sum C(2n,n) (w/4)^n
//   result = encode(+, table[c] * S, -K - H - F - 2N)               the one rounding
// No Newton steps: the table makes w small, and the series in w has ~ (p + 9) / t terms.
struct rsqrt_plan {
  float_format format;
  int table_bits = 5;    // t
  int table_frac = 0;    // H = p + 8
  int frac_bits = 0;     // F = p + 8 + bitlen(N)
  int terms = 0;         // N
  std::vector<mpz_class> table;   // 2^(t+1) entries, index par 2^t + j
  std::vector<mpz_class> coeffs;  // C(2n, n) 2^(2N - 2n), exact
};
const rsqrt_plan& plan_rsqrt(const float_format& f);

struct rsqrt_trace {
  const char* path = "special";  // "special", "series"
  unsigned long cell = 0;
  mpz_class w, series, product, result;
  std::vector<mpz_class> powers;
};
rsqrt_trace trace_rsqrt(const float_format& f, const mpz_class& x);
// NaN -> NaN, x < 0 -> NaN, +-0 -> +-inf, +inf -> +0.
mpz_class frsqrt(const float_format& f, const mpz_class& x);

}  // namespace tc0::fp
