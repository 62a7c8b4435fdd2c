// fadd, fsub, fmul, fdiv, fsqrt, fcmp, fmax against MPFR configured to the format (0 ulp, NaN
// canonical): exhaustively on every operand pair of small formats, on specials plus random
// operands up to (113, 15), and against the machine's float and double.
#include <doctest/doctest.h>

#include <bit>
#include <chrono>
#include <cmath>

#include "fp/mpfr_reference.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/arithmetic.hpp"

using namespace tc0;
using namespace tc0::fp;
using namespace tc0::fp::test;

namespace {

using our_binary = mpz_class (*)(const float_format&, const mpz_class&, const mpz_class&);

struct binary_op {
  const char* name;
  our_binary ours;
  mpfr_binary ref;
};

const binary_op binary_ops[] = {
    {"fadd", fadd, mpfr_add}, {"fsub", fsub, mpfr_sub}, {"fmul", fmul, mpfr_mul}, {"fdiv", fdiv, mpfr_div}};

// IEEE maximum from MPFR: NaN if either is NaN (mpfr_max returns the other operand), else mpfr_max.
mpz_class ref_max(const float_format& f, const mpz_class& a, const mpz_class& b) {
  if (is_nan_pattern(f, a) || is_nan_pattern(f, b)) return get_pattern(f, mpfr_value(2).get());
  return reference(f, mpfr_max, a, b);
}

ordering ref_cmp(const float_format& f, const mpz_class& a, const mpz_class& b) {
  mpfr_value x(f.p), y(f.p);
  set_pattern(x, f, a);
  set_pattern(y, f, b);
  if (mpfr_unordered_p(x, y)) return ordering::unordered;
  if (mpfr_less_p(x, y)) return ordering::less;
  if (mpfr_equal_p(x, y)) return ordering::equal;
  return ordering::greater;
}

// Mismatches of every binary op, fcmp and fmax over the pairs (xs[i], ys[j]) for all i, j
// (all_pairs) or (xs[i], ys[i]).
uint64_t check_binary(const float_format& f, const std::vector<mpz_class>& xs, const std::vector<mpz_class>& ys,
                      bool all_pairs) {
  wide_range();
  uint64_t bad = 0;
  auto report = [&](const char* op, const mpz_class& a, const mpz_class& b, const mpz_class& got,
                    const mpz_class& want) {
    if (bad++ < 5)
      MESSAGE(to_string(f) << " " << op << "(" << hex(a) << ", " << hex(b) << ") = " << hex(got) << ", MPFR "
                           << hex(want));
  };
  auto one_pair = [&](const mpz_class& a, const mpz_class& b) {
    for (const binary_op& op : binary_ops) {
      const mpz_class got = op.ours(f, a, b), want = reference(f, op.ref, a, b);
      if (got != want) report(op.name, a, b, got, want);
    }
    const mpz_class got = fmax(f, a, b), want = ref_max(f, a, b);
    if (got != want) report("fmax", a, b, got, want);
    const ordering o = fcmp(f, a, b);
    if (o != ref_cmp(f, a, b) || flt(f, a, b) != (o == ordering::less) ||
        fle(f, a, b) != (o == ordering::less || o == ordering::equal) || feq(f, a, b) != (o == ordering::equal) ||
        funordered(f, a, b) != (o == ordering::unordered))
      report("fcmp", a, b, static_cast<int>(o), static_cast<int>(ref_cmp(f, a, b)));
  };
  if (all_pairs) {
    for (const mpz_class& a : xs)
      for (const mpz_class& b : ys) one_pair(a, b);
  } else {
    for (size_t i = 0; i < xs.size(); ++i) one_pair(xs[i], ys[i]);
  }
  return bad;
}

uint64_t check_sqrt(const float_format& f, const std::vector<mpz_class>& xs) {
  wide_range();
  uint64_t bad = 0;
  for (const mpz_class& a : xs) {
    const mpz_class got = fsqrt(f, a), want = reference(f, mpfr_sqrt, a);
    if (got != want && bad++ < 5) MESSAGE(to_string(f) << " fsqrt(" << hex(a) << ") = " << hex(got) << ", MPFR " << hex(want));
  }
  return bad;
}

// Random pairs plus every special against every special; pairs with close exponents every third
// time (cancellation in fsub, ties).
void random_pairs(const float_format& f, uint64_t seed, size_t count, std::vector<mpz_class>& xs,
                  std::vector<mpz_class>& ys) {
  const std::vector<mpz_class> sp = special_patterns(f);
  for (const mpz_class& a : sp)
    for (const mpz_class& b : sp) {
      xs.push_back(a);
      ys.push_back(b);
    }
  const std::vector<mpz_class> r = operands(f, seed, count), s = operands(f, seed + 1, count);
  std::mt19937_64 pick(seed);
  for (size_t i = 0; i < count; ++i) {
    xs.push_back(r[i]);
    mpz_class b = s[i];
    if (i % 3 == 0) {  // same exponent field or one apart, random low bits
      b = r[i] ^ (mpz_class(static_cast<unsigned long>(pick())) & ((mpz_class(1) << (f.p - 1)) - 1));
      if (pick() & 1) b ^= mpz_class(1) << (f.p + f.e - 1);
      if (pick() & 1) b += mpz_class(1) << (f.p - 1);
      b &= (mpz_class(1) << (f.p + f.e)) - 1;
    }
    ys.push_back(b);
  }
}

// Mismatches against the machine's float and double over `count` random pairs (NaN by class).
uint64_t machine_mismatches(uint64_t seed, int count) {
  std::mt19937_64 pick(seed);
  uint64_t bad = 0;
  auto same = [](const float_format& f, const mpz_class& got, const mpz_class& machine) {
    return got == machine || (is_nan_pattern(f, got) && is_nan_pattern(f, machine));
  };
  for (int i = 0; i < count; ++i) {
    const uint32_t a32 = static_cast<uint32_t>(pick()), b32 = i % 4 ? static_cast<uint32_t>(pick()) : a32 ^ (pick() & 0xffff);
    const float fa = std::bit_cast<float>(a32), fb = std::bit_cast<float>(b32);
    const mpz_class A = static_cast<unsigned long>(a32), B = static_cast<unsigned long>(b32);
    auto m32 = [](float v) { return mpz_class(static_cast<unsigned long>(std::bit_cast<uint32_t>(v))); };
    if (!same(binary32, fadd(binary32, A, B), m32(fa + fb))) ++bad;
    if (!same(binary32, fsub(binary32, A, B), m32(fa - fb))) ++bad;
    if (!same(binary32, fmul(binary32, A, B), m32(fa * fb))) ++bad;
    if (!same(binary32, fdiv(binary32, A, B), m32(fa / fb))) ++bad;
    if (!same(binary32, fsqrt(binary32, A), m32(std::sqrt(fa)))) ++bad;
    const uint64_t a64 = pick(), b64 = i % 4 ? pick() : a64 ^ (pick() & 0xffffffffffULL);
    const double da = std::bit_cast<double>(a64), db = std::bit_cast<double>(b64);
    const mpz_class C = mpz_class(std::to_string(a64)), D = mpz_class(std::to_string(b64));
    auto m64 = [](double v) { return mpz_class(std::to_string(std::bit_cast<uint64_t>(v))); };
    if (!same(binary64, fadd(binary64, C, D), m64(da + db))) ++bad;
    if (!same(binary64, fsub(binary64, C, D), m64(da - db))) ++bad;
    if (!same(binary64, fmul(binary64, C, D), m64(da * db))) ++bad;
    if (!same(binary64, fdiv(binary64, C, D), m64(da / db))) ++bad;
    if (!same(binary64, fsqrt(binary64, C), m64(std::sqrt(da)))) ++bad;
    if (flt(binary64, C, D) != (da < db) || feq(binary64, C, D) != (da == db) || fle(binary64, C, D) != (da <= db) ||
        funordered(binary64, C, D) != (std::isnan(da) || std::isnan(db)))
      ++bad;
  }
  return bad;
}

}  // namespace

