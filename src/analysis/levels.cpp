// Levels in one pass over the flat fan-in array; module ids from the runs.
#include "tc0/analysis/levels.hpp"

#include <algorithm>

namespace tc0 {

std::vector<uint32_t> compute_levels(const circuit& c) {
  std::vector<uint32_t> level(c.num_nodes(), 0);
  for (uint32_t n = 1; n < c.num_nodes(); ++n) {
    if (!is_gate(c.kind(n))) continue;
    uint32_t m = 0;
    for (lit l : c.fanin(n)) m = std::max(m, level[l.node()]);
    level[n] = m + 1;
  }
  return level;
}

uint32_t circuit_depth(const circuit& c, const std::vector<uint32_t>& levels) {
  uint32_t d = 0;
  for (const bus& b : c.outputs())
    for (lit l : b.lits) d = std::max(d, levels[l.node()]);
  return d;
}

std::vector<uint32_t> node_modules(const circuit& c) {
  const auto& runs = c.storage().module_runs;
  std::vector<uint32_t> mod(c.num_nodes(), 0);
  for (size_t r = 0; r < runs.size(); ++r) {
    uint32_t end = r + 1 < runs.size() ? runs[r + 1].first_node : c.num_nodes();
    for (uint32_t v = runs[r].first_node; v < end && v < c.num_nodes(); ++v) mod[v] = runs[r].module;
  }
  return mod;
}

}  // namespace tc0
