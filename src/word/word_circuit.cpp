// The arithmetic circuit: node storage, building checks, module scopes and word-level stats.
#include "tc0/word/word_circuit.hpp"

#include <algorithm>

#include "tc0/errors.hpp"

namespace tc0::word {

const char* op_name(op o) {
  static constexpr const char* names[num_ops] = {
      "input_float", "input_int", "constant", "lookup", "fneg",   "fadd",       "fsub",
      "fmul",        "fdiv",      "fmax",     "fexp",   "frsqrt", "fsin",       "fcos",
      "fsum",        "fdot",      "fdot_const", "fdot3", "fmax_k", "argmax"};
  return names[static_cast<int>(o)];
}

module_scope::~module_scope() {
  if (c_) c_->current_module_ = saved_;
}

circuit::circuit(fp::float_format format, fp::accumulation accumulate) : format_(format), accumulate_(accumulate) {
  fp::check_format(format);
}

module_scope circuit::scope(std::string_view name) {
  uint32_t saved = current_module_;
  std::string path = modules_[saved].empty() ? std::string(name) : modules_[saved] + "/" + std::string(name);
  auto it = std::find(modules_.begin(), modules_.end(), path);
  if (it == modules_.end()) {
    modules_.push_back(path);
    current_module_ = static_cast<uint32_t>(modules_.size() - 1);
  } else {
    current_module_ = static_cast<uint32_t>(it - modules_.begin());
  }
  return module_scope(this, saved);
}

void circuit::check_float(node_id n, std::string_view what) const {
  if (n >= nodes_.size()) throw input_error("word circuit", std::string(what) + ": operand out of range");
  if (!is_float(n)) throw input_error("word circuit", std::string(what) + ": operand must be a float");
}

node_id circuit::add(op kind, std::span<const node_id> operands, std::span<const mpz_class> constants,
                     uint32_t width) {
  if (nodes_.size() >= (uint64_t{1} << 31)) throw input_error("word circuit", "more than 2^31 nodes");
  node n{kind};
  n.module = current_module_;
  n.width = width;
  n.operand_begin = static_cast<uint32_t>(operands_.size());
  n.operand_count = static_cast<uint32_t>(operands.size());
  n.constant_begin = static_cast<uint32_t>(constants_.size());
  n.constant_count = static_cast<uint32_t>(constants.size());
  operands_.insert(operands_.end(), operands.begin(), operands.end());
  constants_.insert(constants_.end(), constants.begin(), constants.end());
  nodes_.push_back(n);
  return static_cast<node_id>(nodes_.size() - 1);
}

node_id circuit::input_float(std::string_view name) {
  node_id n = add(op::input_float, {}, {}, fp::width(format_));
  inputs_.push_back({std::string(name), n});
  return n;
}

node_id circuit::input_int(std::string_view name, uint32_t width) {
  if (width == 0 || width > 32) throw input_error("word circuit", "integer input width must be 1..32");
  node_id n = add(op::input_int, {}, {}, width);
  inputs_.push_back({std::string(name), n});
  return n;
}

node_id circuit::constant(const mpz_class& pattern) {
  fp::check_pattern(format_, pattern);
  auto it = std::lower_bound(constant_nodes_.begin(), constant_nodes_.end(), pattern,
                             [](const auto& entry, const mpz_class& v) { return entry.first < v; });
  if (it != constant_nodes_.end() && it->first == pattern) return it->second;
  // Constants live in the root module: they are shared and cost no gates.
  uint32_t saved = current_module_;
  current_module_ = 0;
  node_id n = add(op::constant, {}, std::span<const mpz_class>(&pattern, 1), fp::width(format_));
  current_module_ = saved;
  constant_nodes_.insert(it, {pattern, n});
  return n;
}

node_id circuit::lookup(node_id index, std::span<const mpz_class> table) {
  if (index >= nodes_.size() || is_float(index)) throw input_error("word circuit", "lookup: index must be an integer");
  if (table.empty() || (nodes_[index].width < 32 && table.size() > (size_t{1} << nodes_[index].width)))
    throw input_error("word circuit", "lookup: table size must be 1..2^width of the index");
  for (const mpz_class& v : table) fp::check_pattern(format_, v);
  return add(op::lookup, std::span<const node_id>(&index, 1), table, fp::width(format_));
}

node_id circuit::unary(op kind, node_id a) {
  if (kind != op::fneg && kind != op::fexp && kind != op::frsqrt && kind != op::fsin && kind != op::fcos)
    throw input_error("word circuit", std::string("unary: not a unary op: ") + op_name(kind));
  check_float(a, op_name(kind));
  return add(kind, std::span<const node_id>(&a, 1), {}, fp::width(format_));
}

node_id circuit::binary(op kind, node_id a, node_id b) {
  if (kind != op::fadd && kind != op::fsub && kind != op::fmul && kind != op::fdiv && kind != op::fmax)
    throw input_error("word circuit", std::string("binary: not a binary op: ") + op_name(kind));
  check_float(a, op_name(kind));
  check_float(b, op_name(kind));
  node_id ab[2] = {a, b};
  return add(kind, ab, {}, fp::width(format_));
}

node_id circuit::sum(std::span<const node_id> xs) {
  if (xs.empty()) throw input_error("word circuit", "fsum: no operands");
  for (node_id x : xs) check_float(x, "fsum");
  return add(op::fsum, xs, {}, fp::width(format_));
}

node_id circuit::dot(std::span<const node_id> xs, std::span<const node_id> ys) {
  if (xs.empty() || xs.size() != ys.size()) throw input_error("word circuit", "fdot: operand lists must be equal and nonempty");
  std::vector<node_id> both(xs.begin(), xs.end());
  both.insert(both.end(), ys.begin(), ys.end());
  for (node_id x : both) check_float(x, "fdot");
  return add(op::fdot, both, {}, fp::width(format_));
}

node_id circuit::dot3(std::span<const node_id> xs, std::span<const node_id> ys, std::span<const node_id> zs) {
  if (xs.empty() || xs.size() != ys.size() || xs.size() != zs.size())
    throw input_error("word circuit", "fdot3: operand lists must be equal and nonempty");
  std::vector<node_id> all(xs.begin(), xs.end());
  all.insert(all.end(), ys.begin(), ys.end());
  all.insert(all.end(), zs.begin(), zs.end());
  for (node_id x : all) check_float(x, "fdot3");
  return add(op::fdot3, all, {}, fp::width(format_));
}

node_id circuit::dot_const(std::span<const node_id> xs, std::span<const mpz_class> cs, const mpz_class* bias) {
  if (xs.empty() || xs.size() != cs.size()) throw input_error("word circuit", "fdot_const: operand lists must be equal and nonempty");
  for (node_id x : xs) check_float(x, "fdot_const");
  std::vector<mpz_class> all(cs.begin(), cs.end());
  if (bias) all.push_back(*bias);
  for (const mpz_class& v : all) fp::check_pattern(format_, v);
  node_id n = add(op::fdot_const, xs, all, fp::width(format_));
  nodes_[n].has_bias = bias != nullptr;
  return n;
}

node_id circuit::max(std::span<const node_id> xs) {
  if (xs.empty()) throw input_error("word circuit", "fmax_k: no operands");
  for (node_id x : xs) check_float(x, "fmax_k");
  return add(op::fmax_k, xs, {}, fp::width(format_));
}

node_id circuit::argmax(std::span<const node_id> xs) {
  if (xs.empty()) throw input_error("word circuit", "argmax: no operands");
  for (node_id x : xs) check_float(x, "argmax");
  uint32_t w = 1;
  while ((size_t{1} << w) < xs.size()) ++w;
  return add(op::argmax, xs, {}, w);
}

void circuit::output(std::string_view name, node_id n) {
  if (n >= nodes_.size()) throw input_error("word circuit", "output: node out of range");
  outputs_.push_back({std::string(name), n});
}

void circuit::name_tensor(std::string name, std::vector<uint32_t> shape, std::vector<node_id> nodes) {
  tensors_.push_back({std::move(name), std::move(shape), std::move(nodes)});
}

word_stats compute_word_stats(const circuit& c) {
  word_stats s;
  s.nodes = c.size();
  std::vector<uint32_t> level(c.size(), 0);
  for (node_id n = 0; n < c.size(); ++n) {
    const node& nd = c.at(n);
    ++s.ops[static_cast<int>(nd.kind)];
    s.operand_edges += nd.operand_count;
    if (nd.kind == op::input_float || nd.kind == op::input_int || nd.kind == op::constant) continue;
    uint32_t deepest = 0;
    for (node_id a : c.operands(n)) deepest = std::max(deepest, level[a]);
    level[n] = deepest + (nd.kind == op::fneg ? 0 : 1);
  }
  for (const port& o : c.outputs()) s.depth = std::max(s.depth, level[o.node]);
  return s;
}

}  // namespace tc0::word
