// fsum and fdot against MPFR: `exact` equals mpfr_sum of the operands (or of the exact products)
// rounded to the format; `window` equals an MPFR evaluation of its definition (floor of every
// term at 2^L, sticky, one rounding), equals `exact` whenever no rounding midpoint lies within
// k 2^L of the exact sum, and stays within 1/2 ulp + k 2^L of it.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

#include "fp/mpfr_reference.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/arithmetic.hpp"
#include "tc0/fp/convert.hpp"
#include "tc0/fp/sum.hpp"

using namespace tc0;
using namespace tc0::fp;
using namespace tc0::fp::test;

namespace {

using values = std::vector<std::unique_ptr<mpfr_value>>;

// The terms as exact MPFR values: the operands (precision p) or the products (precision 2p).
values terms_of(const float_format& f, const std::vector<mpz_class>& xs, const std::vector<mpz_class>* ys) {
  values t;
  for (size_t i = 0; i < xs.size(); ++i) {
    auto v = std::make_unique<mpfr_value>(2 * f.p);
    if (ys) {
      mpfr_value a(f.p), b(f.p);
      set_pattern(a, f, xs[i]);
      set_pattern(b, f, (*ys)[i]);
      ensure(mpfr_mul(*v, a, b, MPFR_RNDN) == 0, "exact product");
    } else {
      set_pattern(*v, f, xs[i]);
    }
    t.push_back(std::move(v));
  }
  return t;
}

std::vector<mpfr_ptr> pointers(values& t) {
  std::vector<mpfr_ptr> p;
  for (auto& v : t) p.push_back(v->get());
  return p;
}

mpz_class ref_exact(const float_format& f, values& t) {
  mpfr_value r(f.p);
  std::vector<mpfr_ptr> p = pointers(t);
  const int tern = mpfr_sum(r, p.data(), p.size(), MPFR_RNDN);
  return round_to_format(f, r, tern);
}

// The window definition evaluated with MPFR, independently of the library.
mpz_class ref_window(const float_format& f, values& t, mpz_class* ref_l = nullptr) {
  bool nan = false, pinf = false, ninf = false, all_neg_zero = !t.empty();
  long top = 0;
  bool any = false;
  for (auto& v : t) {
    if (mpfr_nan_p(*v)) nan = true;
    if (mpfr_inf_p(*v)) (mpfr_signbit(*v) ? ninf : pinf) = true;
    if (!(mpfr_zero_p(*v) && mpfr_signbit(*v))) all_neg_zero = false;
    if (mpfr_regular_p(*v)) {
      top = any ? std::max(top, static_cast<long>(mpfr_get_exp(*v))) : static_cast<long>(mpfr_get_exp(*v));
      any = true;
    }
  }
  mpfr_value r(f.p);
  if (nan || (pinf && ninf)) return get_pattern(f, r);  // r is NaN after init
  if (pinf || ninf) {
    mpfr_set_inf(r, ninf ? -1 : 1);
    return get_pattern(f, r);
  }
  int lg = 0;
  while ((size_t{1} << lg) < t.size()) ++lg;
  const long L = top - (2 * f.p + lg + 3);
  if (ref_l) *ref_l = L;
  mpz_class S;
  bool sticky = false;
  for (auto& v : t) {
    if (!mpfr_regular_p(*v)) continue;
    mpfr_value s(2 * f.p), fl(2 * f.p + 64);
    mpfr_mul_2si(s, *v, -L, MPFR_RNDN);
    mpfr_floor(fl, s);
    if (!mpfr_integer_p(s)) sticky = true;
    mpz_class z;
    mpfr_get_z(z.get_mpz_t(), fl, MPFR_RNDN);
    S += z;
  }
  const mpz_class V = 2 * S + (sticky ? 1 : 0);
  if (V == 0) {
    mpfr_set_zero(r, all_neg_zero ? -1 : 1);
    return get_pattern(f, r);
  }
  const int tern = mpfr_set_z_2exp(r, V.get_mpz_t(), L - 1, MPFR_RNDN);
  return round_to_format(f, r, tern);
}

// |sum(t) - value(pattern)| scaled by 2^-s, to 64 bits (value: a finite pattern or a midpoint).
double distance(const float_format& f, values& t, mpfr_srcptr value, long s) {
  mpfr_value neg(mpfr_get_prec(value)), d(64);
  mpfr_neg(neg, value, MPFR_RNDN);
  std::vector<mpfr_ptr> p = pointers(t);
  p.push_back(neg.get());
  mpfr_sum(d, p.data(), p.size(), MPFR_RNDN);
  mpfr_abs(d, d, MPFR_RNDN);
  mpfr_mul_2si(d, d, -s, MPFR_RNDN);
  return mpfr_get_d(d, MPFR_RNDU);
}

struct window_stats {
  uint64_t cases = 0, equal_exact = 0, near_midpoint = 0, bad_definition = 0, bad_equal = 0, bad_bound = 0,
           bad_bound_no_cancel = 0;
  double worst_ulp_no_cancel = 0;
};

// One sum (ys null) or dot product in both modes against the references.
void check_one(const float_format& f, const std::vector<mpz_class>& xs, const std::vector<mpz_class>* ys,
               uint64_t& bad_exact, window_stats& ws) {
  values t = terms_of(f, xs, ys);
  const mpz_class ex = ys ? fdot(f, xs, *ys, accumulation::exact) : fsum(f, xs, accumulation::exact);
  const mpz_class wi = ys ? fdot(f, xs, *ys, accumulation::window) : fsum(f, xs, accumulation::window);
  const mpz_class want = ref_exact(f, t);
  if (ex != want && bad_exact++ < 5) MESSAGE(to_string(f) << " exact sum of " << xs.size() << " = " << hex(ex) << ", MPFR " << hex(want));
  mpz_class L;
  const mpz_class want_w = ref_window(f, t, &L);
  ++ws.cases;
  if (wi != want_w && ws.bad_definition++ < 5)
    MESSAGE(to_string(f) << " window sum of " << xs.size() << " = " << hex(wi) << ", MPFR definition " << hex(want_w));
  if (wi == ex) ++ws.equal_exact;
  bool special_terms = false;
  for (auto& v : t) special_terms = special_terms || !mpfr_number_p(*v);
  if (special_terms || xs.empty()) {
    if (wi != ex) ++ws.bad_equal;  // NaN / infinite terms, empty sums: the modes agree
    return;
  }
  // The midpoints next to the exact sum: between its correctly rounded value y and the
  // representable neighbours (zero has the smallest subnormals, infinity stands for 2^(emax+1)
  // and has MAX below it).
  const long l = L.get_si();
  const double k = static_cast<double>(xs.size());
  const long bias = ieee_bias(f);
  const mpz_class sign_bit = mpz_class(1) << (f.p + f.e - 1), inf_pat = ((mpz_class(1) << f.e) - 1) << (f.p - 1);
  auto real_value = [&](mpfr_ptr out, const mpz_class& pat) {
    set_pattern(out, f, pat);
    if (mpfr_inf_p(out)) mpfr_set_si_2exp(out, mpfr_signbit(out) ? -1 : 1, bias + 1, MPFR_RNDN);
  };
  const bool neg = want >= sign_bit;
  const mpz_class mag = neg ? mpz_class(want - sign_bit) : want;
  std::vector<mpz_class> neighbours;  // as patterns
  if (mag == 0) {
    neighbours = {1, sign_bit + 1};
  } else {
    neighbours.push_back(want - 1);                 // toward zero
    if (mag != inf_pat) neighbours.push_back(want + 1);  // away from zero (may be infinity)
  }
  mpfr_value y(f.p + 2);
  real_value(y, want);
  bool near = false;
  for (const mpz_class& nbp : neighbours) {
    mpfr_value nb(f.p + 2), mid(f.p + 2);
    real_value(nb, nbp);
    mpfr_add(mid, y, nb, MPFR_RNDN);
    mpfr_div_2ui(mid, mid, 1, MPFR_RNDN);
    if (distance(f, t, mid, l) <= k) near = true;
  }
  if (near)
    ++ws.near_midpoint;
  else if (wi != ex && ws.bad_equal++ < 5)
    MESSAGE(to_string(f) << " window differs from exact with no midpoint within k 2^L: " << hex(wi) << " vs " << hex(ex));
  // Bound: |window - sum| <= 1/2 ulp(window) + k 2^L, in units of 2^L.
  mpfr_value w(f.p);
  set_pattern(w, f, wi);
  if (!mpfr_number_p(w)) return;
  long e_w = mpfr_zero_p(w) ? 1 - bias : std::max<long>(mpfr_get_exp(w) - 1, 1 - bias);
  const double err = distance(f, t, w, l);
  const double half_ulp = std::ldexp(1.0, static_cast<int>(std::min<long>(e_w - (f.p - 1) - 1 - l, 1000)));
  if (err > half_ulp + k && ws.bad_bound++ < 5) MESSAGE(to_string(f) << " window error beyond the bound");
  // No cancellation beyond p bits (|sum| >= 2^(H - p), H = L + window): within 0.57 ulp.
  mpfr_value absy(f.p + 2);
  mpfr_abs(absy, y, MPFR_RNDN);
  const long H = l + (window_bits(f, xs.size()));
  if (mpfr_regular_p(absy) && mpfr_get_exp(absy) - 1 >= H - f.p) {
    long e_y = std::max<long>(mpfr_get_exp(absy) - 1, 1 - bias);
    const double ulps = distance(f, t, w, e_y - (f.p - 1));
    ws.worst_ulp_no_cancel = std::max(ws.worst_ulp_no_cancel, ulps);
    if (ulps > 0.5 + 1.0 / 16 && ws.bad_bound_no_cancel++ < 5) MESSAGE(to_string(f) << " window beyond 0.5625 ulp: " << ulps);
  }
}

// Random operand lists: every kind of term, exponents clustered so sums cancel, mirrored pairs
// (a, -a) so cancellation is massive, and some specials.
std::vector<mpz_class> random_list(const float_format& f, size_t k, gmp_randclass& rng, std::mt19937_64& pick) {
  std::vector<mpz_class> v;
  const mpz_class sign = mpz_class(1) << (f.p + f.e - 1);
  const int style = static_cast<int>(pick() % 4);
  const mpz_class base = random_pattern(f, rng, pick) & (sign - 1);
  while (v.size() < k) {
    mpz_class x;
    switch (style) {
      case 0: x = random_pattern(f, rng, pick); break;
      case 1: {  // near a common exponent
        const long spread = std::min<long>(2 * f.p, (1L << (f.e - 1)));
        mpz_class e_field = (base >> (f.p - 1)) + static_cast<long>(pick() % (2 * spread + 1)) - spread;
        if (e_field < 0) e_field = 0;
        if (e_field >= (mpz_class(1) << f.e) - 1) e_field = (mpz_class(1) << f.e) - 2;
        x = (e_field << (f.p - 1)) + rng.get_z_bits(f.p - 1);
        if (pick() & 1) x += sign;
        break;
      }
      case 2:  // a, -a and a few small perturbations
        x = v.size() % 3 == 2 ? random_pattern(f, rng, pick) : (v.size() % 3 == 0 ? base : mpz_class(base + sign));
        break;
      default: x = special_patterns(f)[pick() % special_patterns(f).size()]; break;
    }
    v.push_back(x);
  }
  std::shuffle(v.begin(), v.end(), pick);
  return v;
}

window_stats run_random(const float_format& f, uint64_t seed, int count, uint64_t& bad_exact) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::mt19937_64 pick(seed);
  window_stats ws;
  const size_t lengths[] = {0, 1, 2, 3, 4, 5, 8, 16, 33};
  for (int i = 0; i < count; ++i) {
    const size_t k = lengths[pick() % std::size(lengths)];
    const std::vector<mpz_class> xs = random_list(f, k, rng, pick);
    check_one(f, xs, nullptr, bad_exact, ws);
    const std::vector<mpz_class> ys = random_list(f, k, rng, pick);
    check_one(f, xs, &ys, bad_exact, ws);
  }
  return ws;
}

