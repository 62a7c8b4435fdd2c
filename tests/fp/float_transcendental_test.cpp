// Gate-level exp, 1/sqrt, sin, cos against the word-level soft float (fp::fexp, frsqrt, fsin,
// fcos): every pattern of small formats, random and special operands of the larger ones, the
// intermediate integers against the word-level traces, one depth per regime.
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "../../src/fp/float_stages.hpp"
#include "fp/float_harness.hpp"
#include "tc0/analysis/stats.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/float_transcendental.hpp"
#include "tc0/fp/transcendental.hpp"

using namespace tc0;
using namespace tc0::fp;
using namespace tc0::fp::test;

namespace {

// A two's-complement bus value as a signed integer.
mpz_class signed_value(const mpz_class& v, size_t width) {
  return mpz_tstbit(v.get_mpz_t(), width - 1) ? mpz_class(v - (mpz_class(1) << width)) : v;
}

// Simulates c on the patterns xs of f.
pattern_set simulate_all(const circuit& c, const float_format& f, const std::vector<mpz_class>& xs) {
  const uint32_t w = static_cast<uint32_t>(width(f));
  pattern_set in(w, xs.size());
  for (size_t i = 0; i < xs.size(); ++i) in.set_value(0, w, i, xs[i]);
  return simulate(c, in);
}

// A circuit with one input bus simulated on every pattern of f; its output buses read back by name.
struct every_pattern_run {
  std::vector<mpz_class> xs;
  circuit c;
  pattern_set out;

  every_pattern_run(circuit circ, const float_format& f)
      : xs(all_operands(f)), c(std::move(circ)), out(simulate_all(c, f, xs)) {}

  // The value of the output bus `name` at pattern i.
  mpz_class bus(std::string_view name, size_t i) const {
    uint32_t first = 0;
    for (const tc0::bus& b : c.outputs()) {
      const uint32_t w = static_cast<uint32_t>(b.lits.size());
      if (b.name == name) return out.get_value(first, w, i);
      first += w;
    }
    FAIL("no output bus " << name);
    return 0;
  }
};

// Every pattern of each format agrees with the soft float, in both regimes.
void check_every_pattern(const unary_block& op, const unary_ref& ref, std::initializer_list<float_format> formats) {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (float_format f : formats) {
      CAPTURE(to_string(f));
      CAPTURE(regime_name(r));
      CHECK(unary_mismatches(build_unary(op, f, r), f, ref, all_operands(f)) == 0);
    }
}

// 512 random and special operands of (11 5) and (8 8) agree with the soft float (exp regime).
void check_random_halves(const unary_block& op, const unary_ref& ref, uint64_t seed) {
  for (float_format f : {binary16, bfloat16}) {
    CAPTURE(to_string(f));
    CHECK(unary_mismatches(build_unary(op, f, weight_regime::exp), f, ref, random_operands(f, 512, seed)) == 0);
  }
}

// Each format has the one depth per regime.
void check_depth(const unary_block& op, std::initializer_list<float_format> formats, uint32_t exp_depth,
                 uint32_t majority_depth) {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (float_format f : formats) {
      CAPTURE(to_string(f));
      CAPTURE(regime_name(r));
      CHECK(compute_stats(build_unary(op, f, r)).depth == (r == weight_regime::exp ? exp_depth : majority_depth));
    }
}

// Every binary16 pattern and 512 random (16 8) ones agree, and (16 8) has the depth (exp regime).
void check_binary16_and_16_8(const unary_block& op, const unary_ref& ref, uint32_t depth, uint64_t seed) {
  const circuit c = build_unary(op, binary16, weight_regime::exp);
  CHECK(unary_mismatches(c, binary16, ref, all_operands(binary16)) == 0);
  const circuit d = build_unary(op, float_format{16, 8}, weight_regime::exp);
  CHECK(compute_stats(d).depth == depth);
  CHECK(unary_mismatches(d, float_format{16, 8}, ref, random_operands(float_format{16, 8}, 512, seed)) == 0);
}

}  // namespace

