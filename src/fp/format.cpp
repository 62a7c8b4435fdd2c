// Float formats: validation, field access, decode into exact values, special patterns.
#include "tc0/fp/format.hpp"

#include <string>

#include "tc0/errors.hpp"

namespace tc0::fp {

namespace {

mpz_class pow2(unsigned long k) {
  mpz_class r;
  mpz_ui_pow_ui(r.get_mpz_t(), 2, k);
  return r;
}

}  // namespace

void check_format(const float_format& f) {
  if (f.p < 2 || f.e < 2 || f.p + f.e > 256)
    throw input_error("float format", "need 2 <= p, 2 <= e, p + e <= 256; got (p, e) = " + to_string(f));
}

void check_pattern(const float_format& f, const mpz_class& x) {
  check_format(f);
  if (sgn(x) < 0 || (sgn(x) > 0 && mpz_sizeinbase(x.get_mpz_t(), 2) > static_cast<size_t>(width(f))))
    throw input_error("float pattern", "a " + std::to_string(width(f)) + "-bit pattern for format " + to_string(f) +
                                           "; got " + x.get_str(16) + " (hex)");
}

std::string to_string(const float_format& f) { return "(" + std::to_string(f.p) + ", " + std::to_string(f.e) + ")"; }

mpz_class bias(const float_format& f) { return pow2(f.e - 1) - 1; }
mpz_class emin(const float_format& f) { return 1 - bias(f); }
mpz_class quantum_min(const float_format& f) { return emin(f) - (f.p - 1); }

unpacked decode(const float_format& f, const mpz_class& x) {
  check_pattern(f, x);
  unpacked u;
  u.sign = mpz_tstbit(x.get_mpz_t(), width(f) - 1);
  mpz_class biased = x >> (f.p - 1);
  mpz_clrbit(biased.get_mpz_t(), f.e);
  mpz_class frac = x;
  mpz_fdiv_r_2exp(frac.get_mpz_t(), frac.get_mpz_t(), f.p - 1);
  if (mpz_popcount(biased.get_mpz_t()) == static_cast<mp_bitcnt_t>(f.e)) {
    u.cls = sgn(frac) == 0 ? float_class::infinite : float_class::nan;
    return u;
  }
  if (sgn(biased) == 0) {
    u.cls = sgn(frac) == 0 ? float_class::zero : float_class::subnormal;
    u.sig = frac;
    u.exp = quantum_min(f);
    return u;
  }
  u.cls = float_class::normal;
  mpz_setbit(frac.get_mpz_t(), f.p - 1);
  u.sig = frac;
  u.exp = biased - bias(f) - (f.p - 1);
  return u;
}

float_class classify(const float_format& f, const mpz_class& x) { return decode(f, x).cls; }

bool sign_bit(const float_format& f, const mpz_class& x) {
  check_pattern(f, x);
  return mpz_tstbit(x.get_mpz_t(), width(f) - 1);
}

mpz_class pack(const float_format& f, bool sign, const mpz_class& biased_exponent, const mpz_class& fraction) {
  check_format(f);
  mpz_class r = (biased_exponent << (f.p - 1)) + fraction;
  if (sign) mpz_setbit(r.get_mpz_t(), width(f) - 1);
  return r;
}

mpz_class quiet_nan(const float_format& f) { return pack(f, false, pow2(f.e) - 1, pow2(f.p - 2)); }
mpz_class infinity(const float_format& f, bool negative) { return pack(f, negative, pow2(f.e) - 1, 0); }
mpz_class zero(const float_format& f, bool negative) { return pack(f, negative, 0, 0); }
mpz_class one(const float_format& f, bool negative) { return pack(f, negative, bias(f), 0); }
mpz_class max_finite(const float_format& f, bool negative) { return pack(f, negative, pow2(f.e) - 2, pow2(f.p - 1) - 1); }
mpz_class min_normal(const float_format& f, bool negative) { return pack(f, negative, 1, 0); }
mpz_class min_subnormal(const float_format& f, bool negative) { return pack(f, negative, 0, 1); }

}  // namespace tc0::fp
