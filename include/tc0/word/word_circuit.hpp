// The arithmetic circuit (semantics.md section 3): a DAG of word-level float and integer ops, each
// node one scalar, built in topological order. The transformer is written against this level only;
// the reference evaluator (word/evaluate.hpp) and the lowering to gates (word/lower.hpp) read it.
#pragma once
#include <gmpxx.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tc0/fp/format.hpp"
#include "tc0/fp/sum.hpp"

namespace tc0::word {

// Every op is one block of the float or integer library (semantics.md section 2 for its meaning).
enum class op : uint8_t {
  input_float,  // a float input bus (p + e bits)
  input_int,    // an unsigned integer input bus (a token code)
  constant,     // a float constant
  lookup,       // table[token] for an integer operand: constants, one per token value
  fneg,         // sign flip (free at gate level)
  fadd, fsub, fmul, fdiv, fmax,  // IEEE binary ops
  fexp, frsqrt, fsin, fcos,      // within 1 ulp, same bits at both levels
  fsum,         // sum of the operands, rounded once
  fdot,         // sum of operand[i] * operand[n/2 + i], rounded once
  fdot_const,   // sum of operand[i] * const[i] (+ const[k] as a bias term when has_bias), rounded once
  fdot3,        // sum of operand[i] * operand[n/3 + i] * operand[2n/3 + i], rounded once (tensor attention)
  fmax_k,       // IEEE maximum of all operands
  argmax,       // index of the largest operand (integer result; see evaluate.hpp for NaN and ties)
};
inline constexpr int num_ops = static_cast<int>(op::argmax) + 1;
const char* op_name(op o);

using node_id = uint32_t;

struct node {
  op kind;
  bool has_bias = false;      // fdot_const
  uint32_t module = 0;        // index into modules(); 0 is the root ""
  uint32_t width = 0;         // result bits: p + e for floats, the integer width otherwise
  uint32_t operand_begin = 0, operand_count = 0;    // into operands()
  uint32_t constant_begin = 0, constant_count = 0;  // into constants()
};

// A named tensor of nodes (row-major), for the word JSON and for readers of the circuit.
struct tensor_info {
  std::string name;
  std::vector<uint32_t> shape;
  std::vector<node_id> nodes;
};

struct port {
  std::string name;
  node_id node;
};

class circuit;

// RAII: nodes created while it lives get the module path parent/name (nested scopes nest).
class module_scope {
 public:
  module_scope(module_scope&& o) noexcept : c_(o.c_), saved_(o.saved_) { o.c_ = nullptr; }
  module_scope(const module_scope&) = delete;
  module_scope& operator=(const module_scope&) = delete;
  ~module_scope();

 private:
  friend class circuit;
  module_scope(circuit* c, uint32_t saved) : c_(c), saved_(saved) {}
  circuit* c_;
  uint32_t saved_;
};

class circuit {
 public:
  circuit(fp::float_format format, fp::accumulation accumulate);

  const fp::float_format& format() const { return format_; }
  fp::accumulation accumulate() const { return accumulate_; }

  // ---- building (operands must already exist; every float op's operands are floats) ----
  node_id input_float(std::string_view name);
  node_id input_int(std::string_view name, uint32_t width);
  node_id constant(const mpz_class& pattern);  // one node per distinct pattern
  node_id lookup(node_id index, std::span<const mpz_class> table);  // table.size() <= 2^width(index)
  node_id unary(op kind, node_id a);                                  // fneg fexp frsqrt fsin fcos
  node_id binary(op kind, node_id a, node_id b);                      // fadd fsub fmul fdiv fmax
  node_id sum(std::span<const node_id> xs);
  node_id dot(std::span<const node_id> xs, std::span<const node_id> ys);
  node_id dot3(std::span<const node_id> xs, std::span<const node_id> ys, std::span<const node_id> zs);
  node_id dot_const(std::span<const node_id> xs, std::span<const mpz_class> cs, const mpz_class* bias);
  node_id max(std::span<const node_id> xs);
  node_id argmax(std::span<const node_id> xs);
  void output(std::string_view name, node_id n);
  void name_tensor(std::string name, std::vector<uint32_t> shape, std::vector<node_id> nodes);
  [[nodiscard]] module_scope scope(std::string_view name);

  // ---- reading ----
  size_t size() const { return nodes_.size(); }
  const node& at(node_id n) const { return nodes_[n]; }
  std::span<const node_id> operands(node_id n) const {
    return {operands_.data() + nodes_[n].operand_begin, nodes_[n].operand_count};
  }
  std::span<const mpz_class> constants(node_id n) const {
    return {constants_.data() + nodes_[n].constant_begin, nodes_[n].constant_count};
  }
  const std::vector<std::string>& modules() const { return modules_; }  // full paths, [0] = ""
  const std::vector<port>& inputs() const { return inputs_; }
  const std::vector<port>& outputs() const { return outputs_; }
  const std::vector<tensor_info>& tensors() const { return tensors_; }
  bool is_float(node_id n) const { return nodes_[n].kind != op::input_int && nodes_[n].kind != op::argmax; }

 private:
  friend class module_scope;
  node_id add(op kind, std::span<const node_id> operands, std::span<const mpz_class> constants, uint32_t width);
  void check_float(node_id n, std::string_view what) const;

  fp::float_format format_;
  fp::accumulation accumulate_;
  std::vector<node> nodes_;
  std::vector<node_id> operands_;
  std::vector<mpz_class> constants_;
  std::vector<std::string> modules_{""};
  uint32_t current_module_ = 0;
  std::vector<port> inputs_, outputs_;
  std::vector<tensor_info> tensors_;
  std::vector<std::pair<mpz_class, node_id>> constant_nodes_;  // sorted by pattern
};

// Op counts by kind, word-level depth (ops on the longest input-to-output path, inputs and
// constants count 0), per module op counts.
struct word_stats {
  uint64_t nodes = 0;
  uint64_t ops[num_ops] = {};
  uint32_t depth = 0;
  uint64_t operand_edges = 0;
};
word_stats compute_word_stats(const circuit& c);

}  // namespace tc0::word
