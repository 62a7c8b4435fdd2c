// Circuit storage accessors and the structural validation every reader goes through.
#include "tc0/circuit/circuit.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "tc0/errors.hpp"

namespace tc0 {

const char* kind_name(node_kind k) {
  switch (k) {
    case node_kind::constant: return "constant";
    case node_kind::input: return "input";
    case node_kind::and_: return "and";
    case node_kind::or_: return "or";
    case node_kind::maj: return "maj";
    case node_kind::thr: return "thr";
  }
  return "?";
}

bool parse_gate_kind(std::string_view name, node_kind& out) {
  for (node_kind k : {node_kind::and_, node_kind::or_, node_kind::maj, node_kind::thr})
    if (name == kind_name(k)) {
      out = k;
      return true;
    }
  return false;
}

circuit::circuit() {
  s_.kind = {node_kind::constant};
  s_.fanin_begin = {0, 0};
  s_.aux = {0};
  s_.modules = {module_info{"", 0}};
  s_.module_runs = {module_run{0, 0}};
}

circuit circuit::from_storage(circuit_storage&& s, std::string_view where) {
  validate(s, where);
  circuit c;
  c.s_ = std::move(s);
  for (node_kind k : c.s_.kind) {
    if (is_gate(k)) ++c.num_gates_;
    if (k == node_kind::input) ++c.num_input_bits_;
  }
  return c;
}

std::span<const int64_t> circuit::weights(uint32_t node) const {
  if (s_.kind[node] != node_kind::thr) return {};
  const thr_data& t = s_.thr[s_.aux[node]];
  uint64_t k = s_.fanin_begin[node + 1] - s_.fanin_begin[node];
  return {s_.weights.data() + t.weight_begin, k};
}

int64_t circuit::threshold(uint32_t node) const {
  switch (s_.kind[node]) {
    case node_kind::and_: return static_cast<int64_t>(s_.fanin_begin[node + 1] - s_.fanin_begin[node]);
    case node_kind::or_: return 1;
    case node_kind::maj: return s_.aux[node];
    case node_kind::thr: return s_.thr[s_.aux[node]].threshold;
    default: return 0;
  }
}

uint32_t circuit::module_of(uint32_t node) const {
  auto it = std::upper_bound(s_.module_runs.begin(), s_.module_runs.end(), node,
                             [](uint32_t n, const module_run& r) { return n < r.first_node; });
  return it == s_.module_runs.begin() ? 0 : std::prev(it)->module;
}

std::string circuit::module_path(uint32_t module) const {
  std::string path;
  while (module != 0) {
    const module_info& m = s_.modules[module];
    path = path.empty() ? m.name : m.name + "/" + path;
    module = m.parent;
  }
  return path;
}

const bus* circuit::find_input(std::string_view name) const {
  for (const bus& b : s_.inputs)
    if (b.name == name) return &b;
  return nullptr;
}

const bus* circuit::find_output(std::string_view name) const {
  for (const bus& b : s_.outputs)
    if (b.name == name) return &b;
  return nullptr;
}

uint64_t circuit::memory_bytes() const {
  return s_.kind.capacity() * sizeof(node_kind) + s_.fanin_begin.capacity() * sizeof(uint64_t) +
         s_.aux.capacity() * sizeof(uint32_t) + s_.fanin.capacity() * sizeof(lit) +
         s_.thr.capacity() * sizeof(thr_data) + s_.weights.capacity() * sizeof(int64_t) +
         s_.module_runs.capacity() * sizeof(module_run);
}

namespace {
[[noreturn]] void fail(std::string_view where, const std::string& what) {
  throw input_error(std::string(where), what);
}
}  // namespace

void validate(const circuit_storage& s, std::string_view where) {
  const uint64_t n = s.kind.size();
  if (n == 0 || s.kind[0] != node_kind::constant) fail(where, "node 0 must be the constant");
  if (n > max_nodes) fail(where, std::to_string(n) + " nodes exceed the limit of 2^31");
  if (s.fanin_begin.size() != n + 1 || s.aux.size() != n)
    fail(where, "array sizes do not match the node count " + std::to_string(n));
  if (s.fanin_begin[0] != 0 || s.fanin_begin[n] != s.fanin.size())
    fail(where, "fan-in offsets do not cover the fan-in array");
  uint64_t thr_seen = 0;
  for (uint64_t i = 0; i < n; ++i) {
    const std::string at = "node " + std::to_string(i);
    uint8_t raw = static_cast<uint8_t>(s.kind[i]);
    if (raw > static_cast<uint8_t>(node_kind::thr)) fail(where, at + ": unknown kind " + std::to_string(raw));
    if (i > 0 && s.kind[i] == node_kind::constant) fail(where, at + ": only node 0 may be the constant");
    uint64_t b = s.fanin_begin[i], e = s.fanin_begin[i + 1];
    if (e < b || e > s.fanin.size()) fail(where, at + ": fan-in offsets out of order");
    if (!is_gate(s.kind[i])) {
      if (e != b) fail(where, at + ": an input or constant has no fan-in");
      continue;
    }
    for (uint64_t j = b; j < e; ++j)
      if (s.fanin[j].node() >= i)
        fail(where, at + ": fan-in literal " + std::to_string(s.fanin[j].v) +
                        " is not an earlier node (cycle or forward reference)");
    if (s.kind[i] == node_kind::maj && s.aux[i] > e - b + 1)
      fail(where, at + ": maj threshold " + std::to_string(s.aux[i]) + " exceeds fan-in " + std::to_string(e - b) + " + 1");
    if (s.kind[i] == node_kind::thr) {
      if (s.aux[i] != thr_seen || thr_seen >= s.thr.size()) fail(where, at + ": thr gate data out of order");
      const thr_data& t = s.thr[thr_seen++];
      if (t.weight_begin > s.weights.size() || s.weights.size() - t.weight_begin < e - b)
        fail(where, at + ": weights out of range");
      __int128 total = 0;
      for (uint64_t j = 0; j < e - b; ++j) {
        int64_t w = s.weights[t.weight_begin + j];
        total += w < 0 ? -static_cast<__int128>(w) : w;
      }
      if (total > INT64_MAX) fail(where, at + ": the sum of |weights| does not fit in 64 bits");
    } else if (s.aux[i] != 0 && s.kind[i] != node_kind::maj) {
      fail(where, at + ": and/or gates carry no threshold");
    }
  }
  if (thr_seen != s.thr.size()) fail(where, "thr data count does not match the thr gates");
  if (s.modules.empty()) fail(where, "the module table has no root");
  for (size_t m = 1; m < s.modules.size(); ++m)
    if (s.modules[m].parent >= m) fail(where, "module " + std::to_string(m) + ": parent must be an earlier module");
  uint32_t prev = 0;
  for (size_t r = 0; r < s.module_runs.size(); ++r) {
    const module_run& run = s.module_runs[r];
    if (run.module >= s.modules.size()) fail(where, "module run " + std::to_string(r) + ": unknown module");
    if (r > 0 && run.first_node <= prev) fail(where, "module runs out of order");
    prev = run.first_node;
  }
  std::unordered_set<std::string> names;
  std::vector<uint8_t> used(n, 0);
  for (const bus& b : s.inputs) {
    if (b.name.empty() || !names.insert(b.name).second) fail(where, "input '" + b.name + "': empty or repeated name");
    for (lit l : b.lits) {
      if (l.complemented() || l.node() >= n || s.kind[l.node()] != node_kind::input || used[l.node()])
        fail(where, "input '" + b.name + "': bit " + std::to_string(l.v) + " is not a fresh input node");
      used[l.node()] = 1;
    }
  }
  for (uint64_t i = 0; i < n; ++i)
    if (s.kind[i] == node_kind::input && !used[i])
      fail(where, "node " + std::to_string(i) + ": input node belongs to no input bus");
  names.clear();
  for (const bus& b : s.outputs) {
    if (b.name.empty() || !names.insert(b.name).second) fail(where, "output '" + b.name + "': empty or repeated name");
    for (lit l : b.lits)
      if (l.node() >= n) fail(where, "output '" + b.name + "': literal " + std::to_string(l.v) + " out of range");
  }
}

}  // namespace tc0