TEST_SUITE("fast") {

TEST_CASE("fexp gate level: every pattern agrees with the soft float for (3 3) (5 4) (8 5) in both regimes") {
  check_every_pattern(float_exp, fp::fexp, {float_format{3, 3}, float_format{5, 4}, float_format{8, 5}});
}

TEST_CASE("fexp gate level: random and special operands agree at (11 5) and (8 8)") {
  check_random_halves(float_exp, fp::fexp, 21);
}

TEST_CASE("fexp gate level: j and r and the table product equal the word-level trace for every pattern of (5 4) and (8 5)") {
  for (float_format f : {float_format{5, 4}, float_format{8, 5}}) {
    CAPTURE(to_string(f));
    builder b;
    const bits x = b.input("x", static_cast<uint32_t>(width(f)));
    stages::exp_buses s;
    b.output("z", stages::float_exp(b, f, x, weight_regime::exp, &s));
    b.output("j", s.j);
    b.output("r", s.r);
    b.output("product", s.product);
    const every_pattern_run run(std::move(b).finish(), f);
    uint64_t series = 0, bad = 0;
    for (size_t i = 0; i < run.xs.size(); ++i) {
      const exp_trace tr = trace_exp(f, run.xs[i]);
      if (std::string(tr.path) != "series") continue;
      ++series;
      const mpz_class j = signed_value(run.bus("j", i), s.j.size()), r = run.bus("r", i), prod = run.bus("product", i);
      if (j != tr.j || r != tr.r || prod != tr.product) {
        if (bad == 0) MESSAGE("x = " << run.xs[i] << ": j " << j << " / " << tr.j << ", r " << r << " / " << tr.r);
        ++bad;
      }
    }
    CHECK(series > run.xs.size() / 2);
    CHECK(bad == 0);
  }
}

TEST_CASE("fexp gate level: one depth for every format (exp 28 and majority 33)") {
  check_depth(float_exp, {float_format{3, 3}, float_format{4, 4}, float_format{5, 4}, float_format{8, 5}, float_format{6, 8}},
              28, 33);
}

TEST_CASE("fexp gate level: refuses exponents beyond 20 bits with the whole message") {
  builder b;
  const bits x = b.input("x", 32);
  CHECK_THROWS_WITH_AS(float_exp(b, float_format{8, 24}, x, weight_regime::exp), "fexp: gate-level exponents up to 20 bits, got 24",
                       input_error);
}

TEST_CASE("frsqrt gate level: every pattern agrees with the soft float for (3 3) (5 4) (8 5) in both regimes") {
  check_every_pattern(float_rsqrt, fp::frsqrt, {float_format{3, 3}, float_format{5, 4}, float_format{8, 5}});
}

TEST_CASE("frsqrt gate level: random and special operands agree at (11 5) and (8 8)") {
  check_random_halves(float_rsqrt, fp::frsqrt, 31);
}

TEST_CASE("frsqrt gate level: w and the table product equal the word-level trace for every pattern of (8 5)") {
  const float_format f{8, 5};
  builder b;
  const bits x = b.input("x", static_cast<uint32_t>(width(f)));
  stages::rsqrt_buses s;
  b.output("z", stages::float_rsqrt(b, f, x, weight_regime::exp, &s));
  b.output("w", s.w);
  b.output("product", s.product);
  const every_pattern_run run(std::move(b).finish(), f);
  uint64_t series = 0, bad = 0;
  for (size_t i = 0; i < run.xs.size(); ++i) {
    const rsqrt_trace tr = trace_rsqrt(f, run.xs[i]);
    if (std::string(tr.path) != "series") continue;
    ++series;
    const mpz_class w = run.bus("w", i), prod = run.bus("product", i);
    if (w != tr.w || prod != tr.product) {
      if (bad == 0) MESSAGE("x = " << run.xs[i] << ": w " << w << " / " << tr.w << ", product " << prod << " / " << tr.product);
      ++bad;
    }
  }
  CHECK(series > run.xs.size() / 3);
  CHECK(bad == 0);
}

TEST_CASE("frsqrt gate level: one depth for every format from p = 7 (exp 30 and majority 35)") {
  check_depth(float_rsqrt, {float_format{7, 4}, float_format{8, 5}, float_format{9, 3}}, 30, 35);
  for (float_format f : {binary16, bfloat16}) {
    CAPTURE(to_string(f));
    CHECK(compute_stats(build_unary(float_rsqrt, f, weight_regime::exp)).depth == 30u);
  }
  // p <= 6: the table's cells cover every fraction bit, W is a table lookup (3 / 4 layers less).
  CHECK(compute_stats(build_unary(float_rsqrt, float_format{5, 4}, weight_regime::exp)).depth == 27u);
  CHECK(compute_stats(build_unary(float_rsqrt, float_format{5, 4}, weight_regime::majority)).depth == 31u);
}

TEST_CASE("fsin and fcos gate level: every pattern agrees with the soft float for (3 3) and (6 4) (exp)") {
  for (float_format f : {float_format{3, 3}, float_format{6, 4}}) {
    CAPTURE(to_string(f));
    CHECK(unary_mismatches(build_unary(float_sin, f, weight_regime::exp), f, fp::fsin, all_operands(f)) == 0);
    CHECK(unary_mismatches(build_unary(float_cos, f, weight_regime::exp), f, fp::fcos, all_operands(f)) == 0);
  }
}

TEST_CASE("fsin gate level: v and the quadrant and the path equal the word-level trace for every pattern of (5 4)") {
  const float_format f{5, 4};
  builder b;
  const bits x = b.input("x", static_cast<uint32_t>(width(f)));
  stages::trig_buses s;
  b.output("z", stages::float_trig(b, f, x, false, weight_regime::exp, &s));
  b.output("v", s.v);
  b.output("q", s.quadrant);
  b.output("path_b", s.path_b);
  b.output("f_negative", s.f_negative);
  const every_pattern_run run(std::move(b).finish(), f);
  uint64_t paths[2] = {0, 0}, bad = 0;
  for (size_t i = 0; i < run.xs.size(); ++i) {
    const trig_trace tr = trace_trig(f, run.xs[i]);
    const std::string path = tr.path;
    if (path == "special") continue;
    ++paths[path == "B"];
    const mpz_class v = run.bus("v", i), q = run.bus("q", i), pb = run.bus("path_b", i), fneg = run.bus("f_negative", i);
    if (v != tr.v || q != tr.quadrant || pb != (path == "B" ? 1 : 0) || fneg != (tr.f_negative ? 1 : 0)) {
      if (bad == 0) MESSAGE("x = " << run.xs[i] << ": v " << v << " / " << tr.v << ", q " << q << " / " << tr.quadrant);
      ++bad;
    }
  }
  CHECK(paths[0] > 100);
  CHECK(paths[1] > 100);
  CHECK(bad == 0);
}

TEST_CASE("fsin and fcos gate level: one depth for every format (exp 37)") {
  for (float_format f : {float_format{3, 3}, float_format{4, 4}, float_format{5, 4}, float_format{4, 8}}) {
    CAPTURE(to_string(f));
    CHECK(compute_stats(build_unary(float_sin, f, weight_regime::exp)).depth == 37u);
    CHECK(compute_stats(build_unary(float_cos, f, weight_regime::exp)).depth == 37u);
  }
}

}  // TEST_SUITE("fast")

