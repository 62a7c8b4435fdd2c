// fexp, fsin, fcos, frsqrt: within 1 ulp of the exact value (MPFR at high precision), measured
// exhaustively on small formats and on specials plus random and hard operands up to (113, 15);
// the bounds the error argument relies on (r, w, |f|) hold on every operand; plans are pinned;
// the Payne-Hanek reduction is certified by continued fractions for the tested formats.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "fp/mpfr_reference.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/arithmetic.hpp"
#include "tc0/fp/convert.hpp"
#include "tc0/fp/transcendental.hpp"

using namespace tc0;
using namespace tc0::fp;
using namespace tc0::fp::test;

namespace {

struct unary_op {
  const char* name;
  mpz_class (*ours)(const float_format&, const mpz_class&);
  mpfr_unary exact;
};

const unary_op ops[] = {{"fexp", fexp, mpfr_exp}, {"fsin", fsin, mpfr_sin}, {"fcos", fcos, mpfr_cos},
                        {"frsqrt", frsqrt, mpfr_rec_sqrt}};

struct error_stats {
  double max_ulp = 0;
  mpz_class worst;
  uint64_t count = 0, correctly_rounded = 0;
};

// Max ulp error of op over xs (against MPFR at 4p + 64 bits) and how many results are the
// correctly rounded ones (MPFR in the format).
error_stats measure(const float_format& f, const unary_op& op, const std::vector<mpz_class>& xs) {
  wide_range();
  error_stats st;
  for (const mpz_class& x : xs) {
    const mpz_class got = op.ours(f, x);
    mpfr_value in(f.p), exact(4 * f.p + 64);
    set_pattern(in, f, x);
    op.exact(exact, in, MPFR_RNDN);
    // IEEE rSqrt(-0) = -inf (754-2019 9.2.1); MPFR's rec_sqrt gives +inf.
    const bool minus_zero_rsqrt = op.ours == frsqrt && mpfr_zero_p(in) && mpfr_signbit(in);
    if (minus_zero_rsqrt) mpfr_set_inf(exact, -1);
    const double err = ulp_error(f, got, exact);
    ++st.count;
    if (minus_zero_rsqrt ? mpfr_inf_p(exact) && got == fneg(f, reference(f, op.exact, x)) : got == reference(f, op.exact, x))
      ++st.correctly_rounded;
    if (err > st.max_ulp) {
      st.max_ulp = err;
      st.worst = x;
    }
  }
  return st;
}

void report_and_check(const float_format& f, const unary_op& op, const error_stats& st) {
  MESSAGE(to_string(f) << " " << std::string(op.name) << ": max error " << st.max_ulp << " ulp (at " << hex(st.worst) << "), "
                       << st.correctly_rounded << " of " << st.count << " correctly rounded");
  CHECK(st.max_ulp <= 1.0);
}

mpfr_value& const_pi() {
  static mpfr_value pi(20000);
  static bool done = false;
  if (!done) {
    mpfr_const_pi(pi, MPFR_RNDN);
    done = true;
  }
  return pi;
}

// Operands for the transcendental ops: specials, random patterns, and per op the ranges that
// matter: exp on (-(emax + p) ln 2, (emax + 1) ln 2) and tiny |x|; sin/cos at every exponent and
// next to multiples of pi/2 (the hard reductions); rsqrt on every exponent parity and cell.
std::vector<mpz_class> op_operands(const float_format& f, const char* op, uint64_t seed, size_t count) {
  wide_range();
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::mt19937_64 pick(seed);
  std::vector<mpz_class> v = operands(f, seed, count / 2);
  const long bias = ieee_bias(f);
  const std::string name = op;
  while (v.size() < count) {
    mpz_class frac = rng.get_z_bits(f.p - 1), x;
    const bool neg = pick() & 1;
    long biased;
    if (name == "fexp") {
      const long top = static_cast<long>(std::log2(static_cast<double>(bias + f.p)) + 2);
      biased = bias - static_cast<long>(pick() % (f.p + 8)) + top;
    } else if (name == "frsqrt") {
      biased = 1 + static_cast<long>(pick() % (2 * bias));
    } else if (pick() % 2) {
      // round(k pi / 2) for a random k of up to min(emax, 2p + 20) bits
      const long bits = 1 + static_cast<long>(pick() % std::min<long>(bias, 2 * f.p + 20));
      mpz_class k = rng.get_z_bits(bits) + 1;
      mpfr_value t(f.p);
      mpfr_mul_z(t, const_pi(), k.get_mpz_t(), MPFR_RNDN);
      mpfr_div_2ui(t, t, 1, MPFR_RNDN);
      if (mpfr_get_exp(t) - 1 <= bias) {
        v.push_back(get_pattern(f, t) + (neg ? mpz_class(1) << (f.p + f.e - 1) : mpz_class(0)));
        mpfr_nextabove(t);
        if (mpfr_get_exp(t) - 1 <= bias) v.push_back(get_pattern(f, t));
      }
      continue;
    } else {
      biased = 1 + static_cast<long>(pick() % (2 * bias));
    }
    biased = std::clamp<long>(biased, 0, 2 * bias);
    x = (mpz_class(biased) << (f.p - 1)) + frac;
    if (neg) x += mpz_class(1) << (f.p + f.e - 1);
    v.push_back(x);
  }
  return v;
}

// A lower bound on min over 1 <= m < 2^p of ||m alpha_E|| (distance to the nearest integer) with
// alpha_E = 2^E 2/pi mod 1, as -log2, over every exponent E of path B (E + p >= 0, up to emax):
// best approximations are convergents, so the bound is ||q_k alpha|| for the last convergent
// denominator q_k < 2^p, less the error of alpha taken to W bits.
double worst_reduction_bits(const float_format& f) {
  const long bias = ieee_bias(f);
  const long W = 3 * f.p + f.e + 64;
  const long e_max = bias - (f.p - 1);
  mpfr_value two_over_pi(e_max + W + 64);
  mpfr_const_pi(two_over_pi, MPFR_RNDN);
  mpfr_ui_div(two_over_pi, 2, two_over_pi, MPFR_RNDN);
  double worst = 0;
  const mpz_class limit = mpz_class(1) << f.p, one = mpz_class(1) << W;
  for (long E = -f.p; E <= e_max; ++E) {
    // A = floor(frac(2^E 2/pi) 2^W)
    mpfr_value t(e_max + W + 64);
    mpfr_mul_2si(t, two_over_pi, E + W, MPFR_RNDN);
    mpz_class A;
    mpfr_get_z(A.get_mpz_t(), t, MPFR_RNDZ);
    mpz_fdiv_r_2exp(A.get_mpz_t(), A.get_mpz_t(), W);
    // continued fraction of A / 2^W: convergent denominators q
    mpz_class a = A, b = one, q_prev = 0, q = 1, best_q = 1;
    mpz_class n = b, d = a;  // expansion of 2^W / A gives the partial quotients after a_0 = 0
    while (d != 0) {
      mpz_class qt = n / d, r = n % d;
      mpz_class q_next = qt * q + q_prev;
      if (q_next >= limit) break;
      q_prev = q;
      q = q_next;
      best_q = q;
      n = d;
      d = r;
    }
    // ||best_q * A / 2^W|| - best_q 2^-W
    mpz_class prod = best_q * A;
    mpz_fdiv_r_2exp(prod.get_mpz_t(), prod.get_mpz_t(), W);
    mpz_class dist = std::min(prod, mpz_class(one - prod)) - best_q;
    const double bits = W - std::log2(std::max(1.0, dist.get_d()));
    worst = std::max(worst, bits);
  }
  return worst;
}

}  // namespace

