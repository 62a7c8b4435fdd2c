// The compile report: stats, components, and the bounds table (semantics.md section 5): the
// papers' depth accounting applied to the compiled model, symbols replaced by measured block depths.
#include <algorithm>
#include <iomanip>
#include <map>
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

// The papers' symbols, measured on our blocks at the model's format and regime.
class symbols {
 public:
  symbols(const word::circuit& w, weight_regime regime) : w_(w), regime_(regime) {
    for (op o : {op::fadd, op::fsub, op::fmul, op::fdiv, op::fmax}) d_std_ = std::max(d_std_, depth(o, 2));
    d_std_ = std::max(d_std_, compare_depth());
  }
  uint32_t d_std() const { return d_std_; }
  uint32_t depth(op o, uint32_t arity) const { return word::measure_block(o, w_.format(), w_.accumulate(), arity, regime_).depth; }
  uint32_t d_sum(uint32_t length) const { return depth(op::fsum, length); }
  // Every symbol charged so far with its value, for the report.
  const std::map<std::string, uint32_t>& seen() const { return seen_; }

  // The rule cost of one node and the symbol it charges (semantics.md section 5).
  struct charge {
    uint32_t cost = 0;
    std::string symbol;  // "" for free nodes
  };
  charge of(node_id n) const {
    charge c = charge_of(n);
    if (!c.symbol.empty()) {
      seen_["d_std"] = d_std_;
      if (c.symbol.rfind("d_std + ", 0) == 0) seen_[c.symbol.substr(8)] = c.cost - d_std_;
      else seen_[c.symbol] = c.cost;
    }
    return c;
  }

 private:
  charge charge_of(node_id n) const {
    const word::node& nd = w_.at(n);
    uint32_t len = nd.operand_count;
    switch (nd.kind) {
      case op::input_float: case op::input_int: case op::constant: case op::fneg: return {};
      case op::lookup: return {depth(op::lookup, static_cast<uint32_t>(w_.constants(n).size())), "d_lookup"};
      case op::fadd: case op::fsub: case op::fmul: case op::fdiv: case op::fmax: return {d_std_, "d_std"};
      case op::fexp: return {depth(op::fexp, 1), "d_exp"};
      case op::frsqrt: return {depth(op::frsqrt, 1), "d_sqrt"};
      case op::fsin: case op::fcos: return {std::max(depth(op::fsin, 1), depth(op::fcos, 1)), "d_trig"};
      case op::fsum: return {d_sum(len), "d_sum(" + std::to_string(len) + ")"};
      case op::fdot: return {d_std_ + std::max(d_sum(len / 2), depth(op::fdot, len / 2)), "d_std + d_sum(" + std::to_string(len / 2) + ")"};
      case op::fdot_const: {
        uint32_t terms = len + (nd.has_bias ? 1 : 0);
        return {d_std_ + std::max(d_sum(terms), depth(op::fdot_const, len)), "d_std + d_sum(" + std::to_string(terms) + ")"};
      }
      case op::fmax_k: case op::argmax:
        return {d_std_ + std::max(d_sum(len), depth(nd.kind, len)), "d_std + d_sum(" + std::to_string(len) + ")"};
    }
    return {};
  }

  uint32_t compare_depth() const { return depth(op::fmax, 2); }  // fcmp is below fmax (fmax = fcmp + select)
  const word::circuit& w_;
  weight_regime regime_;
  uint32_t d_std_ = 0;
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
  for (node_id n = 0; n < w.size(); ++n) {
    if (!inside[w.at(n).module]) continue;
    uint32_t from = 0;
    for (node_id a : w.operands(n))
      if (inside[w.at(a).module] && total[a] > from) from = total[a], pred[n] = a;
    total[n] = from + s.of(n).cost;
    if (best == UINT32_MAX || total[n] > total[best]) best = n;
  }
  if (best == UINT32_MAX) return {0, "0"};
  std::map<std::string, uint32_t> counts;
  for (node_id n = best; n != UINT32_MAX; n = pred[n]) {
    symbols::charge c = s.of(n);
    if (!c.symbol.empty()) ++counts[c.symbol];
  }
  // "2 (d_std + d_sum(8)) + d_exp + ..." with the values after "=".
  std::string formula;
  for (const auto& [sym, k] : counts) {
    if (!formula.empty()) formula += " + ";
    bool compound = sym.find(' ') != std::string::npos;
    if (k > 1) formula += std::to_string(k) + " ";
    formula += (compound && k > 1) ? "(" + sym + ")" : sym;
  }
  return {total[best], formula};
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
  for (const module_stats& m : st.modules) {
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
