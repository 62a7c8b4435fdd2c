// Gate-level float blocks against the word-level soft float: every operand pair for tiny formats,
// random and special operands for the standard ones, one depth for every format.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fp/float_harness.hpp"
#include "tc0/analysis/stats.hpp"
#include "tc0/fp/arithmetic.hpp"
#include "tc0/fp/float_blocks.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/gen/verify.hpp"

using namespace tc0;
using namespace tc0::fp;
using namespace tc0::fp::test;

namespace {

circuit build_fmul(const float_format& f, weight_regime r) { return build_binary(float_multiply, f, r); }

// The harness's random pairs over the first seven specials of each sign and one NaN.
std::vector<std::pair<mpz_class, mpz_class>> random_fmul_pairs(const float_format& f, size_t count, uint64_t seed) {
  return random_pairs(f, count, seed, special_operands(f, 7, 1));
}

}  // namespace

TEST_SUITE("fast") {

TEST_CASE("fmul gate level: every operand pair agrees with the soft float for tiny formats in both regimes") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (float_format f : {float_format{2, 2}, float_format{3, 3}, float_format{4, 3}, float_format{5, 4}}) {
      CAPTURE(to_string(f));
      CHECK(binary_mismatches(build_fmul(f, r), f, fp::fmul, all_pairs(f)) == 0);
    }
}

TEST_CASE("fmul gate level: random and special operands agree with the soft float at (8 8) (11 5) (24 8)") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (float_format f : {bfloat16, binary16, binary32}) {
      CAPTURE(to_string(f));
      if (r == weight_regime::majority && f.p > 11) continue;
      CHECK(binary_mismatches(build_fmul(f, r), f, fp::fmul, random_fmul_pairs(f, 20000, 7)) == 0);
    }
}

TEST_CASE("fmul gate level: one depth for every format (exp 18 and majority 20)") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority}) {
    const uint32_t d = compute_stats(build_fmul(float_format{8, 8}, r)).depth;
    CHECK(d == (r == weight_regime::exp ? 18u : 20u));
    for (float_format f : {float_format{4, 4}, float_format{11, 5}, float_format{16, 8}, float_format{24, 8}, float_format{11, 11}}) {
      CAPTURE(to_string(f));
      CHECK(compute_stats(build_fmul(f, r)).depth == d);
    }
  }
}

TEST_CASE("fcmp and fmax gate level: agree with the soft float through gen and verify with one depth per regime") {
  for (const char* op : {"fcmp", "fmax"})
    for (weight_regime r : {weight_regime::exp, weight_regime::majority}) {
      int depth = -1;
      for (float_format f : {float_format{2, 2}, float_format{4, 4}, bfloat16, binary16, binary32, binary64}) {
        CAPTURE(std::string(op));
        CAPTURE(to_string(f));
        gen_options o;
        o.op = op;
        o.p = static_cast<uint32_t>(f.p);
        o.e = static_cast<uint32_t>(f.e);
        o.regime = r;
        const circuit c = generate(o);
        const verify_result v = verify_circuit(c, 5000, 3);  // exhaustive up to 16 input bits
        CHECK(v.mismatches == 0);
        CHECK(v.first_mismatch == "");
        const int d = static_cast<int>(compute_stats(c).depth);
        if (depth < 0) depth = d;
        CHECK(d == depth);
      }
      CHECK(depth == (std::string(op) == "fcmp" ? 6 : 8) + (r == weight_regime::majority ? 1 : 0));
    }
}

}  // TEST_SUITE("fast")

TEST_SUITE("slow") {

TEST_CASE("fmul gate level: binary64 and p = 32 agree with the soft float and keep the depth") {
  const uint32_t d = compute_stats(build_fmul(float_format{8, 8}, weight_regime::exp)).depth;
  for (float_format f : {float_format{32, 8}, binary64}) {
    CAPTURE(to_string(f));
    const circuit c = build_fmul(f, weight_regime::exp);
    CHECK(compute_stats(c).depth == d);
    CHECK(binary_mismatches(c, f, fp::fmul, random_fmul_pairs(f, 100000, 8)) == 0);
  }
}

}  // TEST_SUITE("slow")