TEST_SUITE("fast") {
  TEST_CASE("fp arithmetic: exhaustive pairs at (3 2) (4 3) (2 3) equal MPFR") {
    for (float_format f : {float_format{3, 2}, float_format{4, 3}, float_format{2, 3}}) {
      const std::vector<mpz_class> all = all_patterns(f);
      CHECK(check_binary(f, all, all, true) == 0);
      CHECK(check_sqrt(f, all) == 0);
    }
  }

  TEST_CASE("fp arithmetic: specials and random operands equal MPFR up to (113 15)") {
    const float_format formats[] = {{8, 8}, {11, 5}, {24, 8}, {53, 11}, {64, 15}, {113, 15}, {2, 30}, {200, 56}};
    for (const float_format& f : formats) {
      std::vector<mpz_class> xs, ys;
      random_pairs(f, 1000 + f.p, 500, xs, ys);
      INFO("format " << to_string(f) << " seed " << 1000 + f.p);
      CHECK(check_binary(f, xs, ys, false) == 0);
      CHECK(check_sqrt(f, xs) == 0);
    }
  }

  TEST_CASE("fp arithmetic: binary32 and binary64 equal the machine float and double") {
    CHECK(machine_mismatches(7, 5000) == 0);
  }

  TEST_CASE("fp arithmetic: pinned values and sign rules") {
    const float_format f = binary32;
    const mpz_class one = 0x3f800000, two = 0x40000000, three = 0x40400000, m0 = 0x80000000UL;
    CHECK(fadd(f, one, two) == three);
    CHECK(fsub(f, one, one) == 0);             // exact zero is +0
    CHECK(fadd(f, m0, m0) == m0);              // -0 + -0 = -0
    CHECK(fadd(f, m0, 0) == 0);
    CHECK(fsqrt(f, m0) == m0);
    CHECK(fdiv(f, one, m0) == 0xff800000UL);   // 1 / -0 = -inf
    CHECK(fdiv(f, 0, 0) == 0x7fc00000);        // canonical NaN
    CHECK(fmax(f, m0, 0) == 0);
    CHECK(fmax(f, 0, m0) == 0);
    CHECK(fmax(f, one, 0x7fc00001) == 0x7fc00000);
    CHECK(fneg(f, one) == 0xbf800000UL);
    CHECK(fabs(f, 0xbf800000UL) == one);
    CHECK(fcmp(f, 0x7fc00000, 0x7fc00000) == ordering::unordered);
    CHECK(fcmp(f, m0, 0) == ordering::equal);
  }

  TEST_CASE("fp arithmetic: bad formats and patterns are input errors") {
    CHECK_THROWS_WITH_AS(fadd(float_format{1, 8}, 0, 0), "float format: need 2 <= p, 2 <= e, p + e <= 256; got (p, e) = (1, 8)",
                         input_error);
    CHECK_THROWS_WITH_AS(fadd(float_format{200, 57}, 0, 0),
                         "float format: need 2 <= p, 2 <= e, p + e <= 256; got (p, e) = (200, 57)", input_error);
    CHECK_THROWS_WITH_AS(fadd(binary16, mpz_class(0x10000), 0),
                         "float pattern: a 16-bit pattern for format (11, 5); got 10000 (hex)", input_error);
    CHECK_THROWS_AS(fmul(binary16, mpz_class(-1), 0), input_error);
  }
}

