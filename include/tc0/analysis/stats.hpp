// Circuit statistics (size, depth, edges, weights, fan-ins, per module): what `tc0 stats` prints
// and what reports embed. One linear pass over the gates after the levels pass.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tc0/circuit/circuit.hpp"

namespace tc0 {

struct stats_params {
  bool by_module = false;      // fill circuit_stats::modules
  bool depth_profile = false;  // fill circuit_stats::depth_profile
};

// One non-root module, inclusive of its descendant modules.
struct module_stats {
  uint32_t id = 0;
  std::string path;      // "layer0/attn/scores"
  uint64_t gates = 0;
  uint64_t edges = 0;
  // Longest path counting only gates of this module and its descendants: a path through a gate
  // outside the subtree restarts at 0. (A module whose gates form one layer has depth 1.)
  uint32_t depth = 0;
  // Whole-circuit levels its gates occupy: (min level - 1) .. max level, so depth_to - depth_from
  // is the number of layers it spans. Both 0 when the module has no gates.
  uint32_t depth_from = 0;
  uint32_t depth_to = 0;
};

struct circuit_stats {
  std::string name;                            // the circuit's name (table header only)
  uint64_t inputs = 0;                         // input bits
  uint64_t outputs = 0;                        // output bits
  uint64_t gates = 0;
  std::array<uint64_t, num_gate_kinds> gates_by_kind{};  // and, or, maj, thr
  uint64_t edges = 0;                          // sum of fan-ins
  uint64_t weighted_edges = 0;                 // sum of |w|; unit-weight kinds count 1 per edge
  uint64_t max_fanin = 0;
  int64_t max_abs_weight = 0;                  // 1 if only unit kinds, 0 without gates
  uint32_t depth = 0;                          // max level over the output literals
  // Per kind: the max number of gates of that kind on one path ending at an output (a path
  // maximising one kind need not be the longest path, so these can sum to more than depth).
  std::array<uint32_t, num_gate_kinds> depth_by_kind{};
  // fanin_histogram[0]: gates with fan-in 0; [i] for i >= 1: fan-in in [2^(i-1), 2^i).
  // Trailing empty buckets are dropped.
  std::vector<uint64_t> fanin_histogram;
  bool has_modules = false;
  std::vector<module_stats> modules;           // by module id (root excluded)
  bool has_depth_profile = false;
  std::vector<uint64_t> depth_profile;         // [i]: gates at level i + 1, for levels 1..max gate level
};

circuit_stats compute_stats(const circuit& c, const stats_params& params = {});

// The keys of "Stats JSON" (docs/formats.md): inputs, outputs, gates, gates_by_kind {and, or,
// maj, thr}, edges, weighted_edges, max_fanin, max_abs_weight, depth, depth_by_kind {and, or,
// maj, thr}, fanin_histogram {"1": n, "2": n, "4": n, ...} (key = the bucket's lowest fan-in;
// "0" only when some gate has fan-in 0), and with the params "modules" [{path, gates, edges,
// depth, depth_from, depth_to}] and "depth_profile" [gates at level 1, level 2, ...].
nlohmann::json stats_to_json(const circuit_stats& s);

// A readable aligned table for `tc0 stats` (ends with a newline).
std::string format_stats_table(const circuit_stats& s);

}  // namespace tc0
