// What `tc0 problem` reports: a circuit checked against the reference solver on instances, and
// the size and depth of the circuits over a range of N with the fits depth = a log2 N + b and
// size = c N^k.
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tc0/circuit/circuit.hpp"
#include "tc0/problems/problem.hpp"

namespace tc0 {

struct check_result {
  uint64_t instances = 0;
  uint64_t mismatches = 0;
  std::string first_mismatch;  // "'((1&0)|!0)': expected z=1, got z=0"
};

// Simulates `c` (built by p.build for instances of c's size) on the token strings and compares
// every output bus with p.solve. Each word must have exactly as many tokens as c has inputs.
check_result check_circuit(const problem& p, const circuit& c, const std::vector<std::vector<uint32_t>>& words);

// `tc0 verify` for problem circuits: rebuilds the problem from c.source() and checks `count`
// generated instances (seeded) of the circuit's size. input_error if the source is not a
// problem record or the buses do not match it.
check_result verify_problem_circuit(const circuit& c, uint64_t count, uint64_t seed);

struct sweep_point {
  uint32_t size = 0;
  uint64_t gates = 0, edges = 0, weighted_edges = 0;
  uint32_t depth = 0;
  double build_seconds = 0;
  check_result check;  // instances 0 when not checked
};

struct sweep_fit {
  double a = 0, b = 0;            // depth = a log2 N + b (least squares)
  double c = 0, k = 0;            // gates = c N^k (least squares in log-log)
  double edges_c = 0, edges_k = 0;
  double depth_r2 = 0, size_r2 = 0;
  // gates = c N^k over the upper half of the sizes only (the asymptotic exponent, without the
  // small-N start-up costs); from = the smallest size it uses.
  double tail_c = 0, tail_k = 0;
  uint32_t tail_from = 0;
};

struct sweep_params {
  weight_regime regime = weight_regime::exp;
  uint64_t check = 0;  // random instances checked per size
  uint64_t seed = 1;
  std::function<void(uint32_t size, size_t index, size_t total)> progress;
};

struct sweep_result {
  nlohmann::json problem;  // describe()
  std::string weights;
  std::vector<sweep_point> points;
  sweep_fit fit;
};

sweep_result sweep_problem(const problem& p, std::span<const uint32_t> sizes, const sweep_params& params);
sweep_fit fit_sweep(const std::vector<sweep_point>& points);

// {"format": "tc0-problem-sweep/1", "version": ..., "problem": {...}, "weights": ...,
//  "points": [{"size", "gates", "edges", "weighted_edges", "depth", "build_seconds",
//  "checked", "mismatches"}], "fit": {"depth": {"a", "b", "r2"}, "gates": {"c", "k", "r2"},
//  "edges": {"c", "k"}, "gates_upper_half": {"c", "k", "from"}}}
nlohmann::json sweep_to_json(const sweep_result& r);
std::string format_sweep_table(const sweep_result& r);

// "8,16,32" -> sizes; input_error("--sweep", ...) on anything else.
std::vector<uint32_t> parse_size_list(std::string_view text);

}  // namespace tc0
