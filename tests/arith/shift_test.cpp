// select (mux) and the barrel shifter (shift left, logical / arithmetic shift right, rotate left):
// exhaustive agreement with integer arithmetic (widths 1..6), random and corner vectors against GMP
// up to 256 bits, depth 2 at every width 4..256, unit weights in the majority regime, sizes at 32.
#include <doctest/doctest.h>

#include <bit>
#include <random>

#include "arith/harness.hpp"
#include "tc0/arith/shift.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/gen/verify.hpp"

using namespace tc0;
using namespace tc0::test;

namespace {


uint32_t amount_bits(uint32_t width) { return width <= 2 ? 1 : static_cast<uint32_t>(std::bit_width(width - 1)); }

// Inputs x, s; outputs shl, shr, sar, rol.
circuit build_shifts(uint32_t width, weight_regime r) {
  builder b;
  bits x = b.input("x", width), s = b.input("s", amount_bits(width));
  b.output("shl", shift_left(b, x, s, r));
  b.output("shr", shift_right(b, x, s, false, r));
  b.output("sar", shift_right(b, x, s, true, r));
  b.output("rol", rotate_left(b, x, s, r));
  return std::move(b).finish();
}

circuit build_mux(uint32_t width, weight_regime r) {
  builder b;
  lit s = b.input_bit("s");
  bits x = b.input("x", width), y = b.input("y", width);
  b.output("z", select(b, s, x, y, r));
  return std::move(b).finish();
}

mpz_class low(const mpz_class& v, uint32_t width) {
  mpz_class r;
  mpz_fdiv_r_2exp(r.get_mpz_t(), v.get_mpz_t(), width);
  return r;
}

values expected_shifts(uint32_t width, const values& in) {
  const mpz_class& x = in[0];
  const unsigned long s = in[1].get_ui(), k = std::min<unsigned long>(s, width), r = s % width;
  mpz_class sx = mpz_tstbit(x.get_mpz_t(), width - 1) ? mpz_class(x - (mpz_class(1) << width)) : x;
  mpz_class shr, sar, rot_hi;
  mpz_fdiv_q_2exp(shr.get_mpz_t(), x.get_mpz_t(), k);
  mpz_fdiv_q_2exp(sar.get_mpz_t(), sx.get_mpz_t(), k);
  mpz_fdiv_q_2exp(rot_hi.get_mpz_t(), x.get_mpz_t(), width - r);
  return {low(mpz_class(x << k), width), shr, low(sar, width), low(mpz_class((x << r) | rot_hi), width)};
}

std::vector<mpz_class> corners(uint32_t width) {
  const mpz_class max = (mpz_class(1) << width) - 1, half = mpz_class(1) << (width - 1);
  std::vector<mpz_class> v = {0, 1, max, half, mpz_class(half - 1), mpz_class(max - 1)};
  for (uint32_t j = 0; j < width; j += std::max(1u, width / 8)) v.push_back(mpz_class(1) << j);
  return v;
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("shift: exhaustive agreement with integer shifts and rotation / widths 1..6 / both regimes") {
  for (weight_regime r : regimes)
    for (uint32_t width = 1; width <= 6; ++width) {
      CAPTURE(std::string(regime_name(r)));
      CAPTURE(width);
      circuit c = build_shifts(width, r);
      std::vector<values> in = all_vectors(c);
      std::vector<values> out = run(c, in);
      const uint64_t mask = (uint64_t{1} << width) - 1;
      uint64_t bad = 0;
      for (size_t p = 0; p < in.size(); ++p) {
        const uint64_t x = in[p][0].get_ui(), s = in[p][1].get_ui();
        const int64_t sx = static_cast<int64_t>(x << (64 - width)) >> (64 - width);
        const uint64_t shl = s >= width ? 0 : (x << s) & mask, shr = s >= width ? 0 : x >> s;
        const uint64_t sar = static_cast<uint64_t>(sx >> std::min<uint64_t>(s, 63)) & mask;
        const uint64_t rs = s % width, rol = ((x << rs) | (x >> (width - rs))) & mask;
        const values want = {mpz_class(static_cast<unsigned long>(shl)), mpz_class(static_cast<unsigned long>(shr)),
                             mpz_class(static_cast<unsigned long>(sar)), mpz_class(static_cast<unsigned long>(rol))};
        if (out[p] != want) ++bad;
      }
      CHECK(bad == 0);
    }
}

TEST_CASE("mux: exhaustive agreement with s ? y : x / widths 1..6 / both regimes") {
  for (weight_regime r : regimes)
    for (uint32_t width = 1; width <= 6; ++width) {
      CAPTURE(std::string(regime_name(r)));
      CAPTURE(width);
      circuit c = build_mux(width, r);
      std::vector<values> in = all_vectors(c);
      std::vector<values> out = run(c, in);
      uint64_t bad = 0;
      for (size_t p = 0; p < in.size(); ++p)
        if (out[p][0] != (in[p][0] != 0 ? in[p][2] : in[p][1])) ++bad;
      CHECK(bad == 0);
    }
}

TEST_CASE("shift / mux: random and corner vectors agree with GMP at 7..256 bits (seed 31)") {
  const uint64_t seed = 31;
  CAPTURE(seed);
  for (weight_regime r : regimes)
    for (uint32_t width : {7u, 12u, 32u, 33u, 64u, 100u, 256u}) {
      CAPTURE(std::string(regime_name(r)));
      CAPTURE(width);
      gmp_randclass rng(gmp_randinit_default);
      rng.seed(seed + width);
      const uint32_t c = amount_bits(width);
      std::vector<values> in;
      for (const mpz_class& x : corners(width))
        for (unsigned long s : {0ul, 1ul, static_cast<unsigned long>(width - 1), (1ul << c) - 1, 5ul % (1ul << c)})
          in.push_back({x, mpz_class(s)});
      for (int i = 0; i < 60; ++i) in.push_back({rng.get_z_bits(width), rng.get_z_bits(c)});
      circuit sc = build_shifts(width, r);
      std::vector<values> out = run(sc, in);
      uint64_t bad = 0;
      for (size_t p = 0; p < in.size(); ++p)
        if (out[p] != expected_shifts(width, in[p])) ++bad;
      CHECK(bad == 0);

      std::vector<values> mi;
      for (const mpz_class& x : corners(width))
        for (int s : {0, 1}) mi.push_back({mpz_class(s), x, rng.get_z_bits(width)});
      std::vector<values> mo = run(build_mux(width, r), mi);
      uint64_t mbad = 0;
      for (size_t p = 0; p < mi.size(); ++p)
        if (mo[p][0] != (mi[p][0] != 0 ? mi[p][2] : mi[p][1])) ++mbad;
      CHECK(mbad == 0);
    }
}

TEST_CASE("shift / mux: depth 2 in both regimes at every width 4..256 / unit weights in majority") {
  for (weight_regime r : regimes)
    for (uint32_t width : {4u, 8u, 16u, 32u, 64u, 128u, 256u}) {
      CAPTURE(std::string(regime_name(r)));
      CAPTURE(width);
      for (const circuit& c : {build_shifts(width, r), build_mux(width, r)}) {
        circuit_stats s = compute_stats(c);
        CHECK(s.depth == 2);
        if (r == weight_regime::majority) check_unit_weights(s); else {
          CHECK(s.max_abs_weight < (int64_t{1} << 30));
        }
      }
    }
}

TEST_CASE("shift / mux: sizes pinned at 32 bits") {
  for (weight_regime r : regimes) {
    CAPTURE(std::string(regime_name(r)));
    auto alone = [r](int which) {
      builder b;
      bits x = b.input("x", 32), s = b.input("s", 5);
      b.output("y", which == 0   ? shift_left(b, x, s, r)
                    : which == 1 ? shift_right(b, x, s, false, r)
                    : which == 2 ? shift_right(b, x, s, true, r)
                                 : rotate_left(b, x, s, r));
      return b.num_gates();
    };
    CHECK(alone(0) == 559);  // B(B+1)/2 + B - 1: bit 0 is a single term, no OR
    CHECK(alone(1) == 559);
    CHECK(alone(2) == 560);
    CHECK(alone(3) == 1056);
    CHECK(compute_stats(build_shifts(32, r)).gates == 1148);  // shared layer 1: 32 * 32 terms
    CHECK(compute_stats(build_mux(32, r)).gates == 64);
  }
}

TEST_CASE("shift / mux: gen circuits verify with 0 mismatches at widths 1..70 / both regimes") {
  check_gen_ops_verify({"shift", "mux"}, {1, 2, 3, 5, 8, 33, 70}, 200, 33);
}
}
