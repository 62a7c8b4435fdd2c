// Builder: canonical gate forms, constant folding, structural hashing and module runs.
#include "tc0/circuit/builder.hpp"

#include "tc0/util/huge_pages.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "tc0/errors.hpp"

namespace tc0 {

const char* regime_name(weight_regime r) { return r == weight_regime::exp ? "exp" : "majority"; }

bool parse_regime(std::string_view name, weight_regime& out) {
  if (name == "exp") out = weight_regime::exp;
  else if (name == "majority") out = weight_regime::majority;
  else return false;
  return true;
}

module_scope::~module_scope() {
  if (b_) b_->current_module_ = saved_;
}

builder::builder(std::string name, builder_params params) : params_(params) {
  s_.name = std::move(name);
  s_.kind = {node_kind::constant};
  s_.fanin_begin = {0, 0};
  s_.aux = {0};
  s_.modules = {module_info{"", 0}};
  s_.module_runs = {module_run{0, 0}};
  if (params_.structural_hashing) table_ = zeroed_buffer<uint64_t>(1u << 12);
}

builder::~builder() = default;
builder::builder(builder&&) noexcept = default;
builder& builder::operator=(builder&&) noexcept = default;

module_scope builder::scope(std::string_view name) {
  uint32_t saved = current_module_;
  uint32_t found = 0;
  // Re-entering a path reuses its module id, so a module is one subtree however often it is opened.
  for (uint32_t m = static_cast<uint32_t>(s_.modules.size()); m-- > 1;)
    if (s_.modules[m].parent == current_module_ && s_.modules[m].name == name) {
      found = m;
      break;
    }
  if (found == 0) {
    found = static_cast<uint32_t>(s_.modules.size());
    s_.modules.push_back(module_info{std::string(name), current_module_});
  }
  current_module_ = found;
  return module_scope(this, saved);
}

namespace {
// Room for `extra` more elements: doubling, on huge pages once large (first touches are the cost).
template <class T>
void grow_for(std::vector<T>& v, size_t extra) {
  if (v.size() + extra > v.capacity()) reserve_huge(v, std::max(v.size() + extra, 2 * v.capacity()));
}
}  // namespace

uint32_t builder::new_node(node_kind kind) {
  uint64_t id = s_.kind.size();
  if (id + 1 > params_.max_nodes)
    throw input_error("builder", "the circuit would exceed " + std::to_string(params_.max_nodes) +
                                     " nodes (the limit of 32-bit literals is 2^31); refusing to build it");
  if (s_.module_runs.back().module != current_module_) {
    if (s_.module_runs.back().first_node == id) s_.module_runs.back().module = current_module_;
    else s_.module_runs.push_back(module_run{static_cast<uint32_t>(id), current_module_});
  }
  if (s_.kind.size() == s_.kind.capacity()) {  // grow by doubling, on huge pages once large
    const size_t n = std::max<size_t>(1024, 2 * s_.kind.size());
    reserve_huge(s_.kind, n);
    reserve_huge(s_.aux, n);
    reserve_huge(s_.fanin_begin, n + 1);
  }
  s_.kind.push_back(kind);
  s_.aux.push_back(0);
  s_.fanin_begin.push_back(s_.fanin.size());
  if (is_gate(kind)) ++num_gates_;
  return static_cast<uint32_t>(id);
}

bits builder::input(std::string_view name, uint32_t width) {
  for (const bus& b : s_.inputs)
    if (b.name == name) throw input_error("builder", "input '" + std::string(name) + "' declared twice");
  bus b{std::string(name), {}};
  b.lits.reserve(width);
  for (uint32_t i = 0; i < width; ++i) b.lits.push_back(lit::from_node(new_node(node_kind::input)));
  s_.inputs.push_back(b);
  return b.lits;
}

lit builder::input_bit(std::string_view name) { return input(name, 1)[0]; }

void builder::output(std::string_view name, std::span<const lit> lits) {
  for (const bus& b : s_.outputs)
    if (b.name == name) throw input_error("builder", "output '" + std::string(name) + "' declared twice");
  s_.outputs.push_back(bus{std::string(name), bits(lits.begin(), lits.end())});
}

lit builder::and_(std::span<const lit> in) {
  scratch_lits_.assign(in.begin(), in.end());
  return unit_gate(scratch_lits_, static_cast<int64_t>(in.size()));
}

lit builder::or_(std::span<const lit> in) {
  scratch_lits_.assign(in.begin(), in.end());
  return unit_gate(scratch_lits_, 1);
}

lit builder::majority(std::span<const lit> in, int64_t t) {
  scratch_lits_.assign(in.begin(), in.end());
  return unit_gate(scratch_lits_, t);
}

// Unit-weight gate [#true(in) >= t]: fold constants, cancel x with not-x (they add exactly 1),
// then pick the cheapest kind. Repeated wires stay (they are weights in the majority regime).
lit builder::unit_gate(std::vector<lit>& in, int64_t t) {
  if (!params_.simplify) {
    node_kind k = t == static_cast<int64_t>(in.size()) ? node_kind::and_ : t == 1 ? node_kind::or_ : node_kind::maj;
    return emit(k, in, {}, t, params_.structural_hashing);
  }
  size_t w = 0;
  for (lit l : in) {
    if (l == lit_true) --t;
    else if (l != lit_false) in[w++] = l;
  }
  in.resize(w);
  std::sort(in.begin(), in.end());
  // Sorted, so x (2n) and not-x (2n+1) of one node are adjacent runs.
  w = 0;
  for (size_t i = 0; i < in.size();) {
    size_t j = i;
    while (j < in.size() && in[j].node() == in[i].node()) ++j;
    size_t pos = 0;
    while (i + pos < j && !in[i + pos].complemented()) ++pos;
    size_t neg = (j - i) - pos, pairs = std::min(pos, neg);
    t -= static_cast<int64_t>(pairs);
    const lit plain = lit::from_node(in[i].node());
    for (size_t k = 0; k < pos - pairs; ++k) in[w++] = plain;
    for (size_t k = 0; k < neg - pairs; ++k) in[w++] = !plain;
    i = j;
  }
  in.resize(w);
  const int64_t k = static_cast<int64_t>(in.size());
  if (t <= 0) return lit_true;
  if (t > k) return lit_false;
  if (t == k || t == 1) {
    in.erase(std::unique(in.begin(), in.end()), in.end());
    if (in.size() == 1) return in[0];
    return emit(t == k ? node_kind::and_ : node_kind::or_, in, {}, t == k ? static_cast<int64_t>(in.size()) : 1,
                params_.structural_hashing);
  }
  // A literal repeated at least t times decides the gate alone only if t == its count and no
  // other input exists, which the t == k case covered; keep the rest as a maj gate.
  return emit(node_kind::maj, in, {}, t, params_.structural_hashing);
}

// [sum w*in >= t] in canonical form: one term per node, positive weights (the complement bit carries
// the sign), weights clipped to t and divided by their gcd. Unit results go through unit_gate.
lit builder::threshold(std::span<const lit> in, std::span<const int64_t> w, int64_t t) {
  if (in.size() != w.size()) throw input_error("builder", "threshold gate: weight count differs from fan-in count");
  if (!params_.simplify) return gate(node_kind::thr, in, w, t);
  auto& terms = scratch_terms_;
  terms.clear();
  __int128 tt = t;
  for (size_t i = 0; i < in.size(); ++i) {
    if (w[i] == 0 || in[i] == lit_false) continue;
    if (in[i] == lit_true) { tt -= w[i]; continue; }
    if (in[i].complemented()) {  // w * not(x) = w - w * x
      tt -= w[i];
      terms.emplace_back(!in[i], -w[i]);
    } else {
      terms.emplace_back(in[i], w[i]);
    }
  }
  std::sort(terms.begin(), terms.end(), [](auto& a, auto& b) { return a.first < b.first; });
  size_t n = 0;
  for (size_t i = 0; i < terms.size();) {
    __int128 sum = 0;
    size_t j = i;
    for (; j < terms.size() && terms[j].first == terms[i].first; ++j) sum += terms[j].second;
    if (sum > INT64_MAX || sum < -INT64_MAX) throw input_error("builder", "threshold gate: weight overflows 64 bits");
    if (sum != 0) terms[n++] = {terms[i].first, static_cast<int64_t>(sum)};
    i = j;
  }
  terms.resize(n);
  __int128 total = 0;
  for (auto& [l, wt] : terms) {
    if (wt < 0) {  // -|w| x = |w| not(x) - |w|
      tt += -static_cast<__int128>(wt);
      l = !l;
      wt = -wt;
    }
    total += wt;
  }
  if (tt <= 0) return lit_true;
  if (tt > total) return lit_false;
  int64_t t64 = static_cast<int64_t>(tt);
  int64_t g = 0;
  for (auto& term : terms) {
    term.second = std::min(term.second, t64);
    g = std::gcd(g, term.second);
  }
  if (g > 1) {
    for (auto& term : terms) term.second /= g;
    t64 = (t64 + g - 1) / g;
  }
  bool unit = std::all_of(terms.begin(), terms.end(), [](auto& term) { return term.second == 1; });
  if (unit) {
    scratch_lits_.clear();
    for (auto& term : terms) scratch_lits_.push_back(term.first);
    return unit_gate(scratch_lits_, t64);
  }
  std::vector<lit> lits;
  auto& weights = scratch_weights_;
  lits.reserve(terms.size());
  weights.clear();
  for (auto& [l, wt] : terms) {
    if (wt > params_.max_abs_weight)
      throw input_error("builder", "threshold gate: weight " + std::to_string(wt) + " exceeds the limit " +
                                       std::to_string(params_.max_abs_weight));
    lits.push_back(l);
    weights.push_back(wt);
  }
  return emit(node_kind::thr, lits, weights, t64, params_.structural_hashing);
}

lit builder::gate(node_kind kind, std::span<const lit> in, std::span<const int64_t> w, int64_t t) {
  const int64_t k = static_cast<int64_t>(in.size());
  switch (kind) {
    case node_kind::and_: t = k; break;
    case node_kind::or_: t = 1; break;
    case node_kind::maj:
      if (t < 0 || t > k + 1) throw input_error("builder", "maj gate: threshold " + std::to_string(t) + " outside 0.." + std::to_string(k + 1));
      break;
    case node_kind::thr: {
      if (w.size() != in.size()) throw input_error("builder", "thr gate: weight count differs from fan-in count");
      __int128 total = 0;
      for (int64_t x : w) total += x < 0 ? -static_cast<__int128>(x) : x;
      if (total > INT64_MAX) throw input_error("builder", "thr gate: the sum of |weights| does not fit in 64 bits");
      break;
    }
    default: throw input_error("builder", "not a gate kind");
  }
  for (lit l : in)
    if (l.node() >= s_.kind.size()) throw input_error("builder", "fan-in literal " + std::to_string(l.v) + " is not an earlier node");
  if (params_.simplify) {
    if (kind == node_kind::thr) return threshold(in, w, t);
    scratch_lits_.assign(in.begin(), in.end());
    return unit_gate(scratch_lits_, t);
  }
  return emit(kind, in, kind == node_kind::thr ? w : std::span<const int64_t>{}, t, params_.structural_hashing);
}

uint64_t builder::gate_hash(node_kind kind, std::span<const lit> in, std::span<const int64_t> w, int64_t t) const {
  uint64_t h = 0x9e3779b97f4a7c15ull ^ (static_cast<uint64_t>(kind) << 56) ^ static_cast<uint64_t>(t);
  auto mix = [&h](uint64_t x) {
    h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdull;
  };
  for (lit l : in) mix(l.v);
  for (int64_t x : w) mix(static_cast<uint64_t>(x));
  return h ^ (h >> 33);
}

bool builder::same_gate(uint32_t node, node_kind kind, std::span<const lit> in, std::span<const int64_t> w,
                        int64_t t) const {
  if (s_.kind[node] != kind) return false;
  uint64_t b = s_.fanin_begin[node], e = s_.fanin_begin[node + 1];
  if (e - b != in.size() || !std::equal(in.begin(), in.end(), s_.fanin.begin() + static_cast<ptrdiff_t>(b))) return false;
  if (kind == node_kind::maj) return s_.aux[node] == t;
  if (kind == node_kind::thr) {
    const thr_data& d = s_.thr[s_.aux[node]];
    return d.threshold == t && std::equal(w.begin(), w.end(), s_.weights.begin() + static_cast<ptrdiff_t>(d.weight_begin));
  }
  return true;
}

void builder::reserve(uint64_t nodes, uint64_t edges) {
  const uint64_t n = s_.kind.size() + nodes;
  if (n > params_.max_nodes)
    throw input_error("builder", "a reservation of " + std::to_string(n) + " nodes exceeds the limit of " +
                                     std::to_string(params_.max_nodes));
  reserve_huge(s_.kind, n);
  reserve_huge(s_.aux, n);
  reserve_huge(s_.fanin_begin, n + 1);
  reserve_huge(s_.fanin, s_.fanin.size() + edges);
  reserve_huge(s_.weights, s_.weights.size() + edges);  // thr edges carry weights; most edges are thr
  if (params_.structural_hashing)
    while (table_.size() < 2 * (table_used_ + nodes)) grow_table();
}

void builder::grow_table() {
  zeroed_buffer<uint64_t> old = std::move(table_);
  table_ = zeroed_buffer<uint64_t>(old.size() * 2);
  const uint64_t mask = table_.size() - 1;
  for (uint64_t entry : old) {
    if (entry == 0) continue;
    uint64_t slot = (entry >> 32) & mask;
    while (table_[slot] != 0) slot = (slot + 1) & mask;
    table_[slot] = entry;
  }
}

lit builder::emit(node_kind kind, std::span<const lit> in, std::span<const int64_t> w, int64_t t, bool hash) {
  uint64_t slot = 0, tag = 0;
  if (hash) {
    if (2 * (table_used_ + 1) > table_.size()) grow_table();
    const uint64_t mask = table_.size() - 1;
    tag = gate_hash(kind, in, w, t) & 0xffffffffu;
    for (slot = tag & mask; table_[slot] != 0; slot = (slot + 1) & mask)
      if ((table_[slot] >> 32) == tag && same_gate(static_cast<uint32_t>(table_[slot]), kind, in, w, t))
        return lit::from_node(static_cast<uint32_t>(table_[slot]));
  }
  if (kind == node_kind::maj && (t < 0 || t > UINT32_MAX))
    throw input_error("builder", "maj gate: threshold " + std::to_string(t) + " does not fit in 32 bits");
  uint32_t node = new_node(kind);
  grow_for(s_.fanin, in.size());
  s_.fanin.insert(s_.fanin.end(), in.begin(), in.end());
  s_.fanin_begin.back() = s_.fanin.size();
  if (kind == node_kind::maj) s_.aux[node] = static_cast<uint32_t>(t);
  if (kind == node_kind::thr) {
    s_.aux[node] = static_cast<uint32_t>(s_.thr.size());
    s_.thr.push_back(thr_data{s_.weights.size(), t});
    grow_for(s_.weights, w.size());
    s_.weights.insert(s_.weights.end(), w.begin(), w.end());
  }
  if (hash) {
    table_[slot] = (tag << 32) | node;
    ++table_used_;
  }
  return lit::from_node(node);
}

circuit builder::finish() && {
  table_ = {};
  // Growth by doubling leaves up to half of each array unused; a finished circuit keeps only its
  // data, except where the slack is under 1/8 (not worth a copy of the whole array).
  auto trim = [](auto& v) {
    if (v.capacity() - v.size() > v.size() / 8) shrink_to_fit_huge(v);
  };
  trim(s_.kind);
  trim(s_.fanin_begin);
  trim(s_.aux);
  trim(s_.fanin);
  trim(s_.thr);
  trim(s_.weights);
  return circuit::from_storage(std::move(s_), "builder");
}

}  // namespace tc0
