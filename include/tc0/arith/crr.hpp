// Iterated product and powering in constant depth through the Chinese remainder representation
// (notes/constructions.md 3.8; Beame-Cook-Hoover 1986, Hesse-Allender-Barrington 2002).
#pragma once
#include <span>
#include <vector>

#include "tc0/circuit/builder.hpp"

namespace tc0 {

// x_0 * .. * x_{K-1} of K >= 1 numbers of the same width B >= 1: K*B bits (input_error otherwise,
// and when K*B exceeds 16384 bits).
// Construction (unfused CRR, L = K*B, primes p_1..p_m with M = prod p >= 2^(L+1)):
//   layer 1: thermometers of the residue sums s_{i,p} = sum_l (2^l mod p) x_{i,l};
//   layer 2: thermometer of the discrete-log sum Lambda_p = sum_i dlog(x_i mod p) (T2 over
//            layer 1; a sentinel for x_i = 0 mod p);
//   layer 3: one-hot c_p = g^Lambda_p (M/p)^-1 mod p (a relabelling of layer 2, one gate per value);
//   layer 4: K = floor(sum_p c_p / p) from N = ceil(log2 4m) fractional bits (exact as X < M/2);
//   then X = sum_p c_p M/p - K M by the iterated sum over exclusive groups (one-hot per prime), so
//   its thermometers span about m values per column rather than the number of terms.
// Depth: exp 7, majority 8 (targets 5 / ~7: the notes' 6-layer form has a depth-2 final sum with
// weights up to 2^L; under the 2^30 weight bound the sum takes 3 layers (exp) / 4 (majority)).
// K = 1 returns x_0 (depth 0). Size grows as about K B^2 sum_p p (layer 1) and K^2 sum_p p^2 B
// edges (layer 2); measured: see docs/arithmetic.md.
bits product(builder& b, std::span<const bits> xs, weight_regime regime);

// x^1 .. x^k of a B-bit x (k >= 1): result[j-1] = x^j with j*B bits. One operand needs no
// discrete logs: c_p^(j) = (x mod p)^j (M/p)^-1 mod p is a function of the residue sum itself,
// so layer 1 thermometers, layer 2 one-hot codes per power, layer 3 K, then the sum.
// Depth: exp 6, majority 7 (targets 5 / ~7); x^1 is x itself.
std::vector<bits> powers(builder& b, const bits& x, uint32_t k, weight_regime regime);

}  // namespace tc0
