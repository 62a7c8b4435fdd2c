// Gate-level check of a circuit against the reference recorded in its source (gen circuits today).
#pragma once
#include <cstdint>
#include <string>

#include "tc0/circuit/circuit.hpp"

namespace tc0 {

struct verify_result {
  uint64_t vectors = 0;
  uint64_t mismatches = 0;
  std::string first_mismatch;  // "inputs x=5 y=3: expected lt=0 le=0 eq=0, got lt=1 le=0 eq=0"
};

// Up to 16 input bits: every input vector. Wider: `random_vectors` random vectors from `seed`
// (a quarter of them with all equal-width buses equal, some with one bit flipped, so equality
// paths are exercised) plus corner cases: all zeros, all ones, and each bus at 0, 1, max, every
// power of two, the signed min and max, with the other buses at zero, all ones and the same value.
// Throws input_error("verify", "circuit records no reference (source)") when c.source() is empty
// or not a gen record.
verify_result verify_circuit(const circuit& c, uint64_t random_vectors, uint64_t seed);

}  // namespace tc0
