// Conversions of the soft float: from and to integers, from decimal strings and exact rationals,
// and exactly rounded constants (pi, e, ln 2, ...), all computed with GMP alone.
#pragma once
#include <gmpxx.h>

#include <optional>
#include <string>
#include <string_view>

#include "tc0/fp/format.hpp"

namespace tc0::fp {

// n rounded to nearest even (overflow gives infinity).
mpz_class from_integer(const float_format& f, const mpz_class& n);

// num / den rounded to nearest even (den != 0, input_error otherwise).
mpz_class from_rational(const float_format& f, const mpz_class& num, const mpz_class& den);

// A decimal string rounded to nearest even: [+-] digits [. digits] [(e|E) [+-] digits], at least
// one digit in the significand, or (case-insensitive) inf, infinity, nan with an optional sign.
// input_error for anything else, and for decimal exponents beyond +-10^7 whose result is not
// already known to overflow or underflow (the exact rational would be too large to hold).
mpz_class from_decimal(const float_format& f, std::string_view text);

// A hexadecimal float rounded to nearest even: [+-] 0x hexdigits [. hexdigits] [(p|P) [+-] digits]
// (the binary exponent is decimal, as in C), or inf / infinity / nan; input_error otherwise.
mpz_class from_hex(const float_format& f, std::string_view text);

// A number as the model and input JSON write it (interfaces.md): a hex float if it starts with
// [+-]0x, else a decimal; `exact` says whether the text's value was representable (NaN and
// infinities count as exact).
struct parsed_float {
  mpz_class bits;
  bool exact = true;
};
parsed_float parse_float(const float_format& f, std::string_view text);

// The exact value as a hex float: "0x1.8p+3", "-0x1p-149" (subnormals normalized too), "0x0p+0",
// "-0x0p+0", "inf", "-inf", "nan".
std::string to_hex(const float_format& f, const mpz_class& a);

// The nearest binary64 (round to nearest even; overflow to infinity, NaN to NaN).
double to_double(const float_format& f, const mpz_class& a);

// The integer value of a, rounded as asked; nullopt for NaN and infinities.
enum class int_rounding { nearest_even, toward_zero };
std::optional<mpz_class> to_integer(const float_format& f, const mpz_class& a,
                                    int_rounding mode = int_rounding::nearest_even);

// The exact value of a finite pattern as a rational (nullopt for NaN and infinities).
std::optional<mpq_class> to_rational(const float_format& f, const mpz_class& a);

// Real constants rounded to nearest (exactly: Ziv's test on GMP approximations of growing
// precision, so the result is the correctly rounded value).
enum class real_constant { pi, half_pi, two_pi, inv_pi, two_over_pi, e, ln2, log2_e, ln10, sqrt2, inv_sqrt2 };
mpz_class constant(const float_format& f, real_constant c);

// 1 / sqrt(n) for an integer n > 0, exactly rounded (e.g. the attention scale 1/sqrt(d_head)).
mpz_class inv_sqrt_of_integer(const float_format& f, const mpz_class& n);

}  // namespace tc0::fp