void check_stats(const float_format& f, const window_stats& ws, uint64_t bad_exact) {
  MESSAGE(to_string(f) << ": " << ws.cases << " sums, window == exact in " << ws.equal_exact << ", exact sum within k 2^L of a midpoint in "
                       << ws.near_midpoint << ", worst window error without cancellation " << ws.worst_ulp_no_cancel << " ulp");
  CHECK(bad_exact == 0);
  CHECK(ws.bad_definition == 0);
  CHECK(ws.bad_equal == 0);
  CHECK(ws.bad_bound == 0);
  CHECK(ws.bad_bound_no_cancel == 0);
}

}  // namespace

TEST_SUITE("fast") {
  TEST_CASE("fp sum: fsum and fdot equal MPFR in both modes on random lists") {
    wide_range();
    const float_format formats[] = {{4, 3}, {8, 8}, {11, 5}, {24, 8}, {53, 11}, {64, 15}, {113, 15}, {3, 40}};
    for (const float_format& f : formats) {
      uint64_t bad_exact = 0;
      INFO("format " << to_string(f) << " seed " << 300 + f.p);
      check_stats(f, run_random(f, 300 + f.p, 150, bad_exact), bad_exact);
    }
  }

  TEST_CASE("fp sum: exhaustive pairs and triples at (4 3) equal MPFR") {
    wide_range();
    const float_format f{4, 3};
    const std::vector<mpz_class> all = all_patterns(f);
    uint64_t bad_exact = 0;
    window_stats ws;
    for (const mpz_class& a : all)
      for (const mpz_class& b : all) {
        check_one(f, {a, b}, nullptr, bad_exact, ws);
        if (fsum(f, std::vector<mpz_class>{a, b}, accumulation::exact) != fadd(f, a, b)) ++bad_exact;
      }
    std::mt19937_64 pick(11);
    for (int i = 0; i < 1000; ++i) {
      const std::vector<mpz_class> xs = {all[pick() % all.size()], all[pick() % all.size()], all[pick() % all.size()]};
      const std::vector<mpz_class> ys = {all[pick() % all.size()], all[pick() % all.size()], all[pick() % all.size()]};
      check_one(f, xs, &ys, bad_exact, ws);
    }
    check_stats(f, ws, bad_exact);
  }

  TEST_CASE("fp sum: constructed cases pin the sign rules and the window's limits") {
    const float_format f = binary32;
    const mpz_class one = 0x3f800000, m0 = 0x80000000UL, minus_one = 0xbf800000UL;
    const mpz_class tiny = 0x00000001, minus_tiny = 0x80000001UL, big = 0x7f000000;
    using V = std::vector<mpz_class>;
    CHECK(fsum(f, V{}) == 0);
    CHECK(fsum(f, V{m0, m0}) == m0);
    CHECK(fsum(f, V{m0, 0}) == 0);
    CHECK(fsum(f, V{one, minus_one}) == 0);
    CHECK(fdot(f, V{one, 0}, V{m0, m0}) == m0);  // 1 * -0 + 0 * -0 = -0 + -0
    CHECK(fdot(f, V{0x7f800000}, V{0}) == 0x7fc00000);
    CHECK(fsum(f, V{0x7f800000, 0xff800000UL}) == 0x7fc00000);
    CHECK(fsum(f, V{0x7f800000, one}) == 0x7f800000);
    // 1 + 2^-24 is a midpoint; a far smaller positive term decides it upward in both modes.
    const mpz_class half_ulp = 0x33800000;  // 2^-24
    CHECK(fsum(f, V{one, half_ulp, tiny}, accumulation::exact) == one + 1);
    CHECK(fsum(f, V{one, half_ulp, tiny}, accumulation::window) == one + 1);
    // ... and a negative one downward, in both modes (the window's floor keeps its sign).
    CHECK(fsum(f, V{one, half_ulp, minus_tiny}, accumulation::exact) == one);
    CHECK(fsum(f, V{one, half_ulp, minus_tiny}, accumulation::window) == one);
    // The window's limit: k = 5 puts 2^L at 2^-53; two terms of 0.75 2^L each floor to 0 (sticky),
    // so the window sees midpoint - 2^L + sticky (below the midpoint), while the exact sum is
    // midpoint + 0.5 2^L (above it).
    const V limit{one, half_ulp, 0xa5000000UL, 0x24c00000, 0x24c00000};
    CHECK(fsum(f, limit, accumulation::exact) == one + 1);
    CHECK(fsum(f, limit, accumulation::window) == one);
    // Massive cancellation: big - big + tiny is tiny exactly, the window loses it.
    CHECK(fsum(f, V{big, big | 0x80000000UL, tiny}, accumulation::exact) == tiny);
    CHECK(fsum(f, V{big, big | 0x80000000UL, tiny}, accumulation::window) != tiny);
    CHECK(window_bits(f, 1) == 51);
    CHECK(window_bits(f, 2) == 52);
    CHECK(window_bits(f, 33) == 57);
    CHECK(default_accumulation(binary32) == accumulation::exact);
    CHECK(default_accumulation(binary64) == accumulation::window);
    CHECK_THROWS_WITH_AS(fdot(f, V{one}, V{}), "fdot: operand lists of the same length; got 1 and 0", input_error);
  }

  TEST_CASE("fp sum: terms 2^250 apart round exactly in a (3 253) format") {
    // Exponents of size 2^252: the exact sum groups terms into clusters instead of materializing
    // 2^252-bit integers. Patterns built here from fields; answers derived by hand.
    const float_format f{3, 253};
    const mpz_class bias = (mpz_class(1) << 252) - 1;
    auto pat = [&](bool neg, const mpz_class& biased, unsigned frac) {
      mpz_class r = (biased << 2) + frac;
      if (neg) mpz_setbit(r.get_mpz_t(), 255);
      return r;
    };
    const mpz_class one = pat(false, bias, 0), mid = pat(false, bias - 3, 0);  // 1 and 2^-3
    const mpz_class huge = pat(false, bias + (mpz_class(1) << 250), 1), huge_neg = pat(true, bias + (mpz_class(1) << 250), 1);
    const mpz_class tiny = pat(false, bias - (mpz_class(1) << 250), 0), tiny_neg = pat(true, bias - (mpz_class(1) << 250), 0);
    using V = std::vector<mpz_class>;
    for (accumulation mode : {accumulation::exact}) {
      CHECK(fsum(f, V{huge, one, huge_neg}, mode) == one);
      CHECK(fsum(f, V{one, mid, tiny}, mode) == one + 1);      // 1 + 2^-3 + tiny rounds up to 1.25
      CHECK(fsum(f, V{one, mid, tiny_neg}, mode) == one);      // ... and down to 1 with -tiny
      CHECK(fsum(f, V{one, mid, tiny_neg, huge, huge_neg, tiny, tiny}, mode) == one + 1);
      CHECK(fsum(f, V{huge, huge_neg, tiny}, mode) == tiny);
      CHECK(fsum(f, V{huge, huge_neg}, mode) == 0);
      CHECK(fsum(f, V{pat(false, 1, 0), min_subnormal(f), pat(true, 1, 0)}, mode) == 1);
      CHECK(fsum(f, V{max_finite(f), max_finite(f, true), min_subnormal(f, true)}, mode) == min_subnormal(f, true));
    }
    CHECK(fadd(f, huge, tiny) == huge);
    CHECK(fadd(f, one, tiny) == one);
    CHECK(fsub(f, huge, huge) == 0);
    CHECK(fmul(f, huge, tiny) == pat(false, bias, 1));   // 1.25 * 2^(2^250) * 2^-(2^250)
    CHECK(fdiv(f, one, tiny) == pat(false, bias + (mpz_class(1) << 250), 0));
    CHECK(fsqrt(f, pat(false, bias + (mpz_class(1) << 250), 0)) == pat(false, bias + (mpz_class(1) << 249), 0));
    CHECK(fmul(f, huge, huge) == pat(false, bias + (mpz_class(1) << 251), 2));  // 1.5625 -> 1.5
    CHECK(fmul(f, tiny, tiny) == pat(false, bias - (mpz_class(1) << 251), 0));
    CHECK(fmul(f, max_finite(f), huge) == infinity(f));
    CHECK(fmul(f, min_normal(f, true), tiny) == zero(f, true));
    CHECK(fdot(f, V{huge, tiny}, V{tiny, huge}, accumulation::exact) == pat(false, bias + 1, 1));  // 1.25 + 1.25
    CHECK(fdot(f, V{huge, tiny}, V{tiny, huge}, accumulation::window) == pat(false, bias + 1, 1));
  }
}

