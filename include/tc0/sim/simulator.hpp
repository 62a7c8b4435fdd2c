// The bit-parallel simulator: blocks of 512+ patterns per gate evaluation, vectorized (AVX-512 /
// AVX2 / portable, chosen at run time), both cores for large circuits. Unit-weight gates by
// bit-sliced counting, weighted gates by bit-sliced addition.
#pragma once
#include <cstdint>
#include <functional>

#include "tc0/circuit/circuit.hpp"
#include "tc0/sim/patterns.hpp"

namespace tc0 {

struct sim_params {
  // 0 = all cores, but one thread for small jobs. An explicit count is honoured (capped at the
  // number of pattern blocks), so tests can force the threaded path on small circuits.
  unsigned threads = 0;
  // Patterns per gate evaluation; 0 = automatic. Rounded up to a power-of-two multiple of 512 and
  // lowered (never below 512) so the per-thread value arrays stay under a 4 GiB budget in total.
  // Results and hashes do not depend on it.
  uint64_t block_patterns = 0;
  // Called from one thread now and then with (blocks done, blocks in all); may be empty.
  std::function<void(uint64_t done, uint64_t total)> progress;
};

struct sim_summary {
  uint64_t patterns = 0;
  // Independent of threads and block size. With mix = the splitmix64 finalizer
  // (z ^= z >> 30; z *= 0xbf58476d1ce4e5b9; z ^= z >> 27; z *= 0x94d049bb133111eb; z ^= z >> 31),
  // g = 0x9e3779b97f4a7c15, and x[o][w] = word w (patterns 64w..64w+63, bit i = pattern 64w+i)
  // of output bit o, with the bits past the last pattern cleared:
  //   s_w = mix(w + g); for each output bit o in order: s_w = rotl64((s_w ^ x[o][w]) * 0x9fb21c651e98df25, 29)
  //   output_hash = sum over w = 0 .. ceil(patterns / 64) - 1 of mix(s_w), mod 2^64.
  uint64_t output_hash = 0;
  double seconds = 0;  // wall time of the call
};

// Outputs for every pattern in `inputs` (bits in the circuit's input order). Output bits past the
// last pattern are zero.
pattern_set simulate(const circuit& c, const pattern_set& inputs, const sim_params& params = {});

// The inputs simulate_random and simulate_exhaustive use, so a caller can reproduce them.
// random_inputs: word w of bit b is mix(mix(seed + (b + 1) * g) + (w + 1) * g) (mix and g as above:
// the splitmix64 stream of a per-bit key), so any block is generated on its own; bits past the
// last pattern are zero.
pattern_set random_inputs(uint32_t num_bits, uint64_t patterns, uint64_t seed);
// Pattern q has input bit b = (q >> b) & 1. Throws input_error above 24 bits.
pattern_set exhaustive_inputs(uint32_t num_bits);

// Streaming modes: outputs are hashed block by block, never stored, so 2^24 patterns cost no memory.
// simulate_random uses exactly the patterns of random_inputs(c.num_input_bits(), patterns, seed).
sim_summary simulate_random(const circuit& c, uint64_t patterns, uint64_t seed, const sim_params& params = {});
// All 2^n patterns of the n input bits, in the order of exhaustive_inputs; input_error above 24 bits.
sim_summary simulate_exhaustive(const circuit& c, const sim_params& params = {});

// output_hash (definition above) of stored outputs, e.g. simulate's or simulate_naive's.
uint64_t output_hash(const pattern_set& outputs);

inline constexpr uint32_t max_exhaustive_bits = 24;

}  // namespace tc0
