// Chinese-remainder blocks: the exclusive-group iterated sum they read out with, iterated product,
// powering, reciprocal and division, against GMP (through the gen references) and brute force,
// with one depth at every size.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "arith/harness.hpp"
#include "tc0/arith/crr.hpp"
#include "tc0/arith/divide.hpp"
#include "tc0/arith/iterated_sum.hpp"
#include "tc0/errors.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/gen/verify.hpp"

using namespace tc0;
using namespace tc0::test;

namespace {

gen_options options(const char* op, uint32_t width, weight_regime r, uint32_t count = 1, uint32_t frac_bits = 0,
                    bool is_signed = false) {
  gen_options o;
  o.op = op;
  o.width = width;
  o.regime = r;
  o.count = count;
  o.frac_bits = frac_bits;
  o.is_signed = is_signed;
  return o;
}

// Exhaustive up to 16 input bits, else random + corner vectors against the GMP reference.
void check_op(const gen_options& o, uint64_t random_vectors = 400, uint64_t seed = 5) {
  CAPTURE(o.op);
  CAPTURE(std::string(regime_name(o.regime)));
  CAPTURE(o.width);
  CAPTURE(o.count);
  CAPTURE(o.frac_bits);
  CAPTURE(o.is_signed);
  const verify_result v = verify_circuit(generate(o), random_vectors, seed);
  CHECK(v.first_mismatch == "");
  CHECK(v.mismatches == 0);
}

uint32_t depth(const gen_options& o) { return depth_of(generate(o)); }

}  // namespace

