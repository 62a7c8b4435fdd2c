// Gate-level exp, 1/sqrt, sin, cos against the word-level soft float (fp::fexp, frsqrt, fsin,
// fcos): every pattern of small formats, random and special operands of the larger ones, the
// intermediate integers against the word-level traces, one depth per regime.
#include <doctest/doctest.h>

#include <string>
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

const unary_block exp_block = [](builder& b, const float_format& f, const bits& x, weight_regime r) {
  return float_exp(b, f, x, r);
};
const unary_ref exp_ref = [](const float_format& f, const mpz_class& x) { return fexp(f, x); };
const unary_block rsqrt_block = [](builder& b, const float_format& f, const bits& x, weight_regime r) {
  return float_rsqrt(b, f, x, r);
};
const unary_ref rsqrt_ref = [](const float_format& f, const mpz_class& x) { return frsqrt(f, x); };

const unary_block sin_block = [](builder& b, const float_format& f, const bits& x, weight_regime r) {
  return float_sin(b, f, x, r);
};
const unary_ref sin_ref = [](const float_format& f, const mpz_class& x) { return fsin(f, x); };
const unary_block cos_block = [](builder& b, const float_format& f, const bits& x, weight_regime r) {
  return float_cos(b, f, x, r);
};
const unary_ref cos_ref = [](const float_format& f, const mpz_class& x) { return fcos(f, x); };

// Simulates every pattern of f; calls check(i, outputs) for each.
pattern_set simulate_all(const circuit& c, const float_format& f, const std::vector<mpz_class>& xs) {
  const uint32_t w = static_cast<uint32_t>(width(f));
  pattern_set in(w, xs.size());
  for (size_t i = 0; i < xs.size(); ++i) in.set_value(0, w, i, xs[i]);
  return simulate(c, in);
}

}  // namespace

TEST_SUITE("fast") {

TEST_CASE("fexp gate level: every pattern agrees with the soft float for (3 3) (5 4) (8 5) in both regimes") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (float_format f : {float_format{3, 3}, float_format{5, 4}, float_format{8, 5}}) {
      CAPTURE(to_string(f));
      CAPTURE(regime_name(r));
      CHECK(unary_mismatches(build_unary(exp_block, f, r), f, exp_ref, all_operands(f)) == 0);
    }
}

TEST_CASE("fexp gate level: random and special operands agree at (11 5) and (8 8)") {
  for (float_format f : {binary16, bfloat16}) {
    CAPTURE(to_string(f));
    CHECK(unary_mismatches(build_unary(exp_block, f, weight_regime::exp), f, exp_ref, random_operands(f, 512, 21)) == 0);
  }
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
    const circuit c = std::move(b).finish();
    const std::vector<mpz_class> xs = all_operands(f);
    pattern_set in(static_cast<uint32_t>(width(f)), xs.size());
    for (size_t i = 0; i < xs.size(); ++i) in.set_value(0, static_cast<uint32_t>(width(f)), i, xs[i]);
    const pattern_set out = simulate(c, in);
    uint32_t at = static_cast<uint32_t>(width(f));
    const uint32_t jo = at, ro = jo + static_cast<uint32_t>(s.j.size()), po = ro + static_cast<uint32_t>(s.r.size());
    uint64_t series = 0, bad = 0;
    for (size_t i = 0; i < xs.size(); ++i) {
      const exp_trace tr = trace_exp(f, xs[i]);
      if (std::string(tr.path) != "series") continue;
      ++series;
      const mpz_class j = signed_value(out.get_value(jo, static_cast<uint32_t>(s.j.size()), i), s.j.size());
      const mpz_class r = out.get_value(ro, static_cast<uint32_t>(s.r.size()), i);
      const mpz_class prod = out.get_value(po, static_cast<uint32_t>(s.product.size()), i);
      if (j != tr.j || r != tr.r || prod != tr.product) {
        if (bad == 0) MESSAGE("x = " << xs[i] << ": j " << j << " / " << tr.j << ", r " << r << " / " << tr.r);
        ++bad;
      }
    }
    CHECK(series > xs.size() / 2);
    CHECK(bad == 0);
  }
}

