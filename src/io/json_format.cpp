// tc0-circuit/1 export and import. Import fills circuit_storage directly (node ids renumbered in
// id order) so a file's node order, module table and gates survive exactly; every check names the
// JSON location, and circuit::from_storage validates the result once more.
#include "tc0/io/json_format.hpp"
#include "tc0/analysis/levels.hpp"
#include "tc0/io/json_file.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "tc0/errors.hpp"
#include "tc0/version.hpp"

namespace tc0 {

namespace {

using nlohmann::json;

constexpr const char* format_name = "tc0-circuit/1";
// Ids up to 2^62 keep 2*id + 1 within 64 bits; the node count itself is limited by max_nodes.
constexpr uint64_t max_file_id = uint64_t{1} << 62;

json lits_to_json(const bits& lits) {
  json a = json::array();
  for (lit l : lits) a.push_back(l.v);
  return a;
}

json buses_to_json(const std::vector<bus>& buses) {
  json a = json::array();
  for (const bus& b : buses) a.push_back({{"name", b.name}, {"bits", lits_to_json(b.lits)}});
  return a;
}

}  // namespace

json circuit_to_json(const circuit& c, const json_export_options& options) {
  json j;
  j["format"] = format_name;
  j["name"] = c.name();
  j["tc0_version"] = version();
  j["tc0_commit"] = commit();
  if (!c.source().empty()) {
    json src = json::parse(c.source(), nullptr, /*allow_exceptions=*/false);
    j["source"] = src.is_discarded() ? json(c.source()) : std::move(src);
  }
  j["inputs"] = buses_to_json(c.inputs());
  j["outputs"] = buses_to_json(c.outputs());

  const std::vector<uint32_t> level = compute_levels(c);
  const std::vector<uint32_t> mod = node_modules(c);
  const auto& modules = c.storage().modules;

  if (!options.modules_only) {
    json gates = json::array();
    for (uint32_t v = 0; v < c.num_nodes(); ++v) {
      node_kind k = c.kind(v);
      if (!is_gate(k)) continue;
      json fanin = json::array();
      for (lit l : c.fanin(v)) fanin.push_back(l.v);
      json weights = nullptr;
      if (k == node_kind::thr) {
        weights = json::array();
        for (int64_t w : c.weights(v)) weights.push_back(w);
      }
      gates.push_back({{"id", v}, {"kind", kind_name(k)}, {"fanin", std::move(fanin)}, {"weights", std::move(weights)},
                       {"threshold", c.threshold(v)}, {"depth", level[v]}, {"module", mod[v]}});
    }
    j["gates"] = std::move(gates);
  }

  // Subtree totals: children have larger ids than their parents, so one backward sweep adds up.
  struct module_totals {
    uint64_t self_gates = 0, self_edges = 0, gates = 0, edges = 0;
    uint32_t depth_from = UINT32_MAX, depth_to = 0;
  };
  std::vector<module_totals> tot;
  if (options.modules_only) {
    tot.resize(modules.size());
    for (uint32_t v = 0; v < c.num_nodes(); ++v) {
      if (!is_gate(c.kind(v))) continue;
      module_totals& t = tot[mod[v]];
      ++t.self_gates;
      t.self_edges += c.fanin(v).size();
      t.depth_from = std::min(t.depth_from, level[v] - 1);
      t.depth_to = std::max(t.depth_to, level[v]);
    }
    for (auto& t : tot) t.gates = t.self_gates, t.edges = t.self_edges;
    for (size_t m = modules.size(); m-- > 1;) {
      module_totals& p = tot[modules[m].parent];
      p.gates += tot[m].gates;
      p.edges += tot[m].edges;
      p.depth_from = std::min(p.depth_from, tot[m].depth_from);
      p.depth_to = std::max(p.depth_to, tot[m].depth_to);
    }
  }
  json mods = json::array();
  for (uint32_t m = 0; m < modules.size(); ++m) {
    json e = {{"id", m}, {"path", c.module_path(m)}, {"parent", m == 0 ? json(nullptr) : json(modules[m].parent)}};
    if (options.modules_only) {
      const module_totals& t = tot[m];
      e["gates"] = t.gates;
      e["edges"] = t.edges;
      e["self_gates"] = t.self_gates;
      e["self_edges"] = t.self_edges;
      e["depth_from"] = t.gates ? json(t.depth_from) : json(nullptr);
      e["depth_to"] = t.gates ? json(t.depth_to) : json(nullptr);
    }
    mods.push_back(std::move(e));
  }
  j["modules"] = std::move(mods);
  if (options.stats) j["stats"] = *options.stats;
  return j;
}

namespace {

// The import: checks in document order where it can, each error one line with the JSON location.
class importer {
 public:
  importer(const json& doc, std::string_view where) : doc_(doc), where_(where) {}

