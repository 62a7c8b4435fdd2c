// Gate-level float blocks: circuits over float bit patterns (semantics.md section 2), built on
// the integer blocks and bit-identical to the word-level soft float (fp/arithmetic.hpp).
#pragma once
#include "tc0/circuit/builder.hpp"
#include "tc0/fp/format.hpp"

namespace tc0::fp {

// a * b, IEEE round to nearest even with subnormals, infinities, signed zeros and the canonical
// NaN; p + e bits in and out. Construction [D]:
//   decode (1 layer): hidden bits, zero / infinity / NaN flags;
//   normalize both significands (2): A', B' in [2^(p-1), 2^p), shifts za, zb;
//   the exponent D = max(ea,1) - za + max(eb,1) - zb - bias (an iterated sum, 3) in parallel
//   with the product P = A' B' (multiply, 4); t = top bit of P;
//   the bits to drop r = p - 1 + t when D >= 1, else p - D (subnormal; the two agree at D = 0):
//   thresholds of D (1), then every output bit, the guard and the sticky bit as exclusive
//   one-gate selections (2), the round-up flag (1);
//   the pattern (max(D + t, 1) - 1) 2^(p-1) + floor(P / 2^r) + round_up as one iterated sum (3):
//   a rounding carry moves into the exponent field by itself, and a subnormal that rounds up to
//   the smallest normal is exact too;
//   overflow (pattern >= the infinity pattern, 2) and the special cases (2).
// Depth: exp 18, majority 20 (target 7), the same for every (p, e) with e <= 20 (tested). Size
// O(p^2) gates plus the multiplier's edges; measured at (24, 8): see docs/floats.md.
bits float_multiply(builder& b, const float_format& f, const bits& x, const bits& y, weight_regime regime);

// a / b, IEEE round to nearest even (fp::fdiv: the quotient with >= p + 2 bits plus a sticky
// bit, then encode; docs/floats.md section 3); p + e bits in and out. Construction [D]:
//   decode and normalize both significands (3): A, B in [2^(p-1), 2^p);
//   R = floor((2^(2p+3) - 1) / B) from a table of 2^(p-1) entries (an AND per entry, an OR per
//   bit: 2); q0 = floor(A R / 2^(p+1)) (multiply, 4) is floor(A 2^(p+2) / B) or one less;
//   rem0 = (-q0 B) mod 2^(p+2) (partial products and one iterated sum, 4), [rem0 >= B] and
//   [rem0 = B] (compare, 2), q = q0 + [rem0 >= B] (add, 3), sticky = [rem0 != 0, B];
//   the exponent in parallel (iterated sum); encode 2q + sticky (leading one at p + 2 or p + 3,
//   the shared rounding of float_encode: 9 / 11) and one gate per output bit for the specials.
// Depth: exp 28, majority 31, the same for every format from p = 3 (tested (3,3) .. (16,8),
// (11,11); (2,2): 25 / 27). The table limits p to max_divide_p (2^(p-1) AND gates): (24, 8) would
// need 2^23, so a series reciprocal (as frsqrt's) is the way there (not done). Size, exp /
// majority: (8,5) 1,337 / 1,851 gates (32k edges / 264k wires), (11,5) 3,098 / 5,090 (109k /
// 2.7M), (16,8) 37,164 / 50,716 (1.2M / 114M).
inline constexpr int max_divide_p = 16;
bits float_divide(builder& b, const float_format& f, const bits& x, const bits& y, weight_regime regime);

// sqrt(a), IEEE round to nearest even (fp::fsqrt: the root with >= p + 2 bits plus a sticky bit,
// then encode); sqrt(-0) = -0, sqrt(x < 0) = NaN; p + e bits in and out. Construction [D]:
//   decode and normalize (3); the leading bit's exponent E1 = V - off (iterated sum, 3 / 4);
//   with par = E1 mod 2 = V_0, the table entry for (par, m) is (2R + [rem != 0]) 2^par with
//   R = isqrt(m 2^(p+5-par)): p + 4 bits whose leading one is always at p + 3, one AND per entry
//   (2^p entries) and one OR per bit (2); the exponent floor(V/2) - off/2 - p - 3 is free;
//   encode (float_encode, 9 / 11); one gate per output bit for the specials.
// Depth: exp 16, majority 18 at every p (tested (3,3) .. (12,5)); 15 / 17 when no result can be
// subnormal (p <= bias: the encode's subnormal cases fold away). The table limits p to max_sqrt_p
// (2^p entries; a series root as frsqrt's would lift it, not done). Size, exp / majority: (8,5)
// 456 / 445 gates, (11,5) 2,305 / 2,294 (41k edges), (16,8) 65,881 (1.75M edges: the table).
inline constexpr int max_sqrt_p = 16;
bits float_sqrt(builder& b, const float_format& f, const bits& x, weight_regime regime);

// x + y (subtract: x - y = x + (-y)), IEEE round to nearest even with subnormals, infinities,
// signed zeros (an exact zero sum is +0 unless both operands are -0) and the canonical NaN; p + e
// bits in and out. Construction [D]:
//   swap so that |big| >= |small| (unsigned compare of the magnitudes, then select);
//   d = max(eb,1) - max(es,1) (an iterated sum, mod 2^e); thresholds [d >= v] give one-hot cases
//   d = v for v < 2p + 2 and d >= 2p + 2;
//   align the small significand into a window of 2p + 3 bits under A = Sb 2^(p+3), bits that fall
//   below position 1 ORed into a sticky bit at 0 (jamming is exact for rounding since at least 3
//   bits are always dropped), split by the effective operation (one gate per case and bit);
//   R = A +- B (one iterated sum);
//   the rounding cases (leading one T = t and normal, or subnormal with Eb' = u), each dropping r
//   bits, every kept bit, guard and sticky as one-gate selections, the round-up flag;
//   the pattern [normal] (Eb' + T - 2p - 3) 2^(p-1) + floor(R / 2^r) + round_up as one sum (the
//   rounding carry moves into the exponent by itself); overflow; specials.
// Depth: exp 26, majority 30, the same for every (p, e) with e <= 20 (tested at (4,4) .. (24,8),
// (11,11)). Size O(p^2) gates; measured at (24, 8): exp 9,068 gates, 393k edges; majority
// 19,980 gates, 31M wires.
bits float_add(builder& b, const float_format& f, const bits& x, const bits& y, bool subtract,
               weight_regime regime);

// IEEE comparison flags: exactly one of lt, eq, (gt), un holds; le = lt or eq; -0 == +0 and NaN
// is unordered. The magnitudes (sign dropped) compare as unsigned integers (compare block, 2 / 3
// layers), then sign and zero cases combine in two layers and le in one more.
// Depth: exp 8, majority 9, for every (p, e) (tested); exp (24, 8): 125 gates. O(p + e) gates (exp (24, 8): 27).
struct float_compare_result {
  lit lt, le, eq, un;
};
float_compare_result float_compare(builder& b, const float_format& f, const bits& x, const bits& y,
                                   weight_regime regime);

// IEEE 754-2019 maximum: the canonical NaN if either is NaN, maximum(-0, +0) = +0, else the larger
// operand's pattern: float_compare's lt, then a two-layer selection.
// Depth: exp 8, majority 9, for every (p, e) (tested); exp (24, 8): 125 gates.
bits float_max(builder& b, const float_format& f, const bits& x, const bits& y, weight_regime regime);

}  // namespace tc0::fp
