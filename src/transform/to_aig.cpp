// Threshold gates to AND-inverter graphs: balanced AND/OR trees, carry-save compressor trees of
// full adders and a carry-out comparison (construction in the header), then a sweep.
#include "tc0/transform/to_aig.hpp"

#include <algorithm>
#include <numeric>
#include <queue>
#include <vector>

#include "tc0/analysis/levels.hpp"
#include "tc0/errors.hpp"

namespace tc0 {

namespace {

// A builder plus the AND level of every node it made, so trees can join shallow operands first.
class aig_lowering {
 public:
  aig_lowering(builder& b, const to_aig_params& p) : b_(b), params_(p) {}

  uint32_t level(lit l) const { return l.node() < level_.size() ? level_[l.node()] : 0; }

  // x AND y with folding (constants, x x, x not-x) and its own structural hash table: two-literal
  // keys make a table here much cheaper than the builder's general one.
  lit and2(lit x, lit y) {
    if (x == lit_false || y == lit_false || x == !y) return lit_false;
    if (x == lit_true || x == y) return y;
    if (y == lit_true) return x;
    if (y < x) std::swap(x, y);
    const uint64_t key = (uint64_t{x.v} << 32) | y.v;
    if (2 * (used_ + 1) > keys_.size()) grow();
    const uint64_t mask = keys_.size() - 1;
    uint64_t slot = hash(key) & mask;
    for (; nodes_[slot] != 0; slot = (slot + 1) & mask)
      if (keys_[slot] == key) return lit::from_node(nodes_[slot]);
    pair_[0] = x;
    pair_[1] = y;
    lit r = b_.gate(node_kind::and_, pair_, {}, 0);
    keys_[slot] = key;
    nodes_[slot] = r.node();
    ++used_;
    if (r.node() >= level_.size()) level_.resize(r.node() + 1, 0);
    level_[r.node()] = 1 + std::max(level(x), level(y));
    return r;
  }
  lit or2(lit x, lit y) { return !and2(!x, !y); }
  lit xor2(lit x, lit y) { return and2(!and2(x, y), !and2(!x, !y)); }

  // AND (or OR) of many: always join the two shallowest operands (Huffman on levels).
  lit and_tree(std::vector<lit> v, bool is_or) {
    if (v.empty()) return constant_lit(!is_or);
    using item = std::pair<uint32_t, uint32_t>;  // (level, literal)
    std::priority_queue<item, std::vector<item>, std::greater<item>> q;
    for (lit l : v) q.push({level(l), l.v});
    while (q.size() > 1) {
      lit a{q.top().second};
      q.pop();
      lit c{q.top().second};
      q.pop();
      lit r = is_or ? or2(a, c) : and2(a, c);
      q.push({level(r), r.v});
    }
    return lit{q.top().second};
  }

  lit gate(std::span<const lit> in, std::span<const int64_t> w, int64_t t);

  uint64_t full_adders = 0;

 private:
  struct fa_out {
    lit sum, carry;
  };
  // a, b, c sorted by level, shallowest first; `need_sum` false builds the carry alone.
  fa_out full_adder(lit a, lit b, lit c, bool need_sum) {
    ++full_adders;
    if (c == lit_true) std::swap(a, c);
    if (b == lit_true) std::swap(a, b);
    if (a == lit_true) {  // 1 + b + c: carry = b | c, sum = xnor(b, c)
      lit carry = or2(b, c);
      return {need_sum ? !xor2(b, c) : lit_false, carry};
    }
    if (!need_sum) {  // majority with 4 ANDs: ab | c(a | b)
      lit ab = and2(a, b);
      return {lit_false, or2(ab, and2(c, or2(a, b)))};
    }
    // 7 ANDs: p = a ^ b (3), s = p ^ c (3), carry = ab | pc (1, sharing ab and pc).
    lit ab = and2(a, b), nab = and2(!a, !b);
    lit p = and2(!ab, !nab);
    lit pc = and2(p, c), npc = and2(!p, !c);
    lit s = and2(!pc, !npc);
    return {s, or2(ab, pc)};
  }

  lit compressor(const std::vector<std::pair<lit, int64_t>>& terms, int64_t t, int64_t total);

