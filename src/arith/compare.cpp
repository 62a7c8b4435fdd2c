// Comparators: block-wise weighted gates (exp) and the highest-differing-position scheme (majority).
#include "tc0/arith/compare.hpp"

#include <string>
#include <vector>

#include "tc0/errors.hpp"

namespace tc0 {

namespace {

constexpr uint32_t block_bits = 29;      // layer-1 weights 2^0..2^28, doubled copies 2^29
constexpr uint32_t top_weight_log = 29;  // top-gate weights at most 2^29

struct wanted {
  bool lt = false, le = false, eq = false;
};

void check_operands(const bits& x, const bits& y, weight_regime regime) {
  if (x.size() != y.size() || x.empty())
    throw input_error("compare", "operands must have the same width >= 1 (got " + std::to_string(x.size()) + " and " +
                                     std::to_string(y.size()) + " bits)");
  if (regime == weight_regime::exp && x.size() > max_exp_compare_width)
    throw input_error("compare", "exp-regime comparison is depth 2 only up to " + std::to_string(max_exp_compare_width) +
                                     " bits (weights < 2^30); got " + std::to_string(x.size()) +
                                     " bits; use the majority regime");
}

// [s * (y_blk - x_blk) * scale + z >= scale] over bits [lo, hi); s = +1 gives lt, -1 gives gt.
lit block_gate(builder& b, const bits& x, const bits& y, uint32_t lo, uint32_t hi, int64_t sign, int64_t scale,
               const lit* z) {
  std::vector<lit> in;
  std::vector<int64_t> w;
  for (uint32_t j = lo; j < hi; ++j) {
    const int64_t p = (int64_t{1} << (j - lo)) * scale;
    in.push_back(y[j]);
    w.push_back(sign * p);
    in.push_back(x[j]);
    w.push_back(-sign * p);
  }
  if (z) {
    in.push_back(*z);
    w.push_back(1);
  }
  return b.threshold(in, w, scale);
}

compare_result compare_exp(builder& b, const bits& x, const bits& y, wanted want) {
  const uint32_t width = static_cast<uint32_t>(x.size());
  const uint32_t blocks = (width + block_bits - 1) / block_bits;
  std::vector<lit> top_in, eq_in;
  std::vector<int64_t> top_w;
  for (uint32_t i = 0; i < blocks; ++i) {
    const uint32_t lo = i * block_bits, hi = std::min(width, lo + block_bits);
    const lit lt_i = block_gate(b, x, y, lo, hi, +1, 1, nullptr);
    const lit gt_i = block_gate(b, x, y, lo, hi, -1, 1, nullptr);
    eq_in.push_back(!lt_i);
    eq_in.push_back(!gt_i);
    if (!want.lt && !want.le) continue;
    if (i <= top_weight_log) {
      top_in.insert(top_in.end(), {lt_i, gt_i});
      top_w.insert(top_w.end(), {int64_t{1} << i, -(int64_t{1} << i)});
      continue;
    }
    // Coefficient 2^i as 2^(i-29) distinct equivalent gates of weight 2^29 (see the header).
    const uint64_t copies = uint64_t{1} << (i - top_weight_log);
    const int64_t w = int64_t{1} << top_weight_log;
    top_in.insert(top_in.end(), {lt_i, gt_i});
    top_w.insert(top_w.end(), {w, -w});
    uint64_t made = 1;
    for (uint32_t j = 0; j < width && made < copies; ++j) {
      if (j >= lo && j < hi) continue;
      for (lit z : {x[j], !x[j], y[j], !y[j]}) {
        if (made == copies) break;
        top_in.push_back(block_gate(b, x, y, lo, hi, +1, 2, &z));
        top_w.push_back(w);
        top_in.push_back(block_gate(b, x, y, lo, hi, -1, 2, &z));
        top_w.push_back(-w);
        ++made;
      }
    }
    if (made != copies) throw input_error("compare", "internal: too few literals to separate gate copies");
  }
  compare_result r{lit_false, lit_false, lit_false};
  if (want.lt) r.lt = b.threshold(top_in, top_w, 1);
  if (want.le) r.le = b.threshold(top_in, top_w, 0);
  if (want.eq) r.eq = b.and_(eq_in);
  return r;
}

compare_result compare_majority(builder& b, const bits& x, const bits& y, wanted want) {
  const size_t width = x.size();
  bits a(width), bb(width);  // a_j: x_j > y_j; b_j: x_j < y_j
  const bool need_a = want.lt || want.eq, need_b = want.le || want.eq;
  for (size_t j = 0; j < width; ++j) {
    // Position 0 feeds only eq; lt (le) needs a (b) above the lowest position.
    if (need_a && (want.eq || j > 0)) a[j] = b.and_({x[j], !y[j]});
    if (need_b && (want.eq || j > 0)) bb[j] = b.and_({!x[j], y[j]});
  }
  // OR over i of: (x_i, y_i) differ in the given direction and no position above goes the other way.
  auto highest = [&](bool less) {
    std::vector<lit> terms, in;
    for (size_t i = 0; i < width; ++i) {
      in.assign({less ? !x[i] : x[i], less ? y[i] : !y[i]});
      for (size_t j = i + 1; j < width; ++j) in.push_back(less ? !a[j] : !bb[j]);
      terms.push_back(b.and_(in));
    }
    return b.or_(terms);
  };
  compare_result r{lit_false, lit_false, lit_false};
  if (want.lt) r.lt = highest(true);
  if (want.le) r.le = !highest(false);
  if (want.eq) {
    std::vector<lit> in;
    for (size_t j = 0; j < width; ++j) in.insert(in.end(), {!a[j], !bb[j]});
    r.eq = b.and_(in);
  }
  return r;
}

compare_result compare_any(builder& b, const bits& x, const bits& y, bool is_signed, weight_regime regime,
                           wanted want) {
  check_operands(x, y, regime);
  bits xs = x, ys = y;
  if (is_signed) {  // two's complement order = unsigned order with both sign bits complemented
    xs.back() = !xs.back();
    ys.back() = !ys.back();
  }
  return regime == weight_regime::exp ? compare_exp(b, xs, ys, want) : compare_majority(b, xs, ys, want);
}

}  // namespace

compare_result compare(builder& b, const bits& x, const bits& y, bool is_signed, weight_regime regime) {
  return compare_any(b, x, y, is_signed, regime, wanted{true, true, true});
}

lit less_than(builder& b, const bits& x, const bits& y, bool is_signed, weight_regime regime) {
  return compare_any(b, x, y, is_signed, regime, wanted{true, false, false}).lt;
}

lit less_equal(builder& b, const bits& x, const bits& y, bool is_signed, weight_regime regime) {
  return compare_any(b, x, y, is_signed, regime, wanted{false, true, false}).le;
}

lit equal(builder& b, const bits& x, const bits& y, weight_regime regime) {
  return compare_any(b, x, y, false, regime, wanted{false, false, true}).eq;
}

}  // namespace tc0
