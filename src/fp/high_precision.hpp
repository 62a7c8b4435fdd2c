// Internal: exact floors floor(c 2^n) of real constants (pi, ln 2, e, ...) with GMP only, for the
// exactly rounded constants of convert.hpp and the stored constants of the transcendental plans.
#pragma once
#include <gmpxx.h>

namespace tc0::fp::detail {

enum class real { pi, ln2, e, ln10, sqrt2 };

// floor(c 2^n) and floor(2^n / c), exactly (n >= 0): approximations of growing precision until the
// floor is decided (c is irrational, so this ends).
mpz_class floor_scaled(real c, long n);
mpz_class floor_inverse_scaled(real c, long n);

// floor(2/pi 2^n), exactly, from one cached value that grows on demand (thread-safe).
mpz_class two_over_pi_floor(long n);

}  // namespace tc0::fp::detail
