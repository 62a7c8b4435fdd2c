// The one rounding routine of the soft float: round to nearest even of an exact value, and the
// encode of an exact (sign, integer significand, exponent) into a format, with subnormals and
// overflow to infinity. Every op is "compute exactly, then encode once" (docs/floats.md).
#pragma once
#include <gmpxx.h>

#include "tc0/fp/format.hpp"

namespace tc0::fp {

// RNE(x / 2^s) for x >= 0, s >= 0: the integer nearest to x / 2^s, ties to even. Computed as the
// gate level does it, floor((x + 2^(s-1) - 1 + bit_s(x)) / 2^s) for s >= 1 (notes 4): one
// addition of a constant and one bit, then a truncation.
mpz_class round_nearest_even(const mpz_class& x, unsigned long s);

// The pattern of (-1)^sign * sig * 2^exp (sig >= 0, any size; exp any integer) rounded to
// nearest even in format f. The grid is 2^(max(top, emin) - (p - 1)) with top = exp + bitlen(sig)
// - 1, so results below the normal range round on the subnormal grid; a result that rounds to
// 2^(emax+1) or beyond is infinity; a result that rounds to zero keeps the sign (sig = 0 gives
// the zero of the given sign).
mpz_class encode(const float_format& f, bool sign, const mpz_class& sig, const mpz_class& exp);

// The pattern of (-1)^sign * (num / den) * 2^exp rounded to nearest even (num >= 0, den > 0):
// q = floor(num 2^s / den) with at least p + 2 bits, then encode of (2q + [remainder != 0]) with
// the exponent lowered by s + 1 (the appended sticky bit lies below the rounding position).
mpz_class encode_ratio(const float_format& f, bool sign, const mpz_class& num, const mpz_class& den,
                       const mpz_class& exp);

}  // namespace tc0::fp
