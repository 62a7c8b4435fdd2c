// Stats in one pass over the gates (after the levels pass); per-module depths in a second pass
// when asked for, costing O(edges * module nesting depth).
#include "tc0/analysis/stats.hpp"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <limits>
#include <sstream>

#include "tc0/analysis/levels.hpp"

namespace tc0 {

namespace {

constexpr const char* kind_keys[num_gate_kinds] = {"and", "or", "maj", "thr"};

size_t fanin_bucket(uint64_t fanin) { return fanin == 0 ? 0 : static_cast<size_t>(std::bit_width(fanin)); }

// Per-module stats. A gate at module m with nesting depth h belongs to the subtrees of m's h
// non-root ancestors; for each it keeps its longest path inside that subtree, stored in a flat
// array (slot t-1 for the ancestor at nesting depth t). A fan-in node f in module mf shares the
// ancestors at nesting depths 1..L, L the nesting depth of the lowest common ancestor.
std::vector<module_stats> module_table(const circuit& c, const std::vector<uint32_t>& level) {
  const circuit_storage& s = c.storage();
  const uint32_t num_modules = static_cast<uint32_t>(s.modules.size());
  std::vector<uint32_t> nest(num_modules, 0);  // nesting depth; root 0 (parents have smaller ids)
  for (uint32_t m = 1; m < num_modules; ++m) nest[m] = nest[s.modules[m].parent] + 1;

  std::vector<module_stats> own(num_modules);
  std::vector<uint32_t> min_level(num_modules, std::numeric_limits<uint32_t>::max()), max_level(num_modules, 0);
  const uint32_t n = c.num_nodes();
  const std::vector<uint32_t> module_of = node_modules(c);
  std::vector<uint64_t> slot_begin(n + 1, 0);
  for (uint32_t v = 0; v < n; ++v) slot_begin[v + 1] = slot_begin[v] + (is_gate(c.kind(v)) ? nest[module_of[v]] : 0);
  std::vector<uint32_t> sub_depth(slot_begin[n], 0);
  std::vector<uint32_t> best;
  auto lca_nest = [&](uint32_t a, uint32_t b) {
    while (nest[a] > nest[b]) a = s.modules[a].parent;
    while (nest[b] > nest[a]) b = s.modules[b].parent;
    while (a != b) {
      a = s.modules[a].parent;
      b = s.modules[b].parent;
    }
    return nest[a];
  };
  std::vector<uint32_t> module_depth(num_modules, 0);
  for (uint32_t v = 1; v < n; ++v) {
    if (!is_gate(c.kind(v))) continue;
    const uint32_t m = module_of[v], h = nest[m];
    own[m].gates += 1;
    own[m].edges += c.fanin(v).size();
    min_level[m] = std::min(min_level[m], level[v]);
    max_level[m] = std::max(max_level[m], level[v]);
    if (h == 0) continue;
    best.assign(h, 0);
    for (lit l : c.fanin(v)) {
      const uint32_t f = l.node();
      if (!is_gate(c.kind(f))) continue;
      const uint32_t mf = module_of[f];
      const uint32_t shared = mf == m ? h : lca_nest(m, mf);
      for (uint32_t t = 0; t < shared; ++t) best[t] = std::max(best[t], sub_depth[slot_begin[f] + t]);
    }
    uint32_t a = m;
    for (uint32_t t = h; t-- > 0;) {  // slot t belongs to the ancestor at nesting depth t + 1
      const uint32_t d = best[t] + 1;
      sub_depth[slot_begin[v] + t] = d;
      module_depth[a] = std::max(module_depth[a], d);
      a = s.modules[a].parent;
    }
  }
  // Children have larger ids than their parents: fold counts and level ranges upward.
  for (uint32_t m = num_modules; m-- > 1;) {
    const uint32_t p = s.modules[m].parent;
    if (p == 0) continue;
    own[p].gates += own[m].gates;
    own[p].edges += own[m].edges;
    min_level[p] = std::min(min_level[p], min_level[m]);
    max_level[p] = std::max(max_level[p], max_level[m]);
  }
  std::vector<module_stats> out;
  for (uint32_t m = 1; m < num_modules; ++m) {
    module_stats ms = own[m];
    ms.id = m;
    ms.path = c.module_path(m);
    ms.depth = module_depth[m];
    if (ms.gates > 0) {
      ms.depth_from = min_level[m] - 1;
      ms.depth_to = max_level[m];
    }
    out.push_back(std::move(ms));
  }
  return out;
}

}  // namespace

circuit_stats compute_stats(const circuit& c, const stats_params& params) {
  const std::vector<uint32_t> level = compute_levels(c);
  circuit_stats s;
  s.name = c.name();
  s.inputs = c.num_input_bits();
  for (const bus& b : c.outputs()) s.outputs += b.lits.size();
  const uint32_t n = c.num_nodes();
  // Per node and kind: the max number of gates of that kind on a path ending at the node.
  std::vector<std::array<uint32_t, num_gate_kinds>> kind_count(n, std::array<uint32_t, num_gate_kinds>{});
  uint32_t max_gate_level = 0;
  for (uint32_t v = 1; v < n; ++v) {
    const node_kind k = c.kind(v);
    if (!is_gate(k)) continue;
    const int ki = gate_kind_index(k);
    const std::span<const lit> in = c.fanin(v);
    ++s.gates;
    ++s.gates_by_kind[ki];
    s.edges += in.size();
    s.max_fanin = std::max<uint64_t>(s.max_fanin, in.size());
    const size_t bucket = fanin_bucket(in.size());
    if (s.fanin_histogram.size() <= bucket) s.fanin_histogram.resize(bucket + 1, 0);
    ++s.fanin_histogram[bucket];
    if (k == node_kind::thr) {
      for (int64_t w : c.weights(v)) {
        const uint64_t a = w < 0 ? uint64_t{0} - static_cast<uint64_t>(w) : static_cast<uint64_t>(w);
        s.weighted_edges += a;
        s.max_abs_weight = std::max<int64_t>(s.max_abs_weight, static_cast<int64_t>(a));
      }
    } else {
      s.weighted_edges += in.size();
      if (!in.empty()) s.max_abs_weight = std::max<int64_t>(s.max_abs_weight, 1);
    }
    std::array<uint32_t, num_gate_kinds> m{};
    for (lit l : in) {
      const auto& f = kind_count[l.node()];
      for (int j = 0; j < num_gate_kinds; ++j) m[j] = std::max(m[j], f[j]);
    }
    m[ki] += 1;
    kind_count[v] = m;
    max_gate_level = std::max(max_gate_level, level[v]);
  }
  for (const bus& b : c.outputs())
    for (lit l : b.lits) {
      s.depth = std::max(s.depth, level[l.node()]);
      for (int j = 0; j < num_gate_kinds; ++j) s.depth_by_kind[j] = std::max(s.depth_by_kind[j], kind_count[l.node()][j]);
    }
  if (params.depth_profile) {
    s.has_depth_profile = true;
    s.depth_profile.assign(max_gate_level, 0);
    for (uint32_t v = 1; v < n; ++v)
      if (is_gate(c.kind(v))) ++s.depth_profile[level[v] - 1];
  }
  if (params.by_module) {
    s.has_modules = true;
    s.modules = module_table(c, level);
  }
  return s;
}

nlohmann::json stats_to_json(const circuit_stats& s) {
  nlohmann::json j;
  j["inputs"] = s.inputs;
  j["outputs"] = s.outputs;
  j["gates"] = s.gates;
  nlohmann::json by_kind = nlohmann::json::object(), depth_kind = nlohmann::json::object();
  for (int k = 0; k < num_gate_kinds; ++k) {
    by_kind[kind_keys[k]] = s.gates_by_kind[k];
    depth_kind[kind_keys[k]] = s.depth_by_kind[k];
  }
  j["gates_by_kind"] = by_kind;
  j["edges"] = s.edges;
  j["weighted_edges"] = s.weighted_edges;
  j["max_fanin"] = s.max_fanin;
  j["max_abs_weight"] = s.max_abs_weight;
  j["depth"] = s.depth;
  j["depth_by_kind"] = depth_kind;
  nlohmann::json hist = nlohmann::json::object();
  for (size_t i = 0; i < s.fanin_histogram.size(); ++i) {
    if (i == 0 && s.fanin_histogram[0] == 0) continue;
    hist[std::to_string(i == 0 ? 0 : uint64_t{1} << (i - 1))] = s.fanin_histogram[i];
  }
  j["fanin_histogram"] = hist;
  if (s.has_modules) {
    nlohmann::json mods = nlohmann::json::array();
    for (const module_stats& m : s.modules)
      mods.push_back({{"path", m.path}, {"gates", m.gates}, {"edges", m.edges}, {"depth", m.depth},
                      {"depth_from", m.depth_from}, {"depth_to", m.depth_to}});
    j["modules"] = mods;
  }
  if (s.has_depth_profile) j["depth_profile"] = s.depth_profile;
  return j;
}

namespace {

std::string with_commas(uint64_t v) {
  std::string d = std::to_string(v), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i > 0 && (d.size() - i) % 3 == 0) out += ',';
    out += d[i];
  }
  return out;
}

}  // namespace

