// Automata: validation, the tc0-dfa/1 JSON format, the direct run, minimization and the
// balanced composition tree that multiplies a word out in gates.
#include "tc0/problems/automaton.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "tc0/errors.hpp"

namespace tc0 {

void validate_automaton(const automaton& a, std::string_view where) {
  const std::string w(where);
  if (a.num_states == 0 || a.num_states > max_automaton_states)
    throw input_error(w + ": states", "expected 1.." + std::to_string(max_automaton_states) + " states, got " +
                                          std::to_string(a.num_states));
  if (a.letters.empty() || a.letters.size() > max_automaton_letters)
    throw input_error(w + ": alphabet", "expected 1.." + std::to_string(max_automaton_letters) + " letters, got " +
                                            std::to_string(a.letters.size()));
  std::set<std::string> seen;
  for (size_t i = 0; i < a.letters.size(); ++i) {
    if (a.letters[i].empty()) throw input_error(w + ": alphabet[" + std::to_string(i) + "]", "expected a non-empty name");
    if (!seen.insert(a.letters[i]).second)
      throw input_error(w + ": alphabet[" + std::to_string(i) + "]", "duplicate letter '" + a.letters[i] + "'");
  }
  if (a.delta.size() != a.letters.size())
    throw input_error(w + ": delta", "expected one row per letter (" + std::to_string(a.letters.size()) + "), got " +
                                         std::to_string(a.delta.size()));
  for (size_t l = 0; l < a.delta.size(); ++l) {
    if (a.delta[l].size() != a.num_states)
      throw input_error(w + ": delta[" + std::to_string(l) + "]",
                        "expected " + std::to_string(a.num_states) + " next states, got " + std::to_string(a.delta[l].size()));
    for (size_t q = 0; q < a.num_states; ++q)
      if (a.delta[l][q] >= a.num_states)
        throw input_error(w + ": delta[" + std::to_string(l) + "][" + std::to_string(q) + "]",
                          "expected a state 0.." + std::to_string(a.num_states - 1) + ", got " + std::to_string(a.delta[l][q]));
  }
  if (a.start >= a.num_states)
    throw input_error(w + ": start", "expected a state 0.." + std::to_string(a.num_states - 1) + ", got " + std::to_string(a.start));
  if (a.accepting.size() != a.num_states) throw input_error(w + ": accepting", "internal: one flag per state expected");
}

automaton automaton_from_json(const nlohmann::json& j, std::string_view where) {
  const std::string w(where);
  if (!j.is_object()) throw input_error(w, "expected a JSON object (tc0-dfa/1)");
  static const std::set<std::string> known = {"format", "name", "states", "alphabet", "start", "accepting", "delta"};
  for (auto it = j.begin(); it != j.end(); ++it)
    if (!known.count(it.key()))
      throw input_error(w + ": " + it.key(), "unknown key (known: format, name, states, alphabet, start, accepting, delta)");
  if (!j.contains("format") || j["format"] != "tc0-dfa/1") throw input_error(w + ": format", "expected \"tc0-dfa/1\"");
  auto need = [&](const char* key) -> const nlohmann::json& {
    if (!j.contains(key)) throw input_error(w + ": " + key, "missing key");
    return j[key];
  };
  auto as_index = [&](const nlohmann::json& v, const std::string& key) -> uint32_t {
    if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > int64_t{1} << 30)
      throw input_error(w + ": " + key, "expected a non-negative integer");
    return static_cast<uint32_t>(v.get<int64_t>());
  };
  automaton a;
  a.num_states = as_index(need("states"), "states");
  if (a.num_states == 0 || a.num_states > max_automaton_states)
    throw input_error(w + ": states", "expected 1.." + std::to_string(max_automaton_states) + ", got " + std::to_string(a.num_states));
  const nlohmann::json& alpha = need("alphabet");
  if (!alpha.is_array()) throw input_error(w + ": alphabet", "expected an array of letter names");
  for (size_t i = 0; i < alpha.size(); ++i) {
    if (!alpha[i].is_string()) throw input_error(w + ": alphabet[" + std::to_string(i) + "]", "expected a string");
    a.letters.push_back(alpha[i].get<std::string>());
  }
  a.start = as_index(need("start"), "start");
  a.accepting.assign(a.num_states, 0);
  const nlohmann::json& acc = need("accepting");
  if (!acc.is_array()) throw input_error(w + ": accepting", "expected an array of states");
  for (size_t i = 0; i < acc.size(); ++i) {
    const uint32_t q = as_index(acc[i], "accepting[" + std::to_string(i) + "]");
    if (q >= a.num_states)
      throw input_error(w + ": accepting[" + std::to_string(i) + "]",
                        "expected a state 0.." + std::to_string(a.num_states - 1) + ", got " + std::to_string(q));
    a.accepting[q] = 1;
  }
  const nlohmann::json& d = need("delta");
  if (!d.is_array()) throw input_error(w + ": delta", "expected an array with one row per letter");
  for (size_t l = 0; l < d.size(); ++l) {
    const std::string key = "delta[" + std::to_string(l) + "]";
    if (!d[l].is_array()) throw input_error(w + ": " + key, "expected an array of next states");
    std::vector<uint32_t> row;
    for (size_t q = 0; q < d[l].size(); ++q) row.push_back(as_index(d[l][q], key + "[" + std::to_string(q) + "]"));
    a.delta.push_back(std::move(row));
  }
  validate_automaton(a, where);
  return a;
}