TEST_SUITE("fast") {
  TEST_CASE("fp transcendental: every pattern of (6 4) and (5 3) within 1 ulp") {
    for (float_format f : {float_format{6, 4}, float_format{5, 3}, float_format{2, 2}, float_format{3, 5}})
      for (const unary_op& op : ops) report_and_check(f, op, measure(f, op, all_patterns(f)));
  }

  TEST_CASE("fp transcendental: specials random and hard operands within 1 ulp up to (113 15)") {
    const float_format formats[] = {{8, 8}, {11, 5}, {24, 8}, {53, 11}, {64, 15}, {113, 15}, {254, 2}, {12, 19}};
    for (const float_format& f : formats)
      for (const unary_op& op : ops) {
        INFO("seed " << 500 + f.p);
        report_and_check(f, op, measure(f, op, op_operands(f, op.name, 500 + f.p, 200)));
      }
  }

  TEST_CASE("fp transcendental: special values") {
    const float_format f = binary32;
    const mpz_class nan = 0x7fc00000, inf = 0x7f800000, ninf = 0xff800000UL, m0 = 0x80000000UL, one = 0x3f800000;
    CHECK(fexp(f, nan) == nan);
    CHECK(fexp(f, inf) == inf);
    CHECK(fexp(f, ninf) == 0);
    CHECK(fexp(f, 0) == one);
    CHECK(fexp(f, m0) == one);
    CHECK(fexp(f, 0x42b20000) == inf);            // 89 > ln(2^128)
    CHECK(fexp(f, 0xc2d00000UL) == 0);            // -104 < ln(2^-150)
    CHECK(fexp(f, 0x7f7fffff) == inf);
    CHECK(fexp(f, 0xff7fffffUL) == 0);
    CHECK(fsin(f, m0) == m0);
    CHECK(fsin(f, 0) == 0);
    CHECK(fcos(f, m0) == one);
    CHECK(fsin(f, inf) == nan);
    CHECK(fcos(f, ninf) == nan);
    CHECK(fsin(f, nan) == nan);
    CHECK(frsqrt(f, 0) == inf);
    CHECK(frsqrt(f, m0) == ninf);
    CHECK(frsqrt(f, inf) == 0);
    CHECK(frsqrt(f, one | 0x80000000UL) == nan);
    CHECK(frsqrt(f, 0x40800000) == 0x3f000000);   // 1/sqrt(4) = 1/2 exactly
    CHECK(frsqrt(f, one) == one);
    CHECK(fsin(f, 1) == 1);                        // sin of the smallest subnormal is itself
  }

  TEST_CASE("fp transcendental: plans hold the documented sizes") {
    struct row {
      int p, exp_terms, sin_terms, cos_terms, rsqrt_terms;
    };
    // The term counts of docs/floats.md.
    const row rows[] = {{8, 3, 3, 3, 3}, {11, 3, 3, 4, 3}, {24, 5, 5, 5, 6}, {53, 9, 8, 9, 12}, {64, 10, 10, 10, 14}, {113, 16, 14, 15, 24}};
    for (const row& r : rows) {
      const float_format f{r.p, 11};
      INFO("p = " << r.p);
      const exp_plan& e = plan_exp(f);
      const trig_plan& t = plan_trig(f);
      const rsqrt_plan& s = plan_rsqrt(f);
      CHECK(e.terms == r.exp_terms);
      CHECK(static_cast<int>(t.sin_coeffs.size()) - 1 == r.sin_terms);
      CHECK(static_cast<int>(t.cos_coeffs.size()) - 1 == r.cos_terms);
      CHECK(s.terms == r.rsqrt_terms);
      CHECK(e.frac_bits == r.p + 8);
      CHECK(t.reduce_bits == 2 * r.p + 11 + 20);
      CHECK(e.table.size() == 16);
      CHECK(s.table.size() == 64);
    }
    // binary32's constants, pinned: 2^(1/16) 2^32, 2^36 / 120, floor(2^(4+S)/ln 2) with S = 13.
    const exp_plan& e = plan_exp(binary32);
    CHECK(e.range_bits == 8);
    CHECK(e.table[1] == mpz_class("4485121744"));
    CHECK(e.table[0] == mpz_class(1) << 32);
    CHECK(e.coeffs[5] == mpz_class("35791394"));
    CHECK(e.inv_ln2 == mpz_class("189096"));
    CHECK(plan_rsqrt(binary32).coeffs[0] == mpz_class(1) << 12);
  }

  TEST_CASE("fp transcendental: stored constants agree with MPFR") {
    wide_range();
    for (float_format f : {binary16, binary32, binary64, binary128}) {
      const exp_plan& e = plan_exp(f);
      const trig_plan& t = plan_trig(f);
      mpfr_value ln2(4000), x(4000), y(4000);
      mpfr_const_log2(ln2, MPFR_RNDN);
      // inv_ln2 = floor(2^(t + S) / ln 2)
      mpfr_ui_div(x, 1, ln2, MPFR_RNDN);
      mpfr_mul_2si(x, x, e.table_bits + e.margin_bits, MPFR_RNDN);
      mpz_class z;
      mpfr_get_z(z.get_mpz_t(), x, MPFR_RNDD);
      CHECK(z == e.inv_ln2);
      // ln2 = round(ln 2 2^(F + G - t))
      mpfr_mul_2si(x, ln2, e.frac_bits + e.guard_bits - e.table_bits, MPFR_RNDN);
      mpfr_get_z(z.get_mpz_t(), x, MPFR_RNDN);
      CHECK(z == e.ln2);
      for (size_t i = 0; i < e.table.size(); ++i) {  // round(2^(i/16) 2^F)
        mpfr_set_ui(x, static_cast<unsigned long>(i), MPFR_RNDN);
        mpfr_div_2ui(x, x, e.table_bits, MPFR_RNDN);
        mpfr_exp2(y, x, MPFR_RNDN);
        mpfr_mul_2si(y, y, e.frac_bits, MPFR_RNDN);
        mpfr_get_z(z.get_mpz_t(), y, MPFR_RNDN);
        CHECK(z == e.table[i]);
      }
      mpfr_const_pi(x, MPFR_RNDN);
      for (size_t n = 0; n < t.sin_coeffs.size(); ++n) {  // (pi/2)^(2n+1) / (2n+1)! 2^H
        mpfr_div_2ui(y, x, 1, MPFR_RNDN);
        mpfr_pow_ui(y, y, 2 * n + 1, MPFR_RNDN);
        mpfr_value fact(4000);
        mpfr_fac_ui(fact, 2 * n + 1, MPFR_RNDN);
        mpfr_div(y, y, fact, MPFR_RNDN);
        mpfr_mul_2si(y, y, t.coeff_bits, MPFR_RNDN);
        mpfr_get_z(z.get_mpz_t(), y, MPFR_RNDN);
        CHECK(z == t.sin_coeffs[n]);
      }
      // a window of 2/pi at E = 1000: floor(2/pi 2^(E + Fz + p + 2)) mod 2^(Fz + p + 4)
      mpfr_ui_div(y, 2, x, MPFR_RNDN);
      mpfr_mul_2si(y, y, 1000 + t.reduce_bits + f.p + 2, MPFR_RNDN);
      mpfr_get_z(z.get_mpz_t(), y, MPFR_RNDD);
      mpz_fdiv_r_2exp(z.get_mpz_t(), z.get_mpz_t(), t.reduce_bits + f.p + 4);
      CHECK(z == two_over_pi_window(t, 1000));
    }
  }

  TEST_CASE("fp transcendental: the reduced arguments stay inside the bounds of the error argument") {
    // exp: 0 < r < 1.1 ln2 / 16; rsqrt: 0 <= w < 1.13 2^-5; trig path B: |f| >= 2^-(p + e + 12).
    for (float_format f : {binary16, binary32, binary64, float_format{6, 4}}) {
      const exp_plan& e = plan_exp(f);
      const rsqrt_plan& s = plan_rsqrt(f);
      uint64_t bad = 0;
      for (const char* op : {"fexp", "fsin", "frsqrt"})
        for (const mpz_class& x : op_operands(f, op, 77, 1000)) {
          const exp_trace te = trace_exp(f, x);
          if (std::string(te.path) == "series") {
            const double r = std::ldexp(te.r.get_d(), -e.frac_bits);
            if (!(r > 0 && r < 1.1 * std::log(2.0) / 16)) ++bad;
          }
          const rsqrt_trace tr = trace_rsqrt(f, x);
          if (std::string(tr.path) == "series") {
            const double w = std::ldexp(tr.w.get_d(), -s.frac_bits);
            if (!(w >= 0 && w < 1.13 / 32)) ++bad;
          }
          const trig_trace tt = trace_trig(f, x);
          if (std::string(tt.path) == "B") {
            const long lz = -(static_cast<long>(mpz_sizeinbase(tt.f_norm.get_mpz_t(), 2)) + tt.f_exp.get_si());
            if (lz > f.p + f.e + 12) ++bad;
          }
        }
      CHECK(bad == 0);
    }
  }

  TEST_CASE("fp transcendental: huge exponents are refused by fsin and fcos only") {
    const float_format f{40, 30};
    const mpz_class big = (mpz_class((1L << 29) + (1L << 25)) << 39);  // 2^(2^25)
    CHECK_THROWS_WITH_AS(fsin(f, big), "fsin/fcos: |x| below 2^(2^22) (the reduction would need 2/pi to more bits)",
                         input_error);
    CHECK(fexp(f, big) == infinity(f));
    CHECK(fexp(f, big + (mpz_class(1) << 69)) == zero(f));
    // x = 2^(2^25 + 1): 1/sqrt(x) = 2^(-2^24) / sqrt 2, the pattern of 1/sqrt 2 moved down 2^24 binades
    CHECK(frsqrt(f, big) == constant(f, real_constant::inv_sqrt2) - (mpz_class(1) << (24 + 39)));
  }
}

