// Gate-level fsum / fdot / fdot with constants against the word-level fp::fsum / fp::fdot: every
// operand pair of tiny formats, random and special vectors of the standard ones, both accumulation
// modes and both weight regimes, and depths that do not grow with k or p.
#include <doctest/doctest.h>

#include <functional>
#include <random>
#include <string>
#include <vector>

#include "float_harness.hpp"
#include "tc0/analysis/stats.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/float_sum.hpp"
#include "tc0/fp/format.hpp"
#include "tc0/fp/sum.hpp"
#include "tc0/sim/simulator.hpp"

using namespace tc0;
using namespace tc0::fp;

namespace {

const char* mode_name(accumulation m) { return m == accumulation::exact ? "exact" : "window"; }

// A float vector operation under test: the circuit's operands are `vars` buses of p + e bits.
struct op_case {
  circuit c;
  size_t vars = 0;
  std::function<mpz_class(const std::vector<mpz_class>&)> want;
};

op_case sum_case(const float_format& f, size_t k, accumulation m, weight_regime r) {
  builder b;
  std::vector<bits> xs;
  for (size_t i = 0; i < k; ++i) xs.push_back(b.input("x" + std::to_string(i), width(f)));
  b.output("z", float_sum(b, f, xs, m, r));
  return {std::move(b).finish(), k, [f, m](const std::vector<mpz_class>& v) { return fsum(f, v, m); }};
}

op_case dot_case(const float_format& f, size_t k, accumulation m, weight_regime r) {
  builder b;
  std::vector<bits> xs, ys;
  for (size_t i = 0; i < k; ++i) xs.push_back(b.input("x" + std::to_string(i), width(f)));
  for (size_t i = 0; i < k; ++i) ys.push_back(b.input("y" + std::to_string(i), width(f)));
  b.output("z", float_dot(b, f, xs, ys, m, r));
  return {std::move(b).finish(), 2 * k, [f, m, k](const std::vector<mpz_class>& v) {
            return fdot(f, std::span(v).first(k), std::span(v).subspan(k), m);
          }};
}

op_case dot_const_case(const float_format& f, const std::vector<mpz_class>& cs, const mpz_class* bias, accumulation m,
                       weight_regime r) {
  builder b;
  std::vector<bits> xs;
  for (size_t i = 0; i < cs.size(); ++i) xs.push_back(b.input("x" + std::to_string(i), width(f)));
  b.output("z", bias ? float_dot_const(b, f, xs, cs, *bias, m, r) : float_dot_const(b, f, xs, cs, m, r));
  std::vector<mpz_class> ys = cs;
  if (bias) ys.push_back(*bias);
  return {std::move(b).finish(), cs.size(), [f, m, ys, bias](const std::vector<mpz_class>& v) {
            std::vector<mpz_class> xs = v;
            if (bias) xs.push_back(one(f));
            return fdot(f, xs, ys, m);
          }};
}

op_case dot3_case(const float_format& f, size_t k, accumulation m, weight_regime r) {
  builder b;
  std::vector<bits> xs, ys, zs;
  for (size_t i = 0; i < k; ++i) xs.push_back(b.input("x" + std::to_string(i), width(f)));
  for (size_t i = 0; i < k; ++i) ys.push_back(b.input("y" + std::to_string(i), width(f)));
  for (size_t i = 0; i < k; ++i) zs.push_back(b.input("z" + std::to_string(i), width(f)));
  b.output("z", float_dot3(b, f, xs, ys, zs, m, r));
  return {std::move(b).finish(), 3 * k, [f, m, k](const std::vector<mpz_class>& v) {
            return fdot3(f, std::span(v).first(k), std::span(v).subspan(k, k), std::span(v).subspan(2 * k), m);
          }};
}

// Mismatches of the circuit against the word level over the operand vectors.
uint64_t mismatches(const float_format& f, const op_case& oc, const std::vector<std::vector<mpz_class>>& vecs,
                    const std::string& what) {
  const uint32_t w = static_cast<uint32_t>(width(f));
  pattern_set in(static_cast<uint32_t>(oc.vars) * w, vecs.size());
  for (size_t q = 0; q < vecs.size(); ++q)
    for (size_t i = 0; i < oc.vars; ++i) in.set_value(static_cast<uint32_t>(i) * w, w, q, vecs[q][i]);
  const pattern_set out = simulate(oc.c, in);
  uint64_t bad = 0;
  for (size_t q = 0; q < vecs.size(); ++q) {
    const mpz_class want = oc.want(vecs[q]), got = out.get_value(0, w, q);
    if (got != want) {
      if (bad == 0) {
        std::string ops;
        for (const mpz_class& x : vecs[q]) ops += x.get_str(16) + " ";
        MESSAGE("first mismatch " << what << " " << to_string(f) << ": [ " << ops << "] want " << want.get_str(16)
                                  << " got " << got.get_str(16));
      }
      ++bad;
    }
  }
  return bad;
}

// Every vector of `vars` operands of a tiny format.
std::vector<std::vector<mpz_class>> all_vectors(const float_format& f, size_t vars) {
  const uint64_t n = uint64_t{1} << width(f);
  uint64_t total = 1;
  for (size_t i = 0; i < vars; ++i) total *= n;
  std::vector<std::vector<mpz_class>> v;
  for (uint64_t q = 0; q < total; ++q) {
    std::vector<mpz_class> x;
    uint64_t r = q;
    for (size_t i = 0; i < vars; ++i, r /= n) x.emplace_back(static_cast<unsigned long>(r % n));
    v.push_back(std::move(x));
  }
  return v;
}

// Random vectors of `vars` operands: uniform patterns, specials mixed in, exponents clustered
// (alignment and cancellation), exact negations of an earlier operand (massive cancellation).
std::vector<std::vector<mpz_class>> random_vectors(const float_format& f, size_t vars, size_t count, uint64_t seed) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::mt19937_64 pick(seed);
  const std::vector<mpz_class> sp = test::special_operands(f);
  const mpz_class sign_bit = mpz_class(1) << (width(f) - 1);
  std::vector<std::vector<mpz_class>> out;
  for (size_t q = 0; q < count; ++q) {
    const int style = static_cast<int>(pick() % 5);
    const uint64_t center = pick() % ((uint64_t{1} << f.e) - 1);
    std::vector<mpz_class> v;
    for (size_t i = 0; i < vars; ++i) {
      mpz_class x = rng.get_z_bits(width(f));
      if (style == 1 && pick() % 4 == 0) x = sp[pick() % sp.size()];
      if (style >= 2) {  // exponent near `center`
        const int64_t span = style == 2 ? 3 : (f.p + 4);
        int64_t ex = static_cast<int64_t>(center) + static_cast<int64_t>(pick() % (2 * span + 1)) - span;
        ex = std::clamp<int64_t>(ex, 0, (int64_t{1} << f.e) - 2);
        x = pack(f, pick() & 1, ex, rng.get_z_bits(f.p - 1));
      }
      if (style == 4 && i > 0 && pick() % 2 == 0) x = v[pick() % i] ^ sign_bit;
      if (style == 3 && pick() % 8 == 0) x = zero(f, pick() & 1);
      v.push_back(x);
    }
    out.push_back(std::move(v));
  }
  return out;
}

