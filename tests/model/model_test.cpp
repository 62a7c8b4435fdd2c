// Model JSON validation, weights (seeded, file and inline layouts), RoPE constants, and the
// reference engine's properties that need no gates.
#include <doctest/doctest.h>

#include <mpfr.h>

#include <string>

#include "tc0/errors.hpp"
#include "tc0/fp/arithmetic.hpp"
#include "tc0/fp/convert.hpp"
#include "tc0/model/compile.hpp"
#include "tc0/model/transformer.hpp"
#include "tc0/word/evaluate.hpp"

using namespace tc0;
using nlohmann::json;

namespace {

json base_model() {
  return json::parse(R"({"format": "tc0-model/1", "seq_len": 4, "d_model": 4, "layers": 1, "heads": 1,
    "d_head": 4, "precision": {"p": 8, "e": 5}, "weights": {"init": "normal", "seed": 1, "scale": 0.5}})");
}

std::string error_of(const json& j) {
  try {
    model::parse_model(j, "m.json", ".");
  } catch (const input_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("model: defaults are the documented ones") {
  model::model_config m = model::parse_model(base_model(), "m.json", ".");
  CHECK(m.attention == model::attention_kind::rope);
  CHECK(m.pairing == model::rope_pairing::interleaved);
  CHECK(m.softmax == model::softmax_kind::stable);
  CHECK(m.mlp_hidden == 16);
  CHECK(m.layer_norm == model::norm_position::pre);
  CHECK(m.ln_eps_text == "1e-5");
  CHECK(!m.causal);
  CHECK(m.readout_classes == 0);
  CHECK(m.accumulation() == fp::accumulation::exact);  // e <= 8
  CHECK(model::score_scale(m) == fp::parse_float(m.format, "0.5").bits);
}

TEST_CASE("model: bad keys are named in one line") {
  json j = base_model();
  j["sequence_length"] = 4;
  CHECK(error_of(j) == "m.json: sequence_length: unknown key");
  j = base_model();
  j.erase("heads");
  CHECK(error_of(j) == "m.json: heads: required key is missing");
  j = base_model();
  j["attention"] = "linear";
  CHECK(error_of(j).find("m.json: attention: expected one of \"softmax\"") == 0);
  j = base_model();
  j["d_head"] = 3;
  CHECK(error_of(j) == "m.json: d_head: expected an even number for RoPE attention");
  j = base_model();
  j["rope"] = {{"pairing", "odd"}};
  CHECK(error_of(j).find("m.json: rope.pairing: expected one of") == 0);
  j = base_model();
  j["precision"] = {{"p", 200}, {"e", 60}};
  CHECK(error_of(j) == "m.json: precision: expected p + e <= 256");
  j = base_model();
  j["mlp"] = {{"hidden", 0}};
  CHECK(error_of(j).find("m.json: mlp.hidden: expected an integer in [1,") == 0);
  j = base_model();
  j["format"] = "tc0-model/2";
  CHECK(error_of(j) == "m.json: format: expected \"tc0-model/1\"");
  j = base_model();
  j["weights"] = {{"init", "normal"}, {"file", "w.json"}};
  CHECK(error_of(j) == "m.json: weights.init: unknown key");
}

TEST_CASE("weights: seeded weights are deterministic and exactly representable") {
  model::model_config m = model::parse_model(base_model(), "m.json", ".");
  model::model_weights a = model::make_weights(m), b = model::make_weights(m);
  CHECK(a.tensors.size() == model::required_tensors(m).size());
  for (const auto& [name, t] : a.tensors) {
    CHECK(b.get(name).values == t.values);
    for (const mpz_class& v : t.values) CHECK(fp::parse_float(m.format, fp::to_hex(m.format, v)).exact);
  }
  m.seed = 2;
  CHECK(model::make_weights(m).get("layers.0.attn.wq").values != a.get("layers.0.attn.wq").values);
  // The scale sets the spread: |w| <= 6 * scale by construction (Irwin-Hall).
  for (const mpz_class& v : a.get("layers.0.mlp.w1").values) {
    mpq_class q = *fp::to_rational(m.format, v);
    CHECK(abs(q) <= 3);
  }
}

TEST_CASE("weights: the file layout round-trips through inline weights") {
  model::model_config m = model::parse_model(base_model(), "m.json", ".");
  model::model_weights w = model::make_weights(m);
  json j = base_model();
  j["weights"] = {{"inline", model::weights_to_json(m, w)}};
  model::model_config m2 = model::parse_model(j, "m.json", ".");
  model::model_weights w2 = model::make_weights(m2);
  CHECK(w2.inexact == 0);
  for (const auto& [name, t] : w.tensors) CHECK(w2.get(name).values == t.values);
  // A misshaped tensor is named.
  j["weights"]["inline"]["layers"][0]["mlp"]["b1"].erase(0);
  std::string message;
  try {
    model::make_weights(model::parse_model(j, "m.json", "."));
  } catch (const input_error& e) {
    message = e.what();
  }
  CHECK(message == "weights.inline: layers.0.mlp.b1: expected an array of 16 entries at dimension 0");
}

TEST_CASE("rope: constants are cos and sin rounded once") {
  json j = base_model();
  model::model_config m = model::parse_model(j, "m.json", ".");
  auto [c0, s0] = model::rope_cos_sin(m, 0, 1);
  CHECK(c0 == fp::one(m.format));
  CHECK(s0 == fp::zero(m.format));
  // Pair 0 has theta = 1: cos(3), sin(3) against MPFR at the format's precision.
  auto [c3, s3] = model::rope_cos_sin(m, 3, 0);
  mpfr_t x;
  mpfr_init2(x, m.format.p);
  mpfr_set_ui(x, 3, MPFR_RNDN);
  mpfr_cos(x, x, MPFR_RNDN);
  CHECK(fp::to_double(m.format, c3) == mpfr_get_d(x, MPFR_RNDN));
  mpfr_set_ui(x, 3, MPFR_RNDN);
  mpfr_sin(x, x, MPFR_RNDN);
  CHECK(fp::to_double(m.format, s3) == mpfr_get_d(x, MPFR_RNDN));
  mpfr_clear(x);
  // theta_1 = 10000^(-2/4) = 0.01.
  CHECK(model::rope_theta(m, 1) == fp::parse_float(m.format, "0.01").bits);
}

TEST_CASE("reference: no layers and no norm is the identity") {
  json j = base_model();
  j["layers"] = 0;
  j["layer_norm"] = "none";
  model::model_config m = model::parse_model(j, "m.json", ".");
  word::circuit w = model::build_transformer(m, model::make_weights(m));
  model::model_input in = model::random_input(m, 5);
  CHECK(model::run_reference(w, in).y == in.values);
}

TEST_CASE("reference: a single position attends to itself") {
  // n = 1: softmax is exactly 1, so the attention output is V Wo; with d = 1 nothing else mixes.
  json j = base_model();
  j["seq_len"] = 1;
  j["layer_norm"] = "none";
  j["mlp"] = {{"hidden", 1}, {"activation", "relu"}};
  model::model_config m = model::parse_model(j, "m.json", ".");
  model::model_weights w = model::make_weights(m);
  word::circuit c = model::build_transformer(m, w);
  model::model_input in = model::random_input(m, 9);
  std::vector<mpz_class> v = word::evaluate(c, in.values);
  // Recompute by hand with the soft float: V = x Wv, attn = V Wo, x1 = x + attn, mlp, x2 = x1 + mlp.
  const fp::float_format& f = m.format;
  const model::tensor& wv = w.get("layers.0.attn.wv");
  const model::tensor& wo = w.get("layers.0.attn.wo");
  std::vector<mpz_class> vrow(4), attn(4), x1(4);
  for (uint32_t c2 = 0; c2 < 4; ++c2) {
    std::vector<mpz_class> col;
    for (uint32_t r = 0; r < 4; ++r) col.push_back(wv.at({0, r, c2}));
    vrow[c2] = fp::fdot(f, in.values, col, fp::accumulation::exact);
  }
  for (uint32_t o = 0; o < 4; ++o) {
    std::vector<mpz_class> col;
    for (uint32_t r = 0; r < 4; ++r) col.push_back(wo.at({r, o}));
    attn[o] = fp::fdot(f, vrow, col, fp::accumulation::exact);
    x1[o] = fp::fadd(f, in.values[o], attn[o]);
  }
  std::vector<mpz_class> w1col;
  for (uint32_t r = 0; r < 4; ++r) w1col.push_back(w.get("layers.0.mlp.w1").at({r, 0}));
  std::vector<mpz_class> xs = x1, cs = w1col;
  xs.push_back(fp::one(f));
  cs.push_back(w.get("layers.0.mlp.b1").values[0]);
  mpz_class h = fp::fmax(f, fp::fdot(f, xs, cs, fp::accumulation::exact), fp::zero(f));
  std::vector<mpz_class> y;
  for (uint32_t o = 0; o < 4; ++o) {
    std::vector<mpz_class> hx = {h, fp::one(f)}, hc = {w.get("layers.0.mlp.w2").at({0, o}), w.get("layers.0.mlp.b2").values[o]};
    y.push_back(fp::fadd(f, x1[o], fp::fdot(f, hx, hc, fp::accumulation::exact)));
  }
  CHECK(model::run_reference(c, in).y == y);
}

TEST_CASE("reference: absolute and relative RoPE agree to a few ulps") {
  json j = base_model();
  j["seq_len"] = 6;
  model::model_config abs_m = model::parse_model(j, "m.json", ".");
  j["rope"] = {{"form", "relative"}};
  model::model_config rel_m = model::parse_model(j, "m.json", ".");
  model::model_weights w = model::make_weights(abs_m);
  word::circuit a = model::build_transformer(abs_m, w), r = model::build_transformer(rel_m, w);
  for (uint64_t seed = 0; seed < 5; ++seed) {
    model::model_input in = model::random_input(abs_m, seed);
    std::vector<mpz_class> ya = model::run_reference(a, in).y, yr = model::run_reference(r, in).y;
    for (size_t k = 0; k < ya.size(); ++k) {
      double da = fp::to_double(abs_m.format, ya[k]), dr = fp::to_double(abs_m.format, yr[k]);
      CHECK(std::abs(da - dr) <= 0.25 * std::max(1.0, std::abs(da)));  // p = 8: a few ulps after LN
    }
  }
}

TEST_CASE("word circuit: operand checks") {
  word::circuit c(fp::float_format{8, 5}, fp::accumulation::exact);
  word::node_id t = c.input_int("t", 2);
  CHECK_THROWS_AS(c.unary(word::op::fexp, t), input_error);
  std::vector<mpz_class> table(5, fp::one({8, 5}));
  CHECK_THROWS_AS(c.lookup(t, table), input_error);
  word::node_id x = c.input_float("x");
  CHECK(c.constant(fp::one({8, 5})) == c.constant(fp::one({8, 5})));
  std::vector<word::node_id> xs = {x};
  std::vector<word::node_id> none;
  CHECK_THROWS_AS(c.dot(xs, none), input_error);
}
}
