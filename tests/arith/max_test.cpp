// Maximum and argmax of K numbers: exhaustive and random agreement (lowest index on ties), one
// depth for every width and K in both regimes, pinned sizes.
#include <doctest/doctest.h>

#include <random>

#include "arith/harness.hpp"
#include "tc0/arith/max.hpp"
#include "tc0/errors.hpp"

using namespace tc0;
using namespace tc0::test;

namespace {

circuit build_max(uint32_t k, uint32_t width, weight_regime r) {
  builder b;
  max_result m = maximum(b, input_buses(b, k, width), r);
  b.output("z", m.z);
  b.output("i", m.idx);
  return std::move(b).finish();
}

// Number of vectors whose maximum or its lowest index differs from the direct scan.
uint64_t count_wrong(const circuit& c, const std::vector<values>& in) {
  return mismatching_vectors(c, in, [](const values& xs) {
    size_t best = 0;
    for (size_t i = 1; i < xs.size(); ++i)
      if (xs[i] > xs[best]) best = i;
    return values{xs[best], mpz_class(static_cast<unsigned long>(best))};
  });
}

// Random operands with many ties and near-ties (equal values, one-bit differences, extremes).
std::vector<values> wide_vectors(uint32_t k, uint32_t width, uint64_t seed, int count) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::mt19937_64 pick(seed);
  const mpz_class max = (mpz_class(1) << width) - 1;
  std::vector<values> in{values(k, 0), values(k, max)};
  for (int i = 0; i < count; ++i) {
    const mpz_class base = rng.get_z_bits(width);
    values v;
    for (uint32_t j = 0; j < k; ++j) {
      mpz_class x = base;
      switch (pick() % 5) {
        case 0: break;
        case 1: mpz_combit(x.get_mpz_t(), pick() % width); break;
        case 2: x = rng.get_z_bits(width); break;
        case 3: x = pick() & 1 ? max : mpz_class(0); break;
        default: x = mpz_class(1) << static_cast<mp_bitcnt_t>(pick() % width); break;
      }
      v.push_back(x);
    }
    in.push_back(v);
  }
  return in;
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("max: exhaustive agreement with integer max and argmax / widths 1..6 / K = 1..4 / both regimes") {
  for_each_shape({1, 2, 3, 4}, {1, 2, 3, 4, 5, 6}, 16, 16, [](weight_regime r, uint32_t k, uint32_t width) {
    const circuit c = build_max(k, width, r);
    CHECK(c.outputs()[1].lits.size() == (k <= 2 ? 1u : 2u));
    CHECK(count_wrong(c, all_vectors(c)) == 0);
  });
}

TEST_CASE("max: random ties and corner cases against GMP / widths up to 256 / K up to 32 / both regimes") {
  for_each_shape({2, 5, 32}, {7, 64, 256}, 2048, 1024, [](weight_regime r, uint32_t k, uint32_t width) {
    CHECK(count_wrong(build_max(k, width, r), wide_vectors(k, width, k * 1000 + width, 60)) == 0);
  });
}

TEST_CASE("max: depth 4 in both regimes at widths 2..256 and K = 2..32") {
  for_each_shape({2, 3, 8, 32}, {2, 4, 8, 16, 32, 64, 128, 256}, 8192, 1024,
                 [](weight_regime r, uint32_t k, uint32_t width) {
                   const circuit_stats s = compute_stats(build_max(k, width, r));
                   CHECK(s.depth == 4);
                   if (r == weight_regime::majority) check_unit_weights(s);
                 });
}

TEST_CASE("max: exact gate counts at K = 4 B = 32") {
  CHECK(compute_stats(build_max(4, 32, weight_regime::exp)).gates == 196);
  CHECK(compute_stats(build_max(4, 32, weight_regime::majority)).gates == 736);
}

TEST_CASE("max: bad operands are refused") {
  builder b;
  std::vector<bits> xs{b.input("a", 3), b.input("b", 4)};
  CHECK_THROWS_WITH_AS(maximum(b, xs, weight_regime::exp), "max: operands must have the same width >= 1 (got 4 and 3 bits)",
                       input_error);
}
}