uint32_t depth_of(const circuit& c) { return compute_stats(c).depth; }

}  // namespace

TEST_SUITE("fast") {
  TEST_CASE("fsum: every pair of (3 3) and (4 3) in both modes and regimes") {
    for (const float_format f : {float_format{3, 3}, float_format{4, 3}})
      for (const accumulation m : {accumulation::exact, accumulation::window})
        for (const weight_regime r : {weight_regime::exp, weight_regime::majority}) {
          const op_case oc = sum_case(f, 2, m, r);
          CHECK(mismatches(f, oc, all_vectors(f, 2), std::string("fsum ") + mode_name(m)) == 0);
        }
  }

  TEST_CASE("fsum: k = 1 returns the operand and k = 3 every triple of (3 2)") {
    const float_format f{3, 2};
    for (const accumulation m : {accumulation::exact, accumulation::window}) {
      CHECK(mismatches(f, sum_case(f, 1, m, weight_regime::exp), all_vectors(f, 1), "fsum k=1") == 0);
      CHECK(mismatches(f, sum_case(f, 3, m, weight_regime::exp), all_vectors(f, 3), "fsum k=3") == 0);
    }
  }

  TEST_CASE("fsum fdot fdot_const: every pair of special operands at (8 5)") {
    const float_format f{8, 5};
    const std::vector<mpz_class> sp = test::special_operands(f);
    std::vector<std::vector<mpz_class>> pairs;
    for (const mpz_class& a : sp)
      for (const mpz_class& b : sp) pairs.push_back({a, b});
    for (const accumulation m : {accumulation::exact, accumulation::window}) {
      CHECK(mismatches(f, sum_case(f, 2, m, weight_regime::exp), pairs, "fsum specials") == 0);
      CHECK(mismatches(f, dot_case(f, 1, m, weight_regime::exp), pairs, "fdot specials") == 0);
      for (const mpz_class& c : sp) {
        const std::vector<mpz_class> cs{c, sp[3]};
        CHECK(mismatches(f, dot_const_case(f, cs, &sp[5], m, weight_regime::exp), pairs, "fdot_const specials") == 0);
      }
    }
  }

  TEST_CASE("fsum: random and special vectors at (8 5) and (11 5)") {
    for (const float_format f : {float_format{8, 5}, float_format{11, 5}})
      for (const size_t k : {size_t{2}, size_t{5}, size_t{8}})
        for (const accumulation m : {accumulation::exact, accumulation::window}) {
          const op_case oc = sum_case(f, k, m, weight_regime::exp);
          CHECK(mismatches(f, oc, random_vectors(f, k, 3000, 17 + k), std::string("fsum ") + mode_name(m)) == 0);
        }
  }
}

