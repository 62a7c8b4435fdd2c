// Gate-level float blocks against the word-level soft float: every operand pair for tiny formats,
// random and special operands for the standard ones, one depth for every format.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "tc0/analysis/stats.hpp"
#include "tc0/fp/arithmetic.hpp"
#include "tc0/fp/float_blocks.hpp"
#include "tc0/fp/format.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/gen/verify.hpp"
#include "tc0/sim/simulator.hpp"

using namespace tc0;
using namespace tc0::fp;

namespace {

circuit build_fmul(const float_format& f, weight_regime r) {
  builder b;
  const bits x = b.input("x", width(f)), y = b.input("y", width(f));
  b.output("z", float_multiply(b, f, x, y, r));
  return std::move(b).finish();
}

// Special and boundary patterns of a format: zeros, subnormals, normals near 1, max, inf, NaN.
std::vector<mpz_class> specials(const float_format& f) {
  std::vector<mpz_class> v;
  for (bool neg : {false, true}) {
    v.push_back(zero(f, neg));
    v.push_back(min_subnormal(f, neg));
    v.push_back(min_normal(f, neg));
    v.push_back(max_finite(f, neg));
    v.push_back(infinity(f, neg));
    v.push_back(one(f, neg));
    v.push_back(min_normal(f, neg) - 1);  // largest subnormal
  }
  v.push_back(quiet_nan(f));
  return v;
}

// Number of operand pairs where the circuit differs from fp::fmul.
uint64_t mismatches(const float_format& f, const circuit& c, const std::vector<std::pair<mpz_class, mpz_class>>& pairs) {
  const uint32_t w = static_cast<uint32_t>(width(f));
  pattern_set in(2 * w, pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) {
    in.set_value(0, w, i, pairs[i].first);
    in.set_value(w, w, i, pairs[i].second);
  }
  const pattern_set out = simulate(c, in);
  uint64_t bad = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const mpz_class want = fmul(f, pairs[i].first, pairs[i].second);
    const mpz_class got = out.get_value(0, w, i);
    if (got != want) {
      if (bad == 0) MESSAGE("first mismatch " << to_string(f) << ": " << pairs[i].first << " * " << pairs[i].second
                                              << " want " << want << " got " << got);
      ++bad;
    }
  }
  return bad;
}

std::vector<std::pair<mpz_class, mpz_class>> random_pairs(const float_format& f, size_t count, uint64_t seed) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::mt19937_64 pick(seed);
  const std::vector<mpz_class> sp = specials(f);
  std::vector<std::pair<mpz_class, mpz_class>> pairs;
  for (const mpz_class& a : sp)
    for (const mpz_class& b : sp) pairs.emplace_back(a, b);
  while (pairs.size() < count) {
    mpz_class a = rng.get_z_bits(width(f)), b = rng.get_z_bits(width(f));
    if (pick() % 4 == 0) b = sp[pick() % sp.size()];
    pairs.emplace_back(a, b);
  }
  return pairs;
}

}  // namespace

TEST_SUITE("fast") {

TEST_CASE("fmul gate level: every operand pair agrees with the soft float for tiny formats in both regimes") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (float_format f : {float_format{2, 2}, float_format{3, 3}, float_format{4, 3}, float_format{5, 4}}) {
      CAPTURE(to_string(f));
      const circuit c = build_fmul(f, r);
      const uint64_t n = uint64_t{1} << width(f);
      std::vector<std::pair<mpz_class, mpz_class>> pairs;
      for (uint64_t a = 0; a < n; ++a)
        for (uint64_t b = 0; b < n; ++b) pairs.emplace_back(mpz_class(static_cast<unsigned long>(a)), mpz_class(static_cast<unsigned long>(b)));
      CHECK(mismatches(f, c, pairs) == 0);
    }
}

TEST_CASE("fmul gate level: random and special operands agree with the soft float at (8 8) (11 5) (24 8)") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (float_format f : {bfloat16, binary16, binary32}) {
      CAPTURE(to_string(f));
      if (r == weight_regime::majority && f.p > 11) continue;
      CHECK(mismatches(f, build_fmul(f, r), random_pairs(f, 20000, 7)) == 0);
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
    CHECK(mismatches(f, c, random_pairs(f, 100000, 8)) == 0);
  }
}

}  // TEST_SUITE("slow")