  circuit run() {
    if (!doc_.is_object()) fail("", "expected a JSON object with \"format\": \"" + std::string(format_name) + "\", got " + describe(doc_));
    const json& fmt = member(doc_, "format", "");
    if (!fmt.is_string() || fmt.get<std::string>() != format_name)
      fail("format", describe(fmt) + " is not supported (expected \"" + std::string(format_name) + "\")");
    if (auto it = doc_.find("name"); it != doc_.end() && !it->is_null()) {
      if (!it->is_string()) fail("name", "expected a string, got " + describe(*it));
      s_.name = it->get<std::string>();
    }
    if (auto it = doc_.find("source"); it != doc_.end() && !it->is_null())
      s_.source = it->is_string() ? it->get<std::string>() : it->dump();

    read_modules();
    collect_ids();
    emit_nodes();
    s_.outputs = read_buses("outputs", /*outputs=*/true);
    return circuit::from_storage(std::move(s_), where_);
  }

 private:
  struct node_ref {
    uint64_t file_id;
    uint32_t gate;  // index into "gates", or none for an input bit
    uint32_t bus, bit;
    static constexpr uint32_t none = UINT32_MAX;
  };

  [[noreturn]] void fail(const std::string& loc, const std::string& what) const {
    std::string w(where_);
    if (!loc.empty()) w = w.empty() ? loc : w + ": " + loc;
    throw input_error(w, what);
  }
  static std::string describe(const json& v) {
    std::string d = v.dump();
    if (d.size() > 40) d = d.substr(0, 37) + "...";
    return std::string(v.type_name()) + " " + d;
  }
  static std::string at(const std::string& loc, const char* key) { return loc.empty() ? key : loc + "." + key; }
  static std::string at(const std::string& loc, size_t i) { return loc + "[" + std::to_string(i) + "]"; }

  const json& member(const json& obj, const char* key, const std::string& loc) const {
    auto it = obj.find(key);
    if (it == obj.end()) fail(loc, std::string("missing key \"") + key + "\"");
    return *it;
  }
  const json& array_member(const json& obj, const char* key, const std::string& loc) const {
    const json& a = member(obj, key, loc);
    if (!a.is_array()) fail(at(loc, key), "expected an array, got " + describe(a));
    return a;
  }
  uint64_t unsigned_value(const json& v, const std::string& loc, uint64_t limit, const char* what) const {
    if (!v.is_number_integer() || (v.is_number_integer() && !v.is_number_unsigned() && v.get<int64_t>() < 0))
      fail(loc, std::string("expected ") + what + " (a non-negative integer), got " + describe(v));
    uint64_t x = v.get<uint64_t>();
    if (x >= limit) fail(loc, std::string(what) + " " + std::to_string(x) + " is out of range (expected below " + std::to_string(limit) + ")");
    return x;
  }
  int64_t signed_value(const json& v, const std::string& loc) const {
    if (!v.is_number_integer()) fail(loc, "expected an integer, got " + describe(v));
    if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
      fail(loc, std::to_string(v.get<uint64_t>()) + " does not fit in a signed 64-bit integer");
    return v.get<int64_t>();
  }
  const json& object_at(const json& a, size_t i, const std::string& loc) const {
    if (!a[i].is_object()) fail(at(loc, i), "expected an object, got " + describe(a[i]));
    return a[i];
  }

