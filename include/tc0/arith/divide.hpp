// Division and reciprocal in constant depth: a geometric series evaluated exactly in the Chinese
// remainder representation, read out in fixed point with enough bits that the floor is exact
// (notes/constructions.md 3.9; Reif-Tate 1992, Hesse-Allender-Barrington 2002).
#pragma once
#include <cstdint>

#include "tc0/circuit/builder.hpp"

namespace tc0 {

// floor(2^F / y) for a B-bit unsigned y, as F bits; y = 0 and y = 1 (where 2^F does not fit)
// give 2^F - 1. Construction [D]: Y = y << lzc(y) in [2^(B-1), 2^B), U = 2^B - Y in [1, 2^(B-1)]
// (residues of U are linear forms of not Y: no gates), and with u = U / 2^B <= 1/2,
//   2^(F+B) / Y = 2^F sum_j u^j = 2^F P(U) / 2^(BN) + tail,  P(U) = sum_{j<=N} U^j 2^(B(N-j)),
// tail <= 2^(F-N). P(U) is one polynomial of one residue per prime, so its one-hot residues are a
// single layer over U's residue thermometers; crr::scaled_value reads 2^(F+B)/Y in fixed point
// with G = B + 3 + ceil(log2 m) fractional bits. N = F + B + 2 makes the total error below
// 2^(-B-1), and since 2^(F+B)/Y is an integer or at least 1/Y >= 2^-B away from one, adding
// 2^(-B-1) and flooring is exact: no correction step. Finally floor(2^F / y) = (Qf << lzc) >> B,
// a one-hot-decoded selection whose OR also takes the saturation flag.
// Depth: exp 10, majority 11 (target <= 8 / <= 10): normalize 2, residues 1, one-hot 1, K 1,
// sum 3 (4), selection 2, from B = 3 on (B = 2: 9 / 10). The primes cover B(F+B+2) bits, so size
// grows as about B^5 (exp B = F = 8: 5,503 gates / 1.9M edges, 12: 28,083 / 22M): practical
// to B = F = 12 or so (see docs/arithmetic.md).
bits reciprocal(builder& b, const bits& y, uint32_t frac_bits, weight_regime regime);

struct quotient_remainder {
  bits q, r;
};

// floor(x / y) and x mod y for B-bit unsigned x, y (same width); y = 0 gives q = 2^B - 1, r = x.
// x * P(U) is a product of two residues per prime (discrete logs, one more layer than the
// reciprocal), read with N = 2B + 2 terms as floor(x 2^B / Y); q = that >> (B - lzc(y)); then
// r = x - q y mod 2^B by partial products and the iterated sum (r < y < 2^B, so no wrap).
// Depth: exp 15, majority 17 from B = 3 on (B = 2: 13 / 15, normalize folds; target <= 8 / <= 10).
// Size about B^5 (primes for 2B^2 bits): exp B = 8 12,431 gates / 4.3M edges, B = 12 61,509 / 48M.
quotient_remainder divide(builder& b, const bits& x, const bits& y, weight_regime regime);

// Truncating signed division of two's-complement x, y: q rounds toward zero, r has x's sign;
// y = 0 gives q = 2^B - 1 (all ones), r = x; min / -1 wraps to min. |x|, |y| (2 layers), the
// unsigned division, then conditional negation (2 layers): depth exp 19, majority 21 (B >= 3).
quotient_remainder divide_signed(builder& b, const bits& x, const bits& y, weight_regime regime);

}  // namespace tc0
