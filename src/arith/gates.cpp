// One-gate blocks; the majority-regime threshold expands weights into repeated wires.
#include "tc0/arith/gates.hpp"

#include <numeric>
#include <string>
#include <vector>

#include "tc0/errors.hpp"

namespace tc0 {

lit and_all(builder& b, const bits& x, weight_regime) { return b.and_(x); }

lit or_any(builder& b, const bits& x, weight_regime) { return b.or_(x); }

lit majority(builder& b, const bits& x, weight_regime) {
  return b.majority(x, static_cast<int64_t>(x.size() / 2) + 1);
}

lit threshold(builder& b, const bits& x, std::span<const int64_t> weights, int64_t t, weight_regime regime) {
  if (weights.size() != x.size())
    throw input_error("threshold", std::to_string(weights.size()) + " weights for " + std::to_string(x.size()) + " inputs");
  if (regime == weight_regime::exp) return b.threshold(x, weights, t);
  // Positive weights on literals (w * not(l) = w - w * l), then clip and divide by the gcd: all
  // exact rewrites that shrink the number of repeated wires.
  std::vector<std::pair<lit, int64_t>> terms;
  __int128 tt = t;
  for (size_t i = 0; i < x.size(); ++i) {
    const int64_t w = weights[i];
    if (w == 0) continue;
    if (w == INT64_MIN) throw input_error("threshold", "weight " + std::to_string(w) + " out of range");
    if (w > 0) terms.emplace_back(x[i], w);
    else {
      terms.emplace_back(!x[i], -w);
      tt += -static_cast<__int128>(w);
    }
  }
  __int128 total = 0;
  for (auto& term : terms) total += term.second;
  if (tt <= 0) return lit_true;
  if (tt > total) return lit_false;
  int64_t g = 0;
  for (auto& term : terms) {
    if (term.second > tt) term.second = static_cast<int64_t>(tt);
    g = std::gcd(g, term.second);
  }
  total = 0;
  for (auto& term : terms) total += term.second /= g;
  tt = (tt + g - 1) / g;
  if (total > max_repeated_wires)
    throw input_error("threshold", "majority regime: the weights need " + std::to_string(static_cast<int64_t>(total)) +
                                       " repeated wires, more than the limit 2^24");
  std::vector<lit> wires;
  wires.reserve(static_cast<size_t>(total));
  for (auto& [l, w] : terms) wires.insert(wires.end(), static_cast<size_t>(w), l);
  return b.majority(wires, static_cast<int64_t>(tt));
}

lit at_least(builder& b, const linear_form& f, int64_t t, weight_regime regime) {
  bits in;
  std::vector<int64_t> w;
  in.reserve(f.size());
  w.reserve(f.size());
  for (const auto& [l, c] : f) {
    if (c == 0) continue;
    in.push_back(l);
    w.push_back(c);
  }
  if (in.empty()) return constant_lit(t <= 0);
  return threshold(b, in, w, t, regime);
}

}  // namespace tc0
