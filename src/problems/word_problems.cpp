// The word problems through the one automaton engine: s5 (5-point action of S5, read out as the
// permutation's number), closure (the minimal DFA of F*) and a user's automaton.
#include <algorithm>
#include <random>

#include "problems_internal.hpp"
#include "tc0/errors.hpp"
#include "tc0/problems/monoid.hpp"
#include "tc0/problems/s5.hpp"

namespace tc0::problems_detail {

namespace {

uint64_t below(std::mt19937_64& rng, uint64_t n) { return n == 0 ? 0 : rng() % n; }

// Pads `w` to `size` tokens with `pad`.
std::vector<uint32_t> padded(std::vector<uint32_t> w, uint32_t size, uint32_t pad) {
  w.resize(size, pad);
  return w;
}

// Shared parts of the automaton-based problems.
class word_problem : public problem {
 public:
  explicit word_problem(automaton a) : a_(std::move(a)) {}
  uint32_t num_codes() const override { return a_.num_letters() + 1; }
  uint32_t pad() const override { return a_.pad(); }

  std::string text_of(std::span<const uint32_t> tokens) const override {
    bool spaced = false;
    for (const std::string& l : a_.letters) spaced = spaced || l.size() != 1;
    std::string s;
    for (uint32_t t : tokens) {
      if (t >= a_.num_letters()) continue;
      if (spaced && !s.empty()) s += ' ';
      s += a_.letters[t];
    }
    return s;
  }

  std::vector<uint32_t> parse_text(std::string_view text) const override {
    bool spaced = false;
    for (const std::string& l : a_.letters) spaced = spaced || l.size() != 1;
    std::vector<uint32_t> out;
    size_t i = 0;
    while (i < text.size()) {
      if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n') {
        ++i;
        continue;
      }
      size_t len = 1;
      if (spaced)
        while (i + len < text.size() && text[i + len] != ' ' && text[i + len] != '\t' && text[i + len] != '\n') ++len;
      const std::string word(text.substr(i, len));
      auto it = std::find(a_.letters.begin(), a_.letters.end(), word);
      if (it == a_.letters.end()) throw input_error("position " + std::to_string(i), "'" + word + "' is not a letter (" + letters_hint() + ")");
      out.push_back(static_cast<uint32_t>(it - a_.letters.begin()));
      i += len;
    }
    return out;
  }

 protected:
  // The instance of word w padded to `size` positions, solved by the reference.
  instance instance_of(const std::vector<uint32_t>& w, uint32_t size, const char* shape) const {
    instance inst;
    inst.length = static_cast<uint32_t>(w.size());
    inst.text = text_of(w);
    inst.tokens = padded(w, size, pad());
    inst.outputs = solve(inst.tokens);
    inst.shape = shape;
    return inst;
  }

  std::string letters_hint() const {
    std::string s;
    for (size_t i = 0; i < a_.letters.size() && i < 8; ++i) s += (i ? ", " : "") + a_.letters[i];
    if (a_.letters.size() > 8) s += ", ...";
    return "letters: " + s;
  }
  void check_tokens(std::span<const uint32_t> tokens) const { run_automaton(a_, tokens, a_.start); }

  automaton a_;
};

// ---------------------------------------------------------------------------------------------
// s5

class s5_problem final : public word_problem {
 public:
  s5_problem() : word_problem(s5_automaton()) {}
  std::string name() const override { return "s5"; }
  std::vector<std::pair<std::string, uint32_t>> outputs() const override { return {{"z", 7}, {"id", 1}}; }

