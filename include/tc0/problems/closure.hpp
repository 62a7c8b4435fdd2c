// The closure problem: is a word in F*, for a fixed finite set F of words (the tensor-attention
// paper's (A_{F,r})* read as F* with every word of F of length <= r; docs/problems.md says why).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tc0/problems/automaton.hpp"

namespace tc0 {

struct closure_language {
  std::string alphabet;             // one character per letter; token code = index, pad = size
  std::vector<std::string> words;   // F: non-empty words over the alphabet
};

// The default F: a hard case, found by the search in docs/problems.md: the syntactic monoid of
// F* contains a non-solvable group, so membership in F* is NC1-complete.
closure_language default_closure_language();

// Parses "--alphabet" and "--words" (comma separated) into a language; input_error names the
// offending word and position.
closure_language parse_closure_language(std::string_view alphabet, std::string_view words_csv);

// Checks the language (distinct letters, non-empty words over the alphabet, lengths <= 64,
// at most 64 words); input_error otherwise.
void validate_closure_language(const closure_language& f);

// The minimal DFA of F* (subset construction over the trie of F, then minimize).
automaton closure_automaton(const closure_language& f);

// Direct reference: [w in F*] by dynamic programming over the prefixes of w (reach[i] = some
// word of F ends at i and starts at a reachable prefix). Pad tokens are skipped (the empty
// word); an unknown token code throws input_error("position I", ...).
bool in_closure(const closure_language& f, std::span<const uint32_t> tokens);

std::string closure_words_text(const closure_language& f);  // "{0, 11, 101, 1001}"

}  // namespace tc0
