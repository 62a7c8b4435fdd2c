// Comparators: exhaustive and random agreement with integer / GMP references, constant depth per
// output in both regimes (exp up to 1024 bits and beyond 870, where gate copies take over), sizes.
#include <doctest/doctest.h>

#include <random>

#include "arith/harness.hpp"
#include "tc0/analysis/levels.hpp"
#include "tc0/arith/compare.hpp"
#include "tc0/errors.hpp"

using namespace tc0;
using namespace tc0::test;

namespace {


circuit build_cmp(uint32_t width, bool is_signed, weight_regime r) {
  builder b;
  bits x = b.input("x", width), y = b.input("y", width);
  compare_result c = compare(b, x, y, is_signed, r);
  b.output("lt", c.lt);
  b.output("le", c.le);
  b.output("eq", c.eq);
  return std::move(b).finish();
}

mpz_class as_signed(const mpz_class& v, uint32_t width) {
  return mpz_tstbit(v.get_mpz_t(), width - 1) ? mpz_class(v - (mpz_class(1) << width)) : v;
}

// Checks lt/le/eq on the given vectors against GMP; returns the number of wrong vectors.
uint64_t count_wrong(const circuit& c, uint32_t width, bool is_signed, const std::vector<values>& in) {
  std::vector<values> out = run(c, in);
  uint64_t bad = 0;
  for (size_t p = 0; p < in.size(); ++p) {
    const mpz_class x = is_signed ? as_signed(in[p][0], width) : in[p][0];
    const mpz_class y = is_signed ? as_signed(in[p][1], width) : in[p][1];
    if (out[p][0] != (x < y) || out[p][1] != (x <= y) || out[p][2] != (x == y)) ++bad;
  }
  return bad;
}

// Random pairs, equal pairs, pairs differing in one bit or in one block, and extremes.
std::vector<values> wide_vectors(uint32_t width, uint64_t seed, int count) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::mt19937_64 pick(seed);
  const mpz_class max = (mpz_class(1) << width) - 1, half = mpz_class(1) << (width - 1);
  std::vector<values> in = {{0, 0}, {0, max}, {max, 0}, {max, max}, {half, mpz_class(half - 1)},
                            {mpz_class(half - 1), half}, {half, half}, {1, 0}, {0, 1}};
  for (int i = 0; i < count; ++i) {
    mpz_class x = rng.get_z_bits(width), y = rng.get_z_bits(width);
    switch (i % 4) {
      case 0: break;
      case 1: y = x; break;
      case 2: y = x; mpz_combit(y.get_mpz_t(), pick() % width); break;
      case 3: {  // differ only inside a random 29-bit window
        y = x;
        const uint32_t lo = static_cast<uint32_t>(pick() % width);
        for (uint32_t j = lo; j < std::min(width, lo + 29); ++j)
          if (pick() & 1) mpz_combit(y.get_mpz_t(), j);
        break;
      }
    }
    in.push_back({x, y});
  }
  return in;
}

