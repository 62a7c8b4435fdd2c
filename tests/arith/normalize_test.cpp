// leading_zero_count and normalize: exhaustive agreement with integer arithmetic (widths 1..8),
// random and corner vectors against GMP up to 256 bits, depth 2 at every width 4..256, unit
// weights in the majority regime, sizes pinned at 32 bits, and the gen path.
#include <doctest/doctest.h>

#include <bit>

#include "arith/harness.hpp"
#include "tc0/arith/normalize.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/gen/verify.hpp"

using namespace tc0;
using namespace tc0::test;

namespace {


// Outputs: lzc (L), z (B), n (L).
circuit build(uint32_t width, weight_regime r) {
  builder b;
  bits x = b.input("x", width);
  b.output("lzc", leading_zero_count(b, x, r));
  normalized n = normalize(b, x, r);
  b.output("z", n.z);
  b.output("n", n.shift);
  return std::move(b).finish();
}

values expected(uint32_t width, const mpz_class& x) {
  const unsigned long used = x == 0 ? 0 : mpz_sizeinbase(x.get_mpz_t(), 2), lz = width - used;
  mpz_class z = x << lz;
  mpz_fdiv_r_2exp(z.get_mpz_t(), z.get_mpz_t(), width);
  return {mpz_class(lz), z, mpz_class(lz)};
}

void check_wide(std::initializer_list<uint32_t> widths, uint64_t seed) {
  CAPTURE(seed);
  for (weight_regime r : regimes)
    for (uint32_t width : widths) {
      CAPTURE(std::string(regime_name(r)));
      CAPTURE(width);
      gmp_randclass rng(gmp_randinit_default);
      rng.seed(seed + width);
      const mpz_class max = (mpz_class(1) << width) - 1;
      std::vector<values> in = {{0}, {1}, {max}, {mpz_class(max - 1)}};
      for (uint32_t j = 0; j < width; ++j) {
        in.push_back({mpz_class(1) << j});
        in.push_back({mpz_class((mpz_class(1) << j) | rng.get_z_bits(j))});  // leading one at j, random below
      }
      for (int i = 0; i < 40; ++i) in.push_back({rng.get_z_bits(width)});
      std::vector<values> out = run(build(width, r), in);
      uint64_t bad = 0;
      for (size_t p = 0; p < in.size(); ++p)
        if (out[p] != expected(width, in[p][0])) ++bad;
      CHECK(bad == 0);
    }
}

}  // namespace

TEST_SUITE("slow") {
TEST_CASE("lzc / normalize: random and corner vectors agree with GMP at 256 bits (seed 44)") { check_wide({256u}, 44); }
}

TEST_SUITE("fast") {
TEST_CASE("lzc / normalize: exhaustive agreement with integer arithmetic / widths 1..8 / both regimes") {
  for (weight_regime r : regimes)
    for (uint32_t width = 1; width <= 8; ++width) {
      CAPTURE(std::string(regime_name(r)));
      CAPTURE(width);
      circuit c = build(width, r);
      CHECK(c.outputs()[0].lits.size() == std::bit_width(width));
      std::vector<values> in = all_vectors(c);
      std::vector<values> out = run(c, in);
      uint64_t bad = 0;
      for (size_t p = 0; p < in.size(); ++p) {
        const uint64_t x = in[p][0].get_ui();
        const uint64_t lz = x == 0 ? width : width - std::bit_width(x);
        const uint64_t z = (x << lz) & ((uint64_t{1} << width) - 1);
        const values want = {mpz_class(static_cast<unsigned long>(lz)), mpz_class(static_cast<unsigned long>(z)),
                             mpz_class(static_cast<unsigned long>(lz))};
        if (out[p] != want) ++bad;
      }
      CHECK(bad == 0);
    }
}

TEST_CASE("lzc / normalize: random and corner vectors agree with GMP at 9..100 bits (seed 41)") {
  check_wide({9u, 31u, 32u, 63u, 64u, 100u}, 41);
}

TEST_CASE("lzc / normalize: depth 2 in both regimes at every width 4..256 / unit weights") {
  for (weight_regime r : regimes)
    for (uint32_t width : {4u, 8u, 16u, 32u, 64u, 128u, 256u}) {
      CAPTURE(std::string(regime_name(r)));
      CAPTURE(width);
      builder b;
      b.output("z", leading_zero_count(b, b.input("x", width), r));
      circuit_stats lz = compute_stats(std::move(b).finish());
      circuit_stats all = compute_stats(build(width, r));
      CHECK(lz.depth == 2);
      CHECK(all.depth == 2);
      check_unit_weights(all);
    }
}

TEST_CASE("lzc / normalize: sizes pinned at 32 bits") {
  for (weight_regime r : regimes) {
    CAPTURE(std::string(regime_name(r)));
    builder b;
    bits x = b.input("x", 32);
    b.output("lzc", leading_zero_count(b, x, r));
    CHECK(b.num_gates() == 36);  // T_1 is the literal not x_31, bit 5 is T_32
    builder b2;
    normalized n = normalize(b2, b2.input("x", 32), r);
    b2.output("z", n.z);
    b2.output("n", n.shift);
    CHECK(b2.num_gates() == 32 * 31 / 2 + 31 + 36);
  }
}

TEST_CASE("lzc / normalize: gen circuits verify with 0 mismatches at widths 1..70 / both regimes") {
  check_gen_ops_verify({"lzc", "normalize"}, {1, 2, 3, 7, 8, 33, 70}, 200, 43);
}
}
