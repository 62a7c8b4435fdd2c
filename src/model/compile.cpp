// The pipeline: estimate, build both levels, record the source; inputs, the two engines and their check.
#include "tc0/model/compile.hpp"


#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "tc0/errors.hpp"
#include "tc0/fp/convert.hpp"
#include "tc0/model/transformer.hpp"
#include "tc0/sim/simulator.hpp"
#include "tc0/version.hpp"
#include "tc0/word/evaluate.hpp"
#include "tc0/word/lower.hpp"

namespace tc0::model {
namespace {

uint64_t peak_rss_bytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<uint64_t>(u.ru_maxrss) * 1024;
}

// The arity block_cost measures an op at: its operand count (pairs for fdot, triples for fdot3,
// + bias for fdot_const), the table size for a lookup.
uint32_t arity_of(const word::circuit& w, word::node_id n) {
  const word::node& nd = w.at(n);
  if (nd.kind == word::op::lookup) return nd.constant_count;
  if (nd.kind == word::op::fdot) return nd.operand_count / 2;
  if (nd.kind == word::op::fdot3) return nd.operand_count / 3;
  return nd.operand_count;
}

}  // namespace

size_estimate estimate_size(const word::circuit& w, weight_regime regime) {
  std::map<std::pair<int, uint32_t>, uint64_t> counts;
  for (word::node_id n = 0; n < w.size(); ++n) {
    word::op k = w.at(n).kind;
    if (k == word::op::input_float || k == word::op::input_int || k == word::op::constant || k == word::op::fneg) continue;
    ++counts[{static_cast<int>(k), arity_of(w, n)}];
  }
  size_estimate e;
  for (const auto& [key, count] : counts) {
    word::block_cost c = word::measure_block(static_cast<word::op>(key.first), w.format(), w.accumulate(), key.second,
                                             regime);
    e.gates += count * c.gates;
    e.edges += count * c.edges;
    e.by_op.push_back({std::string(word::op_name(static_cast<word::op>(key.first))) + "/" + std::to_string(key.second),
                       count, count * c.gates, count * c.edges});
  }
  std::sort(e.by_op.begin(), e.by_op.end(), [](const auto& x, const auto& y) { return x.edges > y.edges; });
  // The builder: ~16 bytes per gate plus its hash table (~16), 4 per edge plus 8 for a thr weight.
  e.memory_bytes = e.gates * 32 + e.edges * 12;
  return e;
}

compiled_model compile_model(const model_config& m, const compile_options& o) {
  auto start = std::chrono::steady_clock::now();
  model_weights weights = make_weights(m);
  word::circuit w = build_transformer(m, weights);
  size_estimate est = estimate_size(w, o.regime);
  if (o.max_gates && est.gates > o.max_gates)
    throw input_error("--max-gates", "the model is estimated at " + std::to_string(est.gates) + " gates (" +
                                         std::to_string(est.edges) + " edges, ~" +
                                         std::to_string(est.memory_bytes >> 20) + " MiB), above the limit " +
                                         std::to_string(o.max_gates));
  builder b(m.name.empty() ? "model" : m.name);
  b.reserve(est.gates + 1024, est.edges + 1024);
  nlohmann::json source = {{"kind", "model"}, {"weights_regime", regime_name(o.regime)}, {"version", version_line()}};
  source["model"] = model_to_json(m);
  source["model"]["weights"] = {{"inline", weights_to_json(m, weights)}};
  b.set_source(source.dump());
  word::lower(w, b, {o.regime, o.progress});
  circuit g = std::move(b).finish();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {m, std::move(weights), std::move(w), std::move(g), est, seconds, peak_rss_bytes()};
}

std::pair<model_config, model_weights> model_from_source(const circuit& c) {
  nlohmann::json s = nlohmann::json::parse(c.source(), nullptr, false);
  if (s.is_discarded() || !s.is_object() || s.value("kind", std::string()) != "model")
    throw input_error("source", "the circuit records no compiled model");
  model_config m = parse_model(s.at("model"), "source", ".");
  model_weights w = make_weights(m);
  return {std::move(m), std::move(w)};
}

model_input parse_input(const model_config& m, const nlohmann::json& j, const std::string& where) {
  model_input in;
  if (!j.is_object()) throw input_error(where, "expected an object with \"x\" or \"tokens\"");
  if (m.tokens) {
    if (!j.contains("tokens") || !j["tokens"].is_array() || j["tokens"].size() != m.seq_len)
      throw input_error(where + ": tokens", "expected an array of " + std::to_string(m.seq_len) + " token codes");
    for (size_t i = 0; i < m.seq_len; ++i) {
      const nlohmann::json& t = j["tokens"][i];
      if (!t.is_number_integer() || t.get<int64_t>() < 0 || t.get<int64_t>() >= m.vocab)
        throw input_error(where + ": tokens[" + std::to_string(i) + "]",
                          "expected an integer in [0, " + std::to_string(m.vocab) + ")");
      in.values.push_back(t.get<unsigned long>());
    }
    return in;
  }
  if (!j.contains("x") || !j["x"].is_array() || j["x"].size() != m.seq_len)
    throw input_error(where + ": x", "expected an array of " + std::to_string(m.seq_len) + " rows");
  for (size_t i = 0; i < m.seq_len; ++i) {
    const nlohmann::json& r = j["x"][i];
    std::string rw = where + ": x[" + std::to_string(i) + "]";
    if (!r.is_array() || r.size() != m.d_model)
      throw input_error(rw, "expected an array of " + std::to_string(m.d_model) + " numbers");
    for (size_t k = 0; k < m.d_model; ++k) {
      const nlohmann::json& v = r[k];
      std::string text = v.is_string() ? v.get<std::string>() : v.is_number() ? v.dump() : "";
      fp::parsed_float p;
      try {
        p = fp::parse_float(m.format, text);
      } catch (const input_error&) {
        throw input_error(rw + "[" + std::to_string(k) + "]", "expected a number (JSON number, decimal or hex string)");
      }
      in.inexact += !p.exact;
      in.values.push_back(p.bits);
    }
  }
  return in;
}

