// One-pattern evaluation of [sum w_i l_i >= t], in 128-bit sums so no gate can overflow.
#include "tc0/sim/naive.hpp"

#include <cassert>

namespace tc0 {

uint32_t num_output_bits(const circuit& c) {
  uint32_t n = 0;
  for (const bus& b : c.outputs()) n += static_cast<uint32_t>(b.lits.size());
  return n;
}

std::vector<uint8_t> evaluate_naive(const circuit& c, std::span<const uint8_t> inputs) {
  assert(inputs.size() == c.num_input_bits());
  std::vector<uint8_t> value(c.num_nodes(), 0);
  size_t next = 0;
  for (const bus& b : c.inputs())
    for (lit l : b.lits) value[l.node()] = inputs[next++] & 1u;
  auto val = [&](lit l) -> int { return value[l.node()] ^ (l.complemented() ? 1 : 0); };
  for (uint32_t n = 1; n < c.num_nodes(); ++n) {
    node_kind k = c.kind(n);
    if (!is_gate(k)) continue;
    std::span<const lit> in = c.fanin(n);
    std::span<const int64_t> w = c.weights(n);
    __int128 sum = 0;
    for (size_t i = 0; i < in.size(); ++i) sum += static_cast<__int128>(w.empty() ? 1 : w[i]) * val(in[i]);
    value[n] = sum >= c.threshold(n);
  }
  std::vector<uint8_t> out;
  out.reserve(num_output_bits(c));
  for (const bus& b : c.outputs())
    for (lit l : b.lits) out.push_back(static_cast<uint8_t>(val(l)));
  return out;
}

pattern_set simulate_naive(const circuit& c, const pattern_set& inputs) {
  pattern_set out(num_output_bits(c), inputs.num_patterns);
  std::vector<uint8_t> in(inputs.num_bits);
  for (uint64_t p = 0; p < inputs.num_patterns; ++p) {
    for (uint32_t b = 0; b < inputs.num_bits; ++b) in[b] = inputs.get(b, p);
    std::vector<uint8_t> o = evaluate_naive(c, in);
    for (uint32_t b = 0; b < o.size(); ++b) out.set(b, p, o[b]);
  }
  return out;
}

}  // namespace tc0
