// Counting helpers for the problem circuits (thermometers, T1 read-outs, blocked prefix sums) and
// the output-cone sweep.
#include <algorithm>
#include <bit>
#include <cmath>

#include "problems_internal.hpp"
#include "tc0/arith/add.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/errors.hpp"

namespace tc0::problems_detail {

circuit keep_output_cone(circuit c) {
  const circuit_storage& s = c.storage();
  const uint32_t n = c.num_nodes();
  std::vector<uint8_t> live(n, 0);
  live[0] = 1;
  for (const bus& o : s.outputs)
    for (lit l : o.lits) live[l.node()] = 1;
  for (uint32_t v = n; v-- > 1;) {
    if (s.kind[v] == node_kind::input) live[v] = 1;
    if (!live[v] || !is_gate(s.kind[v])) continue;
    for (lit l : c.fanin(v)) live[l.node()] = 1;
  }
  if (std::all_of(live.begin(), live.end(), [](uint8_t x) { return x != 0; })) return c;

  circuit_storage t;
  std::vector<uint32_t> remap(n, 0);
  auto map_lit = [&](lit l) { return lit::from_node(remap[l.node()], l.complemented()); };
  t.fanin_begin.push_back(0);
  for (uint32_t v = 0; v < n; ++v) {
    if (!live[v]) continue;
    const uint32_t id = static_cast<uint32_t>(t.kind.size());
    remap[v] = id;
    t.kind.push_back(s.kind[v]);
    uint32_t aux = s.aux[v];
    if (s.kind[v] == node_kind::thr) {
      aux = static_cast<uint32_t>(t.thr.size());
      const std::span<const int64_t> w = c.weights(v);
      t.thr.push_back(thr_data{t.weights.size(), c.threshold(v)});
      t.weights.insert(t.weights.end(), w.begin(), w.end());
    }
    t.aux.push_back(aux);
    for (lit l : c.fanin(v)) t.fanin.push_back(map_lit(l));
    t.fanin_begin.push_back(t.fanin.size());
    const uint32_t m = c.module_of(v);
    if (t.module_runs.empty() || t.module_runs.back().module != m) t.module_runs.push_back(module_run{id, m});
  }
  t.modules = s.modules;
  for (const bus& in : s.inputs) {
    bus nb{in.name, {}};
    for (lit l : in.lits) nb.lits.push_back(map_lit(l));
    t.inputs.push_back(std::move(nb));
  }
  for (const bus& out : s.outputs) {
    bus nb{out.name, {}};
    for (lit l : out.lits) nb.lits.push_back(map_lit(l));
    t.outputs.push_back(std::move(nb));
  }
  t.name = s.name;
  t.source = s.source;
  c = circuit();  // release the old arrays before validating the new ones
  return circuit::from_storage(std::move(t), "problem circuit");
}

bits thermometer_of(builder& b, std::span<const linear_term> terms, uint64_t max_value, weight_regime regime) {
  std::vector<lit> ls;
  std::vector<int64_t> ws;
  bool unit = true;
  uint64_t total = 0;
  for (const linear_term& t : terms) {
    if (t.l == lit_false || t.w == 0) continue;
    ls.push_back(t.l);
    ws.push_back(t.w);
    unit = unit && t.w == 1;
    total += static_cast<uint64_t>(t.w);
  }
  const uint64_t top = std::min(total, max_value);
  bits y;
  y.reserve(top);
  for (uint64_t u = 1; u <= top; ++u)
    y.push_back(unit ? b.majority(ls, static_cast<int64_t>(u)) : threshold(b, ls, ws, static_cast<int64_t>(u), regime));
  return y;
}

bits thermometer_of(builder& b, std::span<const linear_term> terms, weight_regime regime) {
  return thermometer_of(b, terms, UINT64_MAX, regime);
}

lit thermometer_readout(builder& b, const bits& y, const std::function<bool(uint64_t)>& f) {
  const bool base = f(0);
  std::vector<lit> in;
  int64_t minus = 0;
  bool prev = base;
  for (uint64_t u = 1; u <= y.size(); ++u) {
    const bool cur = f(u);
    if (cur && !prev) in.push_back(y[u - 1]);
    if (!cur && prev) {
      in.push_back(!y[u - 1]);
      ++minus;
    }
    prev = cur;
  }
  if (in.empty()) return constant_lit(base);
  return b.majority(in, 1 - (base ? 1 : 0) + minus);
}

onehot thermometer_mod(builder& b, const bits& y, uint32_t modulus, uint64_t offset) {
  onehot r(modulus);
  for (uint32_t k = 0; k < modulus; ++k)
    r[k] = thermometer_readout(b, y, [&](uint64_t v) { return (v + offset) % modulus == k; });
  return r;
}

onehot thermometer_mod(builder& b, const bits& y, uint32_t modulus) { return thermometer_mod(b, y, modulus, 0); }

bits thermometer_binary(builder& b, const bits& y, uint32_t width, uint64_t offset) {
  bits r(width);
  for (uint32_t i = 0; i < width; ++i)
    r[i] = thermometer_readout(b, y, [&](uint64_t v) { return (((v + offset) >> i) & 1u) != 0; });
  return r;
}

bits thermometer_binary(builder& b, const bits& y, uint32_t width) { return thermometer_binary(b, y, width, 0); }

namespace {

// Block size minimising n B^2 + (n/B)^3 (the in-block and block-prefix costs).
size_t block_size(size_t n) {
  size_t best = 1;
  double best_cost = 1e300;
  for (size_t B = 1; B <= n; ++B) {
    const double blocks = std::ceil(static_cast<double>(n) / static_cast<double>(B));
    const double cost = static_cast<double>(n) * static_cast<double>(B * B) + blocks * blocks * blocks;
    if (cost < best_cost) {
      best_cost = cost;
      best = B;
    }
  }
  return best;
}

void add_onehot_terms(std::vector<linear_term>& terms, const onehot& v) {
  for (size_t r = 1; r < v.size(); ++r) terms.push_back({v[r], static_cast<int64_t>(r)});
}

}  // namespace

std::vector<onehot> prefix_sums_mod(builder& b, const std::vector<std::vector<linear_term>>& items, uint64_t item_max,
                                    uint32_t modulus, weight_regime regime, bool shallow) {
  const size_t n = items.size();
  onehot zero(modulus, lit_false);
  zero[0] = lit_true;
  std::vector<onehot> out(n + 1);
  size_t B = n <= 16 ? std::max<size_t>(n, 1) : block_size(n);
  if (shallow && n > 16) {
    // Block prefixes straight from the items (n^3 / 3B) against the in-block sums (n B^2 / 2).
    B = static_cast<size_t>(std::cbrt(2.0 * static_cast<double>(n) * static_cast<double>(n) / 3.0));
    B = std::clamp<size_t>(B, 1, n);
  }
  const size_t blocks = (n + B - 1) / B;
  auto add_items = [&](std::vector<linear_term>& terms, size_t from, size_t to) {
    for (size_t j = from; j < to; ++j) terms.insert(terms.end(), items[j].begin(), items[j].end());
  };
  // Block totals, then block prefixes over them.
  std::vector<onehot> prefix(blocks + 1, zero);
  if (blocks > 1 && shallow) {
    for (size_t k = 1; k < blocks; ++k) {
      std::vector<linear_term> terms;
      add_items(terms, 0, k * B);
      prefix[k] = thermometer_mod(b, thermometer_of(b, terms, item_max * k * B, regime), modulus);
    }
  } else if (blocks > 1) {
    std::vector<onehot> total(blocks);
    for (size_t k = 0; k + 1 < blocks; ++k) {
      std::vector<linear_term> terms;
      add_items(terms, k * B, (k + 1) * B);
      total[k] = thermometer_mod(b, thermometer_of(b, terms, item_max * B, regime), modulus);
    }
    for (size_t k = 1; k < blocks; ++k) {
      std::vector<linear_term> terms;
      for (size_t j = 0; j < k; ++j) add_onehot_terms(terms, total[j]);
      prefix[k] = thermometer_mod(b, thermometer_of(b, terms, uint64_t{modulus - 1} * k, regime), modulus);
    }
  }
  for (size_t i = 0; i <= n; ++i) {
    const size_t k = std::min(i / B, blocks > 0 ? blocks - 1 : 0), first = k * B;
    if (i == first) {
      out[i] = prefix[k];
      continue;
    }
    std::vector<linear_term> terms;
    add_onehot_terms(terms, prefix[k]);
    add_items(terms, first, i);
    out[i] = thermometer_mod(b, thermometer_of(b, terms, item_max * (i - first) + (k > 0 ? modulus - 1 : 0), regime),
                             modulus);
  }
  return out;
}

std::vector<onehot> prefix_sums_mod(builder& b, const std::vector<onehot>& values, uint32_t modulus,
                                    weight_regime regime) {
  std::vector<std::vector<linear_term>> items(values.size());
  for (size_t j = 0; j < values.size(); ++j) add_onehot_terms(items[j], values[j]);
  return prefix_sums_mod(b, items, modulus - 1, modulus, regime, false);
}

std::vector<bits> prefix_counts(builder& b, std::span<const lit> x, uint64_t offset, uint32_t width,
                                weight_regime regime) {
  const size_t n = x.size();
  std::vector<bits> out(n + 1);
  auto constant_bits = [&](uint64_t v) {
    bits r(width);
    for (uint32_t i = 0; i < width; ++i) r[i] = constant_lit(((v >> i) & 1u) != 0);
    return r;
  };
  size_t B = 1;
  while (B * B < n) ++B;
  const size_t blocks = (n + B - 1) / B;
  const uint32_t in_width = static_cast<uint32_t>(std::bit_width(B));
  std::vector<bits> total(blocks);
  std::vector<bits> prefix(blocks + 1);
  prefix[0] = constant_bits(offset);
  for (size_t k = 0; k + 1 < blocks; ++k) {
    std::vector<linear_term> terms;
    for (size_t j = k * B; j < (k + 1) * B; ++j) terms.push_back({x[j], 1});
    total[k] = thermometer_binary(b, thermometer_of(b, terms, regime), in_width);
  }
  for (size_t k = 1; k < blocks; ++k) {
    std::vector<linear_term> terms;
    for (size_t j = 0; j < k; ++j)
      for (uint32_t i = 0; i < in_width; ++i) terms.push_back({total[j][i], int64_t{1} << i});
    prefix[k] = thermometer_binary(b, thermometer_of(b, terms, k * B, regime), width, offset);
  }
  for (size_t i = 0; i <= n; ++i) {
    const size_t k = std::min(i / B, blocks > 0 ? blocks - 1 : 0), first = k * B;
    if (i == first) {
      out[i] = prefix[k];
      continue;
    }
    std::vector<linear_term> terms;
    for (size_t j = first; j < i; ++j) terms.push_back({x[j], 1});
    bits in = thermometer_binary(b, thermometer_of(b, terms, regime), width);
    bits sum = add(b, prefix[k], in, regime);
    sum.resize(width);
    out[i] = std::move(sum);
  }
  return out;
}

onehot select_onehot(builder& b, std::span<const lit> sel, std::span<const onehot> values) {
  const size_t m = values.empty() ? 0 : values[0].size();
  onehot r(m);
  std::vector<lit> terms;
  for (size_t k = 0; k < m; ++k) {
    terms.clear();
    for (size_t j = 0; j < sel.size(); ++j) terms.push_back(b.and_({sel[j], values[j][k]}));
    r[k] = b.or_(terms);
  }
  return r;
}

}  // namespace tc0::problems_detail
