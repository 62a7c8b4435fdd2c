// frsqrt: a 2^(t+1)-entry table of under-estimates of 1/sqrt, the binomial series of
// (1 - w)^(-1/2) with truncated powers (all coefficients exact), one rounding. Integer steps only.
#include <cassert>

#include "exact_sum.hpp"
#include "plan_cache.hpp"
#include "tc0/fp/round.hpp"
#include "tc0/fp/transcendental.hpp"

namespace tc0::fp {

namespace {

using detail::bitlen;
using detail::floor_shift;

mpz_class binomial(unsigned long n, unsigned long k) {
  mpz_class r;
  mpz_bin_uiui(r.get_mpz_t(), n, k);
  return r;
}

// Smallest N with C(2N+2, N+1) (rho/4)^(N+1) / (1 - rho) <= 2^-(p+9), rho = (9/8) 2^-t >= w.
int rsqrt_terms(int p, int t) {
  const mpq_class bound(mpz_class(1), mpz_class(1) << (p + 9));
  const mpq_class rho(mpz_class(9), mpz_class(8) << t);
  for (int n = 0;; ++n) {
    mpq_class term(binomial(2 * n + 2, n + 1));
    for (int i = 0; i <= n; ++i) term *= rho / 4;
    if (term / (1 - rho) <= bound) return n;
  }
}

rsqrt_plan build(const float_format& f) {
  rsqrt_plan pl;
  pl.format = f;
  const int t = pl.table_bits;
  pl.table_frac = f.p + 8;
  pl.terms = rsqrt_terms(f.p, t);
  pl.frac_bits = f.p + 8 + static_cast<int>(bitlen(mpz_class(pl.terms)));
  const int H = pl.table_frac;
  for (int par = 0; par < 2; ++par)
    for (int j = 0; j < (1 << t); ++j) {
      // floor(2^H / sqrt(M_hi)), M_hi = (2^t + j + 1) 2^(par - t): isqrt(floor(2^(2H) / M_hi)).
      const mpz_class num = mpz_class(1) << (2 * H + t);
      const mpz_class den = mpz_class((1 << t) + j + 1) << par;
      mpz_class q = num / den, r;
      mpz_sqrt(r.get_mpz_t(), q.get_mpz_t());
      pl.table.push_back(r);
    }
  for (int n = 0; n <= pl.terms; ++n) pl.coeffs.push_back(binomial(2 * n, n) << (2 * (pl.terms - n)));
  return pl;
}

}  // namespace

const rsqrt_plan& plan_rsqrt(const float_format& f) { return detail::cached_plan<rsqrt_plan>(f, build); }

rsqrt_trace trace_rsqrt(const float_format& f, const mpz_class& x) {
  const unpacked u = decode(f, x);
  const rsqrt_plan& pl = plan_rsqrt(f);
  rsqrt_trace tr;
  if (u.cls == float_class::nan || (u.sign && u.cls != float_class::zero)) {
    tr.result = quiet_nan(f);
    return tr;
  }
  if (u.cls == float_class::zero) {
    tr.result = infinity(f, u.sign);
    return tr;
  }
  if (u.cls == float_class::infinite) {
    tr.result = zero(f);
    return tr;
  }
  tr.path = "series";
  const int p = f.p, t = pl.table_bits, H = pl.table_frac, F = pl.frac_bits, N = pl.terms;
  // x = m 2^E with m in [2^(p-1), 2^p); x = (m / 2^(p-1)) 2^E1 with E1 = 2K + par.
  const long lead = p - bitlen(u.sig);
  const mpz_class m = u.sig << lead;
  const mpz_class e1 = u.exp - lead + (p - 1);
  const unsigned par = mpz_odd_p(e1.get_mpz_t()) ? 1 : 0;
  const mpz_class K = floor_shift(e1, 1);
  mpz_class frac = m;
  mpz_clrbit(frac.get_mpz_t(), p - 1);
  const mpz_class j = floor_shift(frac << t, static_cast<unsigned long>(p - 1));
  tr.cell = (par << t) + j.get_ui();
  const mpz_class& T = pl.table[tr.cell];
  // w 2^(2H+p-1) = 2^(2H+p-1) - (m 2^par) T^2, exact and >= 0; then truncated to F bits.
  const mpz_class w_exact = (mpz_class(1) << (2 * H + p - 1)) - ((m << par) * T * T);
  assert(sgn(w_exact) >= 0);
  tr.w = floor_shift(w_exact, static_cast<unsigned long>(2 * H + p - 1 - F));
  tr.powers = detail::truncated_powers(tr.w, F, N);
  tr.series = 0;
  for (int n = 0; n <= N; ++n) tr.series += pl.coeffs[n] * tr.powers[n];
  tr.product = T * tr.series;
  tr.result = encode(f, false, tr.product, -K - H - F - 2 * N);
  return tr;
}

mpz_class frsqrt(const float_format& f, const mpz_class& x) { return trace_rsqrt(f, x).result; }

}  // namespace tc0::fp
