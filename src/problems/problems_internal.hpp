// Internals shared by the problem implementations: the factories behind make_problem, the
// output-cone sweep, and the counting helpers the formula circuits are made of.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "tc0/circuit/builder.hpp"
#include "tc0/problems/problem.hpp"

namespace tc0::problems_detail {

std::unique_ptr<problem> make_bfvp();
std::unique_ptr<problem> make_afe(uint32_t modulus);
std::unique_ptr<problem> make_s5();
std::unique_ptr<problem> make_closure(const closure_language& f);
std::unique_ptr<problem> make_automaton(const automaton& a, const std::string& path);

// The circuit restricted to the gates some output depends on (builders may leave unused
// gates, e.g. the lt output of a comparison of which only eq is read). Node order, modules,
// names and source are kept.
circuit keep_output_cone(circuit c);

// A value of Z_M as a one-hot vector of M literals (exactly one true for well-formed inputs).
using onehot = std::vector<lit>;

struct linear_term {
  lit l;
  int64_t w = 1;  // >= 1
};

// y[u-1] = [V >= u] for u = 1..sum of weights, V = sum w*l. One gate each (unit weights: maj;
// otherwise thr in exp, repeated wires in majority). Depth 1.
bits thermometer_of(builder& b, std::span<const linear_term> terms, weight_regime regime);
// The same up to u = max_value only (the caller knows V <= max_value on well-formed inputs).
bits thermometer_of(builder& b, std::span<const linear_term> terms, uint64_t max_value, weight_regime regime);

// [f(V)] for V read from its thermometer y (y[u-1] = [V >= u]), by T1: one unit-weight gate,
// depth 1 over y. f is evaluated at 0..y.size().
lit thermometer_readout(builder& b, const bits& y, const std::function<bool(uint64_t)>& f);

// One-hot of V mod M, and the binary digits of V (width bits), from V's thermometer.
onehot thermometer_mod(builder& b, const bits& y, uint32_t modulus);
bits thermometer_binary(builder& b, const bits& y, uint32_t width);
// Of V + offset.
onehot thermometer_mod(builder& b, const bits& y, uint32_t modulus, uint64_t offset);
bits thermometer_binary(builder& b, const bits& y, uint32_t width, uint64_t offset);

// Prefix sums mod M: out[i] = one-hot of (sum_{j<i} sum_r r*values[j][r]) mod M for i = 0..n
// (values[j] one-hot or all zero). Blocks of B items: block totals (thermometer, mod), block
// prefixes over the totals (thermometer, mod), then per item a thermometer over its block
// prefix and the items before it in the block (thermometer, mod). Depth 6 (2 when n <= B);
// O(n B^2 M^2 + (n/B)^3 M^2) edges, B chosen to minimise it.
std::vector<onehot> prefix_sums_mod(builder& b, const std::vector<onehot>& values, uint32_t modulus,
                                    weight_regime regime);
// The same over items given as linear terms (weights taken mod M by the read-out), each item
// contributing at most item_max on well-formed inputs (e.g. exclusive terms of one lookup).
// shallow: block prefixes read the items themselves instead of the block totals: depth 4 (2 when
// n <= 16) for O(n^(5/3)) more edges, worth it when items are single bits (parities).
std::vector<onehot> prefix_sums_mod(builder& b, const std::vector<std::vector<linear_term>>& items, uint64_t item_max,
                                    uint32_t modulus, weight_regime regime, bool shallow);

// Prefix counts in binary: out[i] = offset + sum_{j<i} x_j as `width` bits, i = 0..n, for a
// constant offset >= 0. Blocks: in-block thermometer and binary (2), block totals (2), block
// prefixes (thermometer over the totals' bits, binary: 4), then one add (3): depth 7.
std::vector<bits> prefix_counts(builder& b, std::span<const lit> x, uint64_t offset, uint32_t width,
                                weight_regime regime);

// Multiplexer-free selection of a one-hot result: OR_j (sel_j AND v_j[r]) per r, depth 2.
onehot select_onehot(builder& b, std::span<const lit> sel, std::span<const onehot> values);

}  // namespace tc0::problems_detail