// Max level of each output bus (lt, le, eq).
std::vector<uint32_t> output_depths(const circuit& c) {
  std::vector<uint32_t> lv = compute_levels(c), d;
  for (const bus& b : c.outputs()) d.push_back(lv[b.lits[0].node()]);
  return d;
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("compare: exhaustive agreement with integer comparison / widths 1..8 / signed and unsigned / both regimes") {
  for (weight_regime r : regimes)
    for (bool is_signed : {false, true})
      for (uint32_t width = 1; width <= 8; ++width) {
        CAPTURE(std::string(regime_name(r)));
        CAPTURE(is_signed);
        CAPTURE(width);
        circuit c = build_cmp(width, is_signed, r);
        std::vector<values> in = all_vectors(c);
        std::vector<values> out = run(c, in);
        uint64_t bad = 0;
        for (size_t p = 0; p < in.size(); ++p) {
          int64_t x = static_cast<int64_t>(in[p][0].get_ui()), y = static_cast<int64_t>(in[p][1].get_ui());
          if (is_signed) {
            if (x >> (width - 1)) x -= int64_t{1} << width;
            if (y >> (width - 1)) y -= int64_t{1} << width;
          }
          if (out[p][0] != (x < y) || out[p][1] != (x <= y) || out[p][2] != (x == y)) ++bad;
        }
        CHECK(bad == 0);
      }
}

TEST_CASE("compare: random / near-equal and extreme vectors agree with GMP at 9..1024 bits (seed 11)") {
  const uint64_t seed = 11;
  CAPTURE(seed);
  for (weight_regime r : regimes)
    for (bool is_signed : {false, true})
      for (uint32_t width : {9u, 29u, 30u, 58u, 59u, 64u, 256u, 1024u}) {
        CAPTURE(std::string(regime_name(r)));
        CAPTURE(is_signed);
        CAPTURE(width);
        circuit c = build_cmp(width, is_signed, r);
        CHECK(count_wrong(c, width, is_signed, wide_vectors(width, seed + width, 120)) == 0);
      }
}

TEST_CASE("compare: lt/le depth 2 (exp) and 3 (majority) / eq depth 2 (both) / at widths 2..1024") {
  for (weight_regime r : regimes)
    for (uint32_t width : {2u, 4u, 8u, 16u, 32u, 64u, 128u, 256u, 512u, 1024u}) {
      CAPTURE(std::string(regime_name(r)));
      CAPTURE(width);
      circuit c = build_cmp(width, width % 8 == 0, r);
      const uint32_t ltd = r == weight_regime::exp ? 2 : 3;
      CHECK(output_depths(c) == std::vector<uint32_t>{ltd, ltd, 2});
      circuit_stats s = compute_stats(c);
      if (r == weight_regime::majority) {
        check_unit_weights(s);
      } else {
        CHECK(s.max_abs_weight < (int64_t{1} << 30));
      }
    }
  // The single-output blocks have the same depths.
  for (weight_regime r : regimes) {
    builder b;
    bits x = b.input("x", 64), y = b.input("y", 64);
    b.output("lt", less_than(b, x, y, false, r));
    b.output("le", less_equal(b, x, y, true, r));
    b.output("eq", equal(b, x, y, r));
    const uint32_t ltd = r == weight_regime::exp ? 2 : 3;
    CHECK(output_depths(std::move(b).finish()) == std::vector<uint32_t>{ltd, ltd, 2});
  }
}

TEST_CASE("compare: sizes pinned at 32 bits") {
  circuit_stats e = compute_stats(build_cmp(32, false, weight_regime::exp));
  circuit_stats m = compute_stats(build_cmp(32, false, weight_regime::majority));
  // exp: blocks of 29 + 3 bits, lt_i and gt_i each (4), then lt, le, eq.
  CHECK(e.gates == 7);
  CHECK(e.edges == 140);
  CHECK(e.max_abs_weight == (int64_t{1} << 28));
  CHECK(e.gates_by_kind[gate_kind_index(node_kind::thr)] == 6);
  // majority: a_j, b_j (64), lt and gt terms (62: the top terms are b_31 and a_31), two ORs, eq.
  CHECK(m.gates == 129);
  CHECK(m.edges == 1372);
  // Past 870 bits block i >= 30 gets 2^(i-29) gate copies: 1024 bits = 36 blocks, 2 * 120 copies.
  circuit_stats w = compute_stats(build_cmp(1024, false, weight_regime::exp));
  CHECK(w.gates == 2 * 36 + 2 * 120 + 3);
  CHECK(w.max_abs_weight == (int64_t{1} << 29));
}

TEST_CASE("compare: operands of different widths and exp widths past the limit are refused") {
  builder b;
  bits x = b.input("x", 4), y = b.input("y", 5);
  CHECK_THROWS_WITH_AS(compare(b, x, y, false, weight_regime::exp),
                       "compare: operands must have the same width >= 1 (got 4 and 5 bits)", input_error);
  bits u = b.input("u", 1161), v = b.input("v", 1161);
  CHECK_THROWS_WITH_AS(less_than(b, u, v, false, weight_regime::exp),
                       "compare: exp-regime comparison is depth 2 only up to 1160 bits (weights < 2^30); got 1161 "
                       "bits; use the majority regime",
                       input_error);
}
}

TEST_SUITE("slow") {
TEST_CASE("compare: exp regime at the copy widths 871..1160 agrees with GMP and keeps depth 2 (seed 13)") {
  const uint64_t seed = 13;
  CAPTURE(seed);
  for (uint32_t width : {870u, 871u, 900u, 1100u, 1160u})
    for (bool is_signed : {false, true}) {
      CAPTURE(width);
      CAPTURE(is_signed);
      circuit c = build_cmp(width, is_signed, weight_regime::exp);
      CHECK(output_depths(c) == std::vector<uint32_t>{2, 2, 2});
      CHECK(count_wrong(c, width, is_signed, wide_vectors(width, seed + width, 400)) == 0);
    }
}
}
