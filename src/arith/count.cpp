// Thermometer code and the T1 read-outs of it.
#include "tc0/arith/count.hpp"

#include <bit>
#include <vector>

namespace tc0 {

bits thermometer(builder& b, const bits& x) {
  bits y;
  y.reserve(x.size());
  for (size_t j = 1; j <= x.size(); ++j) y.push_back(b.majority(x, static_cast<int64_t>(j)));
  return y;
}

namespace {

// [f(popcount) = 1] for f(s) = bit `i` of s, from the thermometer y by T1.
lit popcount_bit(builder& b, const bits& y, unsigned i) {
  std::vector<lit> in;
  int64_t minus = 0;
  for (uint64_t t = 1; t <= y.size(); ++t) {
    const int step = static_cast<int>((t >> i) & 1u) - static_cast<int>(((t - 1) >> i) & 1u);
    if (step > 0) in.push_back(y[t - 1]);
    if (step < 0) {
      in.push_back(!y[t - 1]);
      ++minus;
    }
  }
  return b.majority(in, 1 + minus);
}

}  // namespace

lit parity(builder& b, const bits& x, weight_regime) { return popcount_bit(b, thermometer(b, x), 0); }

bits popcount(builder& b, const bits& x, weight_regime) {
  const bits y = thermometer(b, x);
  const unsigned width = static_cast<unsigned>(std::bit_width(x.size()));  // ceil(log2(B + 1))
  bits z;
  for (unsigned i = 0; i < width; ++i) z.push_back(popcount_bit(b, y, i));
  return z;
}

}  // namespace tc0