  static uint64_t hash(uint64_t k) {
    k ^= k >> 31;
    k *= 0x9e3779b97f4a7c15ull;
    return k ^ (k >> 29);
  }
  void grow() {
    std::vector<uint64_t> old_keys = std::move(keys_);
    std::vector<uint32_t> old_nodes = std::move(nodes_);
    const size_t size = std::max<size_t>(1024, 2 * old_keys.size());
    keys_.assign(size, 0);
    nodes_.assign(size, 0);
    for (size_t i = 0; i < old_keys.size(); ++i) {
      if (old_nodes[i] == 0) continue;
      uint64_t slot = hash(old_keys[i]) & (size - 1);
      while (nodes_[slot] != 0) slot = (slot + 1) & (size - 1);
      keys_[slot] = old_keys[i];
      nodes_[slot] = old_nodes[i];
    }
  }

  builder& b_;
  to_aig_params params_;
  std::vector<uint32_t> level_;
  std::vector<uint64_t> keys_;   // (smaller literal << 32) | larger literal
  std::vector<uint32_t> nodes_;  // 0 = empty slot (node 0 is the constant, never an AND)
  uint64_t used_ = 0;
  lit pair_[2];
};

lit aig_lowering::gate(std::span<const lit> in, std::span<const int64_t> w, int64_t t) {
  // Canonical form: one term per node, positive weights (the complement bit carries the sign).
  std::vector<std::pair<lit, __int128>> raw;
  __int128 tt = t;
  raw.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (w[i] == 0 || in[i] == lit_false) continue;
    if (in[i] == lit_true) {
      tt -= w[i];
      continue;
    }
    if (in[i].complemented()) {  // w not(x) = w - w x
      tt -= w[i];
      raw.push_back({!in[i], -static_cast<__int128>(w[i])});
    } else {
      raw.push_back({in[i], w[i]});
    }
  }
  std::sort(raw.begin(), raw.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::vector<std::pair<lit, int64_t>> terms;
  __int128 total = 0;
  for (size_t i = 0; i < raw.size();) {
    __int128 sum = 0;
    size_t j = i;
    for (; j < raw.size() && raw[j].first == raw[i].first; ++j) sum += raw[j].second;
    lit l = raw[i].first;
    if (sum < 0) {  // -|w| x = |w| not(x) - |w|
      tt -= sum;
      l = !l;
      sum = -sum;
    }
    // The sum of |w| of a validated gate fits in 64 bits, so each merged weight does too.
    if (sum != 0) terms.push_back({l, static_cast<int64_t>(sum)});
    total += sum;
    i = j;
  }
  if (tt <= 0) return lit_true;
  if (tt > total) return lit_false;
  const int64_t t64 = static_cast<int64_t>(tt);
  int64_t clipped_total = 0, g = 0;
  bool all_reach = true;
  for (auto& term : terms) {
    term.second = std::min(term.second, t64);
    clipped_total += term.second;
    g = std::gcd(g, term.second);
    all_reach = all_reach && term.second >= t64;
  }
  std::vector<lit> lits;
  lits.reserve(terms.size());
  for (auto& term : terms) lits.push_back(term.first);
  if (all_reach) return and_tree(std::move(lits), /*is_or=*/true);
  if (t64 == clipped_total) return and_tree(std::move(lits), /*is_or=*/false);
  int64_t t_red = t64;
  if (g > 1) {
    for (auto& term : terms) term.second /= g;
    t_red = (t64 + g - 1) / g;
    clipped_total /= g;
  }
  return compressor(terms, t_red, clipped_total);
}

lit aig_lowering::compressor(const std::vector<std::pair<lit, int64_t>>& terms, int64_t t, int64_t total) {
  // Each weight as its non-adjacent form when that has fewer nonzero digits than binary: a digit
  // -2^j puts not(x) in column j and adds 2^j to the threshold (-x = not(x) - 1).
  using u128 = unsigned __int128;
  struct digit_bit {
    unsigned column;
    lit l;
  };
  std::vector<digit_bit> bits;
  u128 t2 = static_cast<u128>(t), total2 = static_cast<u128>(total);
  std::vector<std::pair<unsigned, int>> naf;
  for (auto& [l, wt] : terms) {
    naf.clear();
    __int128 x = wt;
    for (unsigned j = 0; x != 0; ++j, x >>= 1)
      if (x & 1) {
        int d = (x & 3) == 1 ? 1 : -1;
        naf.push_back({j, d});
        x -= d;
      }
    if (naf.size() < static_cast<size_t>(__builtin_popcountll(static_cast<uint64_t>(wt)))) {
      for (auto [j, d] : naf) {
        if (d > 0) {
          bits.push_back({j, l});
        } else {
          bits.push_back({j, !l});
          t2 += u128{1} << j;
          total2 += u128{2} << j;
        }
      }
    } else {
      for (unsigned j = 0; j < 64; ++j)
        if ((static_cast<uint64_t>(wt) >> j) & 1u) bits.push_back({j, l});
    }
  }
  // m: 2^m >= t and 2^m > total - t, so T = sum + 2^m - t is in [0, 2^(m+1)); no bit lies above m.
  auto bit_length128 = [](u128 v) {
    unsigned n = 0;
    while (v) {
      ++n;
      v >>= 1;
    }
    return n;
  };
  const unsigned m = std::max(bit_length128(t2 - 1), bit_length128(total2 - t2));
  const u128 c = (u128{1} << m) - t2;
  using item = std::pair<uint32_t, uint32_t>;  // (level, literal): shallowest first
  using column = std::priority_queue<item, std::vector<item>, std::greater<item>>;
  std::vector<column> col(m + 1);
  for (const digit_bit& b : bits) col[b.column].push({level(b.l), b.l.v});
  for (unsigned j = 0; j < m; ++j)
    if ((c >> j) & 1u) col[j].push({0, lit_true.v});

  auto pop = [](column& q) {
    lit l{q.top().second};
    q.pop();
    return l;
  };
  std::vector<lit> gen(m, lit_false), prop(m, lit_false);
  bool dead_below = true;  // no column below has two bits left: no carry can come from below
  for (unsigned j = 0; j < m; ++j) {
    column& q = col[j];
    while (q.size() > 2) {
      lit a = pop(q), b = pop(q), x = pop(q);
      const bool sum_dead = dead_below && q.empty();  // the sum would be this column's last bit
      fa_out r = full_adder(a, b, x, !sum_dead);
      if (!sum_dead) q.push({level(r.sum), r.sum.v});
      col[j + 1].push({level(r.carry), r.carry.v});
    }
    if (q.size() == 2) {
      lit a = pop(q), b = pop(q);
      gen[j] = and2(a, b);
      prop[j] = or2(a, b);
      dead_below = false;
    } else if (q.size() == 1) {
      prop[j] = pop(q);
    }
  }
  // Carry out of columns 0..m-1.
  unsigned lo = 0;
  while (lo < m && gen[lo] == lit_false) ++lo;
  lit carry = lit_false;
  if (lo < m) {
    if (params_.final_adder == aig_final_adder::ripple) {
      for (unsigned j = lo; j < m; ++j) carry = or2(gen[j], and2(prop[j], carry));
    } else {
      // Balanced prefix tree over [lo, m): (G, P)_hi o (G, P)_lo = (G_hi | P_hi G_lo, P_hi P_lo).
      struct gp {
        lit g, p;
      };
      auto combine = [&](auto&& self, unsigned a, unsigned b, bool need_p) -> gp {
        if (b - a == 1) return {gen[a], prop[a]};
        unsigned mid = a + (b - a) / 2;
        gp low = self(self, a, mid, need_p), high = self(self, mid, b, true);
        gp r{or2(high.g, and2(high.p, low.g)), lit_false};
        if (need_p) r.p = and2(high.p, low.p);
        return r;
      };
      carry = combine(combine, lo, m, false).g;
    }
  }
  std::vector<lit> top{carry};
  while (!col[m].empty()) top.push_back(pop(col[m]));
  return and_tree(std::move(top), /*is_or=*/true);
}

// Keeps the nodes some output reaches (and every input), in order.
circuit sweep(circuit&& c) {
  const uint32_t n = c.num_nodes();
  std::vector<uint8_t> live(n, 0);
  for (const bus& b : c.outputs())
    for (lit l : b.lits) live[l.node()] = 1;
  for (uint32_t v = n; v-- > 1;)
    if (live[v] && is_gate(c.kind(v)))
      for (lit l : c.fanin(v)) live[l.node()] = 1;
  bool all = true;
  for (uint32_t v = 1; v < n && all; ++v) all = live[v] || c.kind(v) == node_kind::input;
  if (all) return std::move(c);
  builder b(c.name(), builder_params{.structural_hashing = false, .simplify = false});
  std::vector<lit> map(n, lit_false);
  for (const bus& bs : c.inputs()) {
    bits nb = b.input(bs.name, static_cast<uint32_t>(bs.lits.size()));
    for (size_t i = 0; i < nb.size(); ++i) map[bs.lits[i].node()] = nb[i];
  }
  std::vector<lit> fan;
  for (uint32_t v = 1; v < n; ++v) {
    if (!live[v] || !is_gate(c.kind(v))) continue;
    fan.clear();
    for (lit l : c.fanin(v)) fan.push_back(map[l.node()] ^ l.complemented());
    map[v] = b.gate(c.kind(v), fan, c.weights(v), c.threshold(v));
  }
  for (const bus& bs : c.outputs()) {
    bits o;
    for (lit l : bs.lits) o.push_back(map[l.node()] ^ l.complemented());
    b.output(bs.name, o);
  }
  return std::move(b).finish();
}

}  // namespace

lit threshold_to_aig(builder& b, std::span<const lit> in, std::span<const int64_t> w, int64_t t,
                     const to_aig_params& params) {
  if (in.size() != w.size()) throw input_error("to_aig", "weight count differs from fan-in count");
  aig_lowering low(b, params);
  return low.gate(in, w, t);
}

circuit to_aig(const circuit& c, const to_aig_params& params, to_aig_stats* stats) {
  builder b(c.name(), builder_params{.structural_hashing = false, .simplify = false});
  aig_lowering low(b, params);
  const uint32_t n = c.num_nodes();
  std::vector<lit> map(n, lit_false);
  for (const bus& bs : c.inputs()) {
    bits nb = b.input(bs.name, static_cast<uint32_t>(bs.lits.size()));
    for (size_t i = 0; i < nb.size(); ++i) map[bs.lits[i].node()] = nb[i];
  }
  std::vector<lit> fan;
  std::vector<int64_t> unit;
  for (uint32_t v = 1; v < n; ++v) {
    const node_kind k = c.kind(v);
    if (!is_gate(k)) continue;
    fan.clear();
    for (lit l : c.fanin(v)) fan.push_back(map[l.node()] ^ l.complemented());
    if (k == node_kind::thr) {
      map[v] = low.gate(fan, c.weights(v), c.threshold(v));
    } else {
      unit.assign(fan.size(), 1);
      map[v] = low.gate(fan, unit, c.threshold(v));
    }
  }
  for (const bus& bs : c.outputs()) {
    bits o;
    o.reserve(bs.lits.size());
    for (lit l : bs.lits) o.push_back(map[l.node()] ^ l.complemented());
    b.output(bs.name, o);
  }
  circuit r = sweep(std::move(b).finish());
  if (stats) {
    stats->source_gates = c.num_gates();
    stats->ands = r.num_gates();
    stats->depth = circuit_depth(r, compute_levels(r));
    stats->full_adders = low.full_adders;
  }
  return r;
}

bool is_aig(const circuit& c) {
  for (uint32_t v = 1; v < c.num_nodes(); ++v) {
    if (!is_gate(c.kind(v))) continue;
    if (c.kind(v) != node_kind::and_ || c.fanin(v).size() != 2) return false;
    auto f = c.fanin(v);
    if (f[0].is_constant() || f[1].is_constant() || f[0].node() == f[1].node()) return false;
  }
  return true;
}

aig_counts count_aig(const circuit& aig) {
  aig_counts r;
  std::vector<uint8_t> inverted(aig.num_nodes(), 0);
  for (uint32_t v = 1; v < aig.num_nodes(); ++v) {
    if (!is_gate(aig.kind(v))) continue;
    ++r.ands;
    for (lit l : aig.fanin(v))
      if (l.complemented() && !l.is_constant()) inverted[l.node()] = 1;
  }
  for (const bus& b : aig.outputs())
    for (lit l : b.lits)
      if (l.complemented() && !l.is_constant()) inverted[l.node()] = 1;
  for (uint8_t x : inverted) r.inverters += x;
  r.depth = circuit_depth(aig, compute_levels(aig));
  return r;
}

}  // namespace tc0