TEST_CASE("fexp gate level: one depth for every format (exp 28 and majority 33)") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (float_format f : {float_format{3, 3}, float_format{4, 4}, float_format{5, 4}, float_format{8, 5}, float_format{6, 8}}) {
      CAPTURE(to_string(f));
      CAPTURE(regime_name(r));
      CHECK(compute_stats(build_unary(exp_block, f, r)).depth == (r == weight_regime::exp ? 28u : 33u));
    }
}

TEST_CASE("fexp gate level: refuses exponents beyond 20 bits with the whole message") {
  builder b;
  const bits x = b.input("x", 32);
  CHECK_THROWS_WITH_AS(float_exp(b, float_format{8, 24}, x, weight_regime::exp), "fexp: gate-level exponents up to 20 bits, got 24",
                       input_error);
}

TEST_CASE("frsqrt gate level: every pattern agrees with the soft float for (3 3) (5 4) (8 5) in both regimes") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (float_format f : {float_format{3, 3}, float_format{5, 4}, float_format{8, 5}}) {
      CAPTURE(to_string(f));
      CAPTURE(regime_name(r));
      CHECK(unary_mismatches(build_unary(rsqrt_block, f, r), f, rsqrt_ref, all_operands(f)) == 0);
    }
}

TEST_CASE("frsqrt gate level: random and special operands agree at (11 5) and (8 8)") {
  for (float_format f : {binary16, bfloat16}) {
    CAPTURE(to_string(f));
    CHECK(unary_mismatches(build_unary(rsqrt_block, f, weight_regime::exp), f, rsqrt_ref, random_operands(f, 512, 31)) == 0);
  }
}

TEST_CASE("frsqrt gate level: w and the table product equal the word-level trace for every pattern of (8 5)") {
  const float_format f{8, 5};
  builder b;
  const bits x = b.input("x", static_cast<uint32_t>(width(f)));
  stages::rsqrt_buses s;
  b.output("z", stages::float_rsqrt(b, f, x, weight_regime::exp, &s));
  b.output("w", s.w);
  b.output("product", s.product);
  const circuit c = std::move(b).finish();
  const std::vector<mpz_class> xs = all_operands(f);
  const pattern_set out = simulate_all(c, f, xs);
  const uint32_t wo = static_cast<uint32_t>(width(f)), po = wo + static_cast<uint32_t>(s.w.size());
  uint64_t series = 0, bad = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    const rsqrt_trace tr = trace_rsqrt(f, xs[i]);
    if (std::string(tr.path) != "series") continue;
    ++series;
    const mpz_class w = out.get_value(wo, static_cast<uint32_t>(s.w.size()), i);
    const mpz_class prod = out.get_value(po, static_cast<uint32_t>(s.product.size()), i);
    if (w != tr.w || prod != tr.product) {
      if (bad == 0) MESSAGE("x = " << xs[i] << ": w " << w << " / " << tr.w << ", product " << prod << " / " << tr.product);
      ++bad;
    }
  }
  CHECK(series > xs.size() / 3);
  CHECK(bad == 0);
}

TEST_CASE("frsqrt gate level: one depth for every format from p = 7 (exp 30 and majority 35)") {
  for (weight_regime r : {weight_regime::exp, weight_regime::majority})
    for (float_format f : {float_format{7, 4}, float_format{8, 5}, float_format{9, 3}}) {
      CAPTURE(to_string(f));
      CAPTURE(regime_name(r));
      CHECK(compute_stats(build_unary(rsqrt_block, f, r)).depth == (r == weight_regime::exp ? 30u : 35u));
    }
  for (float_format f : {binary16, bfloat16}) {
    CAPTURE(to_string(f));
    CHECK(compute_stats(build_unary(rsqrt_block, f, weight_regime::exp)).depth == 30u);
  }
  // p <= 6: the table's cells cover every fraction bit, W is a table lookup (3 / 4 layers less).
  CHECK(compute_stats(build_unary(rsqrt_block, float_format{5, 4}, weight_regime::exp)).depth == 27u);
  CHECK(compute_stats(build_unary(rsqrt_block, float_format{5, 4}, weight_regime::majority)).depth == 31u);
}

