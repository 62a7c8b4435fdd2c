// add, subtract, negate, absolute: exhaustive agreement with int64 arithmetic (widths 1..6),
// random and corner vectors against GMP (add/sub up to 1024 bits), one depth at every width,
// unit weights in the majority regime, sizes pinned at 32 bits, and the gen path.
#include <doctest/doctest.h>

#include <random>

#include "arith/harness.hpp"
#include "tc0/arith/add.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/gen/verify.hpp"

using namespace tc0;
using namespace tc0::test;

namespace {


enum class op { add, sub, neg, abs };
const char* op_name(op k) {
  switch (k) {
    case op::add: return "add";
    case op::sub: return "sub";
    case op::neg: return "neg";
    case op::abs: return "abs";
  }
  return "?";
}
constexpr op all_ops[] = {op::add, op::sub, op::neg, op::abs};

// add: z (B+1); sub: z (B), ge; neg, abs: z (B).
circuit build(op k, uint32_t width, weight_regime r) {
  builder b;
  bits x = b.input("x", width);
  switch (k) {
    case op::add: b.output("z", add(b, x, b.input("y", width), r)); break;
    case op::sub: {
      difference d = subtract(b, x, b.input("y", width), r);
      b.output("z", d.z);
      b.output("ge", d.ge);
      break;
    }
    case op::neg: b.output("z", negate(b, x, r)); break;
    case op::abs: b.output("z", absolute(b, x, r)); break;
  }
  return std::move(b).finish();
}

mpz_class low(const mpz_class& v, uint32_t width) {
  mpz_class r;
  mpz_fdiv_r_2exp(r.get_mpz_t(), v.get_mpz_t(), width);
  return r;
}
mpz_class as_signed(const mpz_class& v, uint32_t width) {
  return mpz_tstbit(v.get_mpz_t(), width - 1) ? mpz_class(v - (mpz_class(1) << width)) : v;
}

values expected(op k, uint32_t width, const values& in) {
  switch (k) {
    case op::add: return {in[0] + in[1]};
    case op::sub: return {low(in[0] - in[1], width), mpz_class(in[0] >= in[1] ? 1 : 0)};
    case op::neg: return {low(-in[0], width)};
    case op::abs: return {low(abs(as_signed(in[0], width)), width)};
  }
  return {};
}

// Corner values: 0, 1, all ones, powers of two and their neighbours, signed min and max.
std::vector<mpz_class> corners(uint32_t width) {
  const mpz_class max = (mpz_class(1) << width) - 1, half = mpz_class(1) << (width - 1);
  std::vector<mpz_class> v = {0, 1, max, half, mpz_class(half - 1), mpz_class(max - 1)};
  for (uint32_t j = 0; j < width; j += std::max(1u, width / 16)) {
    v.push_back(mpz_class(1) << j);
    v.push_back(low(mpz_class((mpz_class(1) << j) - 1), width));
  }
  return v;
}

std::vector<values> wide_vectors(op k, uint32_t width, uint64_t seed, int count) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::mt19937_64 pick(seed);
  const bool two = k == op::add || k == op::sub;
  const std::vector<mpz_class> cs = corners(width);
  std::vector<values> in;
  for (const mpz_class& a : cs) {
    if (!two) {
      in.push_back({a});
      continue;
    }
    for (const mpz_class& b : {cs[0], cs[1], cs[2], cs[3], cs[4]}) in.push_back({a, b});
    in.push_back({a, low(mpz_class(-a), width)});  // long carry chains
    in.push_back({a, low(mpz_class(~a), width)});  // all propagate
  }
  const mpz_class max = (mpz_class(1) << width) - 1;
  for (int i = 0; i < count; ++i) {
    mpz_class x = rng.get_z_bits(width);
    if (!two) {
      in.push_back({x});
      continue;
    }
    mpz_class y = rng.get_z_bits(width);
    if (i % 3 == 1) y = max - x;  // propagate everywhere ...
    if (i % 3 == 2) {             // ... except a few random positions
      y = max - x;
      for (int f = 0; f < 3; ++f) mpz_combit(y.get_mpz_t(), pick() % width);
    }
    in.push_back({x, y});
  }
  return in;
}

uint64_t count_wrong(op k, const circuit& c, uint32_t width, const std::vector<values>& in) {
  return mismatching_vectors(c, in, [k, width](const values& x) { return expected(k, width, x); });
}

void check_wide(std::initializer_list<uint32_t> widths, uint64_t seed, int count) {
  CAPTURE(seed);
  for (op k : all_ops)
    for (weight_regime r : regimes)
      for (uint32_t width : widths) {
        CAPTURE(op_name(k));
        CAPTURE(std::string(regime_name(r)));
        CAPTURE(width);
        circuit c = build(k, width, r);
        CHECK(count_wrong(k, c, width, wide_vectors(k, width, seed + width, count)) == 0);
      }
}

}  // namespace

TEST_SUITE("slow") {
TEST_CASE("add / sub / neg / abs: random and corner vectors agree with GMP at 256 bits (seed 24)") {
  check_wide({256u}, 24, 60);
}
}