TEST_SUITE("slow") {
  TEST_CASE("fp sum: 3000 random lists per format equal MPFR in both modes") {
    wide_range();
    const float_format formats[] = {{6, 4}, {8, 8}, {11, 5}, {24, 8}, {53, 11}, {64, 15}, {113, 15}};
    for (const float_format& f : formats) {
      uint64_t bad_exact = 0;
      INFO("format " << to_string(f) << " seed " << 400 + f.p);
      check_stats(f, run_random(f, 400 + f.p, 3000, bad_exact), bad_exact);
    }
  }
}

// fdot3 (tensor attention): against the exact rational sum of the three-way products rounded once
// (exact mode), and against fdot when the third factor is 1 (both modes).
TEST_SUITE("fast") {
  TEST_CASE("fp sum: fdot3 equals the exact rational sum rounded once") {
    const float_format f{6, 4};
    uint64_t state = 99;
    auto next = [&] {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      return state >> 33;
    };
    const mpz_class all = mpz_class(1) << width(f);
    int checked = 0;
    for (int trial = 0; trial < 3000; ++trial) {
      size_t k = 1 + next() % 5;
      std::vector<mpz_class> xs, ys, zs, ones;
      for (size_t i = 0; i < k; ++i) {
        xs.push_back(mpz_class(static_cast<unsigned long>(next())) % all);
        ys.push_back(mpz_class(static_cast<unsigned long>(next())) % all);
        zs.push_back(mpz_class(static_cast<unsigned long>(next())) % all);
        ones.push_back(fp::one(f));
      }
      for (accumulation mode : {accumulation::exact, accumulation::window})
        CHECK(fdot3(f, xs, ys, ones, mode) == fdot(f, xs, ys, mode));
      mpq_class exact = 0;
      bool finite = true;
      for (size_t i = 0; i < k; ++i) {
        auto a = to_rational(f, xs[i]), b = to_rational(f, ys[i]), c = to_rational(f, zs[i]);
        if (!a || !b || !c) finite = false;
        else exact += *a * *b * *c;
      }
      if (!finite || exact == 0) continue;  // specials and zero signs: pinned below
      CHECK(fdot3(f, xs, ys, zs, accumulation::exact) == from_rational(f, exact.get_num(), exact.get_den()));
      ++checked;
    }
    CHECK(checked > 1000);
    const mpz_class inf = infinity(f), zero_p = zero(f), zero_n = zero(f, true), one_p = one(f);
    std::vector<mpz_class> a = {inf}, b = {one_p}, c = {zero_p};
    CHECK(fdot3(f, a, b, c, accumulation::exact) == quiet_nan(f));  // inf * 1 * 0
    std::vector<mpz_class> n1 = {zero_n}, n2 = {one_p}, n3 = {one_p};
    CHECK(fdot3(f, n1, n2, n3, accumulation::exact) == zero_n);  // (-0)(1)(1) = -0
    std::vector<mpz_class> m1 = {zero_n}, m2 = {one(f, true)};
    CHECK(fdot3(f, m1, m2, n3, accumulation::exact) == zero_p);  // (-0)(-1)(1) = +0
    CHECK_THROWS_AS(fdot3(f, a, b, std::vector<mpz_class>{}, accumulation::exact), input_error);
  }
}