TEST_CASE("fsin and fcos gate level: every pattern agrees with the soft float for (3 3) and (6 4) (exp)") {
  for (float_format f : {float_format{3, 3}, float_format{6, 4}}) {
    CAPTURE(to_string(f));
    CHECK(unary_mismatches(build_unary(sin_block, f, weight_regime::exp), f, sin_ref, all_operands(f)) == 0);
    CHECK(unary_mismatches(build_unary(cos_block, f, weight_regime::exp), f, cos_ref, all_operands(f)) == 0);
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
  const circuit c = std::move(b).finish();
  const std::vector<mpz_class> xs = all_operands(f);
  const pattern_set out = simulate_all(c, f, xs);
  const uint32_t vo = static_cast<uint32_t>(width(f)), qo = vo + static_cast<uint32_t>(s.v.size());
  uint64_t paths[2] = {0, 0}, bad = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    const trig_trace tr = trace_trig(f, xs[i]);
    const std::string path = tr.path;
    if (path == "special") continue;
    ++paths[path == "B"];
    const mpz_class v = out.get_value(vo, static_cast<uint32_t>(s.v.size()), i);
    const mpz_class q = out.get_value(qo, 2, i), pb = out.get_value(qo + 2, 1, i), fneg = out.get_value(qo + 3, 1, i);
    if (v != tr.v || q != tr.quadrant || pb != (path == "B" ? 1 : 0) || fneg != (tr.f_negative ? 1 : 0)) {
      if (bad == 0) MESSAGE("x = " << xs[i] << ": v " << v << " / " << tr.v << ", q " << q << " / " << tr.quadrant);
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
    CHECK(compute_stats(build_unary(sin_block, f, weight_regime::exp)).depth == 37u);
    CHECK(compute_stats(build_unary(cos_block, f, weight_regime::exp)).depth == 37u);
  }
}

}  // TEST_SUITE("fast")

TEST_SUITE("slow") {

// Larger formats (binary32 and the majority regime beyond (8,5)): bench/float_blocks_sweep.py.

TEST_CASE("fexp gate level: every binary16 pattern and random (16 8) ones agree with the same depth" * doctest::skip()) {
  const circuit c = build_unary(exp_block, binary16, weight_regime::exp);
  CHECK(unary_mismatches(c, binary16, exp_ref, all_operands(binary16)) == 0);
  const circuit d = build_unary(exp_block, float_format{16, 8}, weight_regime::exp);
  CHECK(compute_stats(d).depth == 28u);
  CHECK(unary_mismatches(d, float_format{16, 8}, exp_ref, random_operands(float_format{16, 8}, 512, 22)) == 0);
}

TEST_CASE("frsqrt gate level: every binary16 pattern and random (16 8) ones agree with the same depth" * doctest::skip()) {
  const circuit c = build_unary(rsqrt_block, binary16, weight_regime::exp);
  CHECK(unary_mismatches(c, binary16, rsqrt_ref, all_operands(binary16)) == 0);
  const circuit d = build_unary(rsqrt_block, float_format{16, 8}, weight_regime::exp);
  CHECK(compute_stats(d).depth == 30u);
  CHECK(unary_mismatches(d, float_format{16, 8}, rsqrt_ref, random_operands(float_format{16, 8}, 512, 33)) == 0);
}

TEST_CASE("fsin and fcos gate level: random (8 5) and (8 8) patterns agree (exp)" * doctest::skip()) {
  for (float_format f : {float_format{8, 5}, bfloat16}) {
    CAPTURE(to_string(f));
    const circuit s = build_unary(sin_block, f, weight_regime::exp), c = build_unary(cos_block, f, weight_regime::exp);
    CHECK(compute_stats(s).depth == 37u);
    CHECK(compute_stats(c).depth == 37u);
    const std::vector<mpz_class> xs = random_operands(f, 1024, 53);
    CHECK(unary_mismatches(s, f, sin_ref, xs) == 0);
    CHECK(unary_mismatches(c, f, cos_ref, xs) == 0);
  }
}

}  // TEST_SUITE("slow")
