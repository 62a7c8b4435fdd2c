// Gate-level float add / subtract against the word-level soft float (fadd, fsub): every operand
// pair for tiny formats, random and special operands for the standard ones, one depth per regime.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "tc0/analysis/stats.hpp"
#include "tc0/fp/arithmetic.hpp"
#include "tc0/fp/float_blocks.hpp"
#include "tc0/fp/format.hpp"
#include "tc0/sim/simulator.hpp"

using namespace tc0;
using namespace tc0::fp;

namespace {

circuit build_fadd(const float_format& f, bool subtract, weight_regime r) {
  builder b;
  const bits x = b.input("x", width(f)), y = b.input("y", width(f));
  b.output("z", float_add(b, f, x, y, subtract, r));
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
    v.push_back(max_finite(f, neg) - 1);
  }
  v.push_back(quiet_nan(f));
  return v;
}

// Number of operand pairs where the circuit differs from fp::fadd / fp::fsub.
uint64_t mismatches(const float_format& f, bool subtract, const circuit& c,
                    const std::vector<std::pair<mpz_class, mpz_class>>& pairs) {
  const uint32_t w = static_cast<uint32_t>(width(f));
  pattern_set in(2 * w, pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) {
    in.set_value(0, w, i, pairs[i].first);
    in.set_value(w, w, i, pairs[i].second);
  }
  const pattern_set out = simulate(c, in);
  uint64_t bad = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const mpz_class want = subtract ? fsub(f, pairs[i].first, pairs[i].second) : fadd(f, pairs[i].first, pairs[i].second);
    const mpz_class got = out.get_value(0, w, i);
    if (got != want) {
      if (bad == 0)
        MESSAGE("first mismatch " << to_string(f) << ": " << pairs[i].first << (subtract ? " - " : " + ")
                                  << pairs[i].second << " want " << want << " got " << got);
      ++bad;
    }
  }
  return bad;
}

// Specials against specials, then random pairs: a quarter with a special second operand, a
// quarter with exponents within 3 of each other (cancellation and close alignment).
std::vector<std::pair<mpz_class, mpz_class>> random_pairs(const float_format& f, size_t count, uint64_t seed) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::mt19937_64 pick(seed);
  const std::vector<mpz_class> sp = specials(f);
  std::vector<std::pair<mpz_class, mpz_class>> pairs;
  for (const mpz_class& a : sp)
    for (const mpz_class& b : sp) pairs.emplace_back(a, b);
  const mpz_class frac_mod = mpz_class(1) << (f.p - 1);
  while (pairs.size() < count) {
    mpz_class a = rng.get_z_bits(width(f)), b = rng.get_z_bits(width(f));
    const uint64_t kind = pick() % 4;
    if (kind == 0) b = sp[pick() % sp.size()];
    if (kind == 1) {  // b near a's exponent, random sign and fraction
      const mpz_class ea = (a >> (f.p - 1)) % (mpz_class(1) << f.e);
      mpz_class eb = ea + static_cast<long>(pick() % 7) - 3;
      if (eb < 0) eb = 0;
      if (eb >= (mpz_class(1) << f.e) - 1) eb = (mpz_class(1) << f.e) - 2;
      b = (mpz_class(static_cast<unsigned long>(pick() % 2)) << (width(f) - 1)) + (eb << (f.p - 1)) + (b % frac_mod);
    }
    pairs.emplace_back(a, b);
  }
  return pairs;
}

}  // namespace

TEST_SUITE("fast") {

TEST_CASE("fadd and fsub gate level: every operand pair agrees with the soft float for tiny formats in both regimes") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (bool subtract : {false, true})
      for (float_format f : {float_format{2, 2}, float_format{3, 3}, float_format{4, 3}, float_format{5, 4}}) {
        CAPTURE(to_string(f));
        CAPTURE(subtract);
        const circuit c = build_fadd(f, subtract, r);
        const uint64_t n = uint64_t{1} << width(f);
        std::vector<std::pair<mpz_class, mpz_class>> pairs;
        for (uint64_t a = 0; a < n; ++a)
          for (uint64_t b = 0; b < n; ++b)
            pairs.emplace_back(mpz_class(static_cast<unsigned long>(a)), mpz_class(static_cast<unsigned long>(b)));
        CHECK(mismatches(f, subtract, c, pairs) == 0);
      }
}

TEST_CASE("fadd and fsub gate level: random and special operands agree with the soft float at (8 8) (11 5) (24 8)") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (bool subtract : {false, true})
      for (float_format f : {bfloat16, binary16, binary32}) {
        CAPTURE(to_string(f));
        CAPTURE(subtract);
        if (r == weight_regime::majority && f.p > 8) continue;
        CHECK(mismatches(f, subtract, build_fadd(f, subtract, r), random_pairs(f, 20000, 11)) == 0);
      }
}

TEST_CASE("fadd gate level: one depth for every format (exp 26 and majority 30)") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority}) {
    const uint32_t d = compute_stats(build_fadd(float_format{8, 8}, false, r)).depth;
    const circuit_stats s = compute_stats(build_fadd(binary32, false, r));
    MESSAGE("fadd " << std::string(r == weight_regime::exp ? "exp" : "majority") << " depth " << d << " (24 8): "
                    << s.gates << " gates " << s.edges << " edges");
    CHECK(d == (r == weight_regime::exp ? 26u : 30u));
    for (float_format f : {float_format{4, 4}, float_format{11, 5}, float_format{16, 8}, float_format{24, 8}, float_format{11, 11}}) {
      CAPTURE(to_string(f));
      CHECK(compute_stats(build_fadd(f, false, r)).depth == d);
    }
    CHECK(compute_stats(build_fadd(float_format{8, 8}, true, r)).depth == d);
  }
}

}  // TEST_SUITE("fast")
