// The gen op table: one entry per op. A new op is one entry (in src/gen/op_table.cpp) plus its
// build and reference functions; generate, gen_reference and verify need no change.
#pragma once
#include <span>
#include <string_view>

#include "tc0/gen/gen.hpp"

namespace tc0 {

enum gen_option_use : unsigned {
  gen_uses_count = 1u << 0,      // "count" is recorded in the source and checked (>= 1)
  gen_uses_threshold = 1u << 1,  // thr: weights_list (one per bit) and threshold are required
  gen_uses_constant = 1u << 2,   // mulc: "constant" is recorded and required
  gen_uses_frac_bits = 1u << 3,  // recip: "bits" is recorded and required (>= 1)
  gen_uses_float = 1u << 4,      // float ops: "p" and "e" are recorded and required
  gen_uses_accumulate = 1u << 5, // fsum, fdot: "accumulate" (auto, exact, window) is recorded
};

struct gen_op {
  std::string_view name;
  std::string_view summary;  // one line for --help
  unsigned uses = 0;         // gen_option_use bits
  // Declares the inputs, builds the block and declares the outputs.
  void (*build)(builder& b, const gen_options& o);
  // Expected output bus values from the input bus values (same order as the built buses).
  bus_values (*reference)(const gen_options& o, const bus_values& inputs);
  // Op-specific option checks beyond the common ones; may be null. Throws input_error("gen", ...).
  void (*check)(const gen_options& o) = nullptr;
};

std::span<const gen_op> gen_op_table();
const gen_op* find_gen_op(std::string_view name);  // nullptr when unknown

}  // namespace tc0