std::string format_stats_table(const circuit_stats& s) {
  std::ostringstream o;
  auto row = [&o](const std::string& key, const std::string& value) {
    o << "  " << key << std::string(key.size() < 16 ? 16 - key.size() : 1, ' ') << value << "\n";
  };
  auto per_kind = [](const auto& values) {
    std::string t;
    for (int k = 0; k < num_gate_kinds; ++k)
      t += std::string(k ? ", " : "") + kind_keys[k] + " " + with_commas(values[k]);
    return t;
  };
  o << "circuit " << (s.name.empty() ? "(unnamed)" : s.name) << "\n";
  row("inputs", with_commas(s.inputs) + " bits");
  row("outputs", with_commas(s.outputs) + " bits");
  row("gates", with_commas(s.gates) + "  (" + per_kind(s.gates_by_kind) + ")");
  row("edges", with_commas(s.edges));
  row("weighted edges", with_commas(s.weighted_edges));
  row("max fan-in", with_commas(s.max_fanin));
  row("max |weight|", with_commas(static_cast<uint64_t>(s.max_abs_weight)));
  row("depth", std::to_string(s.depth) + "  (per kind on one path: " + per_kind(s.depth_by_kind) + ")");
  std::string hist;
  for (size_t i = 0; i < s.fanin_histogram.size(); ++i) {
    if (s.fanin_histogram[i] == 0) continue;
    std::string range = i == 0 ? "0" : i == 1 ? "1" : std::to_string(uint64_t{1} << (i - 1)) + "-" + std::to_string((uint64_t{1} << i) - 1);
    hist += (hist.empty() ? "" : ", ") + range + ": " + with_commas(s.fanin_histogram[i]);
  }
  row("fan-in", hist.empty() ? "-" : hist);
  if (s.has_depth_profile) {
    o << "\ngates per level\n";
    for (size_t i = 0; i < s.depth_profile.size(); ++i) row("level " + std::to_string(i + 1), with_commas(s.depth_profile[i]));
  }
  if (s.has_modules) {
    size_t w = 6;
    for (const module_stats& m : s.modules) w = std::max(w, m.path.size());
    char buf[64];
    o << "\nmodules\n  " << "module" << std::string(w - 6 + 2, ' ');
    std::snprintf(buf, sizeof buf, "%14s %14s %6s %11s\n", "gates", "edges", "depth", "levels");
    o << buf;
    for (const module_stats& m : s.modules) {
      o << "  " << m.path << std::string(w - m.path.size() + 2, ' ');
      std::string levels = std::to_string(m.depth_from) + ".." + std::to_string(m.depth_to);
      std::snprintf(buf, sizeof buf, "%14s %14s %6u %11s\n", with_commas(m.gates).c_str(), with_commas(m.edges).c_str(),
                    m.depth, levels.c_str());
      o << buf;
    }
  }
  return o.str();
}

}  // namespace tc0
