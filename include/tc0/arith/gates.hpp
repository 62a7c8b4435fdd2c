// One-gate blocks over a bus: AND, OR, majority and a weighted threshold, in both weight regimes.
#pragma once
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "tc0/circuit/builder.hpp"

namespace tc0 {

// AND / OR of all bits of x. Depth 1 in both regimes (0 when x has one bit or folds to a
// constant); 1 gate, |x| edges.
lit and_all(builder& b, const bits& x, weight_regime regime);
lit or_any(builder& b, const bits& x, weight_regime regime);

// [popcount(x) >= floor(B/2) + 1], B = |x|: one unit-weight maj gate, depth 1 in both regimes;
// 1 gate, B edges (and/or for B <= 2).
lit majority(builder& b, const bits& x, weight_regime regime);

// [sum_i w_i x_i >= t]. exp: one thr gate (|w| < 2^30 after the builder's normalisation, else
// input_error). majority: one unit-weight gate where w_i becomes |w_i| repeated wires of x_i
// (of not x_i for w_i < 0, raising t by |w_i|), after clipping weights to the threshold and
// dividing by their gcd; input_error if the wires would exceed 2^24. Depth 1 in both regimes;
// 1 gate; edges |x| (exp) or sum |w| (majority). Construction: notes/constructions.md section 6.
inline constexpr int64_t max_repeated_wires = int64_t{1} << 24;
lit threshold(builder& b, const bits& x, std::span<const int64_t> weights, int64_t t, weight_regime regime);

// A linear form over literals: (literal, integer coefficient) pairs; blocks build their gates as
// thresholds of such forms.
using linear_form = std::vector<std::pair<lit, int64_t>>;

// [sum of the form >= t]: threshold() over its literals (zero coefficients dropped); a constant
// for an empty form. Depth and size as threshold().
lit at_least(builder& b, const linear_form& f, int64_t t, weight_regime regime);

}  // namespace tc0
