// What the theory promises, on compiled models: depth the same for every n (and every p of one
// construction regime), depth linear in the number of layers, size polynomial in n.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "tc0/analysis/levels.hpp"
#include "tc0/model/compile.hpp"

using namespace tc0;
using nlohmann::json;

namespace {

// d = 2 and one head keep each build small; eps = 2^-5 is representable at every format used, so
// no LayerNorm constant folds away at one precision and not at another.
json base(const std::string& extra) {
  json j = json::parse(R"({"format": "tc0-model/1", "seq_len": 2, "d_model": 2, "layers": 1, "heads": 1,
    "d_head": 2, "mlp": {"hidden": 2, "activation": "relu"}, "ln_eps": 0.03125, "precision": {"p": 4, "e": 4},
    "weights": {"init": "normal", "seed": 1, "scale": 0.5}})");
  j.merge_patch(json::parse(extra));
  return j;
}

struct measured {
  uint32_t depth;
  uint64_t gates;
};

measured compile(const json& j) {
  model::compiled_model cm = model::compile_model(model::parse_model(j, "test", "."), {});
  return {circuit_depth(cm.gates, compute_levels(cm.gates)), cm.gates.num_gates()};
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("properties: depth is the same for n = 2 3 4") {
  uint32_t d2 = compile(base(R"({"seq_len": 2})")).depth;
  CHECK(compile(base(R"({"seq_len": 3})")).depth == d2);
  CHECK(compile(base(R"({"seq_len": 4})")).depth == d2);
}
}

TEST_SUITE("slow") {
TEST_CASE("properties: depth is flat and size polynomial for n = 2 to 8") {
  std::vector<double> logn, logg;
  uint32_t depth = 0;
  for (uint32_t n : {2u, 3u, 4u, 6u, 8u}) {
    measured m = compile(base("{\"seq_len\": " + std::to_string(n) + "}"));
    if (n == 2) depth = m.depth;
    CHECK(m.depth == depth);
    logn.push_back(std::log(n));
    logg.push_back(std::log(static_cast<double>(m.gates)));
  }
  // Least-squares slope on log-log: attention is ~n^2 d, the per-row work ~n; both polynomial.
  double mx = 0, my = 0;
  for (size_t i = 0; i < logn.size(); ++i) mx += logn[i] / logn.size(), my += logg[i] / logn.size();
  double sxy = 0, sxx = 0;
  for (size_t i = 0; i < logn.size(); ++i) sxy += (logn[i] - mx) * (logg[i] - my), sxx += (logn[i] - mx) * (logn[i] - mx);
  double exponent = sxy / sxx;
  CHECK(exponent > 1.0);
  CHECK(exponent < 2.5);
}

TEST_CASE("properties: depth of m layers is m times the layer plus a constant") {
  uint32_t d1 = compile(base(R"({"layers": 1})")).depth;
  uint32_t d2 = compile(base(R"({"layers": 2})")).depth;
  uint32_t d3 = compile(base(R"({"layers": 3})")).depth;
  CHECK(d2 > d1);
  CHECK(d3 - d2 == d2 - d1);
}

TEST_CASE("properties: depth is the same for p = 8 to 12") {
  // Below p = 8 frsqrt's plan has one stage less (docs/floats.md): a different construction.
  uint32_t d8 = compile(base(R"({"precision": {"p": 8, "e": 5}})")).depth;
  for (int p : {9, 10, 12}) {
    CAPTURE(p);
    CHECK(compile(base("{\"precision\": {\"p\": " + std::to_string(p) + ", \"e\": 5}}")).depth == d8);
  }
}
}