  // Module ids in the file map to table indices; the entry with an empty path is the root.
  void read_modules() {
    s_.modules = {module_info{"", 0}};
    auto it = doc_.find("modules");
    bool root_listed = false;
    if (it != doc_.end() && !it->is_null()) {
      if (!it->is_array()) fail("modules", "expected an array, got " + describe(*it));
      std::vector<std::string> paths = {""};
      for (size_t i = 0; i < it->size(); ++i) {
        const std::string loc = at("modules", i);
        const json& m = object_at(*it, i, "modules");
        uint64_t id = unsigned_value(member(m, "id", loc), at(loc, "id"), max_file_id, "module id");
        const json& pj = member(m, "path", loc);
        if (!pj.is_string()) fail(at(loc, "path"), "expected a string, got " + describe(pj));
        std::string path = pj.get<std::string>();
        if (module_ids_.count(id)) fail(at(loc, "id"), "module " + std::to_string(id) + " is listed twice");
        if (path.empty()) {
          if (root_listed) fail(at(loc, "path"), "a second root module (empty path)");
          root_listed = true;
          module_ids_[id] = 0;
          continue;
        }
        uint32_t parent = 0;
        if (auto p = m.find("parent"); p != m.end() && !p->is_null()) {
          uint64_t pid = unsigned_value(*p, at(loc, "parent"), max_file_id, "module id");
          auto f = module_ids_.find(pid);
          if (f == module_ids_.end()) {
            if (pid != 0 || root_listed)
              fail(at(loc, "parent"), "module " + std::to_string(pid) + " is not listed before module " + std::to_string(id));
          } else {
            parent = f->second;
          }
        }
        std::string prefix = parent == 0 ? "" : paths[parent] + "/";
        if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0)
          fail(at(loc, "path"), "'" + path + "' is not a child of its parent's path '" + paths[parent] + "'");
        uint32_t index = static_cast<uint32_t>(s_.modules.size());
        s_.modules.push_back(module_info{path.substr(prefix.size()), parent});
        paths.push_back(path);
        module_ids_[id] = index;
      }
    }
    // Without a listed root, id 0 means the root (the numbering export uses).
    if (!root_listed && !module_ids_.count(0)) module_ids_[0] = 0;
  }

  // Every node id in the file (input bits and gates), sorted: the new ids are ranks + 1.
  void collect_ids() {
    const json& inputs = array_member(doc_, "inputs", "");
    const json& gates = array_member(doc_, "gates", "");
    uint64_t total = 1;
    for (size_t b = 0; b < inputs.size(); ++b) {
      const std::string loc = at("inputs", b);
      const json& bj = object_at(inputs, b, "inputs");
      const json& name = member(bj, "name", loc);
      if (!name.is_string() || name.get<std::string>().empty())
        fail(at(loc, "name"), "expected a non-empty string, got " + describe(name));
      if (!input_names_.insert(name.get<std::string>()).second)
        fail(at(loc, "name"), "input '" + name.get<std::string>() + "' is declared twice");
      const json& bitsj = array_member(bj, "bits", loc);
      total += bitsj.size();
      if (total > max_nodes) fail(at(loc, "bits"), "more than " + std::to_string(max_nodes) + " nodes (the limit of 32-bit literals)");
      for (size_t i = 0; i < bitsj.size(); ++i) {
        const std::string bl = at(at(loc, "bits"), i);
        uint64_t l = unsigned_value(bitsj[i], bl, 2 * max_file_id, "literal");
        if (l < 2) fail(bl, "literal " + std::to_string(l) + " is a constant, not an input node");
        if (l & 1) fail(bl, "literal " + std::to_string(l) + " is complemented; input bits are plain nodes (even literals)");
        refs_.push_back(node_ref{l / 2, node_ref::none, static_cast<uint32_t>(b), static_cast<uint32_t>(i)});
      }
    }
    total += gates.size();
    if (total > max_nodes) fail("gates", "more than " + std::to_string(max_nodes) + " nodes (the limit of 32-bit literals)");
    uint64_t prev = 0;
    for (size_t g = 0; g < gates.size(); ++g) {
      const std::string loc = at("gates", g);
      const json& gj = object_at(gates, g, "gates");
      uint64_t id = unsigned_value(member(gj, "id", loc), at(loc, "id"), max_file_id, "node id");
      if (id == 0) fail(at(loc, "id"), "node 0 is the constant false, not a gate");
      if (g > 0 && id <= prev)
        fail(at(loc, "id"), std::to_string(id) + " is not greater than the previous gate's id " + std::to_string(prev) +
                                " (gates must be listed in increasing id order)");
      prev = id;
      refs_.push_back(node_ref{id, static_cast<uint32_t>(g), 0, 0});
    }
    std::stable_sort(refs_.begin(), refs_.end(), [](const node_ref& a, const node_ref& b) { return a.file_id < b.file_id; });
    for (size_t i = 1; i < refs_.size(); ++i)
      if (refs_[i].file_id == refs_[i - 1].file_id)
        fail(describe_ref(refs_[i]), "node " + std::to_string(refs_[i].file_id) + " is already defined by " + describe_ref(refs_[i - 1]));
    ids_.reserve(refs_.size());
    for (const node_ref& r : refs_) ids_.push_back(r.file_id);
  }

  std::string describe_ref(const node_ref& r) const {
    if (r.gate != node_ref::none) return "gates[" + std::to_string(r.gate) + "].id";
    return "inputs[" + std::to_string(r.bus) + "].bits[" + std::to_string(r.bit) + "]";
  }

