// round_nearest_even against exact rational rounding, and encode / encode_ratio against MPFR
// configured to the format, around the subnormal and overflow thresholds of many formats.
#include <doctest/doctest.h>

#include "fp/mpfr_reference.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/round.hpp"

using namespace tc0;
using namespace tc0::fp;
using namespace tc0::fp::test;

TEST_SUITE("fast") {
  TEST_CASE("fp round: round_nearest_even equals the nearest integer with ties to even") {
    gmp_randclass rng(gmp_randinit_default);
    rng.seed(31);
    uint64_t bad = 0;
    for (int i = 0; i < 20000; ++i) {
      const unsigned long s = i % 70;
      mpz_class x = rng.get_z_bits(1 + i % 150);
      if (i % 5 == 0 && s > 0) x = ((x >> s) << s) + (mpz_class(1) << (s - 1));  // an exact tie
      // reference: floor(x/2^s + 1/2), minus one on a tie to an odd floor
      mpq_class q = mpq_class(x, mpz_class(1) << s) + mpq_class(1, 2);
      q.canonicalize();
      mpz_class fl;
      mpz_fdiv_q(fl.get_mpz_t(), q.get_num_mpz_t(), q.get_den_mpz_t());
      if (q.get_den() == 1 && mpz_odd_p(fl.get_mpz_t())) fl -= 1;
      if (round_nearest_even(x, s) != fl) ++bad;
    }
    CHECK(bad == 0);
    CHECK(round_nearest_even(5, 1) == 2);   // 2.5 -> 2
    CHECK(round_nearest_even(7, 1) == 4);   // 3.5 -> 4
    CHECK(round_nearest_even(13, 0) == 13);
  }

  TEST_CASE("fp round: encode and encode_ratio equal MPFR at the range edges") {
    wide_range();
    gmp_randclass rng(gmp_randinit_default);
    rng.seed(32);
    std::mt19937_64 pick(32);
    uint64_t bad = 0;
    const float_format formats[] = {{2, 2}, {3, 2}, {2, 5}, {5, 3}, {11, 5}, {24, 8}, {53, 11}, {113, 15}, {7, 40}};
    for (const float_format& f : formats) {
      const long bias = ieee_bias(f);
      for (int i = 0; i < 3000; ++i) {
        const int bits = 1 + static_cast<int>(pick() % (3 * f.p + 4));
        mpz_class sig = rng.get_z_bits(bits);
        if (i % 4 == 0 && bits > 2) sig = ((sig >> 2) << 2) + 2;  // ties at the last-but-one bit
        // exponents around the subnormal range, around 1 and around the overflow threshold
        const long centre[] = {1 - bias - f.p, 0, bias - f.p + 1};
        const long E = centre[i % 3] - bits + static_cast<long>(pick() % (2 * f.p + 9)) - f.p - 4;
        const bool neg = pick() & 1;
        mpfr_value r(f.p);
        int t = mpfr_set_z_2exp(r, sig.get_mpz_t(), E, MPFR_RNDN);
        if (neg) mpfr_neg(r, r, MPFR_RNDN), t = -t;
        const mpz_class want = round_to_format(f, r, t), got = encode(f, neg, sig, E);
        if (got != want && bad++ < 5) MESSAGE(to_string(f) << " encode(" << sig << ", " << E << ") = " << hex(got) << ", MPFR " << hex(want));
        const mpz_class den = rng.get_z_bits(1 + i % 90) + 1;
        mpq_class q(sig, den);
        q.canonicalize();
        mpfr_value rq(f.p);
        const int tq = mpfr_set_q(rq, q.get_mpq_t(), MPFR_RNDN);
        mpfr_mul_2si(rq, rq, E, MPFR_RNDN);  // exact scaling in the wide range
        const mpz_class wq = round_to_format(f, rq, tq), gq = encode_ratio(f, false, sig, den, E);
        if (gq != wq && bad++ < 5) MESSAGE(to_string(f) << " encode_ratio(" << sig << "/" << den << ", " << E << ") = " << hex(gq) << ", MPFR " << hex(wq));
      }
    }
    CHECK(bad == 0);
    CHECK(encode(binary32, false, 0, 0) == 0);
    CHECK(encode(binary32, true, 0, 5) == 0x80000000UL);
    CHECK(encode(binary32, false, 1, -150) == 0);           // half the smallest subnormal: tie to 0
    CHECK(encode(binary32, false, 3, -151) == 1);           // 0.75 of it: up
    CHECK(encode(binary32, false, mpz_class(1) << 200, 0) == 0x7f800000);
    CHECK_THROWS_WITH_AS(encode(binary32, false, -1, 0), "encode: a significand >= 0", input_error);
  }
}
