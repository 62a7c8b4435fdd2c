// Decoding gates into kernel ops: unit-weight gates pick and/or/maj by threshold; weighted gates
// become a carry-save adder program over the columns of their weights' set bits.
#include "sim_program.hpp"

#include <numeric>
#include <span>
#include <string>

#include "tc0/errors.hpp"

namespace tc0::sim_detail {
namespace {

uint32_t bit_length(uint64_t x) { return x == 0 ? 0 : 64 - static_cast<uint32_t>(__builtin_clzll(x)); }

class compiler {
 public:
  explicit compiler(program& p) : p_(p) {}

  // [#true(in) >= t] with unit weights; `in` are literal values.
  void unit(uint32_t dst, std::span<const uint32_t> in, int64_t t) {
    const int64_t k = static_cast<int64_t>(in.size());
    auto& code = p_.code;
    if (t <= 0 || t > k) {
      code.insert(code.end(), {t <= 0 ? op_andk : op_ork, dst, 0u});
    } else if (k == 2 && (t == 2 || t == 1)) {
      // or(a, b) = not and(not a, not b): the same op, so an AIG-like stream never switches.
      uint32_t flip = t == 1 ? 1u : 0u;
      code.insert(code.end(), {op_and2, 2 * dst + flip, in[0] ^ flip, in[1] ^ flip});
    } else if (t == k || t == 1) {
      code.insert(code.end(), {t == k ? op_andk : op_ork, dst, static_cast<uint32_t>(k)});
      code.insert(code.end(), in.begin(), in.end());
    } else {
      // Count in L = bit_length(k) planes; count >= t iff count + (2^L - t) carries out of bit L-1.
      uint32_t L = bit_length(static_cast<uint64_t>(k));
      uint32_t c = static_cast<uint32_t>((uint64_t{1} << L) - static_cast<uint64_t>(t));
      code.insert(code.end(), {op_maj, dst, static_cast<uint32_t>(k), L, c});
      code.insert(code.end(), in.begin(), in.end());
    }
  }

  void unit_gate(uint32_t dst, std::span<const lit> in, int64_t t) {
    lits_.clear();
    for (lit l : in) lits_.push_back(l.v);
    unit(dst, lits_, t);
  }

  // [sum w_i l_i >= t]: negative weights become complemented inputs (w x = w + |w| not x), constants
  // fold into t, a common factor divides out; then each input sits in the columns of its weight's set
  // bits beside the constant 2^L - t, and full adders compress column by column; only the carries
  // matter, and the gate is the carry into column L (at most one can be set, so they are ORed).
  void thr_gate(uint32_t dst, std::span<const lit> in, std::span<const int64_t> w, int64_t t) {
    __int128 tt = t;
    terms_.clear();
    for (size_t i = 0; i < in.size(); ++i) {
      int64_t wi = w[i];
      lit l = in[i];
      if (wi == 0 || l == lit_false) continue;
      if (l == lit_true) {
        tt -= wi;
        continue;
      }
      uint64_t mag = static_cast<uint64_t>(wi);
      if (wi < 0) {
        l = !l;
        mag = static_cast<uint64_t>(-static_cast<__int128>(wi));
        tt += mag;
      }
      terms_.emplace_back(l.v, mag);
    }
    uint64_t sum = 0, g = 0;
    for (auto& [l, m] : terms_) {
      sum += m;
      g = std::gcd(g, m);
    }
    if (tt <= 0 || tt > sum) {
      unit(dst, {}, tt <= 0 ? 0 : 1);
      return;
    }
    if (g > 1) {
      for (auto& [l, m] : terms_) m /= g;
      sum /= g;
      tt = (tt + g - 1) / g;
    }
    bool unit_weights = true;
    for (auto& [l, m] : terms_) unit_weights &= m == 1;
    if (unit_weights) {
      lits_.clear();
      for (auto& [l, m] : terms_) lits_.push_back(l);
      unit(dst, lits_, static_cast<int64_t>(tt));
      return;
    }
    const uint32_t L = bit_length(sum);  // sum < 2^L <= 2^63
    const uint64_t c = (uint64_t{1} << L) - static_cast<uint64_t>(tt);
    cols_.resize(L + 1);
    for (auto& col : cols_) col.clear();
    for (auto& [l, m] : terms_)
      for (uint64_t b = m; b; b &= b - 1) cols_[__builtin_ctzll(b)].push_back(l);
    for (uint64_t b = c; b; b &= b - 1) cols_[__builtin_ctzll(b)].push_back(lit_true.v);
    adders_.clear();
    for (uint32_t j = 0; j < L; ++j) {
      std::vector<uint32_t>& col = cols_[j];
      // FIFO (a Wallace tree): consecutive adders are independent, where consuming each sum at
      // once would chain every adder through a store and a reload.
      size_t head = 0;
      auto take = [&] {
        uint32_t l = col[head++];
        release(l);
        return l;
      };
      while (col.size() - head >= 2) {
        uint32_t a = take(), b = take(), d = col.size() - head >= 1 ? take() : lit_false.v;
        uint32_t carry = new_temp();
        uint32_t s = col.size() == head ? sink() : new_temp();
        adders_.insert(adders_.end(), {a, b, d, s, carry});
        if (s != sink_) col.push_back(2 * s);
        cols_[j + 1].push_back(2 * carry);
      }
      if (col.size() - head == 1) take();
    }
    std::vector<uint32_t>& top = cols_[L];
    auto& code = p_.code;
    code.insert(code.end(), {op_thr, dst, static_cast<uint32_t>(adders_.size() / 5), static_cast<uint32_t>(top.size())});
    code.insert(code.end(), adders_.begin(), adders_.end());
    code.insert(code.end(), top.begin(), top.end());
    for (uint32_t l : top) release(l);
  }