TEST_SUITE("fast") {

TEST_CASE("weighted_sum with exclusive groups agrees with GMP on random one-hot assignments in both regimes") {
  std::mt19937_64 rng(11);
  gmp_randclass gr(gmp_randinit_default);
  gr.seed(12);
  for (int trial = 0; trial < 120; ++trial)
    for (weight_regime r : regimes) {
      const uint32_t groups = 1 + rng() % 6, width = 2 + rng() % 40;
      CAPTURE(trial);
      CAPTURE(width);
      builder b;
      std::vector<bits> ins;
      std::vector<std::vector<mpz_class>> weights;
      std::vector<weighted_term> terms;
      for (uint32_t g = 0; g < groups; ++g) {
        ins.push_back(b.input("g" + std::to_string(g), 1 + rng() % 8));
        weights.emplace_back();
        for (lit l : ins.back()) {
          weights.back().push_back(gr.get_z_bits(width + 3));
          terms.push_back({l, weights.back().back(), g + 1});
        }
      }
      const mpz_class constant = gr.get_z_bits(width);
      terms.push_back({lit_true, constant, 0});
      b.output("z", weighted_sum(b, terms, width, r));
      const circuit c = std::move(b).finish();
      std::vector<values> vectors;
      std::vector<mpz_class> want;
      for (int p = 0; p < 64; ++p) {
        values v;
        mpz_class s = constant;
        for (uint32_t g = 0; g < groups; ++g) {
          const size_t pick = rng() % (ins[g].size() + 1);  // one bit of the group, or none
          v.push_back(pick < ins[g].size() ? mpz_class(1) << pick : mpz_class(0));
          if (pick < ins[g].size()) s += weights[g][pick];
        }
        vectors.push_back(v);
        want.push_back(s & ((mpz_class(1) << width) - 1));
      }
      const std::vector<values> got = run(c, vectors);
      int wrong = 0;
      for (size_t p = 0; p < got.size(); ++p) wrong += got[p][0] != want[p];
      CHECK(wrong == 0);
    }
}

TEST_CASE("product: exhaustive agreement for K*B up to 16 input bits in both regimes") {
  for (weight_regime r : regimes) {
    for (uint32_t w = 1; w <= 6; ++w) check_op(options("prod", w, r, 2));
    for (uint32_t w = 1; w <= 5; ++w) check_op(options("prod", w, r, 3));
    check_op(options("prod", 4, r, 4));
    check_op(options("prod", 2, r, 8));
  }
}

TEST_CASE("product: random and corner vectors agree with GMP at (K B) = (2 16) (4 8) (8 4) (16 2)") {
  for (weight_regime r : regimes) {
    check_op(options("prod", 16, r, 2));
    check_op(options("prod", 8, r, 4));
    check_op(options("prod", 4, r, 8));
    check_op(options("prod", 2, r, 16));
  }
}

TEST_CASE("product: depth 7 (exp) and 8 (majority) at every K and B tried") {
  for (auto [k, w] : {std::pair{2u, 2u}, {2u, 4u}, {2u, 8u}, {2u, 16u}, {3u, 5u}, {4u, 4u}, {4u, 8u}, {8u, 4u}, {16u, 2u}}) {
    CAPTURE(k);
    CAPTURE(w);
    CHECK(depth(options("prod", w, weight_regime::exp, k)) == 7);
    CHECK(depth(options("prod", w, weight_regime::majority, k)) == 8);
  }
}

TEST_CASE("powers: exhaustive agreement for B = 1..8 and random at B = 16 in both regimes") {
  for (weight_regime r : regimes) {
    for (uint32_t w = 1; w <= 8; ++w) check_op(options("pow", w, r, 4));
    check_op(options("pow", 5, r, 2));
    check_op(options("pow", 3, r, 9));
    check_op(options("pow", 16, r, 3));
  }
}

TEST_CASE("powers: depth 6 (exp) and 7 (majority) at every B and k tried") {
  for (auto [k, w] : {std::pair{2u, 2u}, {2u, 8u}, {2u, 16u}, {2u, 32u}, {3u, 4u}, {4u, 4u}, {4u, 8u}, {8u, 2u}}) {
    CAPTURE(k);
    CAPTURE(w);
    CHECK(depth(options("pow", w, weight_regime::exp, k)) == 6);
    if (k * w <= 32) CHECK(depth(options("pow", w, weight_regime::majority, k)) == 7);
  }
}

TEST_CASE("reciprocal: exhaustive agreement for B = 1..6 and several F (y = 0 and y = 1 saturate)") {
  for (uint32_t w = 1; w <= 6; ++w)
    for (uint32_t f : {1u, w, 2 * w + 1}) check_op(options("recip", w, weight_regime::exp, 1, f));
  for (uint32_t w = 1; w <= 4; ++w)
    for (uint32_t f : {1u, w, w + 3}) check_op(options("recip", w, weight_regime::majority, 1, f));
}

TEST_CASE("reciprocal: depth 10 (exp) at B = 3..8 and 11 (majority) at B = 3..5") {
  for (uint32_t w = 3; w <= 8; ++w) CHECK(depth(options("recip", w, weight_regime::exp, 1, w)) == 10);
  for (uint32_t w = 3; w <= 5; ++w) CHECK(depth(options("recip", w, weight_regime::majority, 1, w)) == 11);
}

TEST_CASE("divide: exhaustive agreement unsigned and signed truncating for B = 1..6 (exp) and 1..4 (majority)") {
  for (uint32_t w = 1; w <= 6; ++w) {
    check_op(options("div", w, weight_regime::exp));
    check_op(options("div", w, weight_regime::exp, 1, 0, true));
  }
  for (uint32_t w = 1; w <= 4; ++w) {
    check_op(options("div", w, weight_regime::majority));
    check_op(options("div", w, weight_regime::majority, 1, 0, true));
  }
}

TEST_CASE("divide: depth 15 (exp) at B = 3..8 and 17 (majority) at B = 3..5 / signed adds 4") {
  for (uint32_t w = 3; w <= 8; ++w) CHECK(depth(options("div", w, weight_regime::exp)) == 15);
  for (uint32_t w = 3; w <= 5; ++w) CHECK(depth(options("div", w, weight_regime::majority)) == 17);
  for (uint32_t w = 3; w <= 6; ++w) CHECK(depth(options("div", w, weight_regime::exp, 1, 0, true)) == 19);
}

TEST_CASE("crr blocks refuse bad shapes with input_error") {
  builder b;
  const bits x = b.input("x", 4), y = b.input("y", 3), wide = b.input("w", 65);
  const bits pair[] = {x, y};
  CHECK_THROWS_AS(product(b, pair, weight_regime::exp), input_error);
  CHECK_THROWS_AS(product(b, std::span<const bits>(), weight_regime::exp), input_error);
  CHECK_THROWS_AS(powers(b, x, 0, weight_regime::exp), input_error);
  CHECK_THROWS_AS(powers(b, wide, 300, weight_regime::exp), input_error);
  CHECK_THROWS_AS(divide(b, x, y, weight_regime::exp), input_error);
  CHECK_THROWS_AS(divide(b, wide, wide, weight_regime::exp), input_error);
  CHECK_THROWS_AS(reciprocal(b, x, 0, weight_regime::exp), input_error);
}

}  // TEST_SUITE("fast")

TEST_SUITE("slow") {

TEST_CASE("product and powers: depth 7 and 6 (exp) at K*B up to 128 (pow: 128) with random agreement" * doctest::skip()) {
  for (auto [k, w] : {std::pair{2u, 32u}, {8u, 8u}}) {
    const gen_options o = options("prod", w, weight_regime::exp, k);
    CHECK(depth(o) == 7);
    check_op(o, 100, 9);
  }
  for (auto [k, w] : {std::pair{2u, 64u}}) {
    const gen_options o = options("pow", w, weight_regime::exp, k);
    CHECK(depth(o) == 6);
    check_op(o, 100, 9);
  }
}

TEST_CASE("reciprocal and divide: random agreement and the same depth at B = 10 (exp)" * doctest::skip()) {
  const gen_options r = options("recip", 10, weight_regime::exp, 1, 10), d = options("div", 10, weight_regime::exp);
  CHECK(depth(r) == 10);
  CHECK(depth(d) == 15);
  check_op(r, 500, 3);
  check_op(d, 500, 3);
}

}  // TEST_SUITE("slow")
