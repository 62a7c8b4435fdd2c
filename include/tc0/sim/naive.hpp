// The naive evaluator: one pattern at a time, straight from the gate definition. It is the
// reference the bit-parallel simulator is checked against, and the baseline in bench/.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "tc0/circuit/circuit.hpp"
#include "tc0/sim/patterns.hpp"

namespace tc0 {

// inputs: one 0/1 per input bit (buses in order, LSB first); returns one 0/1 per output bit.
std::vector<uint8_t> evaluate_naive(const circuit& c, std::span<const uint8_t> inputs);
// Every pattern of `inputs` through evaluate_naive.
pattern_set simulate_naive(const circuit& c, const pattern_set& inputs);

uint32_t num_output_bits(const circuit& c);

}  // namespace tc0
