// Conversions against MPFR configured to the format: from and to integers (both roundings), from
// decimal strings (random, midpoints written out exactly, overflow and underflow), from rationals,
// exactly rounded constants and 1/sqrt(n); input errors with their whole message.
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdio>

#include "fp/mpfr_reference.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/arithmetic.hpp"
#include "tc0/fp/convert.hpp"

using namespace tc0;
using namespace tc0::fp;
using namespace tc0::fp::test;

namespace {

const float_format formats[] = {{2, 2}, {4, 3}, {8, 8}, {11, 5}, {24, 8}, {53, 11}, {64, 15}, {113, 15}};

// The exact decimal expansion of a finite pattern's value (written here from the fields).
std::string exact_decimal(const float_format& f, const mpz_class& x, bool midpoint_above) {
  mpfr_value v(f.p + 2);
  set_pattern(v, f, x);
  if (midpoint_above) {
    mpfr_value n(f.p + 2);
    set_pattern(n, f, x + 1);
    mpfr_add(v, v, n, MPFR_RNDN);
    mpfr_div_2ui(v, v, 1, MPFR_RNDN);  // exact with p + 2 bits
  }
  mpz_class z;
  long ex = mpfr_get_z_2exp(z.get_mpz_t(), v);
  std::string sign = sgn(z) < 0 ? "-" : "";
  z = abs(z);
  if (ex >= 0) return sign + mpz_class(z << ex).get_str() + "e0";
  // z / 2^k = z 5^k / 10^k
  mpz_class five;
  mpz_ui_pow_ui(five.get_mpz_t(), 5, static_cast<unsigned long>(-ex));
  return sign + mpz_class(z * five).get_str() + "e" + std::to_string(ex);
}

mpz_class ref_decimal(const float_format& f, const std::string& s) {
  mpfr_value r(f.p);
  const int t = mpfr_strtofr(r, s.c_str(), nullptr, 10, MPFR_RNDN);
  return round_to_format(f, r, t);
}

}  // namespace

