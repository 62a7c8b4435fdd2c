// Round to nearest even and the encode of an exact value into a format (subnormals, overflow).
#include "tc0/fp/round.hpp"

#include <algorithm>

#include "tc0/errors.hpp"

namespace tc0::fp {

mpz_class round_nearest_even(const mpz_class& x, unsigned long s) {
  if (s == 0) return x;
  mpz_class t = x;
  mpz_class half;
  mpz_setbit(half.get_mpz_t(), s - 1);
  t += half - 1;
  if (mpz_tstbit(x.get_mpz_t(), s)) t += 1;
  mpz_fdiv_q_2exp(t.get_mpz_t(), t.get_mpz_t(), s);
  return t;
}

mpz_class encode(const float_format& f, bool sign, const mpz_class& sig, const mpz_class& exp) {
  check_format(f);
  if (sgn(sig) < 0) throw input_error("encode", "a significand >= 0");
  if (sgn(sig) == 0) return zero(f, sign);
  const long n = static_cast<long>(mpz_sizeinbase(sig.get_mpz_t(), 2));
  const mpz_class top = exp + (n - 1);
  const mpz_class lowest = emin(f);
  // q: the exponent of the last place of the result grid (normal grid, or the subnormal one).
  mpz_class q = (top < lowest ? lowest : top) - (f.p - 1);
  mpz_class m;
  if (q > exp) {
    const mpz_class shift = q - exp;
    if (shift > n + 1)
      m = 0;  // below a quarter of the smallest step: rounds to zero
    else
      m = round_nearest_even(sig, shift.get_ui());
  } else {
    m = sig << mpz_class(exp - q).get_ui();  // exp - q < p
  }
  if (mpz_sizeinbase(m.get_mpz_t(), 2) > static_cast<size_t>(f.p)) {  // rounded up to 2^p
    m >>= 1;
    q += 1;
  }
  if (sgn(m) == 0) return zero(f, sign);
  if (mpz_sizeinbase(m.get_mpz_t(), 2) < static_cast<size_t>(f.p)) return pack(f, sign, 0, m);  // subnormal
  const mpz_class biased = q + (f.p - 1) + bias(f);
  if (mpz_sizeinbase(biased.get_mpz_t(), 2) > static_cast<size_t>(f.e) ||
      mpz_popcount(biased.get_mpz_t()) == static_cast<mp_bitcnt_t>(f.e))
    return infinity(f, sign);
  mpz_clrbit(m.get_mpz_t(), f.p - 1);
  return pack(f, sign, biased, m);
}

mpz_class encode_ratio(const float_format& f, bool sign, const mpz_class& num, const mpz_class& den,
                       const mpz_class& exp) {
  if (sgn(den) <= 0 || sgn(num) < 0) throw input_error("encode_ratio", "num >= 0 and den > 0");
  if (sgn(num) == 0) return zero(f, sign);
  const long nb = static_cast<long>(mpz_sizeinbase(num.get_mpz_t(), 2));
  const long db = static_cast<long>(mpz_sizeinbase(den.get_mpz_t(), 2));
  const long s = std::max(0L, f.p + 2 + db - nb);
  mpz_class q, r;
  mpz_class scaled = num << s;
  mpz_fdiv_qr(q.get_mpz_t(), r.get_mpz_t(), scaled.get_mpz_t(), den.get_mpz_t());
  mpz_class sig = (q << 1) + (sgn(r) != 0 ? 1 : 0);
  return encode(f, sign, sig, exp - (s + 1));
}

}  // namespace tc0::fp
