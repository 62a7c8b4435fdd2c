// The gate circuit: an immutable DAG of threshold gates in flat arrays (CSR fan-in), topological by
// construction. Per gate: kind (1 byte) + fan-in offset (8) + threshold/aux (4) = 13 bytes, plus
// 4 bytes per fan-in edge; thr gates add 16 bytes and 8 bytes per weight in side arrays.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tc0/circuit/literal.hpp"

namespace tc0 {

// Node kinds. Gates are [sum_i w_i * l_i >= t]: and (w = 1, t = k), or (w = 1, t = 1),
// maj (w = 1, any t), thr (integer weights).
enum class node_kind : uint8_t { constant = 0, input = 1, and_ = 2, or_ = 3, maj = 4, thr = 5 };
inline constexpr int num_gate_kinds = 4;  // and, or, maj, thr

inline constexpr bool is_gate(node_kind k) { return k >= node_kind::and_; }
inline constexpr int gate_kind_index(node_kind k) { return static_cast<int>(k) - 2; }  // and=0..thr=3
const char* kind_name(node_kind k);                   // "and", "or", "maj", "thr", "input", "constant"
bool parse_gate_kind(std::string_view name, node_kind& out);  // gate kinds only

// A named multi-bit input or output, least significant bit first.
struct bus {
  std::string name;
  bits lits;
};

// Module tree: id 0 is the root (empty path). Gates belong to modules by runs of node ids.
struct module_info {
  std::string name;     // leaf name, e.g. "scores"
  uint32_t parent = 0;  // the root is its own parent
};
struct module_run {
  uint32_t first_node;  // this and later nodes belong to `module` until the next run
  uint32_t module;
};

// Per thr gate: where its weights start (parallel to its fan-in) and its threshold.
struct thr_data {
  uint64_t weight_begin;
  int64_t threshold;
};

// The plain data of a circuit. Readers fill it and hand it to circuit::from_storage, which validates.
struct circuit_storage {
  std::vector<node_kind> kind;          // per node
  std::vector<uint64_t> fanin_begin;    // per node + 1 (CSR offsets into fanin)
  std::vector<uint32_t> aux;            // maj: threshold; thr: index into thr; others: 0
  std::vector<lit> fanin;               // all fan-in literals
  std::vector<thr_data> thr;            // per thr gate
  std::vector<int64_t> weights;         // thr gates only
  std::vector<module_info> modules;     // [0] = root
  std::vector<module_run> module_runs;  // sorted by first_node, first at 0
  std::vector<bus> inputs;
  std::vector<bus> outputs;
  std::string name;
  std::string source;  // JSON text: what the circuit was built from (for `verify`), may be empty
};

class circuit {
 public:
  circuit();  // the empty circuit: just the constant node
  // Validates (topological order, literal ranges, kinds, inputs, modules) and takes the data.
  // Throws input_error naming `where` and the offending node.
  static circuit from_storage(circuit_storage&& s, std::string_view where = "circuit");

  uint32_t num_nodes() const { return static_cast<uint32_t>(s_.kind.size()); }
  uint64_t num_gates() const { return num_gates_; }
  uint64_t num_edges() const { return s_.fanin.size(); }
  uint32_t num_input_bits() const { return num_input_bits_; }

  node_kind kind(uint32_t node) const { return s_.kind[node]; }
  std::span<const lit> fanin(uint32_t node) const {
    return {s_.fanin.data() + s_.fanin_begin[node], s_.fanin.data() + s_.fanin_begin[node + 1]};
  }
  // Empty unless the node is a thr gate.
  std::span<const int64_t> weights(uint32_t node) const;
  // and: fan-in size; or: 1; maj: its t; thr: its t; inputs and constant: 0.
  int64_t threshold(uint32_t node) const;

  uint32_t module_of(uint32_t node) const;     // binary search in the runs
  std::string module_path(uint32_t module) const;  // "layer0/attn/scores"; root is ""

  const std::vector<bus>& inputs() const { return s_.inputs; }
  const std::vector<bus>& outputs() const { return s_.outputs; }
  const bus* find_input(std::string_view name) const;
  const bus* find_output(std::string_view name) const;
  const std::string& name() const { return s_.name; }
  const std::string& source() const { return s_.source; }
  void set_name(std::string n) { s_.name = std::move(n); }
  void set_source(std::string json) { s_.source = std::move(json); }

  const circuit_storage& storage() const { return s_; }
  uint64_t memory_bytes() const;  // bytes held by the flat arrays

 private:
  circuit_storage s_;
  uint64_t num_gates_ = 0;
  uint32_t num_input_bits_ = 0;
};

// Throws input_error("<where>: node N: ...") if `s` is not a well-formed circuit.
void validate(const circuit_storage& s, std::string_view where);

}  // namespace tc0
