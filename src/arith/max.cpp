// Maximum / argmax by pairwise comparisons with exclusive decision terms.
#include "tc0/arith/max.hpp"

#include <algorithm>
#include <bit>
#include <string>
#include <utility>
#include <vector>

#include "tc0/arith/gates.hpp"
#include "tc0/errors.hpp"

namespace tc0 {

namespace {

using lin = linear_form;

lit emit(builder& b, const lin& f, int64_t t, weight_regime r) { return at_least(b, f, t, r); }

// [x < y] as exclusive literals (their sum is the comparison).
bits less_terms(builder& b, const bits& x, const bits& y, size_t block, weight_regime r) {
  const size_t width = x.size();
  std::vector<lit> lt, gt;
  for (size_t lo = 0; lo < width; lo += block) {
    const size_t hi = std::min(width, lo + block);
    lin f, g;
    for (size_t j = lo; j < hi; ++j) {
      const int64_t w = int64_t{1} << (j - lo);
      f.insert(f.end(), {{y[j], w}, {x[j], -w}});
      g.insert(g.end(), {{x[j], w}, {y[j], -w}});
    }
    lt.push_back(emit(b, f, 1, r));
    gt.push_back(emit(b, g, 1, r));
  }
  bits terms;
  for (size_t c = 0; c < lt.size(); ++c) {
    std::vector<lit> in{lt[c]};
    for (size_t d = c + 1; d < lt.size(); ++d) in.insert(in.end(), {!lt[d], !gt[d]});
    const lit t = b.and_(in);
    if (t != lit_false) terms.push_back(t);
  }
  return terms;
}

}  // namespace

max_result maximum(builder& b, std::span<const bits> xs, weight_regime regime) {
  if (xs.empty()) throw input_error("max", "needs at least one operand");
  const size_t width = xs[0].size();
  for (const bits& x : xs)
    if (x.size() != width || width == 0)
      throw input_error("max", "operands must have the same width >= 1 (got " + std::to_string(x.size()) + " and " +
                                   std::to_string(width) + " bits)");
  const size_t k = xs.size();
  const size_t idx_bits = std::max<size_t>(1, std::bit_width(k - 1));
  max_result res;
  if (k == 1) {
    res.z = xs[0];
    res.idx.assign(idx_bits, lit_false);
    return res;
  }
  const size_t block = regime == weight_regime::exp ? std::clamp<size_t>((width + 1) / 2, 1, 29) : 1;
  // lt[a][c]: terms of [x_a < x_c] for a < c.
  std::vector<std::vector<bits>> lt(k, std::vector<bits>(k));
  for (size_t a = 0; a < k; ++a)
    for (size_t c = a + 1; c < k; ++c) lt[a][c] = less_terms(b, xs[a], xs[c], block, regime);
  std::vector<lin> z_terms(width), idx_terms(idx_bits);
  for (size_t i = 0; i < k; ++i) {
    // win_i: beats every lower index strictly and no higher index beats it.
    lin f;
    int64_t t = static_cast<int64_t>(k - 1);
    for (size_t j = 0; j < i; ++j)
      for (lit l : lt[j][i]) f.emplace_back(l, 1);
    for (size_t j = i + 1; j < k; ++j) {
      for (lit l : lt[i][j]) f.emplace_back(l, -1);
      --t;  // the constant 1 of (1 - [x_i < x_j])
    }
    const lit win = emit(b, f, t, regime);
    for (size_t l = 0; l < width; ++l) {
      lin g = f;
      g.emplace_back(xs[i][l], 1);
      z_terms[l].emplace_back(emit(b, g, t + 1, regime), 1);  // T4: f <= t always
    }
    for (size_t l = 0; l < idx_bits; ++l)
      if ((i >> l) & 1) idx_terms[l].emplace_back(win, 1);
  }
  for (size_t l = 0; l < width; ++l) res.z.push_back(emit(b, z_terms[l], 1, regime));
  for (size_t l = 0; l < idx_bits; ++l) res.idx.push_back(idx_terms[l].empty() ? lit_false : emit(b, idx_terms[l], 1, regime));
  return res;
}

}  // namespace tc0