namespace {

// Constants for float_dot_const: random patterns with zeros, -0, subnormals, infinities and NaN.
std::vector<mpz_class> random_constants(const float_format& f, size_t k, uint64_t seed, bool specials) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::mt19937_64 pick(seed);
  std::vector<mpz_class> cs;
  for (size_t i = 0; i < k; ++i) {
    mpz_class c = rng.get_z_bits(width(f)) % infinity(f);  // finite, either sign below
    if (pick() & 1) c |= mpz_class(1) << (width(f) - 1);
    switch (specials ? pick() % 10 : 9) {
      case 0: c = zero(f, false); break;
      case 1: c = zero(f, true); break;
      case 2: c = min_subnormal(f, pick() & 1) + (rng.get_z_bits(f.p - 2)); break;
      case 3: c = infinity(f, pick() & 1); break;
      default: break;
    }
    cs.push_back(c);
  }
  return cs;
}

}  // namespace

TEST_SUITE("fast") {
  TEST_CASE("fdot: every pair of (3 3) k = 1 and every quadruple of (2 2) k = 2 in both modes and regimes") {
    for (const accumulation m : {accumulation::exact, accumulation::window})
      for (const weight_regime r : {weight_regime::exp, weight_regime::majority}) {
        CHECK(mismatches({3, 3}, dot_case({3, 3}, 1, m, r), all_vectors({3, 3}, 2), "fdot k=1") == 0);
        CHECK(mismatches({2, 2}, dot_case({2, 2}, 2, m, r), all_vectors({2, 2}, 4), "fdot k=2") == 0);
      }
  }

  TEST_CASE("fdot: random and special vectors at (8 5) and (11 5)") {
    for (const float_format f : {float_format{8, 5}, float_format{11, 5}})
      for (const size_t k : {size_t{2}, size_t{4}})
        for (const accumulation m : {accumulation::exact, accumulation::window})
          CHECK(mismatches(f, dot_case(f, k, m, weight_regime::exp), random_vectors(f, 2 * k, 2000, 31 + k),
                           std::string("fdot ") + mode_name(m)) == 0);
  }

  TEST_CASE("fdot_const: every x of (4 3) against every constant and every pair of (3 2)") {
    for (const accumulation m : {accumulation::exact, accumulation::window})
      for (const weight_regime r : {weight_regime::exp, weight_regime::majority}) {
        for (uint64_t c = 0; c < 128; c += r == weight_regime::exp ? 1 : 5) {
          const float_format f{4, 3};
          const std::vector<mpz_class> cs{mpz_class(static_cast<unsigned long>(c))};
          const uint64_t bad = mismatches(f, dot_const_case(f, cs, nullptr, m, r), all_vectors(f, 1), "fdot_const k=1");
          CHECK_MESSAGE(bad == 0, "constant " << c);
        }
        const float_format g{3, 2};
        for (uint64_t c0 = 0; c0 < 32; c0 += 3)
          for (uint64_t c1 = 0; c1 < 32; c1 += 5) {
            const std::vector<mpz_class> cs{mpz_class(static_cast<unsigned long>(c0)), mpz_class(static_cast<unsigned long>(c1))};
            CHECK(mismatches(g, dot_const_case(g, cs, nullptr, m, r), all_vectors(g, 2), "fdot_const k=2") == 0);
          }
      }
  }

  TEST_CASE("fdot_const: random vectors and constants with a bias at (8 5) and (11 5)") {
    for (const float_format f : {float_format{8, 5}, float_format{11, 5}})
      for (const size_t k : {size_t{1}, size_t{3}, size_t{8}})
        for (const accumulation m : {accumulation::exact, accumulation::window})
          for (int with_bias = 0; with_bias < 2; ++with_bias) {
            const std::vector<mpz_class> cs = random_constants(f, k, 101 + k, true);
            const mpz_class bias = random_constants(f, 1, 7 + k, with_bias == 0)[0];
            const op_case oc = dot_const_case(f, cs, with_bias ? &bias : nullptr, m, weight_regime::exp);
            CHECK(mismatches(f, oc, random_vectors(f, k, 2000, 57 + k), std::string("fdot_const ") + mode_name(m)) == 0);
          }
  }
}


