// Multiplication in constant depth: x * y, x^2 and x * C for a constant C, all as one layer of
// partial products (none for x * C) feeding the iterated sum of iterated_sum.hpp.
#pragma once
#include <gmpxx.h>

#include "tc0/circuit/builder.hpp"

namespace tc0 {

// x * y of two B-bit unsigned numbers (same width >= 1, input_error otherwise): 2B bits.
// Layer 1: partial products x_i and y_l (AND gates); then weighted_sum of them with weights
// 2^(i+l) (notes 3.7). Depth = 1 + the sum's: exp 4 (target 3; the exp sum is 3, see
// iterated_sum.hpp), majority 5 (target 5), the same at every width B >= 2.
// Size: B^2 ANDs + the sum: O(B^2) gates; every sum gate of the two low blocks reads a window of
// ~B * 30 partial products and the narrower upper blocks ~B * sqrt(B) (iterated_sum.cpp), so
// edges grow as about B^3.5 (exp) and wires as B^4 (majority). Measured: exp B = 16: 803 gates /
// 73k edges, B = 32: 4,238 / 784k (notes' depth 3, weights up to 2^62: 784 and 3,104 gates,
// 1.09M edges); majority B = 16: 1,423 / 167k wires, B = 32: 7,926 / 4.3M (notes' depth 5:
// 14,014 at 32). B = 64 exp: 19,202 gates / 6.6M edges, about 1 s to build; B = 128: 79,275
// gates / 61M edges, 1.7 GB and 8-13 s; B = 256 (~500M edges) does not fit this construction.
bits multiply(builder& b, const bits& x, const bits& y, weight_regime regime);

// x^2 of a B-bit unsigned x: 2B bits. Partial products x_i x_j (i < j) with weight 2^(i+j+1) and
// x_i with weight 2^(2i) (x_i x_i = x_i): B(B-1)/2 ANDs, then the sum. Same depths as multiply
// (exp 4, majority 5; B = 1 folds to x itself). Measured at B = 32: exp 2,191 gates, majority 3,087.
bits square(builder& b, const bits& x, weight_regime regime);

// x * C for a constant C >= 0: B + bitlen(C) bits (bitlen(0) = 0). No partial products: the terms
// are x_i with weight C 2^i, so the depth is the sum's: exp 3, majority 4 (constants with one
// set bit are a relabelling, depth 0). Measured at B = 32 with a 101-bit C: exp 5,788 gates,
// majority 12,142 gates.
bits multiply_constant(builder& b, const bits& x, const mpz_class& c, weight_regime regime);

}  // namespace tc0
