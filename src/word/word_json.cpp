// tc0-word/1: one object per node, in topological order.
#include "tc0/word/word_json.hpp"

#include "tc0/fp/convert.hpp"
#include "tc0/version.hpp"

namespace tc0::word {

nlohmann::json word_stats_json(const circuit& c) {
  word_stats ws = compute_word_stats(c);
  nlohmann::json ops = nlohmann::json::object();
  for (int k = 0; k < num_ops; ++k)
    if (ws.ops[k]) ops[op_name(static_cast<op>(k))] = ws.ops[k];
  return {{"nodes", ws.nodes}, {"depth", ws.depth}, {"operand_edges", ws.operand_edges}, {"ops", ops}};
}

nlohmann::json word_circuit_json(const circuit& c) {
  const fp::float_format& f = c.format();
  nlohmann::json nodes = nlohmann::json::array();
  for (node_id n = 0; n < c.size(); ++n) {
    const node& nd = c.at(n);
    nlohmann::json j = {{"id", n}, {"op", op_name(nd.kind)}, {"module", nd.module}};
    if (nd.operand_count) j["operands"] = std::vector<node_id>(c.operands(n).begin(), c.operands(n).end());
    if (nd.constant_count) {
      nlohmann::json cs = nlohmann::json::array();
      for (const mpz_class& v : c.constants(n)) cs.push_back(fp::to_hex(f, v));
      j["constants"] = cs;
    }
    if (nd.has_bias) j["has_bias"] = true;
    if (!c.is_float(n)) j["width"] = nd.width;
    nodes.push_back(std::move(j));
  }
  nlohmann::json ports = [&](const std::vector<port>& ps) {
    nlohmann::json a = nlohmann::json::array();
    for (const port& p : ps) a.push_back({{"name", p.name}, {"node", p.node}});
    return a;
  }(c.inputs());
  nlohmann::json outs = nlohmann::json::array();
  for (const port& p : c.outputs()) outs.push_back({{"name", p.name}, {"node", p.node}});
  nlohmann::json tensors = nlohmann::json::array();
  for (const tensor_info& t : c.tensors()) tensors.push_back({{"name", t.name}, {"shape", t.shape}, {"nodes", t.nodes}});
  return {{"format", "tc0-word/1"},
          {"version", version_line()},
          {"precision", {{"p", f.p}, {"e", f.e}}},
          {"accumulate", c.accumulate() == fp::accumulation::exact ? "exact" : "window"},
          {"modules", c.modules()},
          {"inputs", ports},
          {"outputs", outs},
          {"tensors", tensors},
          {"nodes", nodes},
          {"stats", word_stats_json(c)}};
}

}  // namespace tc0::word
