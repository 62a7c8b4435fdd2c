// Internal: one plan per float format, built on first use and kept (thread-safe, stable references).
#pragma once
#include <map>
#include <memory>
#include <mutex>

#include "tc0/fp/format.hpp"

namespace tc0::fp::detail {

template <class Plan, class Build>
const Plan& cached_plan(const float_format& f, Build build) {
  static std::mutex lock;
  static std::map<float_format, std::unique_ptr<const Plan>> plans;
  check_format(f);
  std::lock_guard<std::mutex> guard(lock);
  auto it = plans.find(f);
  if (it == plans.end()) it = plans.emplace(f, std::make_unique<const Plan>(build(f))).first;
  return *it->second;
}

// x * 2^s for any integer s, truncated toward zero when s < 0 (x may be negative).
inline mpz_class shift_trunc(const mpz_class& x, long s) {
  mpz_class r;
  if (s >= 0)
    mpz_mul_2exp(r.get_mpz_t(), x.get_mpz_t(), static_cast<unsigned long>(s));
  else
    mpz_tdiv_q_2exp(r.get_mpz_t(), x.get_mpz_t(), static_cast<unsigned long>(-s));
  return r;
}

// floor(x / 2^s), s >= 0.
inline mpz_class floor_shift(const mpz_class& x, unsigned long s) {
  mpz_class r;
  mpz_fdiv_q_2exp(r.get_mpz_t(), x.get_mpz_t(), s);
  return r;
}

// U_n = floor(U^n / 2^((n-1) F)) for n = 0..N: exact powers truncated to F fraction bits.
inline std::vector<mpz_class> truncated_powers(const mpz_class& u, int frac_bits, int n_max) {
  std::vector<mpz_class> out;
  mpz_class power = 1;
  for (int n = 0; n <= n_max; ++n) {
    if (n == 0)
      out.push_back(mpz_class(1) << frac_bits);
    else
      out.push_back(floor_shift(power, static_cast<unsigned long>(n - 1) * frac_bits));
    power *= u;
  }
  return out;
}

}  // namespace tc0::fp::detail
