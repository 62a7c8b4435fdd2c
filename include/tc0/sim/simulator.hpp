// The bit-parallel simulator: blocks of 512+ patterns per gate evaluation, vectorized (AVX-512 /
// AVX2 / portable, chosen at run time), both cores for large circuits. Unit-weight gates by
// bit-sliced counting, weighted gates by bit-sliced addition.
#pragma once
#include <cstdint>

#include "tc0/circuit/circuit.hpp"
#include "tc0/sim/patterns.hpp"

namespace tc0 {

struct sim_params {
  unsigned threads = 0;  // 0 = all cores (one thread for small jobs)
};

struct sim_summary {
  uint64_t patterns = 0;
  uint64_t output_hash = 0;  // independent of threads and block size (docs/formats.md)
  double seconds = 0;
};

// Outputs for every pattern in `inputs` (bits in the circuit's input order).
pattern_set simulate(const circuit& c, const pattern_set& inputs, const sim_params& params = {});

// The inputs simulate_random and simulate_exhaustive use, so a caller can reproduce them.
pattern_set random_inputs(uint32_t num_bits, uint64_t patterns, uint64_t seed);
pattern_set exhaustive_inputs(uint32_t num_bits);  // at most 24 bits

// Streaming modes: outputs are hashed, never stored, so 2^24 patterns cost no memory.
sim_summary simulate_random(const circuit& c, uint64_t patterns, uint64_t seed, const sim_params& params = {});
sim_summary simulate_exhaustive(const circuit& c, const sim_params& params = {});

}  // namespace tc0
