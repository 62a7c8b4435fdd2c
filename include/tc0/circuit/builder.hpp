// The builder: the only way to make gates. Structural hashing (canonical fan-in order, so an equal
// gate is built once), constant propagation and sound local simplifications, module scopes.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tc0/circuit/circuit.hpp"
#include "tc0/util/zeroed_buffer.hpp"

namespace tc0 {

// `exp`: weighted thr gates with |w| < 2^30 allowed; `majority`: unit weights only (and, or, maj,
// repeated wires). Blocks take the regime as a parameter; the builder itself accepts both.
enum class weight_regime { exp, majority };
const char* regime_name(weight_regime r);
bool parse_regime(std::string_view name, weight_regime& out);

struct builder_params {
  bool structural_hashing = true;
  bool simplify = true;  // off: gates are stored exactly as given (importers)
  int64_t max_abs_weight = (int64_t{1} << 30) - 1;
  uint64_t max_nodes = tc0::max_nodes;  // lowered only by tests of the limit
};

class builder;

// RAII: every gate built while it lives is tagged with the module path (nested scopes nest).
class module_scope {
 public:
  module_scope(module_scope&& o) noexcept : b_(o.b_), saved_(o.saved_) { o.b_ = nullptr; }
  module_scope(const module_scope&) = delete;
  module_scope& operator=(const module_scope&) = delete;
  ~module_scope();

 private:
  friend class builder;
  module_scope(builder* b, uint32_t saved) : b_(b), saved_(saved) {}
  builder* b_;
  uint32_t saved_;
};

class builder {
 public:
  explicit builder(std::string name = {}, builder_params params = {});
  ~builder();
  builder(builder&&) noexcept;
  builder& operator=(builder&&) noexcept;

  // A new input bus of `width` bits (nodes), LSB first. Names must be unique.
  bits input(std::string_view name, uint32_t width);
  lit input_bit(std::string_view name);  // a one-bit bus
  // Declares an output bus; its literals may be constants or complemented. Names must be unique.
  void output(std::string_view name, std::span<const lit> lits);
  void output(std::string_view name, lit l) { output(name, std::span<const lit>(&l, 1)); }

  lit and_(std::span<const lit> in);
  lit or_(std::span<const lit> in);
  lit majority(std::span<const lit> in, int64_t t);  // [number of true inputs >= t], unit weights
  lit threshold(std::span<const lit> in, std::span<const int64_t> w, int64_t t);  // [sum w*in >= t]
  lit and_(std::initializer_list<lit> in) { return and_(std::span<const lit>(in.begin(), in.size())); }
  lit or_(std::initializer_list<lit> in) { return or_(std::span<const lit>(in.begin(), in.size())); }

  // A gate of the given kind exactly as stored (t is used for maj and thr only). With
  // params.simplify off nothing is folded; this is what importers use.
  lit gate(node_kind kind, std::span<const lit> in, std::span<const int64_t> w, int64_t t);

  [[nodiscard]] module_scope scope(std::string_view name);
  uint32_t current_module() const { return current_module_; }

  // Capacity for this many more nodes and fan-in edges: large builds skip regrowth and rehashing.
  void reserve(uint64_t nodes, uint64_t edges);

  uint32_t num_nodes() const { return static_cast<uint32_t>(s_.kind.size()); }
  uint64_t num_gates() const { return num_gates_; }
  void set_source(std::string json) { s_.source = std::move(json); }
  const builder_params& params() const { return params_; }

  // Moves the data out into an immutable circuit; the hash table is dropped.
  circuit finish() &&;

 private:
  friend class module_scope;
  lit unit_gate(std::vector<lit>& in, int64_t t);  // in: scratch, consumed
  lit emit(node_kind kind, std::span<const lit> in, std::span<const int64_t> w, int64_t t, bool hash);
  uint32_t new_node(node_kind kind);
  uint64_t gate_hash(node_kind kind, std::span<const lit> in, std::span<const int64_t> w, int64_t t) const;
  void grow_table();
  bool same_gate(uint32_t node, node_kind kind, std::span<const lit> in, std::span<const int64_t> w,
                 int64_t t) const;

  circuit_storage s_;
  builder_params params_;
  uint64_t num_gates_ = 0;
  uint32_t current_module_ = 0;
  // Open addressing; a slot is (32-bit hash << 32) | node, 0 = empty. The stored hash picks the
  // slot on growth and rejects most non-matching candidates without touching their gate data.
  zeroed_buffer<uint64_t> table_;
  uint64_t table_used_ = 0;
  std::vector<lit> scratch_lits_;
  std::vector<std::pair<lit, int64_t>> scratch_terms_;
  std::vector<int64_t> scratch_weights_;
};

}  // namespace tc0
