// One-gate blocks and the thermometer blocks (and, or, maj, thr, parity, popcount): exhaustive and
// random agreement with plain integer references, constant depth, pinned sizes.
#include <doctest/doctest.h>

#include <bit>
#include <random>

#include "arith/harness.hpp"
#include "tc0/arith/count.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/errors.hpp"

using namespace tc0;
using namespace tc0::test;

namespace {


enum class block { and_, or_, maj, thr, parity, popcount };
constexpr block all_blocks[] = {block::and_, block::or_, block::maj, block::thr, block::parity, block::popcount};
const char* block_name(block k) {
  switch (k) {
    case block::and_: return "and";
    case block::or_: return "or";
    case block::maj: return "maj";
    case block::thr: return "thr";
    case block::parity: return "parity";
    case block::popcount: return "popcount";
  }
  return "?";
}

// Weights for thr at width B: a fixed pseudo-random mix of signs and sizes, threshold near the middle.
std::vector<int64_t> thr_weights(uint32_t width, uint64_t seed) {
  std::mt19937_64 rng(seed * 1000 + width);
  std::vector<int64_t> w;
  for (uint32_t i = 0; i < width; ++i) w.push_back(static_cast<int64_t>(rng() % 41) - 15);
  return w;
}
int64_t thr_threshold(const std::vector<int64_t>& w) {
  int64_t pos = 0;
  for (int64_t x : w) pos += x > 0 ? x : 0;
  return pos / 2 + 1;
}

circuit build(block k, uint32_t width, weight_regime r, uint64_t seed = 1) {
  builder b;
  bits x = b.input("x", width);
  switch (k) {
    case block::and_: b.output("z", and_all(b, x, r)); break;
    case block::or_: b.output("z", or_any(b, x, r)); break;
    case block::maj: b.output("z", majority(b, x, r)); break;
    case block::thr: {
      std::vector<int64_t> w = thr_weights(width, seed);
      b.output("z", threshold(b, x, w, thr_threshold(w), r));
      break;
    }
    case block::parity: b.output("z", parity(b, x, r)); break;
    case block::popcount: b.output("z", popcount(b, x, r)); break;
  }
  return std::move(b).finish();
}

// The reference, on the bus value as a GMP integer (no gate code involved).
mpz_class reference(block k, uint32_t width, const mpz_class& x, uint64_t seed = 1) {
  const uint64_t ones = mpz_popcount(x.get_mpz_t());
  switch (k) {
    case block::and_: return ones == width;
    case block::or_: return ones > 0;
    case block::maj: return ones >= width / 2 + 1;
    case block::thr: {
      std::vector<int64_t> w = thr_weights(width, seed);
      int64_t sum = 0;
      for (uint32_t i = 0; i < width; ++i)
        if (mpz_tstbit(x.get_mpz_t(), i)) sum += w[i];
      return sum >= thr_threshold(w);
    }
    case block::parity: return ones % 2;
    case block::popcount: return static_cast<unsigned long>(ones);
  }
  return 0;
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("blocks and/or/maj/thr/parity/popcount: exhaustive agreement with integer references / widths 1..12 / both regimes") {
  for (block k : all_blocks)
    for (weight_regime r : regimes)
      for (uint32_t width = 1; width <= 12; ++width) {
        CAPTURE(std::string(block_name(k)));
        CAPTURE(std::string(regime_name(r)));
        CAPTURE(width);
        circuit c = build(k, width, r);
        std::vector<values> in = all_vectors(c);
        std::vector<values> out = run(c, in);
        uint64_t bad = 0;
        for (size_t p = 0; p < in.size(); ++p) {
          // Plain integer reference: popcount of the machine word.
          const uint64_t x = in[p][0].get_ui();
          const int ones = std::popcount(x);
          uint64_t want = 0;
          switch (k) {
            case block::and_: want = x == (uint64_t{1} << width) - 1; break;
            case block::or_: want = x != 0; break;
            case block::maj: want = ones >= static_cast<int>(width / 2 + 1); break;
            case block::thr: want = reference(k, width, in[p][0]).get_ui(); break;
            case block::parity: want = ones & 1; break;
            case block::popcount: want = static_cast<uint64_t>(ones); break;
          }
          if (out[p][0] != want) ++bad;
        }
        CHECK(bad == 0);
      }
}

TEST_CASE("blocks and/or/maj/thr/parity/popcount: random and corner vectors agree with GMP up to 256 bits (seed 7)") {
  const uint64_t seed = 7;
  CAPTURE(seed);
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  for (block k : all_blocks)
    for (weight_regime r : regimes)
      for (uint32_t width : {13u, 31u, 64u, 100u, 256u}) {
        CAPTURE(std::string(block_name(k)));
        CAPTURE(std::string(regime_name(r)));
        CAPTURE(width);
        circuit c = build(k, width, r);
        std::vector<values> in;
        const mpz_class max = (mpz_class(1) << width) - 1;
        for (mpz_class v : {mpz_class(0), mpz_class(1), max, mpz_class(max - 1), mpz_class(max >> 1),
                            mpz_class(max ^ (mpz_class(1) << (width / 2)))})
          in.push_back({v});
        for (int i = 0; i < 60; ++i) in.push_back({rng.get_z_bits(width)});
        // Popcounts near the majority threshold and every popcount value for the counting blocks.
        for (uint32_t ones = 0; ones <= width; ones += (width > 64 ? 7 : 1)) {
          mpz_class v = 0;
          std::mt19937_64 pick(seed + ones);
          while (mpz_popcount(v.get_mpz_t()) < ones) mpz_setbit(v.get_mpz_t(), pick() % width);
          in.push_back({v});
        }
        std::vector<values> out = run(c, in);
        uint64_t bad = 0;
        for (size_t p = 0; p < in.size(); ++p)
          if (out[p][0] != reference(k, width, in[p][0])) ++bad;
        CHECK(bad == 0);
      }
}

TEST_CASE("blocks and/or/maj/thr: depth 1 / parity/popcount: depth 2 / at every width 4..256 in both regimes") {
  for (block k : all_blocks)
    for (weight_regime r : regimes)
      for (uint32_t width : {4u, 8u, 16u, 32u, 64u, 128u, 256u}) {
        CAPTURE(std::string(block_name(k)));
        CAPTURE(std::string(regime_name(r)));
        CAPTURE(width);
        circuit_stats s = compute_stats(build(k, width, r));
        const uint32_t want = k == block::parity || k == block::popcount ? 2 : 1;
        CHECK(s.depth == want);
        if (r == weight_regime::majority) check_unit_weights(s);
      }
}

TEST_CASE("blocks: gate and edge counts pinned at width 32") {
  struct pin {
    block k;
    weight_regime r;
    uint64_t gates, edges, weighted_edges;
  };
  const pin pins[] = {
      {block::and_, weight_regime::exp, 1, 32, 32},
      {block::or_, weight_regime::exp, 1, 32, 32},
      {block::maj, weight_regime::exp, 1, 32, 32},
      {block::thr, weight_regime::exp, 1, 31, 335},  // one weight of the mix is 0
      {block::thr, weight_regime::majority, 1, 335, 335},
      {block::parity, weight_regime::exp, 33, 1056, 1056},
      {block::parity, weight_regime::majority, 33, 1056, 1056},
      {block::popcount, weight_regime::exp, 37, 1086, 1086},  // bit 5 is the thermometer's y_32 itself
      {block::popcount, weight_regime::majority, 37, 1086, 1086},
  };
  for (const pin& p : pins) {
    CAPTURE(std::string(block_name(p.k)));
    CAPTURE(std::string(regime_name(p.r)));
    circuit_stats s = compute_stats(build(p.k, 32, p.r));
    CHECK(s.gates == p.gates);
    CHECK(s.edges == p.edges);
    CHECK(s.weighted_edges == p.weighted_edges);
  }
}

TEST_CASE("threshold: majority regime repeats wires and refuses more than 2^24 of them") {
  builder b;
  bits x = b.input("x", 3);
  std::vector<int64_t> w{3, -2, 1};
  lit g = threshold(b, x, w, 2, weight_regime::majority);  // [3 x0 + 2 !x1 + x2 >= 4]
  circuit c = std::move(b).finish();
  CHECK(c.kind(g.node()) == node_kind::maj);
  CHECK(c.fanin(g.node()).size() == 6);
  CHECK(c.threshold(g.node()) == 4);
  builder b2;
  bits y = b2.input("y", 2);
  std::vector<int64_t> big{int64_t{1} << 24, 3};
  CHECK_THROWS_WITH_AS(threshold(b2, y, big, (int64_t{1} << 24) + 1, weight_regime::majority),
                       "threshold: majority regime: the weights need 16777219 repeated wires, more than the limit 2^24",
                       input_error);
  std::vector<int64_t> one{1};
  CHECK_THROWS_WITH_AS(threshold(b2, y, one, 1, weight_regime::exp), "threshold: 1 weights for 2 inputs", input_error);
}
}
