// Internal: exclusive cases as linear forms and the one-gate selections the float blocks round
// with (float_add, float_sum): a case holds exactly when its form reaches its `active` value.
#pragma once
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "float_encode.hpp"
#include "tc0/circuit/builder.hpp"

namespace tc0::fp::detail {

using gates::at_least;  // [sum of the form >= t] as one gate (float_encode.hpp)
using gates::linear_form;

// A case: `form` never exceeds `active` and equals it exactly when the case holds.
struct exclusive_case {
  linear_form form;
  int64_t active = 0;
  int64_t r = 0;  // bits dropped (rounding cases)
};

// Folds constant literals into `active`; false when the case can never hold.
inline bool make_case(const linear_form& terms, int64_t active, exclusive_case& out) {
  out.form.clear();
  out.active = active;
  int64_t max_value = 0;
  for (const auto& [l, w] : terms) {
    if (l == lit_true) {
      out.active -= w;
    } else if (l != lit_false) {
      out.form.emplace_back(l, w);
      max_value += std::max<int64_t>(w, 0);
    }
  }
  return max_value >= out.active;
}

// [case holds and every literal of `all` holds and some literal of `any` holds] as one gate.
inline lit case_gate(builder& b, const exclusive_case& k, const bits& all, const bits& any, weight_regime regime) {
  const int64_t big = static_cast<int64_t>(all.size() + std::max<size_t>(any.size(), 1));
  linear_form g;
  for (const auto& [l, w] : k.form) g.emplace_back(l, w * big);
  for (lit l : all) g.emplace_back(l, static_cast<int64_t>(any.size()) + 1);
  for (lit l : any) g.emplace_back(l, 1);
  const int64_t need = big * k.active + static_cast<int64_t>(all.size()) * (static_cast<int64_t>(any.size()) + 1) +
                       (any.empty() ? 0 : 1);
  if (g.empty()) return need <= 0 ? lit_true : lit_false;
  return at_least(b, g, need, regime);
}

}  // namespace tc0::fp::detail