TEST_SUITE("fast") {
TEST_CASE("add / sub / neg / abs: exhaustive agreement with int64 arithmetic / widths 1..6 / both regimes") {
  for (op k : all_ops)
    for (weight_regime r : regimes)
      for (uint32_t width = 1; width <= 6; ++width) {
        CAPTURE(op_name(k));
        CAPTURE(std::string(regime_name(r)));
        CAPTURE(width);
        circuit c = build(k, width, r);
        std::vector<values> in = all_vectors(c);
        std::vector<values> out = run(c, in);
        const int64_t mod = int64_t{1} << width;
        uint64_t bad = 0;
        for (size_t p = 0; p < in.size(); ++p) {
          const int64_t x = static_cast<int64_t>(in[p][0].get_ui());
          const int64_t y = in[p].size() > 1 ? static_cast<int64_t>(in[p][1].get_ui()) : 0;
          const int64_t sx = x >= mod / 2 ? x - mod : x;
          values want;
          switch (k) {
            case op::add: want = {mpz_class(static_cast<long>(x + y))}; break;
            case op::sub:
              want = {mpz_class(static_cast<long>(((x - y) % mod + mod) % mod)), mpz_class(x >= y ? 1 : 0)};
              break;
            case op::neg: want = {mpz_class(static_cast<long>((mod - x) % mod))}; break;
            case op::abs: want = {mpz_class(static_cast<long>((sx < 0 ? -sx : sx) % mod))}; break;
          }
          if (out[p] != want) ++bad;
        }
        CHECK(bad == 0);
      }
}

TEST_CASE("add / sub / neg / abs: random and corner vectors agree with GMP at 7..100 bits (seed 21)") {
  check_wide({7u, 16u, 29u, 30u, 31u, 57u, 58u, 59u, 64u, 100u}, 21, 60);
}

TEST_CASE("add / sub: exp regime agrees with GMP at 512..1024 bits including several lookahead groups (seed 22)") {
  const uint64_t seed = 22;
  CAPTURE(seed);
  for (op k : {op::add, op::sub})
    for (uint32_t width : {512u, 841u, 842u, 900u, 1024u}) {
      CAPTURE(op_name(k));
      CAPTURE(width);
      circuit c = build(k, width, weight_regime::exp);
      CHECK(count_wrong(k, c, width, wide_vectors(k, width, seed + width, 30)) == 0);
    }
}

TEST_CASE("add / sub: depth 3 in both regimes at widths 4..1024 (majority 4..256) / neg / abs: depth 2 at 4..256") {
  for (weight_regime r : regimes) {
    const bool exp = r == weight_regime::exp;
    for (uint32_t width : {4u, 8u, 16u, 32u, 64u, 128u, 256u, 512u, 1024u}) {
      if (!exp && width > 256) continue;  // majority edges grow as B^3 (notes 3.2)
      CAPTURE(std::string(regime_name(r)));
      CAPTURE(width);
      for (op k : all_ops) {
        if ((k == op::neg || k == op::abs) && width > 256) continue;
        CAPTURE(op_name(k));
        circuit c = build(k, width, r);
        circuit_stats s = compute_stats(c);
        CHECK(s.depth == (k == op::add || k == op::sub ? 3u : 2u));
        if (exp) {
          CHECK(s.max_abs_weight < (int64_t{1} << 30));
        } else {
          check_unit_weights(s);
        }
      }
    }
  }
}

TEST_CASE("add / sub / neg / abs: sizes pinned at 32 bits") {
  auto gates = [](op k, weight_regime r) { return compute_stats(build(k, 32, r)).gates; };
  CHECK(gates(op::add, weight_regime::exp) == 97);
  CHECK(gates(op::sub, weight_regime::exp) == 96);
  CHECK(gates(op::neg, weight_regime::exp) == 92);
  CHECK(gates(op::abs, weight_regime::exp) == 93);
  CHECK(gates(op::add, weight_regime::majority) == 592);
  CHECK(gates(op::sub, weight_regime::majority) == 625);
  CHECK(gates(op::neg, weight_regime::majority) == 92);
  CHECK(gates(op::abs, weight_regime::majority) == 93);
}

TEST_CASE("add / sub / neg / abs: gen circuits verify with 0 mismatches at widths 1..70 / both regimes") {
  check_gen_ops_verify({"add", "sub", "neg", "abs"}, {1, 2, 5, 8, 33, 70}, 200, 23);
}

TEST_CASE("add_with_carry: x + y + c exhaustive at widths 1..5 / both regimes") {
  for (weight_regime r : regimes)
    for (uint32_t width = 1; width <= 5; ++width) {
      CAPTURE(std::string(regime_name(r)));
      CAPTURE(width);
      builder b;
      bits x = b.input("x", width), y = b.input("y", width);
      lit c = b.input_bit("c");
      b.output("z", add_with_carry(b, x, y, c, r));
      circuit cc = std::move(b).finish();
      std::vector<values> in = all_vectors(cc);
      std::vector<values> out = run(cc, in);
      uint64_t bad = 0;
      for (size_t p = 0; p < in.size(); ++p)
        if (out[p][0] != in[p][0] + in[p][1] + in[p][2]) ++bad;
      CHECK(bad == 0);
    }
}
}
