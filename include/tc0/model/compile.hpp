// The compiler's pipeline: model -> arithmetic circuit -> gate circuit, the two engines that run
// a model on inputs, the check that they agree, and the report with the bounds table.
#pragma once
#include <gmpxx.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tc0/circuit/builder.hpp"
#include "tc0/model/model.hpp"
#include "tc0/model/weights.hpp"
#include "tc0/word/word_circuit.hpp"

namespace tc0::model {

struct compile_options {
  weight_regime regime = weight_regime::exp;
  uint64_t max_gates = 0;  // 0: no limit; else refuse (input_error) when the estimate exceeds it
  std::function<void(uint64_t done, uint64_t total)> progress;
};

// The preflight estimate: every word op's block built once alone (per op kind and arity) and
// counted as often as the op occurs; memory from the builder's per-gate and per-edge bytes.
struct size_estimate {
  struct row {
    std::string op;  // word op name and arity, e.g. "fdot_const/9"
    uint64_t count = 0, gates = 0, edges = 0;  // totals over the ops of this kind
  };
  uint64_t gates = 0, edges = 0, memory_bytes = 0;
  std::vector<row> by_op;  // largest edge total first
};
size_estimate estimate_size(const word::circuit& w, weight_regime regime);

struct compiled_model {
  model_config config;
  model_weights weights;
  word::circuit word;
  circuit gates;
  size_estimate estimate;
  double build_seconds = 0;
  uint64_t peak_memory_bytes = 0;  // the process's peak resident set after the build
};

// Builds both levels. The gate circuit's source records the model with its weights inline (exact
// hex), so `tc0 verify` can rebuild the reference from the circuit file alone.
compiled_model compile_model(const model_config& m, const compile_options& o);
// The model and weights a compiled circuit records (input_error when it records none).
std::pair<model_config, model_weights> model_from_source(const circuit& c);

// ---- running ----
// One input: vectors (n x d float patterns) or tokens.
struct model_input {
  std::vector<mpz_class> values;  // in the word circuit's input order
  uint64_t inexact = 0;           // numbers not representable in the model precision (rounded)
};
// {"x": [[..]]} or {"tokens": [..]}, numbers rounded from their text (input_error naming the entry).
model_input parse_input(const model_config& m, const nlohmann::json& j, const std::string& where);
// Deterministic random inputs: vectors of small normal-ish numbers, or tokens below vocab.
model_input random_input(const model_config& m, uint64_t seed);

struct model_output {
  std::vector<mpz_class> y;        // n x d float patterns, row-major
  std::vector<uint32_t> classes;   // with a readout
};
model_output run_reference(const word::circuit& w, const model_input& in);
// Simulates the gate circuit on many inputs at once (bit-parallel), decoding each output.
std::vector<model_output> run_circuit(const circuit& c, const model_config& m, const std::vector<model_input>& ins);
nlohmann::json output_json(const model_config& m, const model_output& out, const std::string& engine, uint64_t inexact);

// Both engines on `count` random inputs (and the given ones): the mismatch count and the first.
struct engine_check {
  uint64_t inputs = 0, mismatches = 0;
  std::string first_mismatch;
};
engine_check check_engines(const word::circuit& w, const circuit& c, const model_config& m, uint64_t count, uint64_t seed);

// ---- reports ----
// Report JSON (interfaces.md "Report JSON"): model echo, stats, components, bounds, word_stats,
// build time and peak memory.
nlohmann::json report_json(const compiled_model& cm);
// The bounds rows alone, as `tc0 bounds` prints them.
std::string format_bounds_table(const nlohmann::json& report);

}  // namespace tc0::model
