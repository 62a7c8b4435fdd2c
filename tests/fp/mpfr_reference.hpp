// Test harness for the soft float: MPFR configured to a format (precision p, emin/emax and
// subnormalize) as the independent reference, patterns <-> MPFR values written here (not the
// library's decode/encode), ulp distances, special and random operands.
#pragma once
#include <doctest/doctest.h>
#include <gmpxx.h>
#include <mpfr.h>

#include <cstdint>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "tc0/fp/format.hpp"

namespace tc0::fp::test {

// An MPFR number with RAII.
class mpfr_value {
 public:
  explicit mpfr_value(mpfr_prec_t prec) { mpfr_init2(v_, prec); }
  ~mpfr_value() { mpfr_clear(v_); }
  mpfr_value(const mpfr_value&) = delete;
  mpfr_value& operator=(const mpfr_value&) = delete;
  mpfr_ptr get() { return v_; }
  mpfr_srcptr get() const { return v_; }
  operator mpfr_ptr() { return v_; }
  operator mpfr_srcptr() const { return v_; }

 private:
  mpfr_t v_;
};

// MPFR's widest exponent range: the default for every computation here; formats are emulated only
// around the final rounding.
inline void wide_range() {
  mpfr_set_emin(mpfr_get_emin_min());
  mpfr_set_emax(mpfr_get_emax_max());
}

// A harness invariant (cheaper than a doctest assertion in the inner loops).
inline void ensure(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("mpfr_reference: ") + what);
}

inline long ieee_bias(const float_format& f) { return (1L << (f.e - 1)) - 1; }

// The exact value of a pattern (precision p suffices), from the fields read here directly.
inline void set_pattern(mpfr_ptr out, const float_format& f, const mpz_class& bits) {
  const int w = f.p + f.e;
  const bool neg = mpz_tstbit(bits.get_mpz_t(), w - 1);
  const mpz_class frac = bits & ((mpz_class(1) << (f.p - 1)) - 1);
  const long biased = mpz_class((bits >> (f.p - 1)) & ((mpz_class(1) << f.e) - 1)).get_si();
  const long all_ones = (1L << f.e) - 1;
  if (biased == all_ones) {
    if (frac == 0)
      mpfr_set_inf(out, neg ? -1 : 1);
    else
      mpfr_set_nan(out);
    return;
  }
  mpz_class sig = frac;
  long exp = 1 - ieee_bias(f) - (f.p - 1);
  if (biased != 0) {
    sig += mpz_class(1) << (f.p - 1);
    exp = biased - ieee_bias(f) - (f.p - 1);
  }
  if (sig == 0) {
    mpfr_set_zero(out, neg ? -1 : 1);
    return;
  }
  if (neg) sig = -sig;
  const int t = mpfr_set_z_2exp(out, sig.get_mpz_t(), exp, MPFR_RNDN);
  ensure(t == 0, "pattern value not exact");
}

// The pattern of a value representable in f (NaN: the canonical quiet NaN).
inline mpz_class get_pattern(const float_format& f, mpfr_srcptr v) {
  const int w = f.p + f.e;
  const mpz_class sign_bit = mpz_class(1) << (w - 1);
  const mpz_class exp_ones = ((mpz_class(1) << f.e) - 1) << (f.p - 1);
  if (mpfr_nan_p(v)) return exp_ones + (mpz_class(1) << (f.p - 2));
  const mpz_class s = mpfr_signbit(v) ? sign_bit : mpz_class(0);
  if (mpfr_inf_p(v)) return s + exp_ones;
  if (mpfr_zero_p(v)) return s;
  mpz_class z;
  long ex = mpfr_get_z_2exp(z.get_mpz_t(), v);  // v = z 2^ex
  z = abs(z);
  const mp_bitcnt_t zeros = mpz_scan1(z.get_mpz_t(), 0);  // mpfr gives p bits: drop trailing zeros
  z >>= zeros;
  ex += static_cast<long>(zeros);
  // normalize to p bits: z 2^ex with bitlen(z) = p, or the subnormal grid
  const long bl = static_cast<long>(mpz_sizeinbase(z.get_mpz_t(), 2));
  const long top = ex + bl - 1;  // unbiased exponent
  const long emin_ieee = 1 - ieee_bias(f);
  const long q = (top < emin_ieee ? emin_ieee : top) - (f.p - 1);
  ensure(q <= ex, "value below the format's grid");
  // exactness of the shift: the value must be on the grid
  z <<= (ex - q);
  ensure(mpz_sizeinbase(z.get_mpz_t(), 2) <= static_cast<size_t>(f.p), "value wider than p bits");
  ensure(top <= ieee_bias(f), "value above the format's range");
  if (top < emin_ieee) return s + z;  // subnormal: biased exponent 0
  const mpz_class biased = top + ieee_bias(f);
  return s + (biased << (f.p - 1)) + (z - (mpz_class(1) << (f.p - 1)));
}

