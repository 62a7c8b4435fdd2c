// Leading-zero count and normalization (shift left until the top bit is 1) in depth 2 with unit
// weights: notes/constructions.md section 3.5.
#pragma once
#include "tc0/circuit/builder.hpp"

namespace tc0 {

// The number of leading zeros of a B-bit x (B for x = 0), as L = ceil(log2(B + 1)) bits.
// layer 1: T_t = AND_{l >= B-t} not x_l ("the top t bits are zero"), t = 1..B: the thermometer of
//          the count, so the count is the linear form sum_t T_t;
// layer 2: bit k = [sum_t (f_k(t) - f_k(t-1)) T_t >= 1], f_k(t) = bit k of t (T1/T2, weights +-1).
// Depth 2 in both regimes from B = 2 (target 2; B = 1 gives not x_0, depth 0); B + L gates,
// O(B^2) edges; measured at B = 32: 36 gates (T_1 is the literal not x_{B-1}). Same construction in both regimes [D].
bits leading_zero_count(builder& b, const bits& x, weight_regime regime);

// z = x << lzc(x) (B bits; z = 0 for x = 0) and shift = lzc(x) (L bits; B for x = 0, which always
// fits since L = ceil(log2(B + 1))).
// z: layer 1 t_{i,j} = AND(x_{B-1-j}, not x_l for l > B-1-j, x_{i-j}) ("the leading one is at
// B-1-j and the bit that lands on i is 1"), layer 2 z_i = OR_j t_{i,j} (exclusive);
// z_{B-1} = OR of x (depth 1). shift: leading_zero_count, in parallel.
// Depth 2 in both regimes from B = 2 (target 2; B = 1 is depth 0); B(B-1)/2 + B - 1 gates for z
// plus the count's, O(B^3) edges; measured at B = 32: 563 gates. Same construction in both regimes, unit
// weights [D].
struct normalized {
  bits z;
  bits shift;
};
normalized normalize(builder& b, const bits& x, weight_regime regime);

}  // namespace tc0
