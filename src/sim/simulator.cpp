// TEMPORARY stand-in (naive) until the bit-parallel simulator lands; same API.
#include "tc0/sim/simulator.hpp"

#include <random>
#include <stdexcept>

#include "tc0/sim/naive.hpp"

namespace tc0 {

pattern_set simulate(const circuit& c, const pattern_set& inputs, const sim_params&) {
  return simulate_naive(c, inputs);
}

pattern_set random_inputs(uint32_t num_bits, uint64_t patterns, uint64_t seed) {
  pattern_set p(num_bits, patterns);
  std::mt19937_64 rng(seed);
  for (auto& w : p.words) w = rng();
  return p;
}

pattern_set exhaustive_inputs(uint32_t num_bits) {
  if (num_bits > 24) throw std::invalid_argument("exhaustive_inputs: more than 24 bits");
  pattern_set p(num_bits, uint64_t{1} << num_bits);
  for (uint64_t q = 0; q < p.num_patterns; ++q)
    for (uint32_t b = 0; b < num_bits; ++b) p.set(b, q, (q >> b) & 1);
  return p;
}

sim_summary simulate_random(const circuit& c, uint64_t patterns, uint64_t seed, const sim_params& params) {
  pattern_set out = simulate(c, random_inputs(c.num_input_bits(), patterns, seed), params);
  uint64_t h = 0;
  for (uint64_t w : out.words) h = (h ^ w) * 0x100000001b3ull;
  return {patterns, h, 0};
}

sim_summary simulate_exhaustive(const circuit& c, const sim_params& params) {
  pattern_set out = simulate(c, exhaustive_inputs(c.num_input_bits()), params);
  uint64_t h = 0;
  for (uint64_t w : out.words) h = (h ^ w) * 0x100000001b3ull;
  return {out.num_patterns, h, 0};
}

}  // namespace tc0
