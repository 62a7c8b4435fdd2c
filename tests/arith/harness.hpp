// Test harness for blocks: simulate a circuit on given bus values and read the output buses back.
#pragma once
#include <string>
#include <initializer_list>
#include <doctest/doctest.h>
#include "tc0/gen/verify.hpp"
#include "tc0/gen/gen.hpp"
#include <gmpxx.h>

#include <cstdint>
#include <vector>

#include "tc0/analysis/stats.hpp"
#include "tc0/circuit/builder.hpp"
#include "tc0/sim/naive.hpp"
#include "tc0/sim/simulator.hpp"

namespace tc0::test {

using values = std::vector<mpz_class>;  // one per bus

// Both weight regimes, for loops over them.
inline constexpr weight_regime regimes[] = {weight_regime::exp, weight_regime::majority};

// The naive evaluator is the reference semantics; the fast simulator is tested in tests/sim.
inline bool use_naive = true;

// Output bus values for each input vector (bus values in the circuit's input order).
inline std::vector<values> run(const circuit& c, const std::vector<values>& vectors) {
  pattern_set in(c.num_input_bits(), vectors.size());
  for (size_t p = 0; p < vectors.size(); ++p) {
    uint32_t first = 0;
    for (size_t i = 0; i < c.inputs().size(); ++i) {
      const uint32_t w = static_cast<uint32_t>(c.inputs()[i].lits.size());
      in.set_value(first, w, p, vectors[p][i]);
      first += w;
    }
  }
  pattern_set out = use_naive ? simulate_naive(c, in) : simulate(c, in);
  std::vector<values> r(vectors.size());
  for (size_t p = 0; p < vectors.size(); ++p) {
    uint32_t first = 0;
    for (const bus& b : c.outputs()) {
      const uint32_t w = static_cast<uint32_t>(b.lits.size());
      r[p].push_back(out.get_value(first, w, p));
      first += w;
    }
  }
  return r;
}

// Every combination of the input buses (total width <= 20), as bus values.
inline std::vector<values> all_vectors(const circuit& c) {
  const uint32_t total = c.num_input_bits();
  std::vector<values> v;
  for (uint64_t q = 0; q < (uint64_t{1} << total); ++q) {
    values vals;
    uint32_t first = 0;
    for (const bus& b : c.inputs()) {
      const uint32_t w = static_cast<uint32_t>(b.lits.size());
      vals.push_back(mpz_class(static_cast<unsigned long>((q >> first) & ((uint64_t{1} << w) - 1))));
      first += w;
    }
    v.push_back(vals);
  }
  return v;
}

// Input vectors whose output bus values differ from expected(vector).
template <class Expected>
uint64_t mismatching_vectors(const circuit& c, const std::vector<values>& in, const Expected& expected) {
  const std::vector<values> out = run(c, in);
  uint64_t bad = 0;
  for (size_t p = 0; p < in.size(); ++p)
    if (out[p] != expected(in[p])) ++bad;
  return bad;
}

inline uint32_t depth_of(const circuit& c) { return compute_stats(c).depth; }

// k input buses x0, x1, ... of `width` bits each.
inline std::vector<bits> input_buses(builder& b, uint32_t k, uint32_t width) {
  std::vector<bits> xs;
  for (uint32_t i = 0; i < k; ++i) xs.push_back(b.input("x" + std::to_string(i), width));
  return xs;
}

// What the majority regime allows: unit weights only and no general threshold gates.
inline void check_unit_weights(const circuit_stats& s) {
  CHECK(s.max_abs_weight == 1);
  CHECK(s.gates_by_kind[gate_kind_index(node_kind::thr)] == 0);
}

// Calls check(r, k, width) for every regime, operand count k and width (in that nesting) whose
// k * width is at most max_exp (exp regime) or max_majority, with the three captured for failures.
template <class Check>
void for_each_shape(std::initializer_list<uint32_t> ks, std::initializer_list<uint32_t> widths, uint32_t max_exp,
                    uint32_t max_majority, const Check& check) {
  for (weight_regime r : regimes)
    for (uint32_t k : ks)
      for (uint32_t width : widths) {
        if (k * width > (r == weight_regime::exp ? max_exp : max_majority)) continue;
        CAPTURE(std::string(regime_name(r)));
        CAPTURE(k);
        CAPTURE(width);
        check(r, k, width);
      }
}

// generate + verify_circuit for every op, regime and width: each must show 0 mismatches.
inline void check_gen_ops_verify(std::initializer_list<const char*> ops, std::initializer_list<uint32_t> widths,
                                 uint64_t random_vectors, uint64_t seed) {
  for (const char* name : ops)
    for (weight_regime r : regimes)
      for (uint32_t width : widths) {
        CAPTURE(std::string(name));
        CAPTURE(std::string(regime_name(r)));
        CAPTURE(width);
        gen_options o;
        o.op = name;
        o.width = width;
        o.regime = r;
        verify_result v = verify_circuit(generate(o), random_vectors, seed);
        CHECK(v.mismatches == 0);
        CHECK(v.first_mismatch == "");
      }
}

}  // namespace tc0::test
