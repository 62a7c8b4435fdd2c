// Float formats (p, e) and their bit patterns: layout, fields, classification, special values.
// The word-level soft float (fp/arithmetic.hpp and friends) and the gate-level float blocks share it.
#pragma once
#include <gmpxx.h>

#include <string>

namespace tc0::fp {

// A binary interchange format as semantics.md section 2 defines it: p significand bits counting
// the hidden leading one, e exponent bits with bias 2^(e-1) - 1. From the least significant bit:
// p - 1 fraction bits, e exponent bits, 1 sign bit; p + e bits in all. So {24, 8} is binary32,
// {53, 11} binary64, {11, 5} binary16, {8, 8} bfloat16. Supported: 2 <= p, 2 <= e, p + e <= 256.
// A float value is its bit pattern, an mpz_class in [0, 2^(p+e)); every function taking a format
// and patterns throws input_error for an unsupported format or a pattern out of range.
struct float_format {
  int p = 24;
  int e = 8;
  friend bool operator==(const float_format&, const float_format&) = default;
  friend auto operator<=>(const float_format&, const float_format&) = default;
};

inline constexpr float_format binary16{11, 5}, bfloat16{8, 8}, binary32{24, 8}, binary64{53, 11},
    binary128{113, 15};

// input_error("float format", ...) unless 2 <= p, 2 <= e, p + e <= 256.
void check_format(const float_format& f);
// input_error unless 0 <= x < 2^(p+e).
void check_pattern(const float_format& f, const mpz_class& x);

inline int width(const float_format& f) { return f.p + f.e; }
// Exponents are integers of any size: e may be up to 254, so emax = 2^253 - 1.
mpz_class bias(const float_format& f);  // 2^(e-1) - 1 = emax
mpz_class emin(const float_format& f);  // 1 - bias: the exponent of the smallest normal number
// The exponent of the last place of a subnormal (and of the smallest normal): emin - (p - 1).
mpz_class quantum_min(const float_format& f);

std::string to_string(const float_format& f);  // "(24, 8)"

enum class float_class { zero, subnormal, normal, infinite, nan };

// A pattern split into its meaning: for zero, subnormal and normal numbers the value is exactly
// (-1)^sign * sig * 2^exp, with sig = 0 for zero, sig < 2^(p-1) for subnormals (exp = quantum_min)
// and sig in [2^(p-1), 2^p) for normal numbers. Infinities and NaN carry only cls and sign.
struct unpacked {
  float_class cls = float_class::zero;
  bool sign = false;
  mpz_class sig;
  mpz_class exp;
  bool is_finite() const { return cls != float_class::infinite && cls != float_class::nan; }
};

unpacked decode(const float_format& f, const mpz_class& x);
float_class classify(const float_format& f, const mpz_class& x);
bool sign_bit(const float_format& f, const mpz_class& x);

// The pattern with the given fields (biased exponent in [0, 2^e), fraction in [0, 2^(p-1))).
mpz_class pack(const float_format& f, bool sign, const mpz_class& biased_exponent, const mpz_class& fraction);

// Special patterns. quiet_nan is the canonical NaN every op returns: exponent all ones, top
// fraction bit set, sign 0.
mpz_class quiet_nan(const float_format& f);
mpz_class infinity(const float_format& f, bool negative = false);
mpz_class zero(const float_format& f, bool negative = false);
mpz_class one(const float_format& f, bool negative = false);
mpz_class max_finite(const float_format& f, bool negative = false);
mpz_class min_normal(const float_format& f, bool negative = false);
mpz_class min_subnormal(const float_format& f, bool negative = false);

}  // namespace tc0::fp
