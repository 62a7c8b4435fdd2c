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
// window definition of docs/floats.md 4.2). k = xs.size() >= 1, each p + e bits; e <= 20.
// Construction [D], docs/floats.md 4 and docs/float_sum.md:
//   exact: every term is (-1)^s sig 2^pos with pos one-hot in the exponent; the accumulator bit j
//   of term i in two's complement is s XOR (sig bit j - pos), written as exclusive AND gates of
//   the exponent pattern, s and one significand bit (1 layer), ORed (1 layer); S and S - 1 as two
//   iterated sums of all of them (3 / 4 layers) over 2^e + p + log2 k + 2 bits;
//   window: H = max top (thresholds of the exponents), each term's distance to it as one-hot
//   thresholds [exists l: h_l - pos_i >= d] (2 layers), aligned bits into a 2p + log2 k + 5 bit
//   window as exclusive gates over "distance = d" (1), ORed (1), the sticky bit as one count
//   gate, S and S - 1 as iterated sums;
//   rounding: for |2S + sticky| (three sign / sticky variants read S, ~S or ~(S - 1)), every
//   leading-one position and every subnormal grid is an exclusive case (a linear form over the
//   bits); kept bits, round-up and exponent of every case are exclusive terms of ONE iterated
//   sum that is the result pattern (1 + 3 layers); overflow and specials select the output (1).
// Depth (exp / majority), the same for every k >= 2 and p (tested): exact 10 / 12, window 11 / 13.
// Size: exact O(k p 2^e) alignment gates plus an iterated sum of k columns over 2^e + p bits;
// window O(k^2 p) distance gates plus O(k p^2) alignment gates. Measured: docs/float_sum.md.
bits float_sum(builder& b, const float_format& f, std::span<const bits> xs, accumulation mode, weight_regime regime,
               const float_sum_params& params = {});

// sum_i xs[i] * ys[i] rounded once (exact products), = fp::fdot. The products are multiplied at
// the gate level (partial products, one iterated sum: 4 / 5 layers, beside the exponent sum),
// then as float_sum with 2p-bit significands over an accumulator of 2^(e+1) + 2p + log2 k bits.
// Depth: exact 14 / 17, window 16 / 19.
bits float_dot(builder& b, const float_format& f, std::span<const bits> xs, std::span<const bits> ys,
               accumulation mode, weight_regime regime, const float_sum_params& params = {});

// sum_i xs[i] * cs[i] for compile-time constant floats cs (bit patterns of f), = fp::fdot(f, xs,
// cs). No multiplier: x's significand times the integer significand of c is a multiply by a
// constant (one iterated sum, 3 / 4 layers); a zero constant drops its term (but inf * 0 and NaN *
// 0 still give NaN); NaN or infinite constants only feed the special-value logic. The exact
// accumulator spans the constants' exponents plus 2^e + 2p + log2 k bits.
// Depth: exact 13 / 15 (window 15 / 17), the same for every k and p.
bits float_dot_const(builder& b, const float_format& f, std::span<const bits> xs, std::span<const mpz_class> cs,
                     accumulation mode, weight_regime regime, const float_sum_params& params = {});

// The affine form sum_i xs[i] * cs[i] + bias, rounded once: exactly fp::fdot(f, xs ++ [1],
// cs ++ [bias]) (k + 1 terms, so the window mode uses window_bits(f, k + 1)). The bias is one more
// constant term (no gates of its own). Same depth as float_dot_const.
bits float_dot_const(builder& b, const float_format& f, std::span<const bits> xs, std::span<const mpz_class> cs,
                     const mpz_class& bias, accumulation mode, weight_regime regime,
                     const float_sum_params& params = {});

}  // namespace tc0::fp
