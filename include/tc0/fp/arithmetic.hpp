// The IEEE 754 operations of the soft float on bit patterns: +, -, *, /, sqrt, comparison and
// maximum, each computed exactly with GMP and rounded once (0 ulp from the correctly rounded result).
#pragma once
#include <gmpxx.h>

#include "tc0/fp/format.hpp"

namespace tc0::fp {

// Sign flips: no rounding, NaN keeps its payload (IEEE negate and abs are bit operations).
mpz_class fneg(const float_format& f, const mpz_class& a);
mpz_class fabs(const float_format& f, const mpz_class& a);

// Round to nearest even of the exact a + b, a - b, a * b, a / b, sqrt(a). Specials as IEEE 754:
// any NaN operand, inf - inf, 0 * inf, 0 / 0, inf / inf and sqrt of a negative number give the
// canonical quiet NaN; x / 0 = +-inf; an exact zero sum is +0 unless both operands are -0;
// sqrt(-0) = -0. Construction mirrored by the gate level (docs/floats.md): the exact sum of the
// two aligned significands (fadd, fsub), the exact product (fmul), the quotient with at least
// p + 2 bits plus a remainder-nonzero sticky bit (fdiv), the integer square root with at least
// p + 2 bits plus a sticky bit (fsqrt), then one encode.
mpz_class fadd(const float_format& f, const mpz_class& a, const mpz_class& b);
mpz_class fsub(const float_format& f, const mpz_class& a, const mpz_class& b);
mpz_class fmul(const float_format& f, const mpz_class& a, const mpz_class& b);
mpz_class fdiv(const float_format& f, const mpz_class& a, const mpz_class& b);
mpz_class fsqrt(const float_format& f, const mpz_class& a);

// IEEE comparison: exactly one of the four relations holds; NaN is unordered with everything
// (itself included), -0 == +0.
enum class ordering { less, equal, greater, unordered };
ordering fcmp(const float_format& f, const mpz_class& a, const mpz_class& b);
bool flt(const float_format& f, const mpz_class& a, const mpz_class& b);  // a < b
bool fle(const float_format& f, const mpz_class& a, const mpz_class& b);  // a <= b
bool feq(const float_format& f, const mpz_class& a, const mpz_class& b);  // a == b
bool funordered(const float_format& f, const mpz_class& a, const mpz_class& b);

// IEEE 754-2019 maximum: the canonical NaN if either operand is NaN, maximum(-0, +0) = +0,
// otherwise the larger operand's pattern.
mpz_class fmax(const float_format& f, const mpz_class& a, const mpz_class& b);

}  // namespace tc0::fp
