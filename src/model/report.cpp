// The compile report: stats, components, and the bounds table (semantics.md section 5): the
// papers' depth accounting applied to the compiled model, symbols replaced by measured block depths.
#include <algorithm>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

#include "tc0/analysis/levels.hpp"
#include "tc0/analysis/stats.hpp"
#include "tc0/model/compile.hpp"
#include "tc0/version.hpp"
#include "tc0/word/lower.hpp"
#include "tc0/word/word_json.hpp"

namespace tc0::model {
namespace {

using word::node_id;
using word::op;

// The papers' symbols, measured on our blocks at the model's format and regime:
//   d_std     the deepest two-operand op (fadd, fsub, fmul, fdiv, fcmp, fmax);
//   d_sum(L)  the deepest reduction of L terms (fsum, fdot, and fdot3 in tensor models);
//   d_exp, d_sqrt (frsqrt), d_trig (fsin, fcos), d_lookup (token embedding).
class symbols {
 public:
  symbols(const word::circuit& w, weight_regime regime) : w_(w), regime_(regime) {
    for (op o : {op::fadd, op::fsub, op::fmul, op::fdiv, op::fmax}) d_std_ = std::max(d_std_, depth(o, 2));
    for (node_id n = 0; n < w.size() && !tensor_; ++n) tensor_ = w.at(n).kind == op::fdot3;
  }
  // Every symbol charged so far with its value, for the report.
  const std::map<std::string, uint32_t>& seen() const { return seen_; }

  // The rule cost of one node as a list of symbols (semantics.md section 5): matrix product
  // d_std + d_sum, three-way product 2 d_std + d_sum, elementwise d_std, a row max or argmax
  // d_std + d_sum (counted as a reduction), exp d_exp, and so on.
  using atoms = std::vector<std::string>;
  atoms of(node_id n) const {
    const word::node& nd = w_.at(n);
    uint32_t len = nd.operand_count;
    switch (nd.kind) {
      case op::input_float: case op::input_int: case op::constant: case op::fneg: return {};
      case op::lookup: return {note("d_lookup", depth(op::lookup, static_cast<uint32_t>(w_.constants(n).size())))};
      case op::fadd: case op::fsub: case op::fmul: case op::fdiv: case op::fmax: return {std_()};
      case op::fexp: return {note("d_exp", depth(op::fexp, 1))};
      case op::frsqrt: return {note("d_sqrt", depth(op::frsqrt, 1))};
      case op::fsin: case op::fcos: return {note("d_trig", std::max(depth(op::fsin, 1), depth(op::fcos, 1)))};
      case op::fsum: return {sum(len)};
      case op::fdot: return {std_(), sum(len / 2)};
      case op::fdot3: return {std_(), std_(), sum(len / 3)};
      case op::fdot_const: return {std_(), sum(len + (nd.has_bias ? 1 : 0))};
      case op::fmax_k: case op::argmax: return {std_(), sum(len)};
    }
    return {};
  }
  uint32_t value(const std::string& symbol) const { return seen_.at(symbol); }

