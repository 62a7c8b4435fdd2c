// Fully parenthesized formulas over Z_q, the grammar shared by bfvp (q = 2: and, or, not) and afe
// (q prime: +, *): token codes, the direct solver, the generator and the log-depth circuit.
#pragma once
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tc0/circuit/builder.hpp"

namespace tc0 {

enum class formula_token : uint8_t { constant, op_and, op_or, op_plus, op_times, op_not, open, close, pad };

// F -> c | ! F (bfvp only) | ( F op F ). Codes: bfvp 0 1 & | ! ( ) pad = 0..7; afe: constants
// 0..q-1, then + * ( ) pad = q..q+4 (problems.md).
struct formula_grammar {
  std::string name;      // "bfvp" or "afe"
  uint32_t modulus = 2;  // q
  bool boolean = true;   // bfvp: and/or/not; afe: plus/times

  uint32_t num_codes() const { return modulus + (boolean ? 6 : 5); }
  uint32_t pad() const { return num_codes() - 1; }
  formula_token kind(uint32_t code) const;  // pad for codes >= num_codes() too
  uint32_t code(formula_token t) const;     // for constants use the value itself
  std::string text(uint32_t code) const;    // "(", "&", "3", ...
};

formula_grammar bfvp_grammar();
// q must be a prime 2..61 (input_error otherwise): products are evaluated through discrete
// logarithms, which need the units of Z_q to form a cyclic group.
formula_grammar afe_grammar(uint32_t q);

// The value of the formula in `tokens` (pads allowed only after it), by a direct stack
// evaluation. Malformed input throws input_error("position I", "expected ..., found ...").
uint32_t evaluate_formula(const formula_grammar& g, std::span<const uint32_t> tokens);

// Text <-> tokens: bfvp "((1&0)|!0)"; afe "((3+4)*6)" (constants in decimal). Whitespace is
// skipped; an unknown character or a constant outside Z_q throws input_error naming the
// character position. No structural check (evaluate_formula does that).
std::vector<uint32_t> parse_formula_text(const formula_grammar& g, std::string_view text);
std::string formula_text(const formula_grammar& g, std::span<const uint32_t> tokens);

// Generator shapes: balanced (even splits), left / right (path-like: one operand a constant, the
// depth grows linearly), zigzag (path-like, alternating sides), random (uniform splits), nots
// (bfvp: a chain of negations, the deepest formula of its length), short (random length).
enum class formula_shape : uint8_t { balanced, left, right, zigzag, random, nots, short_ };
const char* formula_shape_name(formula_shape s);

// The longest formula length <= max_len the grammar allows (afe: lengths 1 mod 4), 0 if none.
uint32_t formula_fit_length(const formula_grammar& g, uint32_t max_len);
// A random formula of exactly `len` tokens (len must be a length the grammar allows).
std::vector<uint32_t> random_formula(const formula_grammar& g, uint32_t len, formula_shape shape, std::mt19937_64& rng);
// Nesting depth of a well-formed formula (a constant has depth 0).
uint32_t formula_depth(const formula_grammar& g, std::span<const uint32_t> tokens);

struct formula_circuit_stats {
  uint32_t levels = 0;  // ceil(log2 N) rounds of chain evaluation
};

// The one-hot value (q literals, [value = r]) of the formula in the token buses (N buses of
// ceil(log2 num_codes) bits; a formula padded on the right). Malformed inputs give an
// unspecified value. Construction ([D], in the manner of parallel tree contraction but with a
// schedule fixed by positions; docs/results.md "Formulas"): bfvp is arithmetic over Z_2 (and:
// c x, or: (1-c) x + c, not: x + 1), afe over Z_q, so a node with one operand known is an
// affine map of the other.
//   static part (once): token decode; paren depths D(i) by blocked prefix counts and a
//   subtraction (depth 10); pairwise relations [D(y) >= D(x) (+1)], [D(y) = D(x)] (exp: one
//   weighted gate, majority: compare, depth 3); AND tables over runs of '!'.
//   level l = 1 .. ceil(log2 N): in every aligned segment of 2^l tokens with midpoint m, the
//   nodes whose span contains m-1 and m form a chain, found from the depths; each is an affine
//   map of its child towards m (the other child is complete: it starts at x+1 or o+1 for the
//   node's '(' at x and operator at o), and the child adjacent to m is a constant map. With w*
//   the first constant map at or below v, val(v) = g^(-Lambda(v)) (T(w*+1) - T(v)), Lambda the
//   prefix sums of the discrete logs of the a's mod q-1, T the prefix sums of b_y g^Lambda(y)
//   mod q (thermometers over blocks). Nodes ending inside the segment store their value.
// Depth (measured): bfvp 8 log2 N + 4 (exp, N = 16..1024) / + 6 (majority, N = 16..256),
// i.e. 6 per level up to N = 16 and 8 above (blocked prefix parities); afe (q = 7)
// 19 log2 N - 30 (exp) / - 28 (majority) for N = 32..1024. Size: O(S^2) gates per segment of S
// tokens, O(N^2) gates and O(N^2 log N) edges in all; measured bfvp N = 256: 415k gates,
// 2.8M edges (exp); afe N = 256: 1.0M gates, 8.7M edges.
std::vector<lit> formula_value(builder& b, const formula_grammar& g, std::span<const bits> tokens,
                               weight_regime regime, formula_circuit_stats* stats = nullptr);

}  // namespace tc0