TEST_SUITE("slow") {

// Larger formats (binary32 and the majority regime beyond (8,5)): bench/float_blocks_sweep.py.

TEST_CASE("fexp gate level: every binary16 pattern and random (16 8) ones agree with the same depth" * doctest::skip()) {
  check_binary16_and_16_8(float_exp, fp::fexp, 28, 22);
}

TEST_CASE("frsqrt gate level: every binary16 pattern and random (16 8) ones agree with the same depth" * doctest::skip()) {
  check_binary16_and_16_8(float_rsqrt, fp::frsqrt, 30, 33);
}

TEST_CASE("fsin and fcos gate level: random (8 5) and (8 8) patterns agree (exp)" * doctest::skip()) {
  for (float_format f : {float_format{8, 5}, bfloat16}) {
    CAPTURE(to_string(f));
    const circuit s = build_unary(float_sin, f, weight_regime::exp), c = build_unary(float_cos, f, weight_regime::exp);
    CHECK(compute_stats(s).depth == 37u);
    CHECK(compute_stats(c).depth == 37u);
    const std::vector<mpz_class> xs = random_operands(f, 1024, 53);
    CHECK(unary_mismatches(s, f, fp::fsin, xs) == 0);
    CHECK(unary_mismatches(c, f, fp::fcos, xs) == 0);
  }
}

}  // TEST_SUITE("slow")
