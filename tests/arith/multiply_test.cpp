// Multiplication, squaring and constant multiplication: exhaustive and random agreement with
// integer / GMP products, one depth at every width in both regimes, pinned sizes.
#include <doctest/doctest.h>

#include <random>

#include "arith/harness.hpp"
#include "tc0/arith/multiply.hpp"
#include "tc0/errors.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/gen/verify.hpp"

using namespace tc0;
using namespace tc0::test;

namespace {

const mpz_class constants[] = {mpz_class(0), mpz_class(1), mpz_class(3), mpz_class(10), mpz_class(255),
                               mpz_class(1u << 20), mpz_class("3141592653589793238462643383279")};

enum class op { mul, square, mulc };

circuit build(op o, uint32_t width, weight_regime r, const mpz_class& c = 0) {
  builder b;
  bits x = b.input("x", width);
  if (o == op::mul) b.output("z", multiply(b, x, b.input("y", width), r));
  if (o == op::square) b.output("z", square(b, x, r));
  if (o == op::mulc) b.output("z", multiply_constant(b, x, c, r));
  return std::move(b).finish();
}

uint64_t count_wrong(op o, const circuit& c, const std::vector<values>& in, const mpz_class& k = 0) {
  std::vector<values> out = run(c, in);
  uint64_t bad = 0;
  for (size_t p = 0; p < in.size(); ++p) {
    const mpz_class want = o == op::mul ? mpz_class(in[p][0] * in[p][1]) : o == op::square ? mpz_class(in[p][0] * in[p][0])
                                                                                          : mpz_class(in[p][0] * k);
    if (out[p][0] != want) ++bad;
  }
  return bad;
}

mpz_class corner(uint32_t width, std::mt19937_64& pick, gmp_randclass& rng, int i) {
  const mpz_class max = (mpz_class(1) << width) - 1;
  switch (i % 6) {
    case 0: return 0;
    case 1: return 1;
    case 2: return max;
    case 3: return mpz_class(1) << static_cast<mp_bitcnt_t>(pick() % width);
    default: return rng.get_z_bits(width);
  }
}

std::vector<values> wide_vectors(uint32_t width, int operands, uint64_t seed, int count) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::mt19937_64 pick(seed);
  std::vector<values> in;
  for (int i = 0; i < count; ++i) {
    values v;
    for (int j = 0; j < operands; ++j) v.push_back(corner(width, pick, rng, i / (j + 1) + j));
    in.push_back(v);
  }
  return in;
}

void random_sweep(std::initializer_list<uint32_t> widths, uint32_t max_majority) {
  for (weight_regime r : regimes)
    for (uint32_t width : widths) {
      if (r == weight_regime::majority && width > max_majority) continue;
      CAPTURE(std::string(regime_name(r)));
      CAPTURE(width);
      CHECK(count_wrong(op::mul, build(op::mul, width, r), wide_vectors(width, 2, width, 60)) == 0);
      CHECK(count_wrong(op::square, build(op::square, width, r), wide_vectors(width, 1, width + 1, 60)) == 0);
    }
}

