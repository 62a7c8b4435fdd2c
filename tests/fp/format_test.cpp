// Float formats: the layout convention of semantics.md (p counts the hidden bit, bias 2^(e-1) - 1)
// pinned on binary16/32/64 patterns, decode checked against the machine's float and double.
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <random>

#include "tc0/errors.hpp"
#include "tc0/fp/format.hpp"

using namespace tc0;
using namespace tc0::fp;

TEST_SUITE("fast") {
  TEST_CASE("fp format: special patterns of binary16 binary32 binary64 and bfloat16") {
    CHECK(one(binary32) == 0x3f800000);
    CHECK(one(binary16) == 0x3c00);
    CHECK(one(bfloat16) == 0x3f80);
    CHECK(one(binary64) == mpz_class("3ff0000000000000", 16));
    CHECK(max_finite(binary64) == mpz_class("7fefffffffffffff", 16));
    CHECK(max_finite(binary16) == 0x7bff);
    CHECK(min_normal(binary32) == 0x00800000);
    CHECK(min_subnormal(binary32, true) == 0x80000001UL);
    CHECK(quiet_nan(binary16) == 0x7e00);
    CHECK(quiet_nan(binary32) == 0x7fc00000);
    CHECK(infinity(binary64, true) == mpz_class("fff0000000000000", 16));
    CHECK(zero(binary128, true) == mpz_class(1) << 127);
    CHECK(bias(binary32) == 127);
    CHECK(emin(binary64) == -1022);
    CHECK(quantum_min(binary32) == -149);
    CHECK(bias(float_format{2, 254}) == (mpz_class(1) << 253) - 1);
    CHECK(width(binary128) == 128);
    CHECK(to_string(bfloat16) == "(8, 8)");
    CHECK(pack(binary32, true, 128, 0x400000) == 0xc0400000UL);  // -3
  }

  TEST_CASE("fp format: decode gives the machine float and double values") {
    std::mt19937_64 pick(3);
    uint64_t bad = 0;
    for (int i = 0; i < 20000; ++i) {
      const uint32_t b32 = static_cast<uint32_t>(pick());
      const float v32 = std::bit_cast<float>(b32);
      const unpacked u = decode(binary32, mpz_class(static_cast<unsigned long>(b32)));
      const int c = std::fpclassify(v32);
      const float_class want = c == FP_NAN ? float_class::nan : c == FP_INFINITE ? float_class::infinite
                               : c == FP_ZERO ? float_class::zero : c == FP_SUBNORMAL ? float_class::subnormal : float_class::normal;
      if (u.cls != want || u.sign != std::signbit(v32)) ++bad;
      if (u.is_finite() && std::ldexp(static_cast<double>(u.sig.get_ui()) * (u.sign ? -1 : 1), static_cast<int>(u.exp.get_si())) != v32) ++bad;
      const uint64_t b64 = pick();
      const double v64 = std::bit_cast<double>(b64);
      const unpacked w = decode(binary64, mpz_class(std::to_string(b64)));
      if (w.is_finite() && std::ldexp(static_cast<double>(w.sig.get_ui()) * (w.sign ? -1 : 1), static_cast<int>(w.exp.get_si())) != v64) ++bad;
      if (std::isnan(v64) != (w.cls == float_class::nan) || std::isinf(v64) != (w.cls == float_class::infinite)) ++bad;
    }
    CHECK(bad == 0);
  }

  TEST_CASE("fp format: unsupported formats and patterns are input errors") {
    CHECK_NOTHROW(check_format(float_format{2, 2}));
    CHECK_NOTHROW(check_format(float_format{2, 254}));
    CHECK_NOTHROW(check_format(float_format{254, 2}));
    CHECK_THROWS_WITH_AS(check_format(float_format{2, 1}), "float format: need 2 <= p, 2 <= e, p + e <= 256; got (p, e) = (2, 1)",
                         input_error);
    CHECK_THROWS_WITH_AS(check_pattern(binary32, mpz_class(1) << 32),
                         "float pattern: a 32-bit pattern for format (24, 8); got 100000000 (hex)", input_error);
    CHECK_THROWS_AS(decode(binary32, mpz_class(-5)), input_error);
  }
}
