// Selection and variable shifts: a 2:1 multiplexer and the barrel shifter (shift left, logical and
// arithmetic shift right, rotate left) in depth 2: notes/constructions.md sections 2 (T5) and 3.4.
#pragma once
#include "tc0/circuit/builder.hpp"

namespace tc0 {

// z_i = s ? y_i : x_i for B-bit x, y (same width >= 1, else input_error):
// z_i = [x_i + not s + 2 (s and y_i) >= 2] (s = 0: x_i; s = 1: the AND decides). Depth 2 in both
// regimes (target 2; a multiplexer is not a threshold function, so depth 1 is impossible);
// 2B gates, 7B edges (majority: the weight 2 is a repeated wire); measured at B = 32: 64 gates.
// Construction: T4 (gating with a literal), notes section 2 [D].
bits select(builder& b, lit s, const bits& x, const bits& y, weight_regime regime);

// The shifts take a B-bit x and an unsigned amount s of c bits, 1 <= c <= max_shift_amount_bits
// (input_error otherwise); amounts s >= B give 0 (shift_right arithmetic: B copies of the sign).
// Construction (notes 3.4, T5) [D], the same in both regimes (unit weights, no repeated wires):
//   layer 1: t_{v,m} = AND(s == v, x_m), one AND gate over the c literals of s (plain or
//            complemented by the bits of v) and x_m;
//   layer 2: y_i = OR of the t_{v,m} with m the source of bit i under amount v; the terms of one
//            output are exclusive (one v matches), so a consumer may also take their sum (T3).
// Depth 2 in both regimes at every width B >= 2 (target 2; B = 1 is one AND, depth 1). Gates are
// shared through structural hashing, so building all four shifts of one (x, s) costs one layer-1
// set (at most 2^c * B gates) plus 4B: measured at B = 32 (c = 5): 1,148 gates, 9,182 edges.
inline constexpr size_t max_shift_amount_bits = 20;

// x << s mod 2^B. B(B+1)/2 + B - 1 gates when 2^c >= B, O(B^2 c) edges; measured at B = 32: 559 gates.
bits shift_left(builder& b, const bits& x, const bits& s, weight_regime regime);

// x >> s, logical (zero fill) or arithmetic (sign fill: the source of bit i is x_{min(i+v, B-1)},
// so the terms of amounts past the end share the gates AND(s == v, x_{B-1})).
// Measured at B = 32: 559 gates (logical), 560 (arithmetic).
bits shift_right(builder& b, const bits& x, const bits& s, bool arithmetic, weight_regime regime);

// Rotate left by s mod B: every amount v < 2^c selects source (i - v) mod B; 2^c * B + B gates;
// measured at B = 32: 1,056 gates.
bits rotate_left(builder& b, const bits& x, const bits& s, weight_regime regime);

}  // namespace tc0
