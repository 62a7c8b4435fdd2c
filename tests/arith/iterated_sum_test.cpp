// Iterated sums: exhaustive and random agreement with integer / GMP sums, one depth for every
// width and operand count in both regimes, unit weights in the majority regime, pinned sizes.
#include <doctest/doctest.h>

#include <random>

#include "arith/harness.hpp"
#include "tc0/arith/iterated_sum.hpp"
#include "tc0/errors.hpp"

using namespace tc0;
using namespace tc0::test;

namespace {

circuit build_sum(uint32_t k, uint32_t width, weight_regime r) {
  builder b;
  b.output("z", sum(b, input_buses(b, k, width), r));
  return std::move(b).finish();
}

// Number of vectors whose output differs from the GMP sum.
uint64_t count_wrong(const circuit& c, const std::vector<values>& in) {
  return mismatching_vectors(c, in, [](const values& xs) {
    mpz_class s = 0;
    for (const mpz_class& x : xs) s += x;
    return values{s};
  });
}

// Corner cases (all zero, all ones, one, powers of two, mixtures) and random operands.
std::vector<values> wide_vectors(uint32_t k, uint32_t width, uint64_t seed, int count) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::mt19937_64 pick(seed);
  const mpz_class max = (mpz_class(1) << width) - 1;
  std::vector<values> in = {values(k, 0), values(k, max), values(k, 1)};
  for (uint32_t i = 0; i < k; ++i) {
    values v(k, 0);
    v[i] = max;
    in.push_back(v);
  }
  for (int i = 0; i < count; ++i) {
    values v;
    for (uint32_t j = 0; j < k; ++j) {
      switch ((i + j) % 5) {
        case 0: v.push_back(mpz_class(1) << static_cast<mp_bitcnt_t>(pick() % width)); break;
        case 1: v.push_back(max); break;
        case 2: v.push_back(max >> static_cast<mp_bitcnt_t>(pick() % width)); break;
        default: v.push_back(rng.get_z_bits(width)); break;
      }
    }
    in.push_back(v);
  }
  return in;
}

void random_sweep(uint32_t max_exp, uint32_t max_majority) {
  for_each_shape({2, 3, 5, 16, 32}, {7, 16, 33, 64, 256}, max_exp, max_majority,
                 [](weight_regime r, uint32_t k, uint32_t width) {
                   CHECK(count_wrong(build_sum(k, width, r), wide_vectors(k, width, 1000 * k + width, 40)) == 0);
                 });
}

void depth_sweep(uint32_t max_exp, uint32_t max_majority) {
  for_each_shape({2, 3, 4, 7, 16, 32}, {4, 8, 16, 32, 64, 128, 256}, max_exp, max_majority,
                 [](weight_regime r, uint32_t k, uint32_t width) {
                   const circuit_stats s = compute_stats(build_sum(k, width, r));
                   CHECK(s.depth == (r == weight_regime::exp ? 3u : 4u));
                   if (r == weight_regime::majority)
                     check_unit_weights(s);
                   else
                     CHECK(s.max_abs_weight < (int64_t{1} << 30));
                 });
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("sum: exhaustive agreement with integer sums / widths 1..6 / K = 2..3 / both regimes") {
  for_each_shape({2, 3}, {1, 2, 3, 4, 5, 6}, 16, 16, [](weight_regime r, uint32_t k, uint32_t width) {
    const circuit c = build_sum(k, width, r);
    CHECK(count_wrong(c, all_vectors(c)) == 0);
  });
}


TEST_CASE("sum: random and corner cases against GMP / widths up to 256 / K up to 32 / both regimes") {
  random_sweep(1024, 256);
}
}

TEST_SUITE("fast") {

TEST_CASE("sum: depth exp 3 and majority 4 at every width 4..256 and K = 2..32") { depth_sweep(2048, 512); }

TEST_CASE("sum: exact gate counts at K = 16 B = 16 / exp 547 and majority 1059") {
  CHECK(compute_stats(build_sum(16, 16, weight_regime::exp)).gates == 547);
  CHECK(compute_stats(build_sum(16, 16, weight_regime::majority)).gates == 1059);
}

TEST_CASE("sum: weighted terms with arbitrary weights and repeated literals match GMP") {
  for (weight_regime r : regimes) {
    CAPTURE(std::string(regime_name(r)));
    builder b;
    bits x = b.input("x", 10);
    std::vector<weighted_term> terms;
    const mpz_class big("123456789012345678901");
    for (uint32_t i = 0; i < 10; ++i) {
      terms.push_back({x[i], mpz_class(big * (i + 1))});
      terms.push_back({x[(i * 3) % 10], mpz_class(mpz_class(7) << (5 * i))});
      terms.push_back({!x[i], mpz_class(i + 2)});
    }
    terms.push_back({lit_true, mpz_class(5)});
    terms.push_back({lit_false, mpz_class(9)});
    const uint32_t out_width = 80;
    b.output("z", weighted_sum(b, terms, out_width, r));
    circuit c = std::move(b).finish();
    std::vector<values> in;
    for (unsigned long v = 0; v < 1024; ++v) in.push_back({mpz_class(v)});
    std::vector<values> out = run(c, in);
    uint64_t bad = 0;
    for (unsigned long v = 0; v < 1024; ++v) {
      mpz_class s = 0;
      for (const weighted_term& t : terms) {
        bool on = t.l == lit_true ? true : t.l == lit_false ? false : (((v >> (t.l.node() - 1)) & 1) != t.l.complemented());
        if (on) s += t.weight;
      }
      s &= (mpz_class(1) << out_width) - 1;
      if (out[v][0] != s) ++bad;
    }
    CHECK(bad == 0);
  }
}

TEST_CASE("sum: bad operands are refused") {
  builder b;
  std::vector<bits> xs{b.input("a", 3), b.input("b", 4)};
  CHECK_THROWS_WITH_AS(sum(b, xs, weight_regime::exp), "sum: operands must have the same width >= 1 (got 4 and 3 bits)",
                       input_error);
  CHECK_THROWS_WITH_AS(sum(b, std::vector<bits>{}, weight_regime::exp), "sum: needs at least one operand", input_error);
}
}

TEST_SUITE("slow") {
TEST_CASE("sum: full sweeps / random against GMP and depth up to K = 32 B = 256") {
  random_sweep(32 * 256, 32 * 64);
  depth_sweep(32 * 256, 32 * 64);
}

TEST_CASE("sum: 1024-bit operands / depth and GMP agreement / both regimes" * doctest::skip()) {
  for (weight_regime r : regimes)
    for (uint32_t k : {2u, 3u}) {
      if (r == weight_regime::majority && k > 2) continue;
      CAPTURE(std::string(regime_name(r)));
      CAPTURE(k);
      circuit c = build_sum(k, 1024, r);
      CHECK(depth_of(c) == (r == weight_regime::exp ? 3u : 4u));
      CHECK(count_wrong(c, wide_vectors(k, 1024, 77 + k, 30)) == 0);
    }
  circuit c = build_sum(8, 1024, weight_regime::exp);
  CHECK(depth_of(c) == 3);
  CHECK(count_wrong(c, wide_vectors(8, 1024, 5, 10)) == 0);
}
}
