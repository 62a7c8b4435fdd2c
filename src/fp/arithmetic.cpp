// The IEEE operations of the soft float: exact GMP arithmetic on decoded values, one encode.
#include "tc0/fp/arithmetic.hpp"

#include <algorithm>
#include <vector>

#include "exact_sum.hpp"
#include "tc0/fp/round.hpp"

namespace tc0::fp {

namespace {

using detail::bitlen;

bool is_nan(const unpacked& u) { return u.cls == float_class::nan; }
bool is_inf(const unpacked& u) { return u.cls == float_class::infinite; }
bool is_zero(const unpacked& u) { return u.cls == float_class::zero; }

mpz_class add_decoded(const float_format& f, const unpacked& a, const unpacked& b, const mpz_class& pa,
                      const mpz_class& pb) {
  if (is_nan(a) || is_nan(b)) return quiet_nan(f);
  if (is_inf(a) && is_inf(b)) return a.sign == b.sign ? pa : quiet_nan(f);
  if (is_inf(a)) return pa;
  if (is_inf(b)) return pb;
  if (is_zero(a) && is_zero(b)) return zero(f, a.sign && b.sign);
  if (is_zero(a)) return pb;  // exact: the other operand is representable
  if (is_zero(b)) return pa;
  std::vector<detail::term> terms{{a.sign, a.sig, a.exp}, {b.sign, b.sig, b.exp}};
  auto r = detail::round_exact_sum(f, terms);
  return r ? *r : zero(f, false);
}

}  // namespace

mpz_class fneg(const float_format& f, const mpz_class& a) {
  check_pattern(f, a);
  mpz_class r = a;
  mpz_combit(r.get_mpz_t(), width(f) - 1);
  return r;
}

mpz_class fabs(const float_format& f, const mpz_class& a) {
  check_pattern(f, a);
  mpz_class r = a;
  mpz_clrbit(r.get_mpz_t(), width(f) - 1);
  return r;
}

mpz_class fadd(const float_format& f, const mpz_class& a, const mpz_class& b) {
  return add_decoded(f, decode(f, a), decode(f, b), a, b);
}

mpz_class fsub(const float_format& f, const mpz_class& a, const mpz_class& b) {
  unpacked nb = decode(f, b);
  nb.sign = !nb.sign;
  return add_decoded(f, decode(f, a), nb, a, fneg(f, b));
}

mpz_class fmul(const float_format& f, const mpz_class& a, const mpz_class& b) {
  const unpacked x = decode(f, a), y = decode(f, b);
  const bool sign = x.sign != y.sign;
  if (is_nan(x) || is_nan(y)) return quiet_nan(f);
  if (is_inf(x) || is_inf(y)) return (is_zero(x) || is_zero(y)) ? quiet_nan(f) : infinity(f, sign);
  return encode(f, sign, x.sig * y.sig, x.exp + y.exp);
}

mpz_class fdiv(const float_format& f, const mpz_class& a, const mpz_class& b) {
  const unpacked x = decode(f, a), y = decode(f, b);
  const bool sign = x.sign != y.sign;
  if (is_nan(x) || is_nan(y)) return quiet_nan(f);
  if (is_inf(x)) return is_inf(y) ? quiet_nan(f) : infinity(f, sign);
  if (is_inf(y)) return zero(f, sign);
  if (is_zero(y)) return is_zero(x) ? quiet_nan(f) : infinity(f, sign);
  if (is_zero(x)) return zero(f, sign);
  return encode_ratio(f, sign, x.sig, y.sig, x.exp - y.exp);
}

mpz_class fsqrt(const float_format& f, const mpz_class& a) {
  const unpacked x = decode(f, a);
  if (is_nan(x)) return quiet_nan(f);
  if (is_zero(x)) return a;  // sqrt(+-0) = +-0
  if (x.sign) return quiet_nan(f);
  if (is_inf(x)) return a;
  // x = m 2^E with E even, then m 2^(2s) with at least 2p + 4 bits: root >= p + 2 bits.
  mpz_class m = x.sig, E = x.exp;
  if (mpz_odd_p(E.get_mpz_t())) {
    m <<= 1;
    E -= 1;
  }
  const long s = std::max(0L, (2L * f.p + 5 - bitlen(m)) / 2);
  const mpz_class scaled = m << (2 * s);
  mpz_class root, rem;
  mpz_sqrtrem(root.get_mpz_t(), rem.get_mpz_t(), scaled.get_mpz_t());
  mpz_class half_e;
  mpz_fdiv_q_2exp(half_e.get_mpz_t(), E.get_mpz_t(), 1);  // E even: exact
  return encode(f, false, (root << 1) + (sgn(rem) != 0 ? 1 : 0), half_e - s - 1);
}

ordering fcmp(const float_format& f, const mpz_class& a, const mpz_class& b) {
  const unpacked x = decode(f, a), y = decode(f, b);
  if (is_nan(x) || is_nan(y)) return ordering::unordered;
  if (is_zero(x) && is_zero(y)) return ordering::equal;
  // Magnitudes order as the patterns without the sign bit.
  const mpz_class ma = fabs(f, a), mb = fabs(f, b);
  const int sa = is_zero(x) ? 0 : (x.sign ? -1 : 1), sb = is_zero(y) ? 0 : (y.sign ? -1 : 1);
  if (sa != sb) return sa < sb ? ordering::less : ordering::greater;
  int c = cmp(ma, mb);
  if (sa < 0) c = -c;
  return c < 0 ? ordering::less : c > 0 ? ordering::greater : ordering::equal;
}

bool flt(const float_format& f, const mpz_class& a, const mpz_class& b) { return fcmp(f, a, b) == ordering::less; }
bool fle(const float_format& f, const mpz_class& a, const mpz_class& b) {
  const ordering o = fcmp(f, a, b);
  return o == ordering::less || o == ordering::equal;
}
bool feq(const float_format& f, const mpz_class& a, const mpz_class& b) { return fcmp(f, a, b) == ordering::equal; }
bool funordered(const float_format& f, const mpz_class& a, const mpz_class& b) {
  return fcmp(f, a, b) == ordering::unordered;
}

mpz_class fmax(const float_format& f, const mpz_class& a, const mpz_class& b) {
  switch (fcmp(f, a, b)) {
    case ordering::unordered: return quiet_nan(f);
    case ordering::less: return b;
    case ordering::greater: return a;
    case ordering::equal: break;
  }
  return sign_bit(f, a) ? b : a;  // equal: only +-0 differ, and +0 wins
}

}  // namespace tc0::fp
