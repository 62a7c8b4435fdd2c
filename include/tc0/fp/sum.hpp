// Sums and dot products of k floats rounded once (semantics.md section 2, `fsum` and `fdot`), in
// the two accumulation modes: `exact` (the real sum, rounded once) and `window` (a fixed-width
// window below the largest term, the rest folded into a sticky bit).
#pragma once
#include <gmpxx.h>

#include <span>

#include "tc0/fp/format.hpp"

namespace tc0::fp {

enum class accumulation { exact, window };

// The default of the model key "accumulate": "auto": exact where e <= 8, window above.
accumulation default_accumulation(const float_format& f);

// The window width for k terms: 2p + ceil(log2 k) + 3 bits (k >= 1).
int window_bits(const float_format& f, size_t k);

// sum_i xs[i] rounded once. Specials as IEEE addition would give them: any NaN, or +inf and -inf
// both present, gives the canonical NaN; otherwise an infinity gives that infinity. An exact zero
// result is +0 unless every term is -0 (k = 0 gives +0).
//
// `exact`: round_nearest_even of the exact real sum (0 ulp).
// `window`: write every nonzero finite term as (-1)^s M 2^q (M its integer significand) with top
// h = q + bitlen(M); let H = max h and L = H - window_bits(f, k). Each term is truncated toward
// minus infinity to a multiple of 2^L (T_i = floor(term / 2^L), an integer), sticky = 1 if any
// term lost a nonzero bit, S = sum_i T_i, and the result is encode((2S + sticky) 2^(L-1)).
// The exact sum lies in [S, S + k) 2^L, so the result is the correctly rounded value of a number
// within k 2^L <= 2^(H - 2p - 3) of the exact sum: equal to the `exact` result except when the
// exact sum lies that close to a rounding boundary (a midpoint or, for massive cancellation, a
// representable number), and always within 1/2 ulp + 2^(H - 2p - 3) of the exact sum, which is
// < 0.57 ulp when the sum cancels by at most p bits (|sum| >= 2^(H - p)). docs/floats.md.
mpz_class fsum(const float_format& f, std::span<const mpz_class> xs, accumulation mode);
mpz_class fsum(const float_format& f, std::span<const mpz_class> xs);  // default_accumulation

// sum_i xs[i] * ys[i] rounded once (the products are exact, never rounded). Specials as IEEE
// would give them for the products and their sum: NaN if any operand is NaN, any product is
// inf * 0, or products of both infinite signs occur; an exact zero is +0 unless every product is
// -0 (the product of signs). `window` as fsum with the exact products (2p-bit significands) as
// the terms. xs and ys must have the same length (input_error otherwise).
mpz_class fdot(const float_format& f, std::span<const mpz_class> xs, std::span<const mpz_class> ys,
               accumulation mode);
mpz_class fdot(const float_format& f, std::span<const mpz_class> xs, std::span<const mpz_class> ys);

// sum_i xs[i] * ys[i] * zs[i] rounded once (tensor attention's scores and outputs): the three-way
// products exact, specials as fdot's (NaN if any operand is NaN or a product has an infinity
// and a zero; the sign of a product is the xor of the three signs). `window` as fsum with the
// exact products as terms (the window is measured from the top of the largest term, so its error
// bound is fsum's).
mpz_class fdot3(const float_format& f, std::span<const mpz_class> xs, std::span<const mpz_class> ys,
                std::span<const mpz_class> zs, accumulation mode);

}  // namespace tc0::fp
