// F*: the language record, its DFA by subset construction over the trie of F, and the direct
// dynamic-programming reference.
#include "tc0/problems/closure.hpp"

#include <map>
#include <set>

#include "tc0/errors.hpp"

namespace tc0 {

closure_language default_closure_language() {
  closure_language f;
  f.alphabet = "01";
  f.words = {"1101", "01110", "01111", "10110", "10111", "11110", "111011"};
  return f;
}

void validate_closure_language(const closure_language& f) {
  if (f.alphabet.empty() || f.alphabet.size() > 16) throw input_error("--alphabet", "expected 1..16 letters");
  std::set<char> letters;
  for (size_t i = 0; i < f.alphabet.size(); ++i)
    if (!letters.insert(f.alphabet[i]).second)
      throw input_error("--alphabet", "letter '" + std::string(1, f.alphabet[i]) + "' appears twice");
  if (f.words.empty() || f.words.size() > 64) throw input_error("--words", "expected 1..64 words");
  std::set<std::string> seen;
  for (size_t k = 0; k < f.words.size(); ++k) {
    const std::string& w = f.words[k];
    const std::string where = "--words: word " + std::to_string(k + 1) + " '" + w + "'";
    if (w.empty()) throw input_error(where, "the empty word is not allowed (F* contains it anyway)");
    if (w.size() > 64) throw input_error(where, "expected at most 64 letters");
    for (size_t i = 0; i < w.size(); ++i)
      if (!letters.count(w[i]))
        throw input_error(where + ", position " + std::to_string(i),
                          "'" + std::string(1, w[i]) + "' is not a letter of the alphabet '" + f.alphabet + "'");
    if (!seen.insert(w).second) throw input_error(where, "duplicate word");
  }
}

closure_language parse_closure_language(std::string_view alphabet, std::string_view words_csv) {
  closure_language f;
  f.alphabet = std::string(alphabet);
  std::string cur;
  for (char c : words_csv) {
    if (c == ',') {
      f.words.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur += c;
    }
  }
  f.words.push_back(cur);
  validate_closure_language(f);
  return f;
}

automaton closure_automaton(const closure_language& f) {
  validate_closure_language(f);
  const uint32_t letters = static_cast<uint32_t>(f.alphabet.size());
  auto letter_of = [&](char c) { return static_cast<uint32_t>(f.alphabet.find(c)); };
  // Trie of the proper prefixes of F (node 0 = the empty prefix), and which extensions finish a word.
  std::vector<std::vector<int>> child(1, std::vector<int>(letters, -1));
  std::vector<std::vector<uint8_t>> finishes(1, std::vector<uint8_t>(letters, 0));
  for (const std::string& w : f.words) {
    int node = 0;
    for (size_t i = 0; i < w.size(); ++i) {
      const uint32_t l = letter_of(w[i]);
      if (i + 1 == w.size()) {
        finishes[node][l] = 1;
        break;
      }
      if (child[node][l] < 0) {
        child[node][l] = static_cast<int>(child.size());
        child.emplace_back(letters, -1);
        finishes.emplace_back(letters, 0);
      }
      node = child[node][l];
    }
  }
  // Subset construction: a DFA state is the set of trie nodes (pending partial words); node 0
  // in the set means a factorization has just ended (accepting).
  std::map<std::vector<uint32_t>, uint32_t> ids;
  std::vector<std::vector<uint32_t>> sets{{0}};
  ids[{0}] = 0;
  automaton a;
  a.letters.resize(letters);
  for (uint32_t l = 0; l < letters; ++l) a.letters[l] = std::string(1, f.alphabet[l]);
  a.delta.assign(letters, {});
  for (size_t i = 0; i < sets.size(); ++i) {
    for (uint32_t l = 0; l < letters; ++l) {
      std::set<uint32_t> next;
      for (uint32_t node : sets[i]) {
        if (child[node][l] >= 0) next.insert(static_cast<uint32_t>(child[node][l]));
        if (finishes[node][l]) next.insert(0);
      }
      std::vector<uint32_t> key(next.begin(), next.end());
      auto [it, fresh] = ids.emplace(key, static_cast<uint32_t>(sets.size()));
      if (fresh) sets.push_back(key);
      a.delta[l].push_back(it->second);
    }
  }
  a.num_states = static_cast<uint32_t>(sets.size());
  a.start = 0;
  a.accepting.assign(a.num_states, 0);
  for (size_t i = 0; i < sets.size(); ++i) a.accepting[i] = !sets[i].empty() && sets[i][0] == 0;
  return minimize(a);
}

bool in_closure(const closure_language& f, std::span<const uint32_t> tokens) {
  const uint32_t pad = static_cast<uint32_t>(f.alphabet.size());
  std::string w;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i] == pad) continue;
    if (tokens[i] > pad)
      throw input_error("position " + std::to_string(i), "unknown token code " + std::to_string(tokens[i]) +
                                                             " (letters 0.." + std::to_string(pad - 1) + ", pad " +
                                                             std::to_string(pad) + ")");
    w += f.alphabet[tokens[i]];
  }
  std::vector<uint8_t> reach(w.size() + 1, 0);
  reach[0] = 1;
  for (size_t i = 1; i <= w.size(); ++i)
    for (const std::string& u : f.words)
      if (u.size() <= i && reach[i - u.size()] && w.compare(i - u.size(), u.size(), u) == 0) {
        reach[i] = 1;
        break;
      }
  return reach[w.size()];
}

std::string closure_words_text(const closure_language& f) {
  std::string s = "{";
  for (size_t i = 0; i < f.words.size(); ++i) s += (i ? ", " : "") + f.words[i];
  return s + "}";
}

}  // namespace tc0
