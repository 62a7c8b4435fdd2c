// Leading-zero count from the "top t bits are zero" thermometer; normalization by exclusive
// leading-one terms.
#include "tc0/arith/normalize.hpp"

#include <bit>
#include <vector>

#include "tc0/arith/gates.hpp"
#include "tc0/errors.hpp"

namespace tc0 {

namespace {

uint32_t count_bits(size_t width) { return static_cast<uint32_t>(std::bit_width(width)); }  // ceil(log2(B+1))

}  // namespace

bits leading_zero_count(builder& b, const bits& x, weight_regime regime) {
  if (x.empty()) throw input_error("leading_zero_count", "operand must have width >= 1");
  const size_t width = x.size();
  bits top(width + 1);  // top[t] = T_t; top[0] unused
  bits zeros;
  for (size_t t = 1; t <= width; ++t) {
    zeros.push_back(!x[width - t]);
    top[t] = b.and_(zeros);
  }
  const uint32_t out_bits = count_bits(width);
  bits z(out_bits);
  for (uint32_t k = 0; k < out_bits; ++k) {
    bits in;
    std::vector<int64_t> w;
    for (size_t t = 1; t <= width; ++t) {
      const int64_t d = static_cast<int64_t>((t >> k) & 1) - static_cast<int64_t>(((t - 1) >> k) & 1);
      if (d == 0) continue;
      in.push_back(top[t]);
      w.push_back(d);
    }
    z[k] = threshold(b, in, w, 1, regime);
  }
  return z;
}

normalized normalize(builder& b, const bits& x, weight_regime regime) {
  if (x.empty()) throw input_error("normalize", "operand must have width >= 1");
  const size_t width = x.size();
  normalized r;
  r.z.resize(width);
  for (size_t i = 0; i + 1 < width; ++i) {
    bits terms;
    for (size_t j = 0; j <= i; ++j) {  // leading one at width-1-j, source bit i-j
      bits in{x[width - 1 - j], x[i - j]};
      for (size_t l = width - j; l < width; ++l) in.push_back(!x[l]);
      terms.push_back(b.and_(in));
    }
    r.z[i] = b.or_(terms);
  }
  r.z[width - 1] = b.or_(x);
  r.shift = leading_zero_count(b, x, regime);
  return r;
}

}  // namespace tc0
