// Gate-level float add / subtract against the word-level soft float (fadd, fsub): every operand
// pair for tiny formats, random and special operands for the standard ones, one depth per regime.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "fp/float_harness.hpp"
#include "tc0/analysis/stats.hpp"
#include "tc0/fp/arithmetic.hpp"
#include "tc0/fp/float_blocks.hpp"

using namespace tc0;
using namespace tc0::fp;
using namespace tc0::fp::test;

namespace {

circuit build_fadd(const float_format& f, bool subtract, weight_regime r) {
  return build_binary([subtract](builder& b, const float_format& g, const bits& x, const bits& y,
                                 weight_regime rr) { return float_add(b, g, x, y, subtract, rr); },
                      f, r);
}

// Operand pairs where the circuit differs from fp::fadd / fp::fsub.
uint64_t mismatches(const float_format& f, bool subtract, const circuit& c,
                    const std::vector<std::pair<mpz_class, mpz_class>>& pairs) {
  return binary_mismatches(c, f,
                           [subtract](const float_format& g, const mpz_class& x, const mpz_class& y) {
                             return subtract ? fsub(g, x, y) : fadd(g, x, y);
                           },
                           pairs);
}

// The harness's random pairs over the specials but for the ones just below 1 and the second NaN,
// with another quarter of b within 3 of a's exponent (cancellation and close alignment).
std::vector<std::pair<mpz_class, mpz_class>> random_add_pairs(const float_format& f, size_t count, uint64_t seed) {
  const mpz_class frac_mod = mpz_class(1) << (f.p - 1);
  const pair_variation near_exponent = [&f, &frac_mod](uint64_t kind, const mpz_class& a, mpz_class& b,
                                                       std::mt19937_64& pick) {
    if (kind != 1) return;  // b near a's exponent, random sign and fraction
    const mpz_class ea = (a >> (f.p - 1)) % (mpz_class(1) << f.e);
    mpz_class eb = ea + static_cast<long>(pick() % 7) - 3;
    if (eb < 0) eb = 0;
    if (eb >= (mpz_class(1) << f.e) - 1) eb = (mpz_class(1) << f.e) - 2;
    b = (mpz_class(static_cast<unsigned long>(pick() % 2)) << (width(f) - 1)) + (eb << (f.p - 1)) + (b % frac_mod);
  };
  return random_pairs(f, count, seed, special_operands(f, 8, 1), near_exponent);
}

}  // namespace

TEST_SUITE("fast") {

TEST_CASE("fadd and fsub gate level: every operand pair agrees with the soft float for tiny formats in both regimes") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (bool subtract : {false, true})
      for (float_format f : {float_format{2, 2}, float_format{3, 3}, float_format{4, 3}, float_format{5, 4}}) {
        CAPTURE(to_string(f));
        CAPTURE(subtract);
        CHECK(mismatches(f, subtract, build_fadd(f, subtract, r), all_pairs(f)) == 0);
      }
}

TEST_CASE("fadd and fsub gate level: random and special operands agree with the soft float at (8 8) (11 5) (24 8)") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (bool subtract : {false, true})
      for (float_format f : {bfloat16, binary16, binary32}) {
        CAPTURE(to_string(f));
        CAPTURE(subtract);
        if (r == weight_regime::majority && f.p > 8) continue;
        CHECK(mismatches(f, subtract, build_fadd(f, subtract, r), random_add_pairs(f, 20000, 11)) == 0);
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
