// Lowering of the reductions and the transcendental ops to their float blocks.
#include "lower_float_ops.hpp"

#include "tc0/errors.hpp"

namespace tc0::word {

bits lower_float_op(builder&, const circuit& c, node_id n, const std::vector<bits>&, weight_regime) {
  throw input_error("lower", std::string("no gate-level block yet for ") + op_name(c.at(n).kind));
}

}  // namespace tc0::word
