// Partial products into the iterated sum.
#include "tc0/arith/multiply.hpp"

#include <string>
#include <vector>

#include "tc0/arith/iterated_sum.hpp"
#include "tc0/errors.hpp"

namespace tc0 {

bits multiply(builder& b, const bits& x, const bits& y, weight_regime regime) {
  if (x.size() != y.size() || x.empty())
    throw input_error("multiply", "operands must have the same width >= 1 (got " + std::to_string(x.size()) +
                                      " and " + std::to_string(y.size()) + " bits)");
  std::vector<weighted_term> terms;
  terms.reserve(x.size() * y.size());
  for (size_t i = 0; i < x.size(); ++i)
    for (size_t l = 0; l < y.size(); ++l)
      terms.push_back({b.and_({x[i], y[l]}), mpz_class(1) << static_cast<mp_bitcnt_t>(i + l)});
  return weighted_sum(b, terms, static_cast<uint32_t>(2 * x.size()), regime);
}

bits square(builder& b, const bits& x, weight_regime regime) {
  if (x.empty()) throw input_error("square", "operand must have width >= 1");
  std::vector<weighted_term> terms;
  for (size_t i = 0; i < x.size(); ++i) {
    terms.push_back({x[i], mpz_class(1) << static_cast<mp_bitcnt_t>(2 * i)});
    for (size_t j = i + 1; j < x.size(); ++j)
      terms.push_back({b.and_({x[i], x[j]}), mpz_class(1) << static_cast<mp_bitcnt_t>(i + j + 1)});
  }
  return weighted_sum(b, terms, static_cast<uint32_t>(2 * x.size()), regime);
}

bits multiply_constant(builder& b, const bits& x, const mpz_class& c, weight_regime regime) {
  if (x.empty()) throw input_error("multiply_constant", "operand must have width >= 1");
  if (c < 0) throw input_error("multiply_constant", "the constant must be non-negative");
  const uint32_t cbits = c == 0 ? 0 : static_cast<uint32_t>(mpz_sizeinbase(c.get_mpz_t(), 2));
  std::vector<weighted_term> terms;
  for (size_t i = 0; i < x.size(); ++i) terms.push_back({x[i], mpz_class(c << static_cast<mp_bitcnt_t>(i))});
  return weighted_sum(b, terms, static_cast<uint32_t>(x.size()) + cbits, regime);
}

}  // namespace tc0
