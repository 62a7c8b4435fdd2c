// Placeholder for the sums ops until their blocks land: each refuses with a clear message.
#include "ops.hpp"
#include "tc0/errors.hpp"

namespace tc0::gen_ops {

void build_sum(builder&, const gen_options&) { throw input_error("gen", "op 'sum' is not built yet"); }
bus_values ref_sum(const gen_options&, const bus_values&) { throw input_error("gen", "op 'sum' is not built yet"); }
void build_mul(builder&, const gen_options&) { throw input_error("gen", "op 'mul' is not built yet"); }
bus_values ref_mul(const gen_options&, const bus_values&) { throw input_error("gen", "op 'mul' is not built yet"); }
void build_square(builder&, const gen_options&) { throw input_error("gen", "op 'square' is not built yet"); }
bus_values ref_square(const gen_options&, const bus_values&) { throw input_error("gen", "op 'square' is not built yet"); }
void build_mulc(builder&, const gen_options&) { throw input_error("gen", "op 'mulc' is not built yet"); }
bus_values ref_mulc(const gen_options&, const bus_values&) { throw input_error("gen", "op 'mulc' is not built yet"); }
void build_max(builder&, const gen_options&) { throw input_error("gen", "op 'max' is not built yet"); }
bus_values ref_max(const gen_options&, const bus_values&) { throw input_error("gen", "op 'max' is not built yet"); }

}  // namespace tc0::gen_ops