  // File id -> new node id, or 0 when the id is not defined.
  uint32_t lookup(uint64_t file_id) const {
    auto it = std::lower_bound(ids_.begin(), ids_.end(), file_id);
    return it != ids_.end() && *it == file_id ? static_cast<uint32_t>(it - ids_.begin()) + 1 : 0;
  }

  lit map_literal(uint64_t l, const std::string& loc, uint32_t before, uint64_t gate_file_id) const {
    uint64_t node = l / 2;
    if (node == 0) return lit{static_cast<uint32_t>(l)};
    uint32_t v = lookup(node);
    if (v == 0)
      fail(loc, "literal " + std::to_string(l) + " refers to node " + std::to_string(node) +
                    ", which is not defined (no input bit or gate has that id)");
    if (v >= before)
      fail(loc, "literal " + std::to_string(l) + " refers to node " + std::to_string(node) + ", which is not defined before gate " +
                    std::to_string(gate_file_id) + " (cycle or forward reference)");
    return lit::from_node(v, l & 1);
  }

  void emit_nodes() {
    const json& gates = doc_["gates"];
    const size_t n = refs_.size() + 1;
    s_.kind.assign(1, node_kind::constant);
    s_.kind.reserve(n);
    s_.aux.assign(1, 0);
    s_.aux.reserve(n);
    s_.fanin_begin.assign(2, 0);
    s_.fanin_begin.reserve(n + 1);
    std::vector<uint32_t> node_module(n, 0);
    std::vector<int64_t> weights;
    for (size_t r = 0; r < refs_.size(); ++r) {
      const uint32_t v = static_cast<uint32_t>(r + 1);
      if (refs_[r].gate == node_ref::none) {
        s_.kind.push_back(node_kind::input);
        s_.aux.push_back(0);
        s_.fanin_begin.push_back(s_.fanin.size());
        continue;
      }
      const uint32_t g = refs_[r].gate;
      const std::string loc = at("gates", g);
      const json& gj = gates[g];
      const json& kj = member(gj, "kind", loc);
      node_kind kind{};
      if (!kj.is_string() || !parse_gate_kind(kj.get<std::string>(), kind))
        fail(at(loc, "kind"), std::string("unknown gate kind ") + (kj.is_string() ? "'" + kj.get<std::string>() + "'" : describe(kj)) +
                                  " (expected and, or, maj, thr)");
      const json& fj = array_member(gj, "fanin", loc);
      const int64_t k = static_cast<int64_t>(fj.size());
      for (size_t i = 0; i < fj.size(); ++i) {
        const std::string fl = at(at(loc, "fanin"), i);
        s_.fanin.push_back(map_literal(unsigned_value(fj[i], fl, 2 * max_file_id, "literal"), fl, v, refs_[r].file_id));
      }
      read_weights(gj, loc, kind, fj.size(), weights);
      int64_t t = read_threshold(gj, loc, kind, k);
      uint32_t aux = 0;
      if (kind == node_kind::maj) aux = static_cast<uint32_t>(t);
      if (kind == node_kind::thr) {
        __int128 total = 0;
        for (int64_t w : weights) total += w < 0 ? -static_cast<__int128>(w) : w;
        if (total > INT64_MAX) fail(at(loc, "weights"), "the sum of |weights| does not fit in 64 bits");
        aux = static_cast<uint32_t>(s_.thr.size());
        s_.thr.push_back(thr_data{s_.weights.size(), t});
        s_.weights.insert(s_.weights.end(), weights.begin(), weights.end());
      }
      s_.kind.push_back(kind);
      s_.aux.push_back(aux);
      s_.fanin_begin.push_back(s_.fanin.size());
      if (auto m = gj.find("module"); m != gj.end() && !m->is_null()) {
        uint64_t id = unsigned_value(*m, at(loc, "module"), max_file_id, "module id");
        auto f = module_ids_.find(id);
        if (f == module_ids_.end()) fail(at(loc, "module"), "module " + std::to_string(id) + " is not listed in \"modules\"");
        node_module[v] = f->second;
      }
    }
    s_.module_runs.clear();
    for (uint32_t v = 0; v < n; ++v)
      if (s_.module_runs.empty() || s_.module_runs.back().module != node_module[v]) s_.module_runs.push_back(module_run{v, node_module[v]});

    s_.inputs = read_buses("inputs", /*outputs=*/false);
  }