namespace {

enum class which { sum, dot, dot_const };

struct pinned {
  which w;
  accumulation m;
  weight_regime r;
  uint32_t depth;
};
struct shape {
  float_format f;
  size_t k;
};

uint32_t depth_for(which w, const float_format& f, size_t k, accumulation m, weight_regime r);

// The depth of each operation in each mode and regime, the same at every k and p (up to p + e = 30).
constexpr accumulation ex = accumulation::exact, wi = accumulation::window;
constexpr weight_regime te = weight_regime::exp, ma = weight_regime::majority;
constexpr pinned op_depths[] = {
    {which::sum, ex, te, 9},        {which::sum, ex, ma, 13},       {which::sum, wi, te, 10},
    {which::sum, wi, ma, 14},       {which::dot_const, ex, te, 12}, {which::dot_const, ex, ma, 17},
    {which::dot_const, wi, te, 14}, {which::dot_const, wi, ma, 19}, {which::dot, ex, te, 13},
    {which::dot, ex, ma, 18},       {which::dot, wi, te, 15},       {which::dot, wi, ma, 20},
};

template <size_t N, size_t M>
void check_depths(const pinned (&table)[N], const shape (&shapes)[M]) {
  for (const pinned& t : table)
    for (const shape& s : shapes)
      CHECK_MESSAGE(depth_for(t.w, s.f, s.k, t.m, t.r) == t.depth,
                    "op " << static_cast<int>(t.w) << " " << mode_name(t.m) << " " << regime_name(t.r) << " "
                          << to_string(s.f) << " k=" << s.k);
}

uint32_t depth_for(which w, const float_format& f, size_t k, accumulation m, weight_regime r) {
  builder b;
  std::vector<bits> xs, ys;
  for (size_t i = 0; i < k; ++i) xs.push_back(b.input("x" + std::to_string(i), width(f)));
  if (w == which::dot)
    for (size_t i = 0; i < k; ++i) ys.push_back(b.input("y" + std::to_string(i), width(f)));
  std::vector<mpz_class> cs = random_constants(f, k, 3 + k, false);
  if (w == which::sum) b.output("z", float_sum(b, f, xs, m, r));
  if (w == which::dot) b.output("z", float_dot(b, f, xs, ys, m, r));
  if (w == which::dot_const) b.output("z", float_dot_const(b, f, xs, cs, m, r));
  return depth_of(std::move(b).finish());
}

}  // namespace

