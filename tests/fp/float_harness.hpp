// Test support for the gate-level float blocks: build a one- or two-operand block, simulate it on
// many operand patterns at once and count the results that differ from a word-level reference.
#pragma once
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "tc0/circuit/builder.hpp"
#include "tc0/fp/format.hpp"
#include "tc0/sim/simulator.hpp"

namespace tc0::fp::test {

using unary_block = std::function<bits(builder&, const float_format&, const bits&, weight_regime)>;
using binary_block = std::function<bits(builder&, const float_format&, const bits&, const bits&, weight_regime)>;
using unary_ref = std::function<mpz_class(const float_format&, const mpz_class&)>;
using binary_ref = std::function<mpz_class(const float_format&, const mpz_class&, const mpz_class&)>;

inline circuit build_unary(const unary_block& op, const float_format& f, weight_regime r) {
  builder b;
  const bits x = b.input("x", static_cast<uint32_t>(width(f)));
  b.output("z", op(b, f, x, r));
  return std::move(b).finish();
}

inline circuit build_binary(const binary_block& op, const float_format& f, weight_regime r) {
  builder b;
  const bits x = b.input("x", static_cast<uint32_t>(width(f))), y = b.input("y", static_cast<uint32_t>(width(f)));
  b.output("z", op(b, f, x, y, r));
  return std::move(b).finish();
}

// Zeros, subnormals, normals near 1 and the edges, max, inf, NaN, of both signs: the first
// `per_sign` of the nine values of each sign and the first `nans` of the two NaNs (all by default).
inline std::vector<mpz_class> special_operands(const float_format& f, size_t per_sign = 9, size_t nans = 2) {
  std::vector<mpz_class> v;
  for (bool neg : {false, true}) {
    const mpz_class each[] = {zero(f, neg),
                              min_subnormal(f, neg),
                              min_normal(f, neg),
                              max_finite(f, neg),
                              infinity(f, neg),
                              one(f, neg),
                              min_normal(f, neg) - 1,  // largest subnormal
                              max_finite(f, neg) - 1,
                              one(f, neg) - 1};  // just below 1
    v.insert(v.end(), each, each + std::min(per_sign, std::size(each)));
  }
  const mpz_class nan[] = {quiet_nan(f), quiet_nan(f) + 1};  // the second with another payload
  v.insert(v.end(), nan, nan + std::min(nans, std::size(nan)));
  return v;
}

// Results that differ from the reference (the first one is printed).
inline uint64_t unary_mismatches(const circuit& c, const float_format& f, const unary_ref& ref,
                                 const std::vector<mpz_class>& xs) {
  const uint32_t w = static_cast<uint32_t>(width(f));
  pattern_set in(w, xs.size());
  for (size_t i = 0; i < xs.size(); ++i) in.set_value(0, w, i, xs[i]);
  const pattern_set out = simulate(c, in);
  uint64_t bad = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    const mpz_class want = ref(f, xs[i]), got = out.get_value(0, w, i);
    if (got != want) {
      if (bad == 0) MESSAGE("first mismatch " << to_string(f) << ": x = " << xs[i] << " want " << want << " got " << got);
      ++bad;
    }
  }
  return bad;
}

inline uint64_t binary_mismatches(const circuit& c, const float_format& f, const binary_ref& ref,
                                  const std::vector<std::pair<mpz_class, mpz_class>>& pairs) {
  const uint32_t w = static_cast<uint32_t>(width(f));
  pattern_set in(2 * w, pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) {
    in.set_value(0, w, i, pairs[i].first);
    in.set_value(w, w, i, pairs[i].second);
  }
  const pattern_set out = simulate(c, in);
  uint64_t bad = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const mpz_class want = ref(f, pairs[i].first, pairs[i].second), got = out.get_value(0, w, i);
    if (got != want) {
      if (bad == 0)
        MESSAGE("first mismatch " << to_string(f) << ": x = " << pairs[i].first << ", y = " << pairs[i].second
                                  << " want " << want << " got " << got);
      ++bad;
    }
  }
  return bad;
}

// Every pattern of the format.
inline std::vector<mpz_class> all_operands(const float_format& f) {
  std::vector<mpz_class> v;
  const unsigned long n = 1UL << width(f);
  for (unsigned long a = 0; a < n; ++a) v.emplace_back(a);
  return v;
}

// The specials, then random patterns (seeded; the seed is printed on failure by the caller's CAPTURE).
inline std::vector<mpz_class> random_operands(const float_format& f, size_t count, uint64_t seed) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::vector<mpz_class> v = special_operands(f);
  while (v.size() < count) v.push_back(rng.get_z_bits(width(f)));
  return v;
}

// Every pair of patterns of the format.
inline std::vector<std::pair<mpz_class, mpz_class>> all_pairs(const float_format& f) {
  const std::vector<mpz_class> v = all_operands(f);
  std::vector<std::pair<mpz_class, mpz_class>> pairs;
  for (const mpz_class& a : v)
    for (const mpz_class& b : v) pairs.emplace_back(a, b);
  return pairs;
}

// Reshapes the second operand b of a random pair (a, b) that did not get a special one; `kind` is
// the draw 1..3 (of 0..3) that decided so, `pick` the generator of those draws.
using pair_variation = std::function<void(uint64_t kind, const mpz_class& a, mpz_class& b, std::mt19937_64& pick)>;

// Specials against specials, then random pairs, a quarter of them with a special second operand,
// the others reshaped by `vary` where one is given.
inline std::vector<std::pair<mpz_class, mpz_class>> random_pairs(const float_format& f, size_t count, uint64_t seed,
                                                                 const std::vector<mpz_class>& sp,
                                                                 const pair_variation& vary = {}) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::mt19937_64 pick(seed);
  std::vector<std::pair<mpz_class, mpz_class>> pairs;
  for (const mpz_class& a : sp)
    for (const mpz_class& b : sp) pairs.emplace_back(a, b);
  while (pairs.size() < count) {
    mpz_class a = rng.get_z_bits(width(f)), b = rng.get_z_bits(width(f));
    const uint64_t kind = pick() % 4;
    if (kind == 0)
      b = sp[pick() % sp.size()];
    else if (vary)
      vary(kind, a, b, pick);
    pairs.emplace_back(a, b);
  }
  return pairs;
}

inline std::vector<std::pair<mpz_class, mpz_class>> random_pairs(const float_format& f, size_t count, uint64_t seed) {
  return random_pairs(f, count, seed, special_operands(f));
}

}  // namespace tc0::fp::test
