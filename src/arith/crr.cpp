// Iterated product and powering over the Chinese-remainder machinery of crr_core.
#include "tc0/arith/crr.hpp"

#include <string>

#include "crr_core.hpp"
#include "tc0/errors.hpp"

namespace tc0 {

namespace {

uint32_t residue_of(int64_t s, uint32_t p) { return static_cast<uint32_t>(s % p); }

}  // namespace

bits product(builder& b, std::span<const bits> xs, weight_regime regime) {
  if (xs.empty()) throw input_error("product", "needs at least one operand");
  const size_t width = xs[0].size();
  for (const bits& x : xs)
    if (x.size() != width || width == 0)
      throw input_error("product", "operands must have the same width >= 1 (got " + std::to_string(x.size()) +
                                       " and " + std::to_string(width) + " bits)");
  if (xs.size() == 1) return xs[0];
  const uint64_t total = uint64_t{width} * xs.size();
  if (total > (1u << 14)) throw input_error("product", "K*B = " + std::to_string(total) + " exceeds 16384 bits");
  const uint32_t out = static_cast<uint32_t>(total);
  const crr::plan pl = crr::make_plan(out);
  std::vector<bits> one_hots;
  for (const crr::prime_info& pi : pl.primes) {
    std::vector<crr::thermometer_code> codes;
    codes.reserve(xs.size());
    for (const bits& x : xs) codes.push_back(crr::residue_sum(b, x, pi.p, 0, regime));
    std::vector<crr::factor> fs;
    for (const auto& c : codes) fs.push_back({&c, [p = pi.p](int64_t s) { return residue_of(s, p); }});
    one_hots.push_back(crr::residue_one_hot(b, pi, fs, regime));
  }
  return crr::exact_value(b, pl, one_hots, out, regime);
}

std::vector<bits> powers(builder& b, const bits& x, uint32_t k, weight_regime regime) {
  if (k == 0 || x.empty()) throw input_error("powers", "needs a width >= 1 and k >= 1");
  const uint64_t total = uint64_t{x.size()} * k;
  if (total > (1u << 14)) throw input_error("powers", "k*B = " + std::to_string(total) + " exceeds 16384 bits");
  std::vector<bits> result{x};
  if (k == 1) return result;
  const crr::plan pl = crr::make_plan(static_cast<uint32_t>(total));
  std::vector<crr::thermometer_code> codes;
  for (const crr::prime_info& pi : pl.primes) codes.push_back(crr::residue_sum(b, x, pi.p, 0, regime));
  for (uint32_t e = 2; e <= k; ++e) {
    std::vector<bits> one_hots;
    for (size_t i = 0; i < pl.primes.size(); ++i) {
      const uint32_t p = pl.primes[i].p;
      const crr::factor f{&codes[i], [p, e](int64_t s) {
                            uint64_t r = 1, base = static_cast<uint64_t>(s % p);
                            for (uint32_t j = 0; j < e; ++j) r = r * base % p;
                            return static_cast<uint32_t>(r);
                          }};
      one_hots.push_back(crr::residue_one_hot(b, pl.primes[i], std::span<const crr::factor>(&f, 1), regime));
    }
    result.push_back(crr::exact_value(b, pl, one_hots, static_cast<uint32_t>(x.size()) * e, regime));
  }
  return result;
}

}  // namespace tc0