void mulc_sweep(std::initializer_list<uint32_t> widths) {
  for (weight_regime r : regimes)
    for (uint32_t width : widths)
      for (const mpz_class& k : constants) {
        if (r == weight_regime::majority && width * mpz_sizeinbase(k.get_mpz_t(), 2) > 1024) continue;
        CAPTURE(std::string(regime_name(r)));
        CAPTURE(width);
        CAPTURE(k.get_str());
        CHECK(count_wrong(op::mulc, build(op::mulc, width, r, k), wide_vectors(width, 1, width, 40), k) == 0);
      }
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("mul and square and mulc: exhaustive agreement with integer products / widths 1..6 / both regimes") {
  for (weight_regime r : regimes)
    for (uint32_t width = 1; width <= 6; ++width) {
      CAPTURE(std::string(regime_name(r)));
      CAPTURE(width);
      circuit m = build(op::mul, width, r);
      CHECK(count_wrong(op::mul, m, all_vectors(m)) == 0);
      circuit s = build(op::square, width, r);
      CHECK(count_wrong(op::square, s, all_vectors(s)) == 0);
      for (const mpz_class& k : constants) {
        CAPTURE(k.get_str());
        circuit c = build(op::mulc, width, r, k);
        CHECK(c.outputs()[0].lits.size() == width + (k == 0 ? 0 : mpz_sizeinbase(k.get_mpz_t(), 2)));
        CHECK(count_wrong(op::mulc, c, all_vectors(c), k) == 0);
      }
    }
}

TEST_CASE("mul and square: random and corner cases against GMP / widths up to 32 / both regimes") {
  random_sweep({7u, 16u, 32u}, 16);
}


TEST_CASE("mulc: random and corner cases against GMP / widths up to 64 / both regimes") { mulc_sweep({9u, 64u}); }

TEST_CASE("mul and square: depth exp 4 and majority 5 at widths 4..32 / mulc exp 3 and majority 4 up to 64") {
  for (weight_regime r : regimes) {
    CAPTURE(std::string(regime_name(r)));
    const uint32_t d = r == weight_regime::exp ? 4 : 5;
    for (uint32_t width : {4u, 8u, 16u, 32u}) {
      CAPTURE(width);
      circuit m = build(op::mul, width, r);
      CHECK(depth_of(m) == d);
      CHECK(depth_of(build(op::square, width, r)) == d);
      if (r == weight_regime::majority) check_unit_weights(compute_stats(m));
    }
    for (uint32_t width : {4u, 8u, 16u, 32u, 64u}) {
      CAPTURE(width);
      circuit c = build(op::mulc, width, r, r == weight_regime::exp ? constants[6] : mpz_class(1000003));
      CHECK(depth_of(c) == d - 1);
      CHECK(depth_of(build(op::mulc, width, r, mpz_class(10))) == d - 1);
      CHECK(depth_of(build(op::mulc, width, r, mpz_class(1u << 20))) == 0);  // a relabelling
      if (r == weight_regime::majority) CHECK(compute_stats(c).max_abs_weight == 1);
    }
  }
}

TEST_CASE("mul and square and mulc: exact gate counts at width 16 and 32") {
  CHECK(compute_stats(build(op::mul, 16, weight_regime::exp)).gates == 803);
  CHECK(compute_stats(build(op::mul, 32, weight_regime::exp)).gates == 4238);
  // The sum's upper blocks at ~sqrt(W / h) columns (iterated_sum.cpp): 1,435,231 edges when 15 wide.
  CHECK(compute_stats(build(op::mul, 32, weight_regime::exp)).edges == 784007);
  CHECK(compute_stats(build(op::mul, 16, weight_regime::majority)).gates == 1423);
  CHECK(compute_stats(build(op::mul, 32, weight_regime::majority)).gates == 7926);
  CHECK(compute_stats(build(op::square, 32, weight_regime::exp)).gates == 2191);
  CHECK(compute_stats(build(op::square, 32, weight_regime::majority)).gates == 3087);
  CHECK(compute_stats(build(op::mulc, 32, weight_regime::exp, constants[6])).gates == 5788);
  CHECK(compute_stats(build(op::mulc, 32, weight_regime::majority, constants[6])).gates == 12142);
}

TEST_CASE("mul and square: bad operands are refused") {
  builder b;
  bits x = b.input("x", 3), y = b.input("y", 4);
  CHECK_THROWS_WITH_AS(multiply(b, x, y, weight_regime::exp),
                       "multiply: operands must have the same width >= 1 (got 3 and 4 bits)", input_error);
  CHECK_THROWS_WITH_AS(multiply_constant(b, x, mpz_class(-3), weight_regime::exp),
                       "multiply_constant: the constant must be non-negative", input_error);
}
}

TEST_SUITE("slow") {
TEST_CASE("mul and square: 64-bit products / depth and GMP agreement / exp") {
  circuit m = build(op::mul, 64, weight_regime::exp);
  CHECK(depth_of(m) == 4);
  CHECK(count_wrong(op::mul, m, wide_vectors(64, 2, 64, 30)) == 0);
  circuit s = build(op::square, 64, weight_regime::exp);
  CHECK(depth_of(s) == 4);
  CHECK(count_wrong(op::square, s, wide_vectors(64, 1, 65, 30)) == 0);
  random_sweep({7u, 16u, 32u}, 32);
}

TEST_CASE("mulc: 256-bit operands / depth exp 3 and GMP agreement") {
  mulc_sweep({256u});
  for (uint32_t width : {128u, 256u}) CHECK(depth_of(build(op::mulc, width, weight_regime::exp, constants[6])) == 3);
}
}

TEST_SUITE("fast") {
TEST_CASE("mul and square: gen circuits verify with 0 mismatches / widths 1 8 24 / both regimes") {
  check_gen_ops_verify({"mul", "square"}, {1, 8, 24}, 100, 7);
}
}