  void read_weights(const json& gj, const std::string& loc, node_kind kind, size_t k, std::vector<int64_t>& out) const {
    out.clear();
    auto it = gj.find("weights");
    const bool given = it != gj.end() && !it->is_null();
    if (kind != node_kind::thr) {
      if (!given) return;
      if (!it->is_array() || it->size() != k ||
          !std::all_of(it->begin(), it->end(), [](const json& w) { return w.is_number_integer() && w.get<int64_t>() == 1; }))
        fail(at(loc, "weights"), std::string("a ") + kind_name(kind) + " gate has unit weights (expected null, or " +
                                     std::to_string(k) + " ones), got " + describe(*it));
      return;
    }
    if (!given) fail(loc, "missing key \"weights\" (a thr gate needs one weight per fan-in literal)");
    if (!it->is_array()) fail(at(loc, "weights"), "expected an array, got " + describe(*it));
    if (it->size() != k)
      fail(at(loc, "weights"), std::to_string(it->size()) + " weights for " + std::to_string(k) + " fan-in literals");
    for (size_t i = 0; i < k; ++i) out.push_back(signed_value((*it)[i], at(at(loc, "weights"), i)));
  }

  int64_t read_threshold(const json& gj, const std::string& loc, node_kind kind, int64_t k) const {
    auto it = gj.find("threshold");
    const bool given = it != gj.end() && !it->is_null();
    if (kind == node_kind::and_ || kind == node_kind::or_) {
      const int64_t implied = kind == node_kind::and_ ? k : 1;
      if (given) {
        int64_t t = signed_value(*it, at(loc, "threshold"));
        if (t != implied)
          fail(at(loc, "threshold"), std::string("an ") + kind_name(kind) + " gate with " + std::to_string(k) +
                                         " inputs has threshold " + std::to_string(implied) + ", not " + std::to_string(t));
      }
      return implied;
    }
    if (!given) fail(loc, std::string("missing key \"threshold\" (required for ") + kind_name(kind) + " gates)");
    int64_t t = signed_value(*it, at(loc, "threshold"));
    if (kind == node_kind::maj && (t < 0 || t > k + 1))
      fail(at(loc, "threshold"), "maj threshold " + std::to_string(t) + " is outside 0.." + std::to_string(k + 1));
    return t;
  }

  std::vector<bus> read_buses(const char* key, bool outputs) {
    const json& a = array_member(doc_, key, "");
    std::vector<bus> buses;
    buses.reserve(a.size());
    std::unordered_set<std::string> names;
    for (size_t b = 0; b < a.size(); ++b) {
      const std::string loc = at(key, b);
      const json& bj = object_at(a, b, key);
      const json& name = member(bj, "name", loc);
      if (!name.is_string() || name.get<std::string>().empty())
        fail(at(loc, "name"), "expected a non-empty string, got " + describe(name));
      if (!names.insert(name.get<std::string>()).second)
        fail(at(loc, "name"), std::string(outputs ? "output '" : "input '") + name.get<std::string>() + "' is declared twice");
      const json& bitsj = array_member(bj, "bits", loc);
      bus out{name.get<std::string>(), {}};
      out.lits.reserve(bitsj.size());
      for (size_t i = 0; i < bitsj.size(); ++i) {
        const std::string bl = at(at(loc, "bits"), i);
        uint64_t l = unsigned_value(bitsj[i], bl, 2 * max_file_id, "literal");
        if (!outputs) {
          out.lits.push_back(lit::from_node(lookup(l / 2)));
          continue;
        }
        uint64_t node = l / 2;
        uint32_t v = node == 0 ? 0 : lookup(node);
        if (node != 0 && v == 0)
          fail(bl, "literal " + std::to_string(l) + " refers to node " + std::to_string(node) +
                       ", which is not defined (no input bit or gate has that id)");
        out.lits.push_back(lit::from_node(v, l & 1));
      }
      buses.push_back(std::move(out));
    }
    return buses;
  }

  const json& doc_;
  std::string where_;
  circuit_storage s_;
  std::unordered_map<uint64_t, uint32_t> module_ids_;
  std::unordered_set<std::string> input_names_;
  std::vector<node_ref> refs_;
  std::vector<uint64_t> ids_;  // sorted file ids; index + 1 = new node id
};

}  // namespace

circuit circuit_from_json(const json& doc, std::string_view where) { return importer(doc, where).run(); }

circuit parse_json_circuit(std::string_view text, std::string_view where) {
  return circuit_from_json(parse_json_text(text, where), where);
}

circuit load_json_circuit(const std::filesystem::path& path) {
  return parse_json_circuit(read_text_file(path), path.string());
}

}  // namespace tc0
