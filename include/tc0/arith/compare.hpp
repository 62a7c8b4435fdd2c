// Comparison of two B-bit numbers (unsigned or two's complement): x < y, x <= y, x == y.
// Constructions: notes/constructions.md section 3.1, and arithmetic.md's depth targets.
#pragma once
#include <cstdint>

#include "tc0/circuit/builder.hpp"

namespace tc0 {

struct compare_result {
  lit lt;  // x < y
  lit le;  // x <= y
  lit eq;  // x == y
};

// exp regime, depth 2 at every width 1..max_exp_compare_width:
//   layer 1: per block i of at most 29 bits, lt_i = [y_blk - x_blk >= 1] and gt_i = [x_blk - y_blk >= 1]
//            as single thr gates (weights 2^0..2^28 per side);
//   layer 2: lt = [sum_i 2^i (lt_i - gt_i) >= 1], le = [same >= 0], eq = AND_i (not lt_i, not gt_i).
//   The highest differing block dominates the lower ones since sum_{j<i} 2^j < 2^i. Top weights
//   stay below 2^30 by giving block i >= 30 its coefficient 2^i as 2^(i-29) copies of lt_i (gt_i)
//   with weight 2^29 each; copy c is the equivalent gate [2 D + z_c >= 2] (D the block's integer
//   difference, z_c a distinct literal outside the block, which cannot change the result), so
//   structural hashing keeps the copies apart. Sums stay far below 2^63; the copies grow as
//   2^(blocks - 30), hence the width limit of 40 blocks = 1160 bits (input_error above it).
//   Size: 2m + 3 gates for m = ceil(B/29) blocks up to 870 bits, O(B) edges; measured at
//   B = 32: 7 gates, 140 edges, max weight 2^28; at B = 1024 (36 blocks): 2 * 120 extra copies,
//   315 gates, max weight 2^29.
// majority regime (unit weights), any width:
//   layer 1: a_j = x_j and not y_j, b_j = not x_j and y_j;
//   layer 2: lt-term_i = not x_i and y_i and AND_{j>i} not a_j (gt-terms symmetric with b_j);
//   layer 3: lt = OR of the lt-terms, le = NOT (OR of the gt-terms);
//   eq = AND_j (not a_j, not b_j) at depth 2. lt/le depth 3, eq depth 2.
//   Size: about 4B gates, O(B^2) edges; measured at B = 32: 129 gates, 1,372 edges.
// exp keeps its depths from B = 1 up; majority from B = 2 up (at B = 1 the single lt/gt term is
// the whole OR, so lt/le have depth 1 there; eq stays 2).
// Signed operands compare as unsigned after complementing both sign bits (free).
// x and y must have the same width >= 1 (input_error otherwise).
inline constexpr uint32_t max_exp_compare_width = 40 * 29;
compare_result compare(builder& b, const bits& x, const bits& y, bool is_signed, weight_regime regime);

lit less_than(builder& b, const bits& x, const bits& y, bool is_signed, weight_regime regime);   // x < y
lit less_equal(builder& b, const bits& x, const bits& y, bool is_signed, weight_regime regime);  // x <= y
lit equal(builder& b, const bits& x, const bits& y, weight_regime regime);                       // x == y

}  // namespace tc0
