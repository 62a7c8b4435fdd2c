// The two engines agree bit for bit: the word-level reference and the simulated gate circuit, on
// small models that together cover every model option, 20+ random inputs each; and the report's
// bounds hold (measured depth <= paper_bound on every row).
#include <doctest/doctest.h>

#include <string>

#include "tc0/model/compile.hpp"
#include "tc0/model/transformer.hpp"

using namespace tc0;
using nlohmann::json;

namespace {

json small_model(const std::string& extra) {
  // Small enough to compile in about a second: the checks are about every option, not about size.
  json j = json::parse(R"({"format": "tc0-model/1", "seq_len": 3, "d_model": 2, "layers": 1, "heads": 2,
    "d_head": 2, "mlp": {"hidden": 2, "activation": "relu"}, "precision": {"p": 4, "e": 3},
    "weights": {"init": "normal", "seed": 1, "scale": 0.5}})");
  j.merge_patch(json::parse(extra));
  return j;
}

void check_model(const json& j, weight_regime regime, uint64_t inputs) {
  CAPTURE(j.dump());
  model::model_config m = model::parse_model(j, "test", ".");
  model::compiled_model cm = model::compile_model(m, {regime, 0, {}});
  model::engine_check e = model::check_engines(cm.word, cm.gates, m, inputs, 1000);
  CHECK(e.inputs == inputs);
  CHECK(e.mismatches == 0);
  CHECK(e.first_mismatch == "");
  json report = model::report_json(cm);
  for (const json& row : report["bounds"]) {
    CAPTURE(row.dump());
    CHECK(row["measured"].get<uint64_t>() <= row["paper_bound"].get<uint64_t>());
  }
}

}  // namespace

TEST_SUITE("slow") {
TEST_CASE("engines: rope attention pre-LN relu") { check_model(small_model("{}"), weight_regime::exp, 24); }

TEST_CASE("engines: tokens with a readout and two layers") {
  check_model(small_model(R"({"layers": 2, "input": {"kind": "tokens", "vocab": 5}, "readout": {"classes": 3}})"),
              weight_regime::exp, 24);
}
}

// Release only (CI runs them in the Release pass; compiling models under the sanitizers is slow): about 5 s each.
TEST_SUITE("slow") {
TEST_CASE("engines: softmax attention plain softmax post-LN no activation") {
  check_model(small_model(R"({"attention": "softmax", "softmax": "plain", "layer_norm": "post",
                              "mlp": {"hidden": 2, "activation": "none"}})"),
              weight_regime::exp, 24);
}

TEST_CASE("engines: half pairing relative form causal gelu") {
  check_model(small_model(R"({"rope": {"pairing": "half", "form": "relative"}, "causal": true,
                              "mlp": {"hidden": 2, "activation": "gelu_tanh"}})"),
              weight_regime::exp, 24);
}

TEST_CASE("engines: angles in the circuit and a numeric score scale without LN") {
  check_model(small_model(R"({"rope": {"angles": "circuit"}, "score_scale": 0.75, "layer_norm": "none"})"),
              weight_regime::exp, 24);
}

TEST_CASE("engines: the papers' configuration") {
  check_model(small_model(R"({"heads": 1, "d_head": 2, "rope": {"form": "relative"}, "score_scale": 1,
                              "softmax": "plain", "mlp": {"hidden": 2, "activation": "none"}, "ln_eps": 0})"),
              weight_regime::exp, 24);
}

TEST_CASE("engines: window accumulation") {
  check_model(small_model(R"({"accumulate": "window"})"), weight_regime::exp, 24);
}

TEST_CASE("engines: majority weights") { check_model(small_model("{}"), weight_regime::majority, 20); }

TEST_CASE("engines: tensor attention") {
  check_model(small_model(R"({"attention": "tensor", "seq_len": 2})"), weight_regime::exp, 20);
}

TEST_CASE("engines: causal RoPE tensor attention") {
  check_model(small_model(R"({"attention": "rope_tensor", "causal": true, "seq_len": 3})"), weight_regime::exp, 20);
}

TEST_CASE("engines: ternary weights") {
  check_model(small_model(R"({"weights": {"init": "ternary", "seed": 4, "scale": 0.5}})"), weight_regime::exp, 20);
}
}
