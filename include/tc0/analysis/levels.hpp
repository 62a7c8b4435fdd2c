// Per-node arrays derived from a circuit: levels (logic depth), the array every depth-related
// analysis starts from, and module ids.
#pragma once
#include <cstdint>
#include <vector>

#include "tc0/circuit/circuit.hpp"

namespace tc0 {

// Per node: inputs and the constant 0, a gate 1 + the max level of its fan-in nodes. Negation is
// free (a complemented literal has its node's level). One pass in node (= topological) order.
std::vector<uint32_t> compute_levels(const circuit& c);

// The circuit's depth: the max level over all output literals (0 for a circuit without gates).
uint32_t circuit_depth(const circuit& c, const std::vector<uint32_t>& levels);

// Per node: the module id, expanded from the module runs (no per-node search).
std::vector<uint32_t> node_modules(const circuit& c);

}  // namespace tc0
