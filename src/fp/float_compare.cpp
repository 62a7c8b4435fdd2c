// Gate-level float comparison and maximum: unsigned magnitude comparison plus sign and zero cases.
#include <string>

#include "tc0/arith/compare.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/float_blocks.hpp"

namespace tc0::fp {

namespace {

struct operand_flags {
  lit sign, nan, zero;
  bits magnitude;
};

operand_flags flags(builder& b, const float_format& f, const bits& x, weight_regime regime) {
  const size_t n = static_cast<size_t>(f.p - 1);
  operand_flags o;
  o.sign = x.back();
  o.magnitude = bits(x.begin(), x.end() - 1);
  const lit ones = and_all(b, bits(x.begin() + n, x.end() - 1), regime);
  o.nan = b.and_({ones, or_any(b, bits(x.begin(), x.begin() + n), regime)});
  o.zero = !or_any(b, o.magnitude, regime);
  return o;
}

void check_operands(const char* where, const float_format& f, const bits& x, const bits& y) {
  check_format(f);
  const size_t w = static_cast<size_t>(width(f));
  if (x.size() != w || y.size() != w)
    throw input_error(where, "operands must have p + e = " + std::to_string(w) + " bits");
}

}  // namespace

float_compare_result float_compare(builder& b, const float_format& f, const bits& x, const bits& y,
                                   weight_regime regime) {
  check_operands("fcmp", f, x, y);
  const operand_flags a = flags(b, f, x, regime), c = flags(b, f, y, regime);
  const compare_result m = compare(b, a.magnitude, c.magnitude, false, regime);
  const lit un = or_any(b, bits{a.nan, c.nan}, regime);
  const lit both_zero = b.and_({a.zero, c.zero});
  float_compare_result r;
  r.un = un;
  r.eq = b.and_({!un, or_any(b, bits{both_zero, b.and_({m.eq, a.sign, c.sign}), b.and_({m.eq, !a.sign, !c.sign})},
                             regime)});
  r.lt = b.and_({!un, !both_zero,
                 or_any(b, bits{b.and_({a.sign, !c.sign}), b.and_({!a.sign, !c.sign, m.lt}),
                                b.and_({a.sign, c.sign, !m.le})},
                        regime)});
  r.le = or_any(b, bits{r.lt, r.eq}, regime);
  return r;
}

bits float_max(builder& b, const float_format& f, const bits& x, const bits& y, weight_regime regime) {
  const float_compare_result cmp = float_compare(b, f, x, y, regime);
  // maximum(-0, +0) = +0: with both zeros equal, take y when x is -0.
  const lit both_zero = b.and_({!or_any(b, bits(x.begin(), x.end() - 1), regime), !or_any(b, bits(y.begin(), y.end() - 1), regime)});
  const lit take_y = or_any(b, bits{cmp.lt, b.and_({both_zero, x.back()})}, regime);
  const size_t w = x.size(), quiet_bit = static_cast<size_t>(f.p - 2);
  bits z(w);
  for (size_t i = 0; i < w; ++i) {
    const bool nan_bit = i + 1 < w && (i >= static_cast<size_t>(f.p - 1) || i == quiet_bit);
    bits terms{b.and_({!cmp.un, take_y, y[i]}), b.and_({!cmp.un, !take_y, x[i]})};
    if (nan_bit) terms.push_back(cmp.un);
    z[i] = or_any(b, terms, regime);
  }
  return z;
}

}  // namespace tc0::fp