TEST_SUITE("fast") {
  TEST_CASE("fp convert: integers to and from floats equal MPFR") {
    wide_range();
    gmp_randclass rng(gmp_randinit_default);
    rng.seed(21);
    uint64_t bad = 0;
    for (const float_format& f : formats) {
      for (int i = 0; i < 400; ++i) {
        mpz_class n = rng.get_z_bits(1 + i % 140);
        if (i % 2) n = -n;
        mpfr_value r(f.p);
        const int t = mpfr_set_z(r, n.get_mpz_t(), MPFR_RNDN);
        if (from_integer(f, n) != round_to_format(f, r, t)) ++bad;
      }
      const std::vector<mpz_class> xs = f.p + f.e <= 12 ? all_patterns(f) : operands(f, 22, 400);
      for (const mpz_class& x : xs) {
        mpfr_value v(f.p);
        set_pattern(v, f, x);
        const auto ne = to_integer(f, x), tz = to_integer(f, x, int_rounding::toward_zero);
        if (!mpfr_number_p(v)) {
          if (ne || tz) ++bad;
          continue;
        }
        if (mpfr_get_exp(v) > 4096) continue;
        mpz_class want_ne, want_tz;
        mpfr_get_z(want_ne.get_mpz_t(), v, MPFR_RNDN);
        mpfr_get_z(want_tz.get_mpz_t(), v, MPFR_RNDZ);
        if (!ne || !tz || *ne != want_ne || *tz != want_tz) ++bad;
      }
    }
    CHECK(bad == 0);
    CHECK(to_integer(binary32, 0x3fc00000) == mpz_class(2));   // 1.5 -> 2
    CHECK(to_integer(binary32, 0x40200000) == mpz_class(2));   // 2.5 -> 2
    CHECK(to_integer(binary32, 0xc0200000UL, int_rounding::toward_zero) == mpz_class(-2));
    CHECK(from_integer(binary32, mpz_class(16777217)) == 0x4b800000);  // 2^24 + 1 ties to 2^24
    CHECK(from_integer(binary16, mpz_class(65520)) == 0x7c00);         // rounds past max: inf
  }

  TEST_CASE("fp convert: decimal strings equal MPFR including exact midpoints") {
    wide_range();
    std::mt19937_64 pick(23);
    uint64_t bad = 0;
    for (const float_format& f : formats) {
      const long bias = ieee_bias(f);
      for (int i = 0; i < 300; ++i) {
        std::string s = (pick() & 1) ? "-" : "";
        const int digits = 1 + static_cast<int>(pick() % 40);
        for (int d = 0; d < digits; ++d) {
          s.push_back(static_cast<char>('0' + pick() % 10));
          if (d == 0 && pick() % 3 == 0) s.push_back('.');
        }
        const long range = static_cast<long>(bias * 0.302) + 2 * f.p / 3 + 30;
        const long e10 = static_cast<long>(pick() % (2 * range + 1)) - range;
        s += (pick() & 1 ? "e" : "E") + std::to_string(e10);
        const mpz_class got = from_decimal(f, s), want = ref_decimal(f, s);
        if (got != want && bad++ < 5) MESSAGE(to_string(f) << " \"" << s << "\": " << hex(got) << " vs " << hex(want));
      }
      // Midpoints between neighbours, written out exactly: ties to even.
      for (const mpz_class& x : operands(f, 24 + f.p, 200)) {
        if (is_nan_pattern(f, x) || is_nan_pattern(f, x + 1)) continue;
        mpfr_value v(f.p), n(f.p);
        set_pattern(v, f, x);
        if (!mpfr_number_p(v)) continue;
        if ((x + 1) >> (f.p + f.e - 1) != x >> (f.p + f.e - 1)) continue;
        set_pattern(n, f, x + 1);
        if (!mpfr_number_p(n) || (mpfr_get_exp(v) > 3000 || mpfr_get_exp(v) < -3000)) continue;
        for (bool mid : {false, true}) {
          const std::string s = exact_decimal(f, x, mid);
          const mpz_class got = from_decimal(f, s), want = ref_decimal(f, s);
          if (got != want && bad++ < 5) MESSAGE(to_string(f) << " midpoint \"" << s.substr(0, 40) << "...\": " << hex(got) << " vs " << hex(want));
          if (!mid && got != x) ++bad;
        }
      }
    }
    CHECK(bad == 0);
    CHECK(from_decimal(binary32, "0.1") == 0x3dcccccd);
    CHECK(from_decimal(binary32, "-0") == 0x80000000UL);
    CHECK(from_decimal(binary32, "+Infinity") == 0x7f800000);
    CHECK(from_decimal(binary32, "-inf") == 0xff800000UL);
    CHECK(from_decimal(binary32, "NaN") == 0x7fc00000);
    CHECK(from_decimal(binary32, "1e100000000000") == 0x7f800000);
    CHECK(from_decimal(binary32, "-1e-100000000000") == 0x80000000UL);
    CHECK(from_decimal(binary32, "3.") == 0x40400000);
    CHECK(from_decimal(binary32, ".5") == 0x3f000000);
    CHECK(from_decimal(binary64, "4.9406564584124654e-324") == 1);
    CHECK(from_decimal(binary64, "2.4703282292062328e-324") == 1);  // just above half the smallest subnormal
    CHECK(from_decimal(binary64, "2.4703282292062327e-324") == 0);
  }

  TEST_CASE("fp convert: malformed decimals are input errors") {
    const std::string expected = "[+-]digits[.digits][e[+-]digits], inf or nan";
    for (const char* s : {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "1 ", "infinite", "1e5x"})
      CHECK_THROWS_WITH_AS(from_decimal(binary32, s), ("decimal \"" + std::string(s) + "\": " + expected).c_str(), input_error);
    CHECK_THROWS_WITH_AS(from_decimal(float_format{24, 40}, "1e20000000"),
                         "decimal \"1e20000000\": a decimal exponent within +-10000000", input_error);
    CHECK_THROWS_WITH_AS(from_rational(binary32, 1, 0), "from_rational: a nonzero denominator", input_error);
    CHECK_THROWS_WITH_AS(inv_sqrt_of_integer(binary32, 0), "inv_sqrt_of_integer: an integer n > 0", input_error);
  }

  TEST_CASE("fp convert: rationals constants and 1/sqrt(n) are exactly rounded") {
    wide_range();
    uint64_t bad = 0;
    gmp_randclass rng(gmp_randinit_default);
    rng.seed(25);
    for (const float_format& f : formats) {
      for (int i = 0; i < 200; ++i) {
        mpz_class num = rng.get_z_bits(1 + i % 200), den = rng.get_z_bits(1 + (i * 7) % 200) + 1;
        if (i % 3 == 0) num = -num;
        mpq_class q(num, den);
        q.canonicalize();
        mpfr_value r(f.p);
        const int t = mpfr_set_q(r, q.get_mpq_t(), MPFR_RNDN);
        if (from_rational(f, num, den) != round_to_format(f, r, t)) ++bad;
        const mpz_class n = rng.get_z_bits(1 + i % 100) + 1;
        mpfr_value nv(200), s(f.p);
        mpfr_set_z(nv, n.get_mpz_t(), MPFR_RNDN);
        const int ts = mpfr_rec_sqrt(s, nv, MPFR_RNDN);
        if (inv_sqrt_of_integer(f, n) != round_to_format(f, s, ts)) ++bad;
        if (i < 20) {  // squares and powers of 4 are exact
          const mpz_class sq = mpz_class(i + 1) * (i + 1) << (2 * i);
          mpfr_set_z(nv, sq.get_mpz_t(), MPFR_RNDN);
          const int te = mpfr_rec_sqrt(s, nv, MPFR_RNDN);
          if (inv_sqrt_of_integer(f, sq) != round_to_format(f, s, te)) ++bad;
        }
      }
      // Constants: MPFR at precision p, rounded once (pi, log 2 and the rest computed exactly
      // rounded by MPFR's own functions at precision p).
      const mpfr_prec_t hp = 4 * f.p + 200;
      struct ref_const {
        real_constant c;
        std::function<int(mpfr_ptr)> eval;
      };
      const std::vector<ref_const> refs = {
          {real_constant::pi, [](mpfr_ptr r) { return mpfr_const_pi(r, MPFR_RNDN); }},
          {real_constant::half_pi, [](mpfr_ptr r) { const int t = mpfr_const_pi(r, MPFR_RNDN); mpfr_div_2ui(r, r, 1, MPFR_RNDN); return t; }},
          {real_constant::two_pi, [](mpfr_ptr r) { const int t = mpfr_const_pi(r, MPFR_RNDN); mpfr_mul_2ui(r, r, 1, MPFR_RNDN); return t; }},
          {real_constant::ln2, [](mpfr_ptr r) { return mpfr_const_log2(r, MPFR_RNDN); }},
          {real_constant::e, [](mpfr_ptr r) { static mpfr_value one(8); mpfr_set_ui(one, 1, MPFR_RNDN); return mpfr_exp(r, one, MPFR_RNDN); }},
          {real_constant::sqrt2, [](mpfr_ptr r) { return mpfr_sqrt_ui(r, 2, MPFR_RNDN); }},
          {real_constant::inv_sqrt2, [](mpfr_ptr r) { static mpfr_value two(8); mpfr_set_ui(two, 2, MPFR_RNDN); return mpfr_rec_sqrt(r, two, MPFR_RNDN); }},
          {real_constant::ln10, [](mpfr_ptr r) { static mpfr_value ten(8); mpfr_set_ui(ten, 10, MPFR_RNDN); return mpfr_log(r, ten, MPFR_RNDN); }},
          // 1/pi, 2/pi, log2(e) = 1/ln 2: from 4p + 200 bits, a double rounding off by 2^-(3p+200)
          {real_constant::inv_pi, [hp](mpfr_ptr r) { mpfr_value t(hp); mpfr_const_pi(t, MPFR_RNDN); return mpfr_ui_div(r, 1, t, MPFR_RNDN); }},
          {real_constant::two_over_pi, [hp](mpfr_ptr r) { mpfr_value t(hp); mpfr_const_pi(t, MPFR_RNDN); return mpfr_ui_div(r, 2, t, MPFR_RNDN); }},
          {real_constant::log2_e, [hp](mpfr_ptr r) { mpfr_value t(hp); mpfr_const_log2(t, MPFR_RNDN); return mpfr_ui_div(r, 1, t, MPFR_RNDN); }},
      };
      for (const ref_const& rc : refs) {
        mpfr_value r(f.p);
        const int t = rc.eval(r);
        const mpz_class want = round_to_format(f, r, t), got = constant(f, rc.c);
        if (got != want && bad++ < 5) MESSAGE(to_string(f) << " constant " << static_cast<int>(rc.c) << ": " << hex(got) << " vs " << hex(want));
      }
    }
    CHECK(bad == 0);
    CHECK(constant(binary32, real_constant::pi) == 0x40490fdb);
    CHECK(constant(binary64, real_constant::e) == mpz_class("4613303445314885481"));  // 0x4005bf0a8b145769
    CHECK(constant(float_format{2, 2}, real_constant::two_pi) == 0x6);  // 6.28 rounds past max finite 3: inf
    CHECK(inv_sqrt_of_integer(binary32, 64) == 0x3e000000);
  }

  TEST_CASE("fp convert: hex floats parse as MPFR reads them and print exactly") {
    wide_range();
    std::mt19937_64 pick(26);
    uint64_t bad = 0;
    const char* hexdig = "0123456789abcdef";
    for (const float_format& f : formats) {
      const long bias = ieee_bias(f);
      for (int i = 0; i < 300; ++i) {
        std::string s = (pick() & 1) ? "-0x" : "0X";
        const int digits = 1 + static_cast<int>(pick() % 40);
        for (int d = 0; d < digits; ++d) {
          s.push_back(hexdig[pick() % 16]);
          if (d == 0 && pick() % 3 == 0) s.push_back('.');
        }
        const long range = bias + 2 * f.p + 20;
        s += (pick() & 1 ? "p" : "P") + std::to_string(static_cast<long>(pick() % (2 * range + 1)) - range);
        mpfr_value r(f.p), exact(4 * 42 + 8);
        const int t = mpfr_strtofr(r, s.c_str(), nullptr, 0, MPFR_RNDN);
        ensure(mpfr_strtofr(exact, s.c_str(), nullptr, 0, MPFR_RNDN) == 0, "hex digits fit");
        const parsed_float got = parse_float(f, s);
        const mpz_class want = round_to_format(f, r, t);
        mpfr_value value(f.p);
        set_pattern(value, f, got.bits);
        if ((got.bits != want || got.exact != (mpfr_equal_p(value, exact) != 0)) && bad++ < 5)
          MESSAGE(to_string(f) << " \"" << s << "\": " << hex(got.bits) << " vs " << hex(want));
      }
      // Every printed pattern reads back to itself; decimal parse_float agrees on exactness.
      const std::vector<mpz_class> xs = f.p + f.e <= 12 ? all_patterns(f) : operands(f, 27, 300);
      for (const mpz_class& x : xs) {
        const std::string h = to_hex(f, x);
        if (is_nan_pattern(f, x)) {
          if (h != "nan") ++bad;
          continue;
        }
        const parsed_float back = parse_float(f, h);
        if (back.bits != x || !back.exact) ++bad;
        mpfr_value v(f.p);
        set_pattern(v, f, x);
        if (mpfr_number_p(v) && std::abs(mpfr_get_exp(v)) < 2000) {
          const std::string dec = exact_decimal(f, x, false);
          const parsed_float pd = parse_float(f, dec);
          if (pd.bits != x || !pd.exact) ++bad;
        }
      }
    }
    CHECK(bad == 0);
    CHECK(to_hex(binary32, 0x41400000) == "0x1.8p+3");
    CHECK(to_hex(binary32, 1) == "0x1p-149");
    CHECK(to_hex(binary32, 0x80000000UL) == "-0x0p+0");
    CHECK(to_hex(binary32, 0xff800000UL) == "-inf");
    CHECK(to_hex(binary16, 0x3555) == "0x1.554p-2");
    CHECK(from_hex(binary32, "0x1.8p3") == 0x41400000);
    CHECK(from_hex(binary32, "-0x.8") == 0xbf000000UL);
    CHECK(from_hex(binary32, "0x1.000001p0") == 0x3f800000);  // 1 + 2^-24: tie to even
    CHECK(parse_float(binary32, "0.1").exact == false);
    CHECK(parse_float(binary32, "0.125").exact == true);
    CHECK(parse_float(binary32, "1e39").exact == false);
    CHECK(parse_float(binary32, "-0.0").exact == true);
    CHECK(parse_float(binary32, "0x1p-150").exact == false);
    CHECK_THROWS_WITH_AS(from_hex(binary32, "0x"), "hex float \"0x\": [+-]0xhexdigits[.hexdigits][p[+-]digits], inf or nan", input_error);
    CHECK_THROWS_WITH_AS(from_hex(binary32, "1.5"), "hex float \"1.5\": [+-]0xhexdigits[.hexdigits][p[+-]digits], inf or nan", input_error);
    CHECK_THROWS_WITH_AS(parse_float(binary32, "0x1q"), "hex float \"0x1q\": [+-]0xhexdigits[.hexdigits][p[+-]digits], inf or nan", input_error);
  }

  TEST_CASE("fp convert: to_double is the nearest binary64 and glibc prints the same hex") {
    wide_range();
    std::mt19937_64 pick(28);
    uint64_t bad = 0;
    for (const float_format& f : formats) {
      for (const mpz_class& x : operands(f, 29, 400)) {
        mpfr_value v(f.p);
        set_pattern(v, f, x);
        const double got = to_double(f, x), want = mpfr_get_d(v, MPFR_RNDN);
        if (!(got == want && std::signbit(got) == std::signbit(want)) && !(std::isnan(got) && std::isnan(want))) ++bad;
      }
    }
    for (int i = 0; i < 5000; ++i) {
      const uint64_t w = pick();
      const double d = std::bit_cast<double>(w);
      if (std::fpclassify(d) != FP_NORMAL) continue;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%a", d);
      const mpz_class x(std::to_string(w));
      if (to_hex(binary64, x) != buf || to_double(binary64, x) != d) ++bad;
      const float fl = std::bit_cast<float>(static_cast<uint32_t>(w));
      if (std::isfinite(fl) && to_double(binary32, mpz_class(static_cast<unsigned long>(static_cast<uint32_t>(w)))) != static_cast<double>(fl)) ++bad;
    }
    CHECK(bad == 0);
  }
}
