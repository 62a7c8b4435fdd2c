// Internal: the rounded exact sum of signed terms (-1)^s sig 2^exp with exponents of any size, and
// the window sum of sum.hpp. Shared by fadd/fsub (two terms) and fsum/fdot.
#pragma once
#include <gmpxx.h>

#include <optional>
#include <vector>

#include "tc0/fp/format.hpp"

namespace tc0::fp::detail {

struct term {
  bool sign = false;
  mpz_class sig;  // > 0
  mpz_class exp;
};

// The pattern of the exact sum rounded to nearest even, or nullopt if the exact sum is zero.
// Terms far apart (gaps beyond p + 5 + bitlen(k) bits, e.g. exponents 2^200 apart) are grouped
// into clusters: the first nonzero cluster sum decides the value and the next nonzero one only
// its sign below the rounding position, so nothing wider than the clusters is materialized.
std::optional<mpz_class> round_exact_sum(const float_format& f, std::vector<term>& terms);

// The window sum of sum.hpp for k operands (k counts every operand, specials and zeros included).
std::optional<mpz_class> round_window_sum(const float_format& f, const std::vector<term>& terms, size_t k);

inline long bitlen(const mpz_class& x) { return static_cast<long>(mpz_sizeinbase(x.get_mpz_t(), 2)); }

}  // namespace tc0::fp::detail
