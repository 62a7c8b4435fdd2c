// Lowering of the reductions and the transcendental ops to their float blocks.
#include "lower_float_ops.hpp"

#include "tc0/errors.hpp"
#include "tc0/fp/float_blocks.hpp"
#include "tc0/fp/float_sum.hpp"
#include "tc0/fp/float_transcendental.hpp"

namespace tc0::word {

bits lower_float_op(builder& b, const circuit& c, node_id n, const std::vector<bits>& in, weight_regime regime) {
  const node& nd = c.at(n);
  const fp::float_format& f = c.format();
  fp::accumulation acc = c.accumulate();
  std::span<const bits> all(in);
  switch (nd.kind) {
    case op::fdiv: return fp::float_divide(b, f, in[0], in[1], regime);
    case op::fexp: return fp::float_exp(b, f, in[0], regime);
    case op::frsqrt: return fp::float_rsqrt(b, f, in[0], regime);
    case op::fsin: return fp::float_sin(b, f, in[0], regime);
    case op::fcos: return fp::float_cos(b, f, in[0], regime);
    case op::fsum: return fp::float_sum(b, f, all, acc, regime);
    case op::fdot: {
      size_t k = in.size() / 2;
      return fp::float_dot(b, f, all.subspan(0, k), all.subspan(k, k), acc, regime);
    }
    case op::fdot3: {
      size_t k = in.size() / 3;
      return fp::float_dot3(b, f, all.subspan(0, k), all.subspan(k, k), all.subspan(2 * k, k), acc, regime);
    }
    case op::fdot_const: {
      auto cs = c.constants(n);
      if (nd.has_bias) return fp::float_dot_const(b, f, all, cs.subspan(0, in.size()), cs[in.size()], acc, regime);
      return fp::float_dot_const(b, f, all, cs, acc, regime);
    }
    default: break;
  }
  throw input_error("lower", std::string("no gate-level block yet for ") + op_name(nd.kind));
}

}  // namespace tc0::word