nlohmann::json automaton_to_json(const automaton& a) {
  nlohmann::json acc = nlohmann::json::array();
  for (uint32_t q = 0; q < a.num_states; ++q)
    if (a.accepting[q]) acc.push_back(q);
  return {{"format", "tc0-dfa/1"}, {"states", a.num_states}, {"alphabet", a.letters},
          {"start", a.start},      {"accepting", acc},        {"delta", a.delta}};
}

uint32_t run_automaton(const automaton& a, std::span<const uint32_t> tokens, uint32_t from) {
  uint32_t q = from;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const uint32_t t = tokens[i];
    if (t == a.pad()) continue;
    if (t > a.pad())
      throw input_error("position " + std::to_string(i),
                        "unknown token code " + std::to_string(t) + " (letters 0.." + std::to_string(a.pad() - 1) +
                            ", pad " + std::to_string(a.pad()) + ")");
    q = a.delta[t][q];
  }
  return q;
}

automaton minimize(const automaton& a) {
  // Reachable states in breadth-first order.
  std::vector<int64_t> order_of(a.num_states, -1);
  std::vector<uint32_t> reach{a.start};
  order_of[a.start] = 0;
  for (size_t i = 0; i < reach.size(); ++i)
    for (uint32_t l = 0; l < a.num_letters(); ++l) {
      const uint32_t r = a.delta[l][reach[i]];
      if (order_of[r] < 0) {
        order_of[r] = static_cast<int64_t>(reach.size());
        reach.push_back(r);
      }
    }
  // Moore refinement over the reachable states: class = (accepting, classes of successors).
  const size_t n = reach.size();
  std::vector<uint32_t> cls(n);
  for (size_t i = 0; i < n; ++i) cls[i] = a.accepting[reach[i]];
  size_t num_classes = 0;
  for (;;) {
    std::map<std::vector<uint32_t>, uint32_t> ids;
    std::vector<uint32_t> next(n);
    for (size_t i = 0; i < n; ++i) {
      std::vector<uint32_t> key{cls[i]};
      for (uint32_t l = 0; l < a.num_letters(); ++l) key.push_back(cls[order_of[a.delta[l][reach[i]]]]);
      next[i] = ids.emplace(std::move(key), static_cast<uint32_t>(ids.size())).first->second;
    }
    const size_t count = ids.size();
    cls = std::move(next);
    if (count == num_classes) break;
    num_classes = count;
  }
  // Renumber classes in breadth-first order of their first member.
  std::vector<int64_t> renum(num_classes, -1);
  uint32_t next_id = 0;
  for (size_t i = 0; i < n; ++i)
    if (renum[cls[i]] < 0) renum[cls[i]] = next_id++;
  automaton m;
  m.num_states = next_id;
  m.letters = a.letters;
  m.start = static_cast<uint32_t>(renum[cls[0]]);
  m.accepting.assign(m.num_states, 0);
  m.delta.assign(a.num_letters(), std::vector<uint32_t>(m.num_states, 0));
  for (size_t i = 0; i < n; ++i) {
    const uint32_t c = static_cast<uint32_t>(renum[cls[i]]);
    m.accepting[c] = a.accepting[reach[i]];
    for (uint32_t l = 0; l < a.num_letters(); ++l)
      m.delta[l][c] = static_cast<uint32_t>(renum[cls[order_of[a.delta[l][reach[i]]]]]);
  }
  return m;
}

