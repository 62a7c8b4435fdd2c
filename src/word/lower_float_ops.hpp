// The word ops whose blocks live in the float sum and transcendental libraries.
#pragma once
#include <vector>

#include "tc0/circuit/builder.hpp"
#include "tc0/word/word_circuit.hpp"

namespace tc0::word {

// fdiv, fexp, frsqrt, fsin, fcos, fsum, fdot, fdot_const; `in` holds the operands' bits.
bits lower_float_op(builder& b, const circuit& c, node_id n, const std::vector<bits>& in, weight_regime regime);

}  // namespace tc0::word