  uint32_t num_temps() const { return num_temps_; }

 private:
  // Frees a literal's temporary row once it is consumed: ops read all operands before writing, so
  // the op consuming it may reuse the row for its result.
  void release(uint32_t l) {
    if ((l >> 1) >= p_.num_nodes && (l >> 1) != sink_) free_.push_back(l >> 1);
  }
  // A row no one reads, for sums that are not needed.
  uint32_t sink() {
    if (sink_ == 0) sink_ = new_temp();
    return sink_;
  }
  uint32_t new_temp() {
    if (!free_.empty()) {
      uint32_t r = free_.back();
      free_.pop_back();
      return r;
    }
    if (uint64_t{p_.num_nodes} + num_temps_ + 1 >= max_nodes)
      throw input_error("simulate", "circuit too large: value rows would exceed 2^31");
    return p_.num_nodes + num_temps_++;
  }

  program& p_;
  std::vector<uint32_t> lits_;
  std::vector<std::pair<uint32_t, uint64_t>> terms_;
  std::vector<std::vector<uint32_t>> cols_;
  std::vector<uint32_t> free_;
  std::vector<uint32_t> adders_;
  uint32_t num_temps_ = 0;
  uint32_t sink_ = 0;
};

}  // namespace

program compile_program(const circuit& c) {
  program p;
  p.num_nodes = c.num_nodes();
  std::vector<uint8_t> listed(c.num_nodes(), 0);
  for (const bus& b : c.inputs())
    for (lit l : b.lits) {
      p.input_rows.push_back(l.node());
      listed[l.node()] = 1;
    }
  for (uint32_t n = 1; n < c.num_nodes(); ++n)
    if (c.kind(n) == node_kind::input && !listed[n]) p.unlisted_inputs.push_back(n);
  for (const bus& b : c.outputs())
    for (lit l : b.lits) p.output_lits.push_back(l.v);
  // About 4 code words per edge plus a 3-5 word header per gate.
  p.code.reserve(c.num_edges() + 4 * c.num_gates());
  compiler comp(p);
  for (uint32_t n = 1; n < c.num_nodes(); ++n) {
    node_kind k = c.kind(n);
    if (!is_gate(k)) continue;
    if (k == node_kind::thr)
      comp.thr_gate(n, c.fanin(n), c.weights(n), c.threshold(n));
    else
      comp.unit_gate(n, c.fanin(n), c.threshold(n));
  }
  p.num_rows = p.num_nodes + comp.num_temps();
  p.code_length = p.code.size();
  p.code.resize(p.code_length + code_padding, 0);
  return p;
}

}  // namespace tc0::sim_detail