namespace {

// Token width for L letters plus pad.
uint32_t code_width(uint32_t codes) {
  uint32_t w = 1;
  while ((uint64_t{1} << w) < codes) ++w;
  return w;
}

// [t == c] as one AND over the token literals.
lit code_equals(builder& b, const bits& t, uint32_t c) {
  std::vector<lit> in;
  for (size_t i = 0; i < t.size(); ++i) in.push_back(((c >> i) & 1u) ? t[i] : !t[i]);
  return b.and_(in);
}

// f then g; f may be a single row.
transformation_bits compose(builder& b, const transformation_bits& f, const transformation_bits& g) {
  const size_t q = g.size();
  transformation_bits h(f.size(), bits(q));
  std::vector<lit> terms;
  for (size_t from = 0; from < f.size(); ++from)
    for (size_t to = 0; to < q; ++to) {
      terms.clear();
      for (size_t s = 0; s < q; ++s) {
        const lit t = b.and_({f[from][s], g[s][to]});
        if (t != lit_false) terms.push_back(t);
      }
      h[from][to] = b.or_(terms);
    }
  return h;
}

}  // namespace

transformation_bits word_product(builder& b, const automaton& a, std::span<const bits> tokens,
                                 const word_product_params& params) {
  const uint32_t q = a.num_states, codes = a.num_letters() + 1;
  const uint32_t w = code_width(codes);
  for (const bits& t : tokens)
    if (t.size() != w) throw input_error("word_product", "token buses must have " + std::to_string(w) + " bits");
  if (params.only_row >= static_cast<int64_t>(q)) throw input_error("word_product", "only_row is not a state");
  if (tokens.empty()) {
    transformation_bits id(q, bits(q, lit_false));
    for (uint32_t s = 0; s < q; ++s) id[s][s] = lit_true;
    if (params.only_row >= 0) return {id[params.only_row]};
    return id;
  }
  uint32_t k = params.leaf_tokens;
  if (k == 0) {
    k = 1;
    uint64_t patterns = codes;
    while (k < tokens.size() && patterns * codes <= params.max_leaf_patterns) {
      patterns *= codes;
      ++k;
    }
  }
  // The transformation of every letter, pad last (identity).
  std::vector<std::vector<uint32_t>> act(a.delta);
  std::vector<uint32_t> identity(q);
  for (uint32_t s = 0; s < q; ++s) identity[s] = s;
  act.push_back(identity);

  std::vector<transformation_bits> level;
  {
    auto scope = b.scope("leaves");
    std::vector<std::vector<lit>> eq(tokens.size());  // eq[i][c] = [t_i == c]
    for (size_t i = 0; i < tokens.size(); ++i)
      for (uint32_t c = 0; c < codes; ++c) eq[i].push_back(code_equals(b, tokens[i], c));
    for (size_t first = 0; first < tokens.size(); first += k) {
      const size_t len = std::min<size_t>(k, tokens.size() - first);
      std::vector<std::vector<std::vector<lit>>> terms(q, std::vector<std::vector<lit>>(q));
      std::vector<uint32_t> tuple(len, 0);
      for (;;) {
        std::vector<lit> in;
        for (size_t j = 0; j < len; ++j) in.push_back(eq[first + j][tuple[j]]);
        const lit hit = len == 1 ? in[0] : b.and_(in);
        for (uint32_t s = 0; s < q; ++s) {
          uint32_t r = s;
          for (size_t j = 0; j < len; ++j) r = act[tuple[j]][r];
          terms[s][r].push_back(hit);
        }
        size_t j = 0;
        while (j < len && ++tuple[j] == codes) tuple[j++] = 0;
        if (j == len) break;
      }
      std::vector<uint32_t> rows;
      if (first == 0 && params.only_row >= 0) rows.push_back(static_cast<uint32_t>(params.only_row));
      else
        for (uint32_t s = 0; s < q; ++s) rows.push_back(s);
      transformation_bits m(rows.size(), bits(q));
      for (size_t i = 0; i < rows.size(); ++i)
        for (uint32_t r = 0; r < q; ++r) m[i][r] = b.or_(terms[rows[i]][r]);
      level.push_back(std::move(m));
    }
  }
  auto scope = b.scope("tree");
  while (level.size() > 1) {
    std::vector<transformation_bits> up;
    for (size_t i = 0; i + 1 < level.size(); i += 2) up.push_back(compose(b, level[i], level[i + 1]));
    if (level.size() % 2) up.push_back(std::move(level.back()));
    level = std::move(up);
  }
  return std::move(level[0]);
}

}  // namespace tc0
