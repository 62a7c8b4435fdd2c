// fexp: Tang's table reduction, a truncated-power series and one rounding, as integer steps.
#include <cassert>

#include "exact_sum.hpp"
#include "high_precision.hpp"
#include "plan_cache.hpp"
#include "tc0/fp/round.hpp"
#include "tc0/fp/transcendental.hpp"

namespace tc0::fp {

namespace {

using detail::bitlen;
using detail::floor_shift;

// Smallest N with 1.06 rho^(N+1) / (N+1)! <= 2^-(p+8) for rho = 1/20 >= r (the series tail, with
// exp(r) <= 1.06 bounding the remainder factor).
int exp_terms(int p) {
  const mpq_class bound(mpz_class(1), mpz_class(1) << (p + 8));
  mpq_class tail(106, 100 * 20);  // 1.06 rho^1 / 1!
  tail.canonicalize();
  int n = 0;
  while (tail > bound) {
    ++n;
    tail *= mpq_class(1, 20 * (n + 1));
  }
  return n;
}

exp_plan build(const float_format& f) {
  exp_plan pl;
  pl.format = f;
  const int t = pl.table_bits;
  pl.frac_bits = f.p + 8;
  const int F = pl.frac_bits;
  pl.range_bits = static_cast<int>(bitlen((mpz_class(1) << (f.e - 1)) + f.p));
  pl.margin_bits = pl.range_bits + 5;
  pl.guard_bits = pl.range_bits + t + 3;
  pl.terms = exp_terms(f.p);
  pl.inv_ln2 = detail::floor_inverse_scaled(detail::real::ln2, t + pl.margin_bits);
  pl.ln2 = (detail::floor_scaled(detail::real::ln2, F + pl.guard_bits - t + 1) + 1) >> 1;
  for (int i = 0; i < (1 << t); ++i) {
    // round(2^(i/2^t) 2^F) = (floor(2^(i/2^t + F + 1)) + 1) / 2, the floor an exact integer root.
    mpz_class r;
    const mpz_class radicand = mpz_class(1) << (i + (F + 1) * (1 << t));
    mpz_root(r.get_mpz_t(), radicand.get_mpz_t(), 1UL << t);
    pl.table.push_back((r + 1) >> 1);
  }
  mpz_class fact = 1;
  for (int n = 0; n <= pl.terms; ++n) {
    if (n > 0) fact *= n;
    mpz_class c = (mpz_class(1) << (F + 1)) / fact;  // floor(2^(F+1) / n!)
    pl.coeffs.push_back((c + 1) >> 1);
  }
  return pl;
}

}  // namespace

const exp_plan& plan_exp(const float_format& f) { return detail::cached_plan<exp_plan>(f, build); }

exp_trace trace_exp(const float_format& f, const mpz_class& x) {
  const unpacked u = decode(f, x);
  const exp_plan& pl = plan_exp(f);
  exp_trace tr;
  if (u.cls == float_class::nan) {
    tr.result = quiet_nan(f);
    return tr;
  }
  if (u.cls == float_class::infinite) {
    tr.result = u.sign ? zero(f) : infinity(f);
    return tr;
  }
  const int F = pl.frac_bits, t = pl.table_bits;
  if (u.cls != float_class::zero && u.exp + bitlen(u.sig) > pl.range_bits) {  // |x| >= 2^range_bits
    tr.path = "saturate";
    tr.result = u.sign ? zero(f) : infinity(f);
    return tr;
  }
  tr.path = "series";
  // X = x 2^F truncated toward zero; |X| < 2^(range_bits + F).
  const mpz_class shift = u.exp + F;
  if (u.cls == float_class::zero || shift < -static_cast<long>(bitlen(u.sig)))
    tr.x_fixed = 0;
  else
    tr.x_fixed = detail::shift_trunc(u.sig, shift.get_si());
  if (u.sign) tr.x_fixed = -tr.x_fixed;
  // j = floor((X C - 2^(F + range + 1)) / 2^(F + S)): never above x 2^t / ln 2 - 2^(range - S).
  tr.j = floor_shift(tr.x_fixed * pl.inv_ln2 - (mpz_class(1) << (F + pl.range_bits + 1)),
                     static_cast<unsigned long>(F + pl.margin_bits));
  tr.k = floor_shift(tr.j, t);
  mpz_class i;
  mpz_fdiv_r_2exp(i.get_mpz_t(), tr.j.get_mpz_t(), t);
  tr.i = i.get_ui();
  const mpz_class r_wide = (tr.x_fixed << pl.guard_bits) - tr.j * pl.ln2;
  assert(sgn(r_wide) > 0);
  tr.r = floor_shift(r_wide, static_cast<unsigned long>(pl.guard_bits));
  assert(tr.r < (mpz_class(1) << (F - t)));
  tr.powers = detail::truncated_powers(tr.r, F, pl.terms);
  tr.series = 0;
  for (int n = 0; n <= pl.terms; ++n) tr.series += pl.coeffs[n] * tr.powers[n];
  tr.product = pl.table[tr.i] * tr.series;
  tr.result = encode(f, false, tr.product, tr.k - 3 * F);
  return tr;
}

mpz_class fexp(const float_format& f, const mpz_class& x) { return trace_exp(f, x).result; }

}  // namespace tc0::fp
