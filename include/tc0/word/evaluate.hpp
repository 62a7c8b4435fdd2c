// The reference engine: evaluates the arithmetic circuit op by op with the soft float (exact p-bit
// semantics, semantics.md sections 2 and 3). The gate circuit must reproduce these bits exactly.
#pragma once
#include <gmpxx.h>

#include <vector>

#include "tc0/word/word_circuit.hpp"

namespace tc0::word {

// The value of every node, given one value per input port (in inputs() order: float patterns or
// integers below 2^width). input_error when a value is out of range.
//   lookup: table[index], and table[0] for an index past the table (the gate level selects the same);
//   fmax_k: the IEEE maximum of all operands (NaN if any is NaN, +0 above -0);
//   argmax: the lowest index whose operand is largest in the order where -0 == +0 and NaN is above
//           every number (as numpy.argmax), so the result is always defined.
std::vector<mpz_class> evaluate(const circuit& c, const std::vector<mpz_class>& inputs);

// argmax's order as a key: a larger key is a larger operand; equal keys tie.
mpz_class argmax_key(const fp::float_format& f, const mpz_class& x);

}  // namespace tc0::word
