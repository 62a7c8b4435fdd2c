// The problem interface's shared parts: token buses, the output-cone sweep, the source record,
// the registry of names and the instance JSON lines.
#include "tc0/problems/problem.hpp"

#include "problems_internal.hpp"
#include "tc0/errors.hpp"

namespace tc0 {

uint32_t problem::token_width() const {
  uint32_t w = 1;
  while ((uint64_t{1} << w) < num_codes()) ++w;
  return w;
}

builder problem::start(uint32_t size, std::vector<bits>& tokens) const {
  if (size == 0 || size > max_problem_size)
    throw input_error("--size", "expected 1.." + std::to_string(max_problem_size) + ", got " + std::to_string(size));
  builder b(name() + std::to_string(size));
  tokens.clear();
  for (uint32_t i = 0; i < size; ++i) tokens.push_back(b.input("t" + std::to_string(i), token_width()));
  return b;
}

circuit problem::finish(builder&& b, uint32_t size, weight_regime regime) const {
  b.set_source(source_json(size, regime).dump());
  return problems_detail::keep_output_cone(std::move(b).finish());
}

nlohmann::json problem::source_json(uint32_t size, weight_regime regime) const {
  nlohmann::json j = describe();
  j.erase("monoid");
  j["kind"] = "problem";
  j["size"] = size;
  j["weights"] = regime_name(regime);
  return j;
}

std::vector<std::string> problem_names() { return {"bfvp", "afe", "s5", "closure", "automaton"}; }

std::unique_ptr<problem> make_problem(std::string_view name, const problem_options& o) {
  if (name == "bfvp") return problems_detail::make_bfvp();
  if (name == "afe") return problems_detail::make_afe(o.modulus);
  if (name == "s5") return problems_detail::make_s5();
  if (name == "closure")
    return problems_detail::make_closure(o.closure ? *o.closure : default_closure_language());
  if (name == "automaton") {
    if (!o.dfa) throw input_error("problem automaton", "needs --dfa FILE (a tc0-dfa/1 JSON automaton)");
    return problems_detail::make_automaton(*o.dfa, o.dfa_path);
  }
  std::string known;
  for (const std::string& n : problem_names()) known += (known.empty() ? "" : ", ") + n;
  throw input_error("problem", "unknown problem '" + std::string(name) + "' (known: " + known + ")");
}

std::unique_ptr<problem> problem_from_source(const nlohmann::json& source, uint32_t* size, weight_regime* regime) {
  if (!source.is_object() || source.value("kind", std::string()) != "problem")
    throw input_error("source", "not a problem record");
  problem_options o;
  std::string name;
  try {
    name = source.at("problem").get<std::string>();
    if (size) *size = source.at("size").get<uint32_t>();
    if (regime && !parse_regime(source.at("weights").get<std::string>(), *regime))
      throw input_error("source: weights", "expected exp or majority");
    if (name == "afe") o.modulus = source.at("modulus").get<uint32_t>();
    if (name == "closure")
      o.closure = closure_language{source.at("alphabet").get<std::string>(),
                                   source.at("words").get<std::vector<std::string>>()};
    if (name == "automaton") o.dfa = automaton_from_json(source.at("dfa"), "source: dfa");
  } catch (const nlohmann::json::exception& e) {
    throw input_error("source", std::string("malformed problem record: ") + e.what());
  }
  return make_problem(name, o);
}

nlohmann::json instance_to_json(const instance& inst) {
  nlohmann::json j;
  j["tokens"] = inst.tokens;
  j["text"] = inst.text;
  j["answer"] = inst.outputs.empty() ? 0 : inst.outputs[0].value;
  for (size_t i = 1; i < inst.outputs.size(); ++i) j[inst.outputs[i].name] = inst.outputs[i].value;
  j["length"] = inst.length;
  if (!inst.shape.empty()) j["shape"] = inst.shape;
  if (inst.nesting) j["depth"] = *inst.nesting;
  return j;
}

instance instance_from_json(const problem& p, const nlohmann::json& j, const std::string& where) {
  if (!j.is_object()) throw input_error(where, "expected a JSON object with \"tokens\"");
  if (!j.contains("tokens") || !j["tokens"].is_array()) throw input_error(where + ": tokens", "expected an array of token codes");
  instance inst;
  const nlohmann::json& t = j["tokens"];
  for (size_t i = 0; i < t.size(); ++i) {
    if (!t[i].is_number_unsigned() || t[i].get<uint64_t>() >= p.num_codes())
      throw input_error(where + ": tokens[" + std::to_string(i) + "]",
                        "expected a token code 0.." + std::to_string(p.num_codes() - 1) + ", got " + t[i].dump());
    inst.tokens.push_back(t[i].get<uint32_t>());
  }
  inst.length = static_cast<uint32_t>(inst.tokens.size());
  while (inst.length > 0 && inst.tokens[inst.length - 1] == p.pad()) --inst.length;
  if (j.contains("text") && j["text"].is_string()) inst.text = j["text"].get<std::string>();
  if (j.contains("shape") && j["shape"].is_string()) inst.shape = j["shape"].get<std::string>();
  bool first = true;
  for (const auto& [name, width] : p.outputs()) {
    const std::string key = first ? "answer" : name;
    first = false;
    if (!j.contains(key)) continue;
    if (!j[key].is_number_unsigned()) throw input_error(where + ": " + key, "expected a non-negative integer");
    inst.outputs.push_back({name, j[key].get<uint64_t>()});
  }
  return inst;
}

}  // namespace tc0
