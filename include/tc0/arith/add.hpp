// Two-operand addition and its relatives (subtract with a [x >= y] flag, negate, absolute value,
// conditional negation) in constant depth: notes/constructions.md sections 3.2 and 3.3.
#pragma once
#include "tc0/circuit/builder.hpp"

namespace tc0 {

// x + y of two B-bit numbers: B + 1 bits (the top one is the carry-out). x and y must have the
// same width >= 1 (input_error otherwise); literals may be constants or complemented.
//
// Depth 3 in both regimes at every width B >= 2 (B = 1: 2). Target (arithmetic.md): exp 2,
// majority 3. Why exp is 3, not 2: the depth-2 adder of notes 3.2 (carries
// c_i = [sum_{j<i} 2^j (x_j + y_j) >= 2^i]) needs weights 2^(B-1), so under |w| < 2^30 it stops at
// about 30 bits; a carry into a wide operand is a comparison, which takes depth 2 by itself with
// bounded weights (compare.hpp), and the sum bit (a parity with it) one more layer. A depth-2
// alternative that conditions each lower block's gates on x_i, y_i reaches ~870 bits but not
// 1024 and costs O(B^2/29) gates per bit; since the depth must be one number at every width, the
// blocked lookahead below is used at every width (so narrow widths are 3 too).
//
// exp (blocked exclusive carry-lookahead, our construction [D], tests: exhaustive B <= 6, GMP up
// to 1024 bits): blocks of w = min(29, ceil(B/2)) bits (at least two blocks, hence one depth).
//   layer 1: for every position i, over the bits [lo, i) of its block: g_i = [local sum >= 2^(i-lo)]
//            (generate) and k_i = [local sum >= 2^(i-lo) - 1] (generate or propagate); a full
//            block's pair is (G, K). Weights <= 2^28.
//   layer 2: the carry into i is the carry out of the segments below i (full blocks, then the
//            partial block [lo, i)), each an (G, K) pair acting like one digit G + K in {0,1,2}:
//            c_i = [sum_s 2^s (G_s + K_s) >= 2^n] over n segments. Up to 29 segments this is one
//            gate (weights <= 2^28); beyond, segments form groups A of <= 29 and
//            c_i = sum_A T_A, T_A = [2^|A| sum_{s above A} (K_s - G_s) + sum_{s in A} 2^s' (G_s + K_s)
//            >= 2^|A| (#above + 1)], "A generates and everything above propagates": exclusive.
//   layer 3: s_i = [x_i + y_i + c_i - 2 c_{i+1} >= 1] (exact: x_i + y_i + c_i = s_i + 2 c_{i+1}).
//   Size about 3B gates (plus one T_A per position and extra group past 841 bits), O(29 B + B^2/15)
//   edges; measured at B = 32: 97 gates, 1,039 edges, max weight 2^15.
// majority (notes 3.2, exclusive carry-lookahead, unit weights and one doubled wire):
//   layer 1: g_j = x_j and y_j, k_j = x_j or y_j;
//   layer 2: A_{j,i} = [g_j + sum_{j<l<i} (k_l - g_l) >= 1 + (i-1-j)], exclusive in j for fixed i;
//   layer 3: s_i as above with c_i = sum_j A_{j,i} (the weight 2 is a repeated wire).
//   Size B(B-1)/2 + 3B gates, O(B^3) edges; measured at B = 32: 592 gates, 13,182 edges.
// The carry-out is c_B (an OR of the exclusive terms when there are several).
bits add(builder& b, const bits& x, const bits& y, weight_regime regime);

// x + y + carry_in: B + 1 bits; same depths and construction (carry_in enters as an extra lowest
// position whose two bits are both carry_in).
bits add_with_carry(builder& b, const bits& x, const bits& y, lit carry_in, weight_regime regime);

// x - y mod 2^B (the B low bits of x + not y + 1) and ge = [x >= y] as unsigned numbers (the
// carry-out; for a signed x >= y complement both sign bits first). Same depth (3, both regimes)
// and construction as add; measured at B = 32: exp 96 gates, majority 625 gates.
struct difference {
  bits z;
  lit ge;
};
difference subtract(builder& b, const bits& x, const bits& y, weight_regime regime);

// (negative ? -x : x) mod 2^B for a B-bit x: bit i is x_i xor (negative and OR_{j<i} x_j).
// Depth 2 in both regimes from B = 2 (target exp 2, majority 3; bit 0 is x_0, depth 0);
// notes 3.3 [D]: layer 1 q_i = [i*neg + sum_{j<i} x_j >= i+1] (= neg and OR_{j<i} x_j) and
// a_i = [i*(x_i + neg) + sum_{j<i} x_j >= 2i+1] (= x_i and q_i), layer 2 r_i = [x_i + q_i - 2 a_i >= 1].
// Weights up to B - 1 in exp; in majority the same gates with i repeated wires. Size 3B gates,
// O(B^2) edges (exp) / O(B^2) wires (majority); measured at B = 32: 92 gates (negate), 93 (absolute).
bits conditional_negate(builder& b, const bits& x, lit negative, weight_regime regime);

// -x mod 2^B: conditional_negate with negative = true (layer 1 becomes OR and a weighted AND).
bits negate(builder& b, const bits& x, weight_regime regime);

// |x| of a two's-complement x, mod 2^B (|min| = min's pattern 2^(B-1)): conditional_negate by the
// sign bit. Depth 2 in both regimes from B = 2.
bits absolute(builder& b, const bits& x, weight_regime regime);

}  // namespace tc0