// Rounds r (precision p, correctly rounded in MPFR's wide range with ternary t) to format f:
// emin/emax of the format, mpfr_check_range, mpfr_subnormalize. Returns the pattern.
inline mpz_class round_to_format(const float_format& f, mpfr_ptr r, int t) {
  ensure(mpfr_get_prec(r) == f.p, "precision p");
  const long bias = ieee_bias(f);
  mpfr_set_emin(3 - bias - f.p);  // the smallest subnormal 2^(emin - p + 1) = 0.1 * 2^(emin - p + 2)
  mpfr_set_emax(bias + 1);
  t = mpfr_check_range(r, t, MPFR_RNDN);
  mpfr_subnormalize(r, t, MPFR_RNDN);
  wide_range();
  return get_pattern(f, r);
}

using mpfr_unary = int (*)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t);
using mpfr_binary = int (*)(mpfr_ptr, mpfr_srcptr, mpfr_srcptr, mpfr_rnd_t);

inline mpz_class reference(const float_format& f, mpfr_binary op, const mpz_class& a, const mpz_class& b) {
  mpfr_value x(f.p), y(f.p), r(f.p);
  set_pattern(x, f, a);
  set_pattern(y, f, b);
  const int t = op(r, x, y, MPFR_RNDN);
  return round_to_format(f, r, t);
}

inline mpz_class reference(const float_format& f, mpfr_unary op, const mpz_class& a) {
  mpfr_value x(f.p), r(f.p);
  set_pattern(x, f, a);
  const int t = op(r, x, MPFR_RNDN);
  return round_to_format(f, r, t);
}

inline bool is_nan_pattern(const float_format& f, const mpz_class& bits) {
  const mpz_class exp = (bits >> (f.p - 1)) & ((mpz_class(1) << f.e) - 1);
  const mpz_class frac = bits & ((mpz_class(1) << (f.p - 1)) - 1);
  return exp == (mpz_class(1) << f.e) - 1 && frac != 0;
}

// The distance of pattern `got` from the exact real value `exact`, in ulps of the exact value
// (ulp = 2^(max(floor(log2|exact|), emin) - p + 1)); infinity counts as 2^(emax + 1). Returns 0
// when both are the same infinity or both NaN, a huge number for other NaN / inf mismatches.
inline double ulp_error(const float_format& f, const mpz_class& got, mpfr_srcptr exact) {
  const long bias = ieee_bias(f);
  if (mpfr_nan_p(exact)) return is_nan_pattern(f, got) ? 0 : 1e300;
  if (is_nan_pattern(f, got)) return 1e300;
  const mpfr_prec_t prec = 4 * f.p + 4 * f.e + 256;
  mpfr_value g(prec), y(prec), d(prec);
  set_pattern(g, f, got);
  mpfr_set(y, exact, MPFR_RNDN);
  // Infinity and everything beyond it count as 2^(emax + 1).
  const auto clamp_inf = [&](mpfr_ptr v) {
    if (mpfr_inf_p(v) || (mpfr_regular_p(v) && mpfr_get_exp(v) - 1 > bias))
      mpfr_set_si_2exp(v, mpfr_signbit(v) ? -1 : 1, bias + 1, MPFR_RNDN);
  };
  if (mpfr_inf_p(g) && mpfr_inf_p(y)) return mpfr_signbit(g) == mpfr_signbit(y) ? 0 : 1e300;
  clamp_inf(g);
  clamp_inf(y);
  mpfr_sub(d, g, y, MPFR_RNDN);
  mpfr_abs(d, d, MPFR_RNDN);
  long e_y = mpfr_zero_p(y) ? -(1L << 40) : mpfr_get_exp(y) - 1;
  if (e_y < 1 - bias) e_y = 1 - bias;
  mpfr_mul_2si(d, d, -(e_y - (f.p - 1)), MPFR_RNDN);
  return mpfr_get_d(d, MPFR_RNDU);
}