  std::vector<named_value> solve(std::span<const uint32_t> tokens) const override {
    s5_perm p{0, 1, 2, 3, 4};
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i] == pad()) continue;
      if (tokens[i] > pad())
        throw input_error("position " + std::to_string(i),
                          "unknown token code " + std::to_string(tokens[i]) + " (permutations 0..119, pad 120)");
      p = s5_then(p, s5_permutation(tokens[i]));
    }
    const uint32_t z = s5_code(p);
    return {{"z", z}, {"id", z == 0 ? 1u : 0u}};
  }

  std::vector<instance> generate(uint32_t size, uint64_t count, uint64_t seed) const override {
    std::mt19937_64 rng(seed);
    std::vector<instance> out;
    const uint32_t cycle5 = s5_code({1, 2, 3, 4, 0}), cycle3 = s5_code({1, 2, 0, 3, 4});
    static const char* shapes[] = {"random", "identity", "short", "generators"};
    for (uint64_t j = 0; j < count; ++j) {
      const int shape = static_cast<int>(j % 4);
      std::vector<uint32_t> w;
      uint32_t len = shape == 2 ? static_cast<uint32_t>(below(rng, size + 1)) : size;
      for (uint32_t i = 0; i < len; ++i)
        w.push_back(shape == 3 ? (below(rng, 2) ? cycle5 : cycle3) : static_cast<uint32_t>(below(rng, s5_order)));
      if (shape == 1 && len > 0) {
        // The last letter undoes the product of the others.
        s5_perm p{0, 1, 2, 3, 4};
        for (uint32_t i = 0; i + 1 < len; ++i) p = s5_then(p, s5_permutation(w[i]));
        s5_perm inv{};
        for (int x = 0; x < 5; ++x) inv[p[x]] = static_cast<uint8_t>(x);
        w[len - 1] = s5_code(inv);
      }
      out.push_back(instance_of(w, size, shapes[shape]));
    }
    return out;
  }

  circuit build(uint32_t size, weight_regime regime) const override {
    std::vector<bits> t;
    builder b = start(size, t);
    const transformation_bits m = word_product(b, a_, t);
    auto scope = b.scope("readout");
    std::vector<lit> z_terms[7], is_perm(s5_order);
    for (uint32_t c = 0; c < s5_order; ++c) {
      const s5_perm p = s5_permutation(c);
      std::vector<lit> in;
      for (int x = 0; x < 5; ++x) in.push_back(m[x][p[x]]);
      is_perm[c] = b.and_(in);
      for (int k = 0; k < 7; ++k)
        if ((c >> k) & 1u) z_terms[k].push_back(is_perm[c]);
    }
    bits z(7);
    for (int k = 0; k < 7; ++k) z[k] = b.or_(z_terms[k]);
    b.output("z", z);
    b.output("id", is_perm[0]);
    return finish(std::move(b), size, regime);
  }

  nlohmann::json describe() const override {
    static const monoid_report r = analyze_monoid(a_);
    return {{"problem", "s5"}, {"states", a_.num_states}, {"monoid", monoid_report_to_json(r)}};
  }
};

// ---------------------------------------------------------------------------------------------
// DFA-based problems: closure and a user's automaton. Output z = [the word is accepted].

class dfa_problem : public word_problem {
 public:
  explicit dfa_problem(automaton a) : word_problem(std::move(a)) {}
  std::vector<std::pair<std::string, uint32_t>> outputs() const override { return {{"z", 1}}; }

  circuit build(uint32_t size, weight_regime regime) const override {
    std::vector<bits> t;
    builder b = start(size, t);
    word_product_params params;
    params.only_row = a_.start;
    const transformation_bits row = word_product(b, a_, t, params);
    auto scope = b.scope("readout");
    std::vector<lit> acc;
    for (uint32_t s = 0; s < a_.num_states; ++s)
      if (a_.accepting[s]) acc.push_back(row[0][s]);
    b.output("z", b.or_(acc));
    return finish(std::move(b), size, regime);
  }

 protected:
  const monoid_report& monoid() const {
    if (!report_) report_ = analyze_monoid(minimize(a_));
    return *report_;
  }
  mutable std::optional<monoid_report> report_;
};

class closure_problem final : public dfa_problem {
 public:
  explicit closure_problem(const closure_language& f) : dfa_problem(closure_automaton(f)), f_(f) {}
  std::string name() const override { return "closure"; }

  std::vector<named_value> solve(std::span<const uint32_t> tokens) const override {
    return {{"z", in_closure(f_, tokens) ? 1u : 0u}};
  }

