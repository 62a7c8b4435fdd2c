// Placeholder for the adders ops until their blocks land: each refuses with a clear message.
#include "ops.hpp"
#include "tc0/errors.hpp"

namespace tc0::gen_ops {

void build_add(builder&, const gen_options&) { throw input_error("gen", "op 'add' is not built yet"); }
bus_values ref_add(const gen_options&, const bus_values&) { throw input_error("gen", "op 'add' is not built yet"); }
void build_sub(builder&, const gen_options&) { throw input_error("gen", "op 'sub' is not built yet"); }
bus_values ref_sub(const gen_options&, const bus_values&) { throw input_error("gen", "op 'sub' is not built yet"); }
void build_neg(builder&, const gen_options&) { throw input_error("gen", "op 'neg' is not built yet"); }
bus_values ref_neg(const gen_options&, const bus_values&) { throw input_error("gen", "op 'neg' is not built yet"); }
void build_abs(builder&, const gen_options&) { throw input_error("gen", "op 'abs' is not built yet"); }
bus_values ref_abs(const gen_options&, const bus_values&) { throw input_error("gen", "op 'abs' is not built yet"); }
void build_mux(builder&, const gen_options&) { throw input_error("gen", "op 'mux' is not built yet"); }
bus_values ref_mux(const gen_options&, const bus_values&) { throw input_error("gen", "op 'mux' is not built yet"); }
void build_shift(builder&, const gen_options&) { throw input_error("gen", "op 'shift' is not built yet"); }
bus_values ref_shift(const gen_options&, const bus_values&) { throw input_error("gen", "op 'shift' is not built yet"); }
void build_lzc(builder&, const gen_options&) { throw input_error("gen", "op 'lzc' is not built yet"); }
bus_values ref_lzc(const gen_options&, const bus_values&) { throw input_error("gen", "op 'lzc' is not built yet"); }
void build_normalize(builder&, const gen_options&) { throw input_error("gen", "op 'normalize' is not built yet"); }
bus_values ref_normalize(const gen_options&, const bus_values&) { throw input_error("gen", "op 'normalize' is not built yet"); }

}  // namespace tc0::gen_ops
