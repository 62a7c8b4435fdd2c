// Symmetric functions of a bus through its thermometer code: parity and popcount in depth 2
// with unit weights (notes/constructions.md section 2, T1; Hofmeister et al. 1991).
#pragma once
#include "tc0/circuit/builder.hpp"

namespace tc0 {

// y[j-1] = [popcount(x) >= j] for j = 1..B: B unit-weight gates in one layer, depth 1 in both
// regimes, B^2 edges.
bits thermometer(builder& b, const bits& x);

// popcount(x) mod 2 = [sum_{j odd} y_j + sum_{j even} not y_j >= 1 + #even j], y the thermometer:
// the sum is (popcount mod 2) + #even. Depth 2 in both regimes (unit weights); B + 1 gates,
// B^2 + B edges; measured at B = 32: 33 gates, 1,056 edges. (B = 1 folds to x itself.)
lit parity(builder& b, const bits& x, weight_regime regime);

// The L = ceil(log2(B + 1)) bits of popcount(x), LSB first. Bit i by T1 on the thermometer:
// switch points at the multiples of 2^i, coefficients +1 (y_t) and -1 (not y_t, threshold
// raised by one), so unit weights in both regimes. Depth 2 in both regimes (bits that equal
// one thermometer gate sit at depth 1; B = 1 folds to x itself); B + L gates at most,
// O(B^2 + B L) edges; measured at B = 32: 37 gates, 1,086 edges.
bits popcount(builder& b, const bits& x, weight_regime regime);

}  // namespace tc0
