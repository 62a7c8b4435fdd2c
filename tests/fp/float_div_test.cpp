// Gate-level float divide against the word-level soft float (fp::fdiv): every operand pair of
// small formats, random and special pairs of the standard ones, one depth per regime.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fp/float_harness.hpp"
#include "tc0/analysis/stats.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/arithmetic.hpp"
#include "tc0/fp/float_blocks.hpp"

using namespace tc0;
using namespace tc0::fp;
using namespace tc0::fp::test;

namespace {

circuit build_fdiv(const float_format& f, weight_regime r) { return build_binary(float_divide, f, r); }

uint64_t fdiv_mismatches(const circuit& c, const float_format& f, const std::vector<std::pair<mpz_class, mpz_class>>& pairs) {
  return binary_mismatches(c, f, fp::fdiv, pairs);
}

uint32_t depth_of(const float_format& f, weight_regime r) { return compute_stats(build_fdiv(f, r)).depth; }

}  // namespace

TEST_SUITE("fast") {

TEST_CASE("fdiv gate level: every operand pair agrees with the soft float for (2 2) (3 2) (4 3) and (5 4) in both regimes") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (float_format f : {float_format{2, 2}, float_format{3, 2}, float_format{4, 3}, float_format{5, 4}}) {
      CAPTURE(to_string(f));
      CAPTURE(regime_name(r));
      CHECK(fdiv_mismatches(build_fdiv(f, r), f, all_pairs(f)) == 0);
    }
}

TEST_CASE("fdiv gate level: random and special pairs agree with the soft float at (8 5) (11 5) (8 8) (16 8)") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (float_format f : {float_format{8, 5}, binary16, bfloat16, float_format{16, 8}}) {
      CAPTURE(to_string(f));
      CAPTURE(regime_name(r));
      if (r == weight_regime::majority && f.p > 11) continue;  // 114M wires: the slow suite's
      CHECK(fdiv_mismatches(build_fdiv(f, r), f, random_pairs(f, 20000, 11)) == 0);
    }
}

TEST_CASE("fdiv gate level: one depth for every format (exp 28 and majority 31)") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority}) {
    const uint32_t d = depth_of(float_format{8, 5}, r);
    CHECK(d == (r == weight_regime::exp ? 28u : 31u));
    for (float_format f : {float_format{3, 3}, float_format{5, 4}, binary16, bfloat16, float_format{16, 8},
                           float_format{11, 11}}) {
      CAPTURE(to_string(f));
      if (r == weight_regime::majority && f.p > 11) continue;
      CHECK(depth_of(f, r) == d);
    }
  }
}

TEST_CASE("fdiv gate level: refuses significands beyond the table limit with the whole message") {
  builder b;
  const bits x = b.input("x", 32), y = b.input("y", 32);
  CHECK_THROWS_WITH_AS(float_divide(b, binary32, x, y, weight_regime::exp), "fdiv: gate-level significands up to 16 bits, got 24",
                       input_error);
}

TEST_CASE("fsqrt gate level: every pattern agrees with the soft float from (2 2) to (11 5) and (8 8) in both regimes") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (float_format f : {float_format{2, 2}, float_format{3, 3}, float_format{5, 4}, float_format{8, 3}, float_format{8, 5},
                           binary16, bfloat16}) {
      CAPTURE(to_string(f));
      CAPTURE(regime_name(r));
      CHECK(unary_mismatches(build_unary(float_sqrt, f, r), f, fp::fsqrt, all_operands(f)) == 0);
    }
}

TEST_CASE("fsqrt gate level: random and special operands agree at (16 8)") {
  const float_format f{16, 8};
  CHECK(unary_mismatches(build_unary(float_sqrt, f, weight_regime::exp), f, fp::fsqrt, random_operands(f, 4096, 41)) == 0);
}

TEST_CASE("fsqrt gate level: one depth for every p (exp 16 and majority 18 - 15 and 17 when no result is subnormal)") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority}) {
    const uint32_t d = r == weight_regime::exp ? 16u : 18u;
    for (float_format f : {float_format{3, 3}, float_format{5, 4}, float_format{8, 3}, float_format{8, 5}, binary16, float_format{12, 5}}) {
      CAPTURE(to_string(f));
      CAPTURE(regime_name(r));
      CHECK(compute_stats(build_unary(float_sqrt, f, r)).depth == d);
    }
    // p <= bias: every root is normal, the encode's subnormal cases fold away.
    for (float_format f : {float_format{4, 8}, bfloat16, float_format{14, 8}, float_format{11, 11}}) {
      CAPTURE(to_string(f));
      CAPTURE(regime_name(r));
      CHECK(compute_stats(build_unary(float_sqrt, f, r)).depth == d - 1);
    }
  }
}

TEST_CASE("fsqrt gate level: refuses significands beyond the table limit with the whole message") {
  builder b;
  const bits x = b.input("x", 32);
  CHECK_THROWS_WITH_AS(float_sqrt(b, binary32, x, weight_regime::exp), "fsqrt: gate-level significands up to 16 bits, got 24",
                       input_error);
}

}  // TEST_SUITE("fast")

TEST_SUITE("slow") {

TEST_CASE("fdiv gate level: every pair of (6 4) agrees with the soft float in both regimes") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority}) {
    CAPTURE(regime_name(r));
    CHECK(fdiv_mismatches(build_fdiv(float_format{6, 4}, r), float_format{6, 4}, all_pairs(float_format{6, 4})) == 0);
  }
}

}  // TEST_SUITE("slow")
