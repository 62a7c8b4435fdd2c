// Lowering: the arithmetic circuit to gates, each node to its block of the float and integer
// libraries in the chosen weight regime; the only place that knows about gates (semantics.md 3).
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "tc0/circuit/builder.hpp"
#include "tc0/word/word_circuit.hpp"

namespace tc0::word {

struct lower_params {
  weight_regime regime = weight_regime::exp;
  // Called now and then with (nodes lowered, nodes in all); may be empty.
  std::function<void(uint64_t done, uint64_t total)> progress;
};

// Builds every node into `b` under its module path: input ports become input buses of the same
// name (p + e bits for floats, the integer width otherwise), output ports output buses.
// Constant operands become constant literals, which the blocks and the builder fold; fdot_const
// uses the constant-specialised dot product (no multipliers).
void lower(const circuit& c, builder& b, const lower_params& params);

// One op's block at this format, arity and regime, built alone on fresh inputs (for the bounds
// table and the preflight estimate; cached). arity: operands for fsum / fdot_const / fmax_k /
// argmax, pairs for fdot; fdot_const uses generic constants (normal, full significands, no zeros).
struct block_cost {
  uint32_t depth = 0;
  uint64_t gates = 0, edges = 0;
};
block_cost measure_block(op kind, const fp::float_format& f, fp::accumulation acc, uint32_t arity, weight_regime regime);

}  // namespace tc0::word