model_input random_input(const model_config& m, uint64_t seed) {
  model_input in;
  uint64_t state = seed * 0x9e3779b97f4a7c15ull + 12345;
  auto next = [&] {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  };
  if (m.tokens) {
    for (uint32_t i = 0; i < m.seq_len; ++i) in.values.push_back(static_cast<unsigned long>(next() % m.vocab));
    return in;
  }
  // Values in [-2, 2) on a 2^-8 grid, rounded to the format; now and then a zero.
  for (uint32_t i = 0; i < m.seq_len * m.d_model; ++i) {
    uint64_t r = next();
    long v = static_cast<long>(r % 1024) - 512;
    in.values.push_back(r % 16 == 0 ? fp::zero(m.format) : fp::from_rational(m.format, v, 256));
  }
  return in;
}

model_output run_reference(const word::circuit& w, const model_input& in) {
  std::vector<mpz_class> v = word::evaluate(w, in.values);
  model_output out;
  for (const word::port& p : w.outputs()) {
    if (p.name.rfind("y_", 0) == 0) out.y.push_back(v[p.node]);
    else out.classes.push_back(static_cast<uint32_t>(v[p.node].get_ui()));
  }
  return out;
}

std::vector<model_output> run_circuit(const circuit& c, const model_config& m, const std::vector<model_input>& ins) {
  pattern_set patterns(c.num_input_bits(), ins.size());
  for (size_t q = 0; q < ins.size(); ++q) {
    uint32_t first = 0;
    if (ins[q].values.size() != c.inputs().size()) throw input_error("run", "input count does not match the circuit");
    for (size_t b = 0; b < c.inputs().size(); ++b) {
      uint32_t width = static_cast<uint32_t>(c.inputs()[b].lits.size());
      patterns.set_value(first, width, q, ins[q].values[b]);
      first += width;
    }
  }
  pattern_set outs = simulate(c, patterns);
  std::vector<model_output> result(ins.size());
  uint32_t first = 0;
  for (const bus& o : c.outputs()) {
    uint32_t width = static_cast<uint32_t>(o.lits.size());
    bool is_y = o.name.rfind("y_", 0) == 0;
    for (size_t q = 0; q < ins.size(); ++q) {
      mpz_class v = outs.get_value(first, width, q);
      if (is_y) result[q].y.push_back(v);
      else result[q].classes.push_back(static_cast<uint32_t>(v.get_ui()));
    }
    first += width;
  }
  (void)m;
  return result;
}

nlohmann::json output_json(const model_config& m, const model_output& out, const std::string& engine, uint64_t inexact) {
  nlohmann::json y = nlohmann::json::array(), hex = nlohmann::json::array();
  for (uint32_t i = 0; i < m.seq_len; ++i) {
    nlohmann::json row = nlohmann::json::array(), hrow = nlohmann::json::array();
    for (uint32_t j = 0; j < m.d_model; ++j) {
      const mpz_class& v = out.y[i * m.d_model + j];
      double d = fp::to_double(m.format, v);
      if (std::isnan(d)) row.push_back("nan");
      else if (std::isinf(d)) row.push_back(d > 0 ? "inf" : "-inf");
      else row.push_back(d);
      hrow.push_back(fp::to_hex(m.format, v));
    }
    y.push_back(row);
    hex.push_back(hrow);
  }
  nlohmann::json j = {{"format", "tc0-output/1"}, {"precision", {{"p", m.format.p}, {"e", m.format.e}}}, {"y", y},
                      {"y_hex", hex}};
  if (m.readout_classes) j["classes"] = out.classes;
  j["engine"] = engine;
  j["inexact_inputs"] = inexact;
  return j;
}

engine_check check_engines(const word::circuit& w, const circuit& c, const model_config& m, uint64_t count, uint64_t seed) {
  std::vector<model_input> ins;
  for (uint64_t i = 0; i < count; ++i) ins.push_back(random_input(m, seed + i));
  std::vector<model_output> gate = run_circuit(c, m, ins);
  engine_check r;
  r.inputs = count;
  for (uint64_t i = 0; i < count; ++i) {
    model_output ref = run_reference(w, ins[i]);
    bool same = ref.y == gate[i].y && ref.classes == gate[i].classes;
    if (same) continue;
    if (r.mismatches++ == 0) {
      for (size_t k = 0; k < ref.y.size(); ++k)
        if (ref.y[k] != gate[i].y[k]) {
          r.first_mismatch = "input " + std::to_string(i) + " (seed " + std::to_string(seed + i) + "): y_" +
                             std::to_string(k / m.d_model) + "_" + std::to_string(k % m.d_model) + " reference " +
                             fp::to_hex(m.format, ref.y[k]) + ", circuit " + fp::to_hex(m.format, gate[i].y[k]);
          break;
        }
      if (r.first_mismatch.empty()) r.first_mismatch = "input " + std::to_string(i) + ": classes differ";
    }
  }
  return r;
}

}  // namespace tc0::model
