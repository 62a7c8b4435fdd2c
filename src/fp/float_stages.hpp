// Internal: the gate-level transcendental blocks with their intermediate buses exposed, so tests
// can compare them stage by stage with the word-level traces (fp::trace_exp, trace_rsqrt, ...).
#pragma once
#include "tc0/circuit/builder.hpp"
#include "tc0/fp/format.hpp"

namespace tc0::fp::stages {

// exp_trace's j (two's complement), r, product (meaningful on the "series" path only).
struct exp_buses {
  bits j, r, product;
};
bits float_exp(builder& b, const float_format& f, const bits& x, weight_regime regime, exp_buses* out);

// rsqrt_trace's w (W, F - t + 1 bits) and product (meaningful on the "series" path only).
struct rsqrt_buses {
  bits w, product;
};
bits float_rsqrt(builder& b, const float_format& f, const bits& x, weight_regime regime, rsqrt_buses* out);

// trig_trace's v, quadrant (2 bits), path (path_b: "B") and f_negative; cosine picks fcos.
struct trig_buses {
  bits v, quadrant;
  lit path_b, f_negative;
};
bits float_trig(builder& b, const float_format& f, const bits& x, bool cosine, weight_regime regime, trig_buses* out);

}  // namespace tc0::fp::stages
