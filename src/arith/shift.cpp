// The 2:1 multiplexer and the depth-2 barrel shifter built from decoded (amount == v) AND x_m terms.
#include "tc0/arith/shift.hpp"

#include <string>
#include <vector>

#include "tc0/arith/gates.hpp"
#include "tc0/errors.hpp"

namespace tc0 {

namespace {

void check_shift(const char* what, const bits& x, const bits& s) {
  if (x.empty()) throw input_error(what, "operand must have width >= 1");
  if (s.empty() || s.size() > max_shift_amount_bits)
    throw input_error(what, "shift amount must have 1.." + std::to_string(max_shift_amount_bits) + " bits, got " +
                                std::to_string(s.size()));
}

// AND(s == v, x_m): T5 with unit weights, one AND gate.
lit decoded(builder& b, const bits& s, uint64_t v, lit xm) {
  bits in;
  in.reserve(s.size() + 1);
  for (size_t k = 0; k < s.size(); ++k) in.push_back((v >> k) & 1 ? s[k] : !s[k]);
  in.push_back(xm);
  return b.and_(in);
}

// y_i = OR_v AND(s == v, x_{source(i, v)}) over the amounts v < 2^c with a source (source < 0: none).
template <class Source>
bits barrel(builder& b, const bits& x, const bits& s, Source source) {
  const size_t width = x.size();
  const uint64_t amounts = uint64_t{1} << s.size();
  bits y(width);
  for (size_t i = 0; i < width; ++i) {
    bits terms;
    for (uint64_t v = 0; v < amounts; ++v) {
      const int64_t m = source(static_cast<int64_t>(i), static_cast<int64_t>(v));
      if (m >= 0) terms.push_back(decoded(b, s, v, x[static_cast<size_t>(m)]));
    }
    y[i] = b.or_(terms);
  }
  return y;
}

}  // namespace

bits select(builder& b, lit s, const bits& x, const bits& y, weight_regime regime) {
  if (x.size() != y.size() || x.empty())
    throw input_error("select", "operands must have the same width >= 1 (got " + std::to_string(x.size()) + " and " +
                                    std::to_string(y.size()) + " bits)");
  bits z(x.size());
  const int64_t w[] = {1, 1, 2};
  for (size_t i = 0; i < x.size(); ++i) {
    const lit sy = b.and_({s, y[i]});
    const bits in{x[i], !s, sy};
    z[i] = threshold(b, in, w, 2, regime);
  }
  return z;
}

bits shift_left(builder& b, const bits& x, const bits& s, weight_regime) {
  check_shift("shift_left", x, s);
  return barrel(b, x, s, [](int64_t i, int64_t v) { return i - v; });
}

bits shift_right(builder& b, const bits& x, const bits& s, bool arithmetic, weight_regime) {
  check_shift("shift_right", x, s);
  const int64_t width = static_cast<int64_t>(x.size());
  return barrel(b, x, s, [width, arithmetic](int64_t i, int64_t v) -> int64_t {
    if (i + v < width) return i + v;
    return arithmetic ? width - 1 : -1;
  });
}

bits rotate_left(builder& b, const bits& x, const bits& s, weight_regime) {
  check_shift("rotate_left", x, s);
  const int64_t width = static_cast<int64_t>(x.size());
  return barrel(b, x, s, [width](int64_t i, int64_t v) { return ((i - v) % width + width) % width; });
}

}  // namespace tc0