 private:
  uint32_t depth(op o, uint32_t arity) const {
    return word::measure_block(o, w_.format(), w_.accumulate(), arity, regime_).depth;
  }
  std::string note(const std::string& symbol, uint32_t v) const {
    seen_[symbol] = v;
    return symbol;
  }
  std::string std_() const { return note("d_std", d_std_); }
  std::string sum(uint32_t len) const {
    std::string name = "d_sum(" + std::to_string(len) + ")";
    if (!seen_.count(name)) {
      uint32_t d = std::max(depth(op::fsum, len), depth(op::fdot, len));
      if (tensor_) d = std::max(d, depth(op::fdot3, len));
      seen_[name] = d;
    }
    return name;
  }
  const word::circuit& w_;
  weight_regime regime_;
  uint32_t d_std_ = 0;
  bool tensor_ = false;
  mutable std::map<std::string, uint32_t> seen_;
};

struct bound_row {
  std::string quantity;
  uint32_t measured = 0, paper_bound = 0;
  std::string formula;
};

// The longest rule-weighted path through the nodes whose module is `prefix` or below it (every
// node when prefix is empty); operands outside restart at 0. Returns the bound and its formula.
std::pair<uint32_t, std::string> rule_bound(const word::circuit& w, const symbols& s, const std::string& prefix) {
  std::vector<char> inside(w.modules().size(), 0);
  for (size_t m = 0; m < w.modules().size(); ++m) {
    const std::string& p = w.modules()[m];
    inside[m] = prefix.empty() || p == prefix || (p.size() > prefix.size() && p.compare(0, prefix.size(), prefix) == 0 &&
                                                  p[prefix.size()] == '/');
  }
  std::vector<uint32_t> total(w.size(), 0);
  std::vector<node_id> pred(w.size(), UINT32_MAX);
  node_id best = UINT32_MAX;
  auto cost = [&](node_id n) {
    uint32_t c = 0;
    for (const std::string& a : s.of(n)) c += s.value(a);
    return c;
  };
  for (node_id n = 0; n < w.size(); ++n) {
    if (!inside[w.at(n).module]) continue;
    uint32_t from = 0;
    for (node_id a : w.operands(n))
      if (inside[w.at(a).module] && total[a] > from) from = total[a], pred[n] = a;
    total[n] = from + cost(n);
    if (best == UINT32_MAX || total[n] > total[best]) best = n;
  }
  if (best == UINT32_MAX) return {0, "0"};
  std::map<std::string, uint32_t> counts;
  for (node_id n = best; n != UINT32_MAX; n = pred[n])
    for (const std::string& a : s.of(n)) ++counts[a];
  // "2 d_std + d_exp + d_sum(8)" (symbols in name order, counts in front).
  std::string formula;
  for (const auto& [sym, k] : counts) formula += (formula.empty() ? "" : " + ") + (k > 1 ? std::to_string(k) + " " : "") + sym;
  return {total[best], formula.empty() ? "0" : formula};
}

}  // namespace

nlohmann::json report_json(const compiled_model& cm) {
  const circuit& c = cm.gates;
  circuit_stats st = compute_stats(c, stats_params{true, false});
  nlohmann::json report = {{"format", "tc0-report/1"}, {"version", version_line()}, {"model", model_to_json(cm.config)}};
  report["weights_regime"] = nlohmann::json::parse(c.source()).value("weights_regime", "exp");
  report["stats"] = stats_to_json(st);
  nlohmann::json components = nlohmann::json::array();
  for (const module_stats& m : st.modules)
    components.push_back({{"name", m.path}, {"gates", m.gates}, {"edges", m.edges}, {"depth", m.depth},
                          {"depth_from", m.depth_from}, {"depth_to", m.depth_to}});
  report["components"] = components;

  weight_regime regime = report["weights_regime"] == "majority" ? weight_regime::majority : weight_regime::exp;
  symbols s(cm.word, regime);
  std::vector<bound_row> rows;
  auto [whole, whole_formula] = rule_bound(cm.word, s, "");
  rows.push_back({"depth", st.depth, whole, whole_formula});
  // Rows for the word-level components only (the blocks' own sub-modules are in "components").
  std::set<std::string> word_modules(cm.word.modules().begin(), cm.word.modules().end());
  for (const module_stats& m : st.modules) {
    if (!word_modules.count(m.path)) continue;
    size_t segments = std::count(m.path.begin(), m.path.end(), '/') + 1;
    bool listed = segments <= 2 || m.path.rfind("layer0/attn/head0/", 0) == 0 || m.path == "layer0/attn/head0";
    if (!listed || m.gates == 0) continue;
    auto [bound, formula] = rule_bound(cm.word, s, m.path);
    rows.push_back({"depth:" + m.path, m.depth, bound, formula});
  }
  nlohmann::json bounds = nlohmann::json::array();
  for (const bound_row& r : rows)
    bounds.push_back({{"quantity", r.quantity}, {"measured", r.measured}, {"paper_bound", r.paper_bound},
                      {"formula", r.formula}, {"within", r.measured <= r.paper_bound}});
  report["bounds"] = bounds;
  report["symbols"] = s.seen();
  report["word_stats"] = word::word_stats_json(cm.word);
  report["estimate"] = {{"gates", cm.estimate.gates}, {"edges", cm.estimate.edges}, {"memory_bytes", cm.estimate.memory_bytes}};
  report["build_seconds"] = cm.build_seconds;
  report["peak_memory_bytes"] = cm.peak_memory_bytes;
  return report;
}

std::string format_bounds_table(const nlohmann::json& report) {
  std::ostringstream out;
  size_t width = 8;
  for (const auto& r : report.at("bounds")) width = std::max(width, r.at("quantity").get<std::string>().size());
  out << std::left << std::setw(static_cast<int>(width)) << "quantity" << "  " << std::right << std::setw(8) << "measured"
      << "  " << std::setw(11) << "paper_bound" << "  formula\n";
  for (const auto& r : report.at("bounds"))
    out << std::left << std::setw(static_cast<int>(width)) << r.at("quantity").get<std::string>() << "  " << std::right
        << std::setw(8) << r.at("measured").get<uint64_t>() << "  " << std::setw(11) << r.at("paper_bound").get<uint64_t>()
        << "  " << r.at("formula").get<std::string>() << "\n";
  if (report.contains("symbols"))
    for (const auto& [k, v] : report.at("symbols").items()) out << k << " = " << v.dump() << "\n";
  return out.str();
}

}  // namespace tc0::model