TEST_SUITE("slow") {
  TEST_CASE("fp arithmetic: exhaustive pairs at (6 4) (5 4) (6 3) (4 5) (5 3) equal MPFR") {
    for (float_format f : {float_format{6, 4}, float_format{5, 4}, float_format{6, 3}, float_format{4, 5}, float_format{5, 3}}) {
      const auto start = std::chrono::steady_clock::now();
      const std::vector<mpz_class> all = all_patterns(f);
      CHECK(check_binary(f, all, all, true) == 0);
      CHECK(check_sqrt(f, all) == 0);
      MESSAGE(to_string(f) << ": " << all.size() * all.size() << " pairs in "
                           << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() << " s");
    }
  }

  TEST_CASE("fp arithmetic: 200000 machine float and double pairs agree") { CHECK(machine_mismatches(8, 200000) == 0); }

  TEST_CASE("fp arithmetic: 100k random pairs per format equal MPFR") {
    const float_format formats[] = {{8, 8}, {11, 5}, {24, 8}, {53, 11}, {64, 15}, {113, 15}};
    for (const float_format& f : formats) {
      std::vector<mpz_class> xs, ys;
      random_pairs(f, 2000 + f.p, 100000, xs, ys);
      INFO("format " << to_string(f) << " seed " << 2000 + f.p);
      CHECK(check_binary(f, xs, ys, false) == 0);
      CHECK(check_sqrt(f, xs) == 0);
    }
  }
}