TEST_SUITE("fast") {
  TEST_CASE("fsum fdot fdot_const: one depth for k = 2..9 and p = 4..8 per mode and regime") {
    const shape shapes[] = {{{5, 4}, 2}, {{4, 4}, 9}, {{8, 5}, 3}};
    check_depths(op_depths, shapes);
  }

  TEST_CASE("fsum fdot_const: every fusion choice gives the same bits") {
    using fusion = float_sum_params::fusion;
    const float_format f{3, 3}, g{8, 5};
    for (const accumulation m : {accumulation::exact, accumulation::window})
      for (const weight_regime r : {weight_regime::exp, weight_regime::majority})
        for (const fusion fa : {fusion::fused, fusion::compact})
          for (const fusion fr : {fusion::fused, fusion::compact}) {
            const float_sum_params prm{fa, fr};
            builder b;
            std::vector<bits> xs{b.input("x0", width(f)), b.input("x1", width(f))};
            b.output("z", float_sum(b, f, xs, m, r, prm));
            const op_case oc{std::move(b).finish(), 2,
                             [f, m](const std::vector<mpz_class>& v) { return fsum(f, v, m); }};
            CHECK(mismatches(f, oc, all_vectors(f, 2), "fsum fusion") == 0);
            builder b2;
            std::vector<bits> ys;
            for (int i = 0; i < 4; ++i) ys.push_back(b2.input("x" + std::to_string(i), width(g)));
            const std::vector<mpz_class> cs = random_constants(g, 4, 99, true);
            b2.output("z", float_dot_const(b2, g, ys, cs, m, r, prm));
            const op_case oc2{std::move(b2).finish(), 4,
                              [g, m, cs](const std::vector<mpz_class>& v) { return fdot(g, v, cs, m); }};
            CHECK(mismatches(g, oc2, random_vectors(g, 4, 200, 5), "fdot_const fusion") == 0);
          }
  }

  TEST_CASE("fsum fdot fdot_const: k = 0 gives +0 and bad operands give pinned errors") {
    const float_format f{8, 5};
    builder b;
    const bits x = b.input("x", width(f)), y = b.input("y", 7);
    CHECK(float_sum(b, f, {}, accumulation::exact, weight_regime::exp) == bits(13, lit_false));
    const std::vector<bits> one{x}, bad{y};
    CHECK_THROWS_WITH_AS(float_sum(b, f, bad, accumulation::exact, weight_regime::exp),
                         "fsum: operands must have p + e = 13 bits", input_error);
    CHECK_THROWS_WITH_AS(float_dot(b, f, one, {}, accumulation::exact, weight_regime::exp),
                         "fdot: operand lists of the same length; got 1 and 0", input_error);
    const std::vector<mpz_class> cs{mpz_class(1) << 13};
    CHECK_THROWS_AS(float_dot_const(b, f, one, cs, accumulation::exact, weight_regime::exp), input_error);
    CHECK_THROWS_WITH_AS(float_sum(b, {8, 21}, {}, accumulation::exact, weight_regime::exp),
                         "fsum: gate-level exponents up to 20 bits, got 21", input_error);
    const float_format wide{8, 15};
    const std::vector<bits> wx{b.input("w", width(wide))};
    CHECK_THROWS_WITH_AS(float_sum(b, wide, wx, accumulation::exact, weight_regime::exp),
                         "fsum: the exact accumulator needs exponents up to 14 bits (2^e accumulator bits); use the "
                         "window mode",
                         input_error);
  }

  TEST_CASE("fdot_const: no operands and a constant bias give the bias as constant bits") {
    const float_format f{8, 5};
    const std::vector<mpz_class> biases{one(f, true), min_subnormal(f), zero(f, true), infinity(f), quiet_nan(f) + 3};
    for (const accumulation m : {accumulation::exact, accumulation::window})
      for (const mpz_class& bias : biases) {
        builder b;
        const bits z = float_dot_const(b, f, {}, {}, bias, m, weight_regime::exp);
        mpz_class got = 0;
        for (size_t i = 0; i < z.size(); ++i) {
          REQUIRE((z[i] == lit_true || z[i] == lit_false));
          if (z[i] == lit_true) got += mpz_class(1) << i;
        }
        const std::vector<mpz_class> xs{one(f)}, cs{bias};
        CHECK(got == fdot(f, xs, cs, m));
      }
  }
}

