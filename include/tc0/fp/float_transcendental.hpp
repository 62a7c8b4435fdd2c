// Gate-level exp, 1/sqrt, sin, cos: circuits that repeat the integer steps of fp/transcendental.hpp
// one by one (the same stored constants, the same truncations), so they are bit-identical to it.
#pragma once
#include "tc0/circuit/builder.hpp"
#include "tc0/fp/format.hpp"

namespace tc0::fp {

// exp(x), bit-identical to fp::fexp (Tang's table method, docs/floats.md 5.1); p + e bits in and
// out, exponents up to 20 bits. Construction [D], with plan_exp(f)'s constants:
//   decode (1); saturation [exponent field >= e1 + bias] (1);
//   X = x 2^F truncated, as |X| split by sign: one AND per (field value, significand bit, sign),
//   one OR per bit (2); j = floor((X C - 2^(F+e1+1)) / 2^(F+S)) as the top bits of one
//   two's-complement iterated sum (3 / 4); R = floor((X 2^G - j L) / 2^G), one more sum (3 / 4);
//   R^1..R^N (CRR powers, 6 / 7), U_n their top bits (free); P = sum A_n U_n (3 / 4);
//   table[j mod 2^t] P as one-hot ANDs and one sum (1 + 3 / 4); encode at k - 3F (float_encode,
//   9 / 11); one gate per output bit for NaN, +inf, +0 and overflow.
// Depth: exp ?, majority ?, the same for every format (tested). Size at (8,5), (11,5), (24,8): see
// docs/floats.md; the CRR powers dominate and grow about as (p N)^3: (24,8) is large.
bits float_exp(builder& b, const float_format& f, const bits& x, weight_regime regime);

// 1/sqrt(x), bit-identical to fp::frsqrt (a table of under-estimates and the binomial series,
// docs/floats.md 5.3); p + e bits in and out, exponents up to 20 bits. Construction [D], with
// plan_rsqrt(f)'s constants:
//   decode and normalize (3); the leading bit's exponent E1 = V - off (iterated sum, 3 / 4), its
//   parity V_0 and K = floor(V/2) - off/2 (free);
//   the cell c = parity 2^t + top t fraction bits, one AND per cell (1);
//   W = floor((2^(2H+p-1) - m 2^par T_c^2) / 2^(2H+p-1-F)): [cell c] and [cell c] m_k with weights
//   -(cell's top bits of m) 2^par T_c^2 and -2^(par+k) T_c^2 mod 2^(2H+p-1), one sum (1 + 3 / 4);
//   W^1..W^N (CRR powers, 6 / 7); T_c S = T_c sum B_n W_n as one sum over [cell c] W_{n,k} with
//   weight T_c B_n 2^k (1 + 3 / 4); encode at -K - H - F - 2N (float_encode, 9 / 11); one gate per
//   output bit for NaN (NaN, x < 0), +-0 -> +-inf, +inf -> +0 and overflow.
// Depth: exp ?, majority ?, the same for every format (tested). Size: see docs/floats.md.
bits float_rsqrt(builder& b, const float_format& f, const bits& x, weight_regime regime);

}  // namespace tc0::fp
