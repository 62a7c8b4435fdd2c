// Gate-level fsum / fdot (k terms, one rounding) in both accumulation modes, bit-identical to the
// word level of fp/sum.hpp: what the transformer's affine maps, Q.K and P.V lower to.
#pragma once
#include <gmpxx.h>

#include <span>

#include "tc0/circuit/builder.hpp"
#include "tc0/fp/format.hpp"
#include "tc0/fp/sum.hpp"

namespace tc0::fp {

// Construction knobs: where one OR layer is spent to shrink an iterated sum.
struct float_sum_params {
  enum class fusion : uint8_t { automatic, fused, compact };
  // compact (automatic): the exclusive alignment gates of every accumulator bit of every term are
  // ORed into one literal (a column height of k); fused: they go straight into the iterated sum
  // (one layer less, but columns ~2p k high: ~16x the edges at (11, 5) k = 16).
  fusion alignment = fusion::automatic;
  // fused (automatic with exp weights): every rounding case's kept bits, round-up and exponent go
  // straight into the pattern sum; compact (automatic with majority): they are ORed per pattern
  // bit first (one layer more; the majority pattern sum would otherwise take ~10x the wires).
  fusion rounding = fusion::automatic;
};

// sum_i xs[i] rounded once, = fp::fsum(f, xs, mode) bit for bit (specials, signed zeros, the
// window definition of docs/floats.md 4.2). k = xs.size() (k = 0: +0), each p + e bits; e <= 20.
// Construction [D] (docs/floats.md 4; the word level's steps, in gates):
//   exact: each term is (-1)^s sig 2^pos, pos one-hot in the exponent field. Bit j of the term's
//   two's complement over the accumulator is s XOR (sig bit j - pos): exclusive AND gates of the
//   exponent pattern, s and one significand bit, plus "term wholly above / below j" thresholds
//   (1 layer), ORed per bit (1); S and S - 1 as two iterated sums over 2^e + p + log2 k + 1 bits;
//   window: H = max top (one threshold per term and value, ORed); "distance H - pos_i >= d" as
//   [exists l: top_l - pos_i >= d] (1 layer: raw exponent fields, a subnormal's significand shifted
//   instead); the aligned bits into a 2p + log2 k + 3 bit window as exclusive gates over
//   "distance = d" (one gate each: the count of true thresholds at d, minus k times those at d + 1)
//   (1), ORed (1); sticky = [fewer than k terms kept all their bits] (1 gate); S, S - 1;
//   rounding: |V| for V = 2S + sticky in three exclusive variants (S >= 0; S < 0 with / without
//   sticky read ~S or ~(S - 1): no negation). Every leading-one position and every subnormal grid
//   position is an exclusive case, a linear form over those bits and the grid thresholds; each
//   case's kept bits, round-up and exponent are exclusive terms of ONE iterated sum, the result
//   pattern (1 + 3 layers; with majority weights they are ORed per pattern bit first, +1); the
//   overflow cases (1 + 1) and specials select the output (1).
// Depth (exp / majority), the same for k = 1..32 and every format with p + e <= 30 (tested at
// (4,4)..(16,6)): exact 9 / 13, window 10 / 14; exp +1 above p + e = 30 (the pattern sum's third
// block), e.g. (24,8): 10 / 13 and 11 / 14.
// Size: exact O(k p 2^e) AND gates, an iterated sum of k-high columns over 2^e + p bits; window
// O(k^2 (p + log k)) distance and O(k p^2) alignment gates. Measured (exp: gates / edges; majority:
// gates / wires), exact: (8,5) k=8 7.2k / 324k, 7.2k / 283k; (11,5) k=16 17k / 1.4M, 18k / 2.4M;
// (24,8) k=16 253k / 17M, 264k / 30M (12 s). window: (8,5) k=8 9.7k / 536k, 9.6k / 696k;
// (11,5) k=16 34k / 2.5M, 34k / 7.6M; (24,8) k=16 107k / 11.5M, 107k / 35M.
bits float_sum(builder& b, const float_format& f, std::span<const bits> xs, accumulation mode, weight_regime regime,
               const float_sum_params& params = {});

// sum_i xs[i] * ys[i] rounded once (exact products), = fp::fdot. The 2p-bit significand products
// are partial products and hidden-bit rows (all layer-1 gates) in one iterated sum (4 / 5 layers,
// beside the exponent sum), then as float_sum over 2^(e+1) + 2p + log2 k bits (exact) or with a
// leading-one detector per product (window). Depth: exact 13 / 18, window 15 / 20 ((24,8): 14 / 18,
// 16 / 20). Measured exact: (8,5) k=8 25k gates / 938k edges (exp); (11,5) k=16 64k / 3.8M;
// (24,8) k=16 935k / 49M (45 s); window (24,8) k=16 177k / 23M.
bits float_dot(builder& b, const float_format& f, std::span<const bits> xs, std::span<const bits> ys,
               accumulation mode, weight_regime regime, const float_sum_params& params = {});

// sum_i xs[i] * ys[i] * zs[i] rounded once (exact three-way products), = fp::fdot3: tensor
// attention's scores and outputs. As float_dot with 3p-bit significands (the two-operand product,
// then one more iterated sum for the third factor) and three exponents summed.
// Depth: float_dot's plus the second product's layers (measured in tests/fp/float_sum_test.cpp).
bits float_dot3(builder& b, const float_format& f, std::span<const bits> xs, std::span<const bits> ys,
                std::span<const bits> zs, accumulation mode, weight_regime regime, const float_sum_params& params = {});

// sum_i xs[i] * cs[i] for compile-time constant floats cs (bit patterns of f), = fp::fdot(f, xs,
// cs). No multiplier: x's significand times the integer significand C of c is a multiply by a
// constant (x's bits with weights C 2^m, one iterated sum: 3 / 4 layers, computed for the normal
// and the subnormal hidden bit so no decode gate precedes it); a zero constant drops its term
// (inf * 0 and NaN * 0 still give NaN); NaN or infinite constants only feed the special-value
// logic. The exact accumulator spans the constants' exponents plus 2^e + 2p + log2 k bits.
// Depth: exact 12 / 17, window 14 / 19, the same for every k and p with p + e <= 30 ((24,8):
// 13 / 17, 15 / 19). Measured exact (exp gates / edges, majority gates / wires): (8,5) k=8
// 13.6k / 567k, 15k / 535k; (11,5) k=16 35k / 2.4M, 42k / 4.7M; (24,8) k=16 495k / 24M (14 s),
// 581k / 85M. window: (11,5) k=16 65k / 4.9M, 68k / 29M; (24,8) k=16 243k / 22M, 250k / 222M.
bits float_dot_const(builder& b, const float_format& f, std::span<const bits> xs, std::span<const mpz_class> cs,
                     accumulation mode, weight_regime regime, const float_sum_params& params = {});

// The affine form sum_i xs[i] * cs[i] + bias, rounded once: exactly fp::fdot(f, xs ++ [1],
// cs ++ [bias]) (k + 1 terms, so the window mode uses window_bits(f, k + 1)). The bias is one more
// constant term (no gates of its own). Same depth as float_dot_const.
bits float_dot_const(builder& b, const float_format& f, std::span<const bits> xs, std::span<const mpz_class> cs,
                     const mpz_class& bias, accumulation mode, weight_regime regime,
                     const float_sum_params& params = {});

}  // namespace tc0::fp