TEST_SUITE("fast") {
TEST_CASE("fdot3 gate level: bit-identical to fp::fdot3 in both modes and regimes") {
  for (accumulation m : {accumulation::exact, accumulation::window})
    for (weight_regime r : {weight_regime::exp, weight_regime::majority}) {
      CAPTURE(mode_name(m));
      CAPTURE(regime_name(r));
      // Every triple at (2, 2) (k = 1: 2^12 vectors), then random vectors with specials.
      CHECK(mismatches({2, 2}, dot3_case({2, 2}, 1, m, r), all_vectors({2, 2}, 3), "fdot3") == 0);
      for (const float_format f : {float_format{4, 3}, float_format{5, 4}})
        for (size_t k : {1u, 2u, 3u}) {
          CAPTURE(k);
          CHECK(mismatches(f, dot3_case(f, k, m, r), random_vectors(f, 3 * k, 600, 17 + k), "fdot3") == 0);
        }
    }
}
}

TEST_SUITE("slow") {
  TEST_CASE("fsum fdot fdot_const: the same depths at k = 32 and p up to 16 and one more exp layer at (24 8)") {
    const shape shapes[] = {{{4, 4}, 32}, {{11, 5}, 9}, {{16, 6}, 2}};
    check_depths(op_depths, shapes);
    // p + e > 30: the pattern sum's used bits reach its third block (exp only).
    const pinned wide[] = {
        {which::sum, ex, te, 10},       {which::sum, ex, ma, 13},       {which::sum, wi, te, 11},
        {which::sum, wi, ma, 14},       {which::dot_const, ex, te, 13}, {which::dot_const, wi, te, 15},
        {which::dot, ex, te, 14},       {which::dot, wi, te, 16},
    };
    const shape big[] = {{{24, 8}, 2}};
    check_depths(wide, big);
  }

  TEST_CASE("fsum: every triple of special operands at (8 5)") {
    const float_format f{8, 5};
    const std::vector<mpz_class> sp = test::special_operands(f);
    std::vector<std::vector<mpz_class>> triples;
    for (const mpz_class& a : sp)
      for (const mpz_class& b : sp)
        for (const mpz_class& c : sp) triples.push_back({a, b, c});
    for (const accumulation m : {accumulation::exact, accumulation::window})
      CHECK(mismatches(f, sum_case(f, 3, m, weight_regime::exp), triples, "fsum specials") == 0);
  }

  TEST_CASE("fdot: every quadruple of (3 2) k = 2 in both modes") {
    for (const accumulation m : {accumulation::exact, accumulation::window})
      CHECK(mismatches({3, 2}, dot_case({3, 2}, 2, m, weight_regime::exp), all_vectors({3, 2}, 4), "fdot k=2") == 0);
  }
}
