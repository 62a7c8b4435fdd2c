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
//   two's-complement iterated sum (3 / 4; negative weights as complemented literals plus one
//   constant, so no term carries a dense weight mod 2^w); R = floor((X 2^G - j L) / 2^G), one
//   more sum (3 / 4);
//   R^1..R^N (CRR powers, 6 / 7), U_n their top bits (free); table[i] P with P = sum A_n U_n and
//   i = j mod 2^t as ONE sum over [i = v] U_{n,k} with weight table[v] A_n 2^k, exclusive over v
//   (one-hot ANDs 1, sum 3 / 4; summing P first would cost one sum more); encode at k - 3F
//   (float_encode, 9 / 11); one gate per output bit for NaN, +inf, +0 and overflow.
// Depth: exp 28, majority 33, the same for every format (tested (3,3) .. (16,8); (24,8): 28, and
// 0 mismatches on 512 random operands, once). Size, exp: (8,5) 5,960 gates / 628k edges, (11,5)
// 9,751 / 1.6M, (24,8) 94,882 / 69M (24 s and 2.4 GB to build: the CRR powers of a 28-bit R, 72k
// gates / 49M edges by themselves, dominate);
// majority (8,5) 12,167 gates / 18.7M wires, (11,5) 18,888 / 45M.
bits float_exp(builder& b, const float_format& f, const bits& x, weight_regime regime);

// 1/sqrt(x), bit-identical to fp::frsqrt (a table of under-estimates and the binomial series,
// docs/floats.md 5.3); p + e bits in and out, exponents up to 20 bits. Construction [D], with
// plan_rsqrt(f)'s constants:
//   decode and normalize (3); the leading bit's exponent E1 = V - off (iterated sum, 3 / 4), its
//   parity V_0 and K = floor(V/2) - off/2 (free);
//   the cell c = parity 2^t + top t fraction bits, one AND per cell (1);
//   W = floor((2^(2H+p-1) - m 2^par T_c^2) / 2^(2H+p-1-F)): [cell c] and [cell c] m_k with weights
//   -(cell's top bits of m) 2^par T_c^2 and -2^(par+k) T_c^2 mod 2^(2H+p-1), one sum (1 + 3 / 4);
//   W^1..W^N (CRR powers, 6 / 7); T_c S = T_c sum B_n W_n as one sum over the partial products
//   T_a W_{n,k} (weight B_n 2^(a+k); T's H + 1 bits are ORs of the cells, off the critical path;
//   3x fewer terms than one term per cell) (1 + 3 / 4); encode at -K - H - F - 2N (float_encode, 9 / 11); one gate per
//   output bit for NaN (NaN, x < 0), +-0 -> +-inf, +inf -> +0 and overflow.
// Depth: exp 30, majority 35, the same for every format from p = 7 (tested (7,4) .. (16,8), (11,11));
// p <= 6: 27 / 31 (the cells cover every fraction bit, W is a lookup). Size, exp: (8,5) 7,154 gates /
// 887k edges, (11,5) 10,778 / 1.9M (the powers and the product sum dominate); majority (8,5)
// 18,407 gates / 32M wires, (11,5) 26,050 / 56M. (24,8) explodes: 186k gates / 206M edges, 7.2 GB
// and 77 s to build (the CRR powers of a 31-bit W to N = 6), too large to simulate here.
bits float_rsqrt(builder& b, const float_format& f, const bits& x, weight_regime regime);

// sin(x) and cos(x), bit-identical to fp::fsin / fp::fcos (quadrant reduction, Payne-Hanek above
// 1/2, docs/floats.md 5.2); p + e bits in and out, exponents up to 20 bits. Construction [D], with
// plan_trig(f)'s constants, both paths built side by side:
//   decode and normalize (3); E1 = the leading bit's exponent (sum, 3 / 4), path B = [E1 >= -1];
//   path A: m C_A (constant multiply, 3 / 4) and its top P_f bits by its top bit (select, 2):
//   equal to fp's truncation of sig C_A since m = sig << lz; ef = E1 + t - P_f;
//   path B: Zr = Z + 2^(Fz-1) as one sum over [field = v] sig_k with weight W(E_v) 2^k (the 2/pi
//   window of every exponent, exclusive over v: 1 + 3 / 4); the quadrant is Zr's top two bits,
//   f = (Zr mod 2^Fz) - 2^(Fz-1) (a flipped bit), |f| (absolute, 2), normalized (2): ef = -lz - P_f;
//   f_n = the selected P_f bits (2), ef + P_f as one gated sum (1 + 3 / 4);
//   V = floor(f_n^2 2^(2ef+F)): square (4 / 5), then one exclusive case per value of ef (2 + 1);
//   V^1..V^N (CRR powers, 6 / 7); f_n S_sin and S_cos 2^P_f as two sums of signed partial
//   products (1 + 3 / 4); sin or cos by the quadrant's parity (select, 2); encode (9 / 11); the
//   sign as a parity of the quadrant bits, sign and f's sign; NaN for NaN and +-inf.
// Depth: exp 37, majority 42, the same for every format (tested (3,3) .. (8,5), (8,8), (4,8)).
// Size, exp: (8,5) 21,324 gates / 6.6M edges, (11,5) 46,767 / 22M (the f_n S_sin partial
// products and the powers dominate; the window selection has one term per (exponent, significand
// bit), polynomial in 2^e); majority: (3,3) 25,810 gates / 135M wires, (5,4) 442M: not practical.
bits float_sin(builder& b, const float_format& f, const bits& x, weight_regime regime);
bits float_cos(builder& b, const float_format& f, const bits& x, weight_regime regime);

}  // namespace tc0::fp