TEST_SUITE("slow") {
  TEST_CASE("fp transcendental: every binary16 and bfloat16 pattern within 1 ulp") {
    for (float_format f : {binary16, bfloat16})
      for (const unary_op& op : ops) report_and_check(f, op, measure(f, op, all_patterns(f)));
  }

  TEST_CASE("fp transcendental: 20000 operands per format and op within 1 ulp") {
    const float_format formats[] = {{24, 8}, {53, 11}, {64, 15}, {113, 15}};
    for (const float_format& f : formats)
      for (const unary_op& op : ops) {
        INFO("seed " << 600 + f.p);
        report_and_check(f, op, measure(f, op, op_operands(f, op.name, 600 + f.p, 20000)));
      }
  }

  TEST_CASE("fp transcendental: the Payne-Hanek reduction is certified for the tested formats") {
    // Path B needs |x 2/pi - nearest integer| >= 2^-(p + e + 12) for every float |x| >= 1/2.
    for (float_format f : {binary16, bfloat16, binary32, binary64, float_format{64, 15}, binary128}) {
      const double bits = worst_reduction_bits(f);
      MESSAGE(to_string(f) << ": the reduced argument has at most " << bits << " leading zero bits (allowed "
                           << f.p + f.e + 12 << ")");
      CHECK(bits <= f.p + f.e + 12);
    }
  }
}
