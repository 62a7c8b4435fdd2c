// Placeholder for the crr ops until their blocks land: each refuses with a clear message.
#include "ops.hpp"
#include "tc0/errors.hpp"

namespace tc0::gen_ops {

void build_prod(builder&, const gen_options&) { throw input_error("gen", "op 'prod' is not built yet"); }
bus_values ref_prod(const gen_options&, const bus_values&) { throw input_error("gen", "op 'prod' is not built yet"); }
void build_pow(builder&, const gen_options&) { throw input_error("gen", "op 'pow' is not built yet"); }
bus_values ref_pow(const gen_options&, const bus_values&) { throw input_error("gen", "op 'pow' is not built yet"); }
void build_div(builder&, const gen_options&) { throw input_error("gen", "op 'div' is not built yet"); }
bus_values ref_div(const gen_options&, const bus_values&) { throw input_error("gen", "op 'div' is not built yet"); }
void build_recip(builder&, const gen_options&) { throw input_error("gen", "op 'recip' is not built yet"); }
bus_values ref_recip(const gen_options&, const bus_values&) { throw input_error("gen", "op 'recip' is not built yet"); }

}  // namespace tc0::gen_ops
