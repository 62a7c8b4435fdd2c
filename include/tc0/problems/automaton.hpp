// Finite automata for the word problems (s5, closure, a user's DFA): the automaton, its direct run,
// minimization, and the log-depth gate circuit that multiplies out a whole word.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tc0/circuit/builder.hpp"

namespace tc0 {

// A deterministic automaton over letters 0..L-1. Token code = letter index; code L is the pad
// token, which acts as the identity (the empty word). For a transformation semigroup given by
// its generators (S5 on 5 points) `start` and `accepting` may be ignored by the reader.
struct automaton {
  uint32_t num_states = 0;
  std::vector<std::string> letters;              // letter names, token code = index
  std::vector<std::vector<uint32_t>> delta;      // delta[letter][state] = next state
  uint32_t start = 0;
  std::vector<uint8_t> accepting;                // per state, 0 or 1

  uint32_t num_letters() const { return static_cast<uint32_t>(letters.size()); }
  uint32_t pad() const { return num_letters(); }
};

// Limits that keep the circuit and the monoid computations in reach.
inline constexpr uint32_t max_automaton_states = 256;
inline constexpr uint32_t max_automaton_letters = 1024;

// Throws input_error(where, ...) naming the offending key when `a` is not a well-formed DFA.
void validate_automaton(const automaton& a, std::string_view where);

// The `tc0-dfa/1` JSON format (docs/problems.md):
//   {"format": "tc0-dfa/1", "states": Q, "alphabet": ["a", "b"], "start": 0,
//    "accepting": [0, 2], "delta": [[...Q next states for letter 0...], [...letter 1...]]}
// Unknown keys are an error. `where` names the file in messages.
automaton automaton_from_json(const nlohmann::json& j, std::string_view where);
nlohmann::json automaton_to_json(const automaton& a);

// The state reached from `from` after reading `tokens` (pad tokens are skipped). A token code
// outside 0..L throws input_error("position I", ...).
uint32_t run_automaton(const automaton& a, std::span<const uint32_t> tokens, uint32_t from);

// The minimal equivalent DFA: unreachable states dropped, equivalent states merged (Moore's
// partition refinement); states renumbered in breadth-first order from the start state.
automaton minimize(const automaton& a);

// A transformation of the automaton's Q states as gate literals: row q is the one-hot vector of
// the state that q goes to (row[q][r] = [q -> r]).
using transformation_bits = std::vector<bits>;

struct word_product_params {
  // Tokens per leaf block: a leaf reads k tokens at once (one AND per k-tuple of codes, one OR per
  // matrix entry). 0 = the largest k with (L+1)^k <= max_leaf_patterns.
  uint32_t leaf_tokens = 0;
  uint32_t max_leaf_patterns = 64;
  // >= 0: compute only the row of this state (a DFA's run from its start state); the leftmost
  // block then carries a row vector and each composition with it costs Q^2 ANDs, not Q^3.
  int64_t only_row = -1;
};

// The transformation of the word t_0 t_1 .. t_{n-1} (t_0 applied first) from the token buses
// (each ceil(log2(L+1)) bits; codes > L select nothing and give an all-zero row set). With
// params.only_row >= 0 the result has that one row.
// Construction: leaves decode k-token blocks (layer 1: AND of the k*w token literals per k-tuple
// of codes, layer 2: OR per matrix entry); then a balanced binary tree of compositions,
// h[q][r] = OR_s f[q][s] AND g[s][r] (a constant-size lookup: Q^3 ANDs, Q^2 ORs, depth 2).
// Depth 2 + 2 ceil(log2 ceil(n/k)) in both regimes (unit-weight AND/OR only); size
// O((n/k) ((L+1)^k + Q^3)) gates. Barrington (1989) / the standard NC1 upper bound for regular
// languages (balanced composition of transition functions).
transformation_bits word_product(builder& b, const automaton& a, std::span<const bits> tokens,
                                 const word_product_params& params = {});

}  // namespace tc0
