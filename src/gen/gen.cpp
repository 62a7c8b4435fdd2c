// generate / gen_reference: option checks, the source record, and dispatch through the op table.
#include "tc0/gen/gen.hpp"

#include <string>

#include "tc0/errors.hpp"
#include "tc0/gen/gen_op.hpp"

namespace tc0 {

namespace {

std::string known_ops() {
  std::string s;
  for (const gen_op& op : gen_op_table()) s += (s.empty() ? "" : ", ") + std::string(op.name);
  return s;
}

const gen_op& checked_op(const gen_options& o) {
  const gen_op* op = find_gen_op(o.op);
  if (!op) throw input_error("gen", "unknown op '" + o.op + "' (known: " + known_ops() + ")");
  if (o.width == 0 || o.width > max_gen_width)
    throw input_error("gen", "--width must be 1.." + std::to_string(max_gen_width) + ", got " + std::to_string(o.width));
  if ((op->uses & gen_uses_count) && o.count == 0) throw input_error("gen", "--count must be at least 1");
  if ((op->uses & gen_uses_constant) && o.constant.empty()) throw input_error("gen", o.op + " needs --constant C");
  if ((op->uses & gen_uses_frac_bits) && o.frac_bits == 0) throw input_error("gen", o.op + " needs --bits F (F >= 1)");
  if ((op->uses & gen_uses_float) && (o.p < 2 || o.e < 2 || o.p + o.e > 256))
    throw input_error("gen", o.op + " needs --p P --e E with 2 <= P, 2 <= E, P + E <= 256");
  if ((op->uses & gen_uses_accumulate) && o.accumulate != "auto" && o.accumulate != "exact" && o.accumulate != "window")
    throw input_error("gen", "--accumulate must be auto, exact or window, got '" + o.accumulate + "'");
  if (op->check) op->check(o);
  return *op;
}

[[noreturn]] void bad_source(const std::string& what) { throw input_error("source", what); }

}  // namespace

std::vector<std::string> gen_op_names() {
  std::vector<std::string> names;
  for (const gen_op& op : gen_op_table()) names.emplace_back(op.name);
  return names;
}

nlohmann::json gen_source(const gen_options& o) {
  const gen_op* op = find_gen_op(o.op);
  nlohmann::json j = {{"kind", "gen"},      {"op", o.op}, {"width", o.width}, {"signed", o.is_signed},
                      {"weights", regime_name(o.regime)}};
  if (op && (op->uses & gen_uses_count)) j["count"] = o.count;
  if (op && (op->uses & gen_uses_constant)) j["constant"] = o.constant;
  if (op && (op->uses & gen_uses_frac_bits)) j["bits"] = o.frac_bits;
  if (op && (op->uses & gen_uses_float)) {
    j["p"] = o.p;
    j["e"] = o.e;
  }
  if (op && (op->uses & gen_uses_accumulate)) j["accumulate"] = o.accumulate;
  if (op && (op->uses & gen_uses_threshold)) {
    j["weights_list"] = o.weights_list;
    j["threshold"] = o.threshold;
  }
  return j;
}

gen_options gen_options_from_source(const nlohmann::json& source) {
  if (!source.is_object() || source.value("kind", std::string()) != "gen") bad_source("not a gen record");
  gen_options o;
  try {
    o.op = source.at("op").get<std::string>();
    o.width = source.at("width").get<uint32_t>();
    o.is_signed = source.value("signed", false);
    if (!parse_regime(source.value("weights", std::string("exp")), o.regime)) bad_source("weights must be exp or majority");
    o.count = source.value("count", uint32_t{2});
    o.constant = source.value("constant", std::string());
    o.frac_bits = source.value("bits", uint32_t{0});
    o.p = source.value("p", uint32_t{0});
    o.e = source.value("e", uint32_t{0});
    o.accumulate = source.value("accumulate", std::string("auto"));
    if (source.contains("weights_list")) o.weights_list = source.at("weights_list").get<std::vector<int64_t>>();
    if (source.contains("threshold")) {
      o.threshold = source.at("threshold").get<int64_t>();
      o.has_threshold = true;
    }
  } catch (const nlohmann::json::exception& e) {
    bad_source(std::string("malformed gen record: ") + e.what());
  }
  return o;
}

circuit generate(const gen_options& o) {
  const gen_op& op = checked_op(o);
  builder b(o.op + std::to_string(o.width));
  op.build(b, o);
  b.set_source(gen_source(o).dump());
  return std::move(b).finish();
}

bus_values gen_reference(const nlohmann::json& source, const bus_values& inputs) {
  const gen_options o = gen_options_from_source(source);
  const gen_op& op = checked_op(o);
  return op.reference(o, inputs);
}

}  // namespace tc0