  std::vector<instance> generate(uint32_t size, uint64_t count, uint64_t seed) const override {
    std::mt19937_64 rng(seed);
    std::vector<instance> out;
    static const char* shapes[] = {"member", "near-miss", "random", "member-short"};
    const uint32_t letters = a_.num_letters();
    for (uint64_t j = 0; j < count; ++j) {
      const int shape = static_cast<int>(j % 4);
      std::vector<uint32_t> w;
      if (shape == 2) {
        const uint32_t len = below(rng, 4) == 0 ? static_cast<uint32_t>(below(rng, size + 1)) : size;
        for (uint32_t i = 0; i < len; ++i) w.push_back(static_cast<uint32_t>(below(rng, letters)));
      } else {
        const uint32_t target = shape == 3 ? static_cast<uint32_t>(below(rng, size + 1)) : size;
        for (;;) {
          std::vector<const std::string*> fit;
          for (const std::string& u : f_.words)
            if (w.size() + u.size() <= target) fit.push_back(&u);
          if (fit.empty()) break;
          const std::string& u = *fit[below(rng, fit.size())];
          for (char c : u) w.push_back(static_cast<uint32_t>(f_.alphabet.find(c)));
        }
        if (shape == 1 && !w.empty()) {
          const size_t i = below(rng, w.size());
          w[i] = static_cast<uint32_t>((w[i] + 1 + below(rng, letters - 1 > 0 ? letters - 1 : 1)) % letters);
        }
      }
      out.push_back(instance_of(w, size, shapes[shape]));
    }
    return out;
  }

  nlohmann::json describe() const override {
    return {{"problem", "closure"},
            {"alphabet", f_.alphabet},
            {"words", f_.words},
            {"states", a_.num_states},
            {"monoid", monoid_report_to_json(monoid())}};
  }

 private:
  closure_language f_;
};

class automaton_problem final : public dfa_problem {
 public:
  automaton_problem(const automaton& a, std::string path) : dfa_problem(a), path_(std::move(path)) {}
  std::string name() const override { return "automaton"; }

  std::vector<named_value> solve(std::span<const uint32_t> tokens) const override {
    return {{"z", a_.accepting[run_automaton(a_, tokens, a_.start)] ? 1u : 0u}};
  }

  std::vector<instance> generate(uint32_t size, uint64_t count, uint64_t seed) const override {
    // Distance to acceptance from every state, to steer half of the words into the language.
    const uint32_t q = a_.num_states;
    std::vector<uint32_t> dist(q, UINT32_MAX), next_letter(q, 0);
    for (uint32_t s = 0; s < q; ++s)
      if (a_.accepting[s]) dist[s] = 0;
    for (bool changed = true; changed;) {
      changed = false;
      for (uint32_t s = 0; s < q; ++s)
        for (uint32_t l = 0; l < a_.num_letters(); ++l) {
          const uint32_t d = dist[a_.delta[l][s]];
          if (d != UINT32_MAX && d + 1 < dist[s]) {
            dist[s] = d + 1;
            next_letter[s] = l;
            changed = true;
          }
        }
    }
    std::mt19937_64 rng(seed);
    std::vector<instance> out;
    static const char* shapes[] = {"random", "steered", "random-short"};
    for (uint64_t j = 0; j < count; ++j) {
      const int shape = static_cast<int>(j % 3);
      const uint32_t len = shape == 2 ? static_cast<uint32_t>(below(rng, size + 1)) : size;
      std::vector<uint32_t> w;
      uint32_t s = a_.start;
      for (uint32_t i = 0; i < len; ++i) {
        uint32_t l = static_cast<uint32_t>(below(rng, a_.num_letters()));
        if (shape == 1 && dist[s] != UINT32_MAX && dist[s] >= len - i) l = next_letter[s];
        w.push_back(l);
        s = a_.delta[l][s];
      }
      out.push_back(instance_of(w, size, shapes[shape]));
    }
    return out;
  }

  nlohmann::json describe() const override {
    return {{"problem", "automaton"},
            {"dfa", automaton_to_json(a_)},
            {"dfa_file", path_},
            {"states", a_.num_states},
            {"minimal_states", minimize(a_).num_states},
            {"monoid", monoid_report_to_json(monoid())}};
  }

 private:
  std::string path_;
};

}  // namespace

std::unique_ptr<problem> make_s5() { return std::make_unique<s5_problem>(); }
std::unique_ptr<problem> make_closure(const closure_language& f) { return std::make_unique<closure_problem>(f); }
std::unique_ptr<problem> make_automaton(const automaton& a, const std::string& path) {
  validate_automaton(a, path.empty() ? "dfa" : path);
  return std::make_unique<automaton_problem>(a, path);
}

}  // namespace tc0::problems_detail