// Special operands: zeros, smallest/largest subnormals, smallest normal, one, max finite,
// infinities, NaN (quiet and signalling-looking payloads), values just around 1 and 2.
inline std::vector<mpz_class> special_patterns(const float_format& f) {
  const mpz_class sign = mpz_class(1) << (f.p + f.e - 1);
  const mpz_class frac_mask = (mpz_class(1) << (f.p - 1)) - 1;
  const mpz_class exp_ones = ((mpz_class(1) << f.e) - 1) << (f.p - 1);
  const mpz_class one = mpz_class(ieee_bias(f)) << (f.p - 1);
  std::vector<mpz_class> base = {0,
                                 1,
                                 frac_mask,                     // largest subnormal
                                 mpz_class(1) << (f.p - 1),     // smallest normal
                                 (mpz_class(1) << (f.p - 1)) + 1,
                                 one,
                                 one + 1,
                                 one - 1,
                                 one + (mpz_class(1) << (f.p - 1)),  // 2
                                 exp_ones - 1,                  // max finite
                                 exp_ones - (mpz_class(1) << (f.p - 1)),  // smallest of the top binade
                                 exp_ones,                      // inf
                                 exp_ones + 1,                  // NaN (low payload)
                                 exp_ones + (mpz_class(1) << (f.p - 2))};  // canonical NaN
  std::vector<mpz_class> out;
  for (const mpz_class& b : base) {
    out.push_back(b);
    out.push_back(b + sign);
  }
  return out;
}

// A random pattern: uniform bits most of the time, else a random finite value near 1, a tiny
// value or a huge one (so the exponents meet the interesting ranges).
inline mpz_class random_pattern(const float_format& f, gmp_randclass& rng, std::mt19937_64& pick) {
  const int w = f.p + f.e;
  const int kind = static_cast<int>(pick() % 8);
  mpz_class frac = rng.get_z_bits(f.p - 1);
  const mpz_class sign = (pick() & 1) ? mpz_class(1) << (w - 1) : mpz_class(0);
  const long bias = ieee_bias(f);
  long biased;
  switch (kind) {
    case 0: case 1: case 2: return rng.get_z_bits(w);
    case 3: biased = bias - 3 + static_cast<long>(pick() % 7); break;      // near 1
    case 4: biased = static_cast<long>(pick() % std::min<long>(f.p + 3, 2 * bias)); break;  // tiny
    case 5: biased = 2 * bias - static_cast<long>(pick() % std::min<long>(f.p + 3, 2 * bias)); break;  // huge
    default: biased = 1 + static_cast<long>(pick() % (2 * bias)); break;
  }
  if (biased < 0) biased = 0;
  if (biased > 2 * bias) biased = 2 * bias;
  return sign + (mpz_class(biased) << (f.p - 1)) + frac;
}

// The special patterns, then random ones up to `count`, from a fixed seed.
inline std::vector<mpz_class> operands(const float_format& f, uint64_t seed, size_t count) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::mt19937_64 pick(seed);
  std::vector<mpz_class> v = special_patterns(f);
  while (v.size() < count) v.push_back(random_pattern(f, rng, pick));
  return v;
}

// Every pattern of a format (width <= 16).
inline std::vector<mpz_class> all_patterns(const float_format& f) {
  std::vector<mpz_class> v;
  for (unsigned long x = 0; x < (1UL << (f.p + f.e)); ++x) v.push_back(x);
  return v;
}

inline std::string hex(const mpz_class& x) { return "0x" + x.get_str(16); }

}  // namespace tc0::fp::test
