// The word problems (s5, closure, a user's DFA): numbering, monoid analysis, and the log-depth
// circuits checked against the direct solvers (exhaustively for tiny N, randomly up to N = 256).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include <filesystem>

#include "harness.hpp"
#include "tc0/errors.hpp"
#include "tc0/io/circuit_file.hpp"
#include "tc0/problems/report.hpp"
#include "tc0/problems/closure.hpp"
#include "tc0/problems/monoid.hpp"
#include "tc0/problems/s5.hpp"

using namespace tc0;

namespace {

std::vector<std::vector<uint16_t>> all_perms(int k, bool even_only) {
  std::vector<uint16_t> p(k);
  for (int i = 0; i < k; ++i) p[i] = static_cast<uint16_t>(i);
  std::vector<std::vector<uint16_t>> out;
  do {
    int inversions = 0;
    for (int i = 0; i < k; ++i)
      for (int j = i + 1; j < k; ++j) inversions += p[i] > p[j];
    if (!even_only || inversions % 2 == 0) out.push_back(p);
  } while (std::next_permutation(p.begin(), p.end()));
  return out;
}

// Every word of `n` tokens over codes 0..codes-1.
std::vector<std::vector<uint32_t>> all_words(uint32_t codes, uint32_t n) {
  std::vector<std::vector<uint32_t>> out;
  std::vector<uint32_t> w(n, 0);
  for (;;) {
    out.push_back(w);
    size_t i = 0;
    while (i < n && ++w[i] == codes) w[i++] = 0;
    if (i == n) break;
  }
  return out;
}

uint32_t ceil_log2(uint32_t n) {
  uint32_t k = 0;
  while ((1u << k) < n) ++k;
  return k;
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("s5: permutations are numbered in lexicographic order and words apply w_1 first") {
  CHECK(s5_text(s5_permutation(0)) == "01234");
  CHECK(s5_text(s5_permutation(1)) == "01243");
  CHECK(s5_text(s5_permutation(119)) == "43210");
  for (uint32_t c = 0; c < s5_order; ++c) CHECK(s5_code(s5_permutation(c)) == c);
  // (01)(then)(12): x=0 -> 1 -> 2, so P = 201.. in one-line notation.
  const s5_perm a{1, 0, 2, 3, 4}, b{0, 2, 1, 3, 4};
  CHECK(s5_text(s5_then(a, b)) == "20134");
  auto p = make_problem("s5");
  const std::vector<uint32_t> w = {s5_code(a), s5_code(b), p->pad()};
  CHECK(p->solve(w)[0].value == s5_code({2, 0, 1, 3, 4}));
  CHECK(p->solve(w)[1].value == 0);
  CHECK(p->text_of(w) == "10234 02134");
  CHECK(p->parse_text("10234 02134") == std::vector<uint32_t>{s5_code(a), s5_code(b)});
}

TEST_CASE("s5: the solver names the position of an unknown token") {
  auto p = make_problem("s5");
  const std::vector<uint32_t> w = {0, 5, 121};
  CHECK_THROWS_WITH_AS(p->solve(w), "position 2: unknown token code 121 (permutations 0..119, pad 120)", input_error);
  CHECK_THROWS_WITH_AS(p->parse_text("01234 0123"), "position 6: '0123' is not a letter (letters: 01234, 01243, 01324, 01342, 01423, 01432, 02134, 02143, ...)", input_error);
}

TEST_CASE("monoid: derived series tells S4 and Z2 (solvable) from A5 and S5") {
  uint32_t len = 0;
  CHECK(group_solvable(all_perms(4, false), &len));
  CHECK(len == 3);  // S4 > A4 > V4 > 1
  CHECK(group_solvable({{1, 0}, {0, 1}}, &len));
  CHECK(len == 1);
  CHECK_FALSE(group_solvable(all_perms(5, true)));
  CHECK_FALSE(group_solvable(all_perms(5, false)));
}

TEST_CASE("monoid: S5 acting on 5 points is the group S5 itself") {
  const monoid_report r = analyze_monoid(s5_automaton());
  CHECK(r.size == 120);
  CHECK(r.idempotents == 1);
  CHECK(r.largest_group_name == "S5");
  CHECK_FALSE(r.solvable);
}

TEST_CASE("closure: F = {0 11 101 1001} has a solvable 37-element syntactic monoid (largest subgroup Z2)") {
  closure_language f = parse_closure_language("01", "0,11,101,1001");
  const monoid_report r = analyze_monoid(closure_automaton(f));
  CHECK(r.size == 37);
  CHECK(r.largest_group == 2);
  CHECK(r.largest_group_name == "Z2");
  CHECK(r.solvable);
}

TEST_CASE("closure: the default F is a hard case (S5 in its syntactic monoid)") {
  const closure_language f = default_closure_language();
  CHECK(closure_words_text(f) == "{1101, 01110, 01111, 10110, 10111, 11110, 111011}");
  const automaton a = closure_automaton(f);
  const monoid_report r = analyze_monoid(a);
  CHECK_FALSE(r.solvable);
  CHECK(r.largest_group_name == "S5");
  CHECK(r.size == 28945);
  CHECK(a.num_states == 12);
  CHECK(a.num_states == minimize(a).num_states);
}

TEST_CASE("closure: the internal transformation of A^5 by 1101 is a maximal bifix code with group S5") {
  // X' = (X + w + G w D) - (G w + w D), G = X w^-1, D = w^-1 X (Berstel-Perrin-Reutenauer ch. 6):
  // where the default F comes from (docs/results.md).
  std::set<std::string> x;
  for (int m = 0; m < 32; ++m) {
    std::string w;
    for (int i = 4; i >= 0; --i) w += static_cast<char>('0' + ((m >> i) & 1));
    x.insert(w);
  }
  const std::string w = "1101";
  std::set<std::string> g, d;
  for (const std::string& u : x) {
    if (u.size() > w.size() && u.compare(u.size() - w.size(), w.size(), w) == 0) g.insert(u.substr(0, u.size() - w.size()));
    if (u.size() > w.size() && u.compare(0, w.size(), w) == 0) d.insert(u.substr(w.size()));
  }
  CHECK(g == std::set<std::string>{"0", "1"});
  CHECK(d == std::set<std::string>{"0", "1"});
  std::set<std::string> y = x;
  y.insert(w);
  for (const std::string& a : g)
    for (const std::string& b : d) y.insert(a + w + b);
  for (const std::string& a : g) y.erase(a + w);
  for (const std::string& b : d) y.erase(w + b);
  CHECK(y.size() == 33);
  // Bifix: no word is a proper prefix or suffix of another.
  for (const std::string& u : y)
    for (const std::string& v : y)
      if (u != v && v.size() > u.size()) {
        CHECK(v.compare(0, u.size(), u) != 0);
        CHECK(v.compare(v.size() - u.size(), u.size(), u) != 0);
      }
  closure_language f;
  f.alphabet = "01";
  f.words.assign(y.begin(), y.end());
  const automaton a = closure_automaton(f);
  const monoid_report r = analyze_monoid(a);
  CHECK(a.num_states == 11);
  CHECK(r.size == 1924);
  CHECK(r.largest_group_name == "S5");
  CHECK(r.groups[0].rank == 5);
  CHECK_FALSE(r.solvable);
}

TEST_CASE("closure: bad languages are refused with the word and position") {
  CHECK_THROWS_WITH_AS(parse_closure_language("01", "0,12"), "--words: word 2 '12', position 1: '2' is not a letter of the alphabet '01'", input_error);
  CHECK_THROWS_WITH_AS(parse_closure_language("01", "0,,1"), "--words: word 2 '': the empty word is not allowed (F* contains it anyway)", input_error);
  CHECK_THROWS_WITH_AS(parse_closure_language("00", "0"), "--alphabet: letter '0' appears twice", input_error);
  CHECK_THROWS_WITH_AS(parse_closure_language("01", "0,1,0"), "--words: word 3 '0': duplicate word", input_error);
}

TEST_CASE("closure: the DFA of F* agrees with the dynamic-programming solver on all words up to 12 letters") {
  const closure_language f = default_closure_language();
  const automaton a = closure_automaton(f);
  for (uint32_t n = 0; n <= 12; ++n)
    for (const auto& w : all_words(2, n))
      REQUIRE(a.accepting[run_automaton(a, w, a.start)] == in_closure(f, w));
}

TEST_CASE("s5: circuit agrees with the solver on every word of 1 and 2 tokens") {
  auto p = make_problem("s5");
  for (uint32_t n : {1u, 2u}) {
    const circuit c = p->build(n, weight_regime::exp);
    CHECK(test::check_against_solver(*p, c, all_words(p->num_codes(), n), "s5 exhaustive") == 0);
  }
}

TEST_CASE("s5: depth is 2 ceil(log2 N) + 4 at every N 1..70") {
  auto p = make_problem("s5");
  for (uint32_t n = 1; n <= 70; ++n) {
    CAPTURE(n);
    CHECK(compute_stats(p->build(n, weight_regime::exp)).depth == 2 * ceil_log2(n) + 4);
  }
}

TEST_CASE("s5: circuit agrees with the solver on 2000 random instances at N 3 64 256") {
  auto p = make_problem("s5");
  for (uint32_t n : {3u, 64u, 256u}) {
    CAPTURE(n);
    const circuit c = p->build(n, weight_regime::exp);
    const auto insts = p->generate(n, 2000, 11 + n);
    size_t ids = 0;
    for (const instance& i : insts) ids += i.outputs[1].value;
    CHECK(ids >= 500);  // the "identity" shape makes a quarter of them the identity
    CHECK(test::check_against_solver(*p, c, test::tokens_of(insts), "s5 random") == 0);
  }
}

TEST_CASE("closure: circuit agrees with the solver on every word of up to 8 tokens (pads inside too)") {
  auto p = make_problem("closure");
  for (uint32_t n = 1; n <= 8; ++n) {
    CAPTURE(n);
    const circuit c = p->build(n, weight_regime::exp);
    CHECK(test::check_against_solver(*p, c, all_words(p->num_codes(), n), "closure exhaustive") == 0);
  }
}

TEST_CASE("closure: circuit agrees with the solver on 2000 random instances at N 17 100 256 in both regimes") {
  auto p = make_problem("closure");
  for (uint32_t n : {17u, 100u, 256u})
    for (weight_regime r : {weight_regime::exp, weight_regime::majority}) {
      CAPTURE(n);
      const circuit c = p->build(n, r);
      const auto insts = p->generate(n, 2000, 5 + n);
      size_t members = 0;
      for (const instance& i : insts) members += i.outputs[0].value;
      CHECK(members >= 500);
      CHECK(members <= 1700);
      CHECK(test::check_against_solver(*p, c, test::tokens_of(insts), "closure random") == 0);
    }
}

TEST_CASE("automaton: a user's DFA from tc0-dfa/1 JSON runs and builds") {
  // Words over {a, b} whose number of a's is divisible by 3.
  const nlohmann::json j = nlohmann::json::parse(R"({"format": "tc0-dfa/1", "states": 3, "alphabet": ["a", "b"],
      "start": 0, "accepting": [0], "delta": [[1, 2, 0], [0, 1, 2]]})");
  problem_options o;
  o.dfa = automaton_from_json(j, "mod3.json");
  auto p = make_problem("automaton", o);
  CHECK(p->parse_text("abab a") == std::vector<uint32_t>{0, 1, 0, 1, 0});
  CHECK(p->solve(p->parse_text("aaba"))[0].value == 1);
  CHECK(p->solve(p->parse_text("aab"))[0].value == 0);
  for (uint32_t n : {1u, 5u, 9u}) {
    const circuit c = p->build(n, weight_regime::exp);
    CHECK(test::check_against_solver(*p, c, all_words(p->num_codes(), n), "dfa exhaustive") == 0);
  }
  const circuit c = p->build(200, weight_regime::majority);
  CHECK(test::check_against_solver(*p, c, test::tokens_of(p->generate(200, 2000, 3)), "dfa random") == 0);
  const monoid_report r = analyze_monoid(o.dfa.value());
  CHECK(r.size == 3);
  CHECK(r.largest_group_name == "Z3");
}

TEST_CASE("automaton: malformed DFA JSON is refused naming the key") {
  auto bad = [](const char* text) { return nlohmann::json::parse(text); };
  CHECK_THROWS_WITH_AS(automaton_from_json(bad(R"({"format": "tc0-dfa/1", "states": 2, "alphabet": ["a"], "start": 0, "accepting": [1], "delta": [[0, 2]]})"), "d.json"),
                       "d.json: delta[0][1]: expected a state 0..1, got 2", input_error);
  CHECK_THROWS_WITH_AS(automaton_from_json(bad(R"({"format": "tc0-dfa/1", "states": 2, "alphabet": ["a"], "start": 0, "accepting": [], "delta": [[0, 1]], "final": 1})"), "d.json"),
                       "d.json: final: unknown key (known: format, name, states, alphabet, start, accepting, delta)", input_error);
  CHECK_THROWS_WITH_AS(automaton_from_json(bad(R"({"format": "tc0-dfa/1", "states": 2, "alphabet": ["a", "a"], "start": 0, "accepting": [], "delta": [[0, 1], [1, 0]]})"), "d.json"),
                       "d.json: alphabet[1]: duplicate letter 'a'", input_error);
  CHECK_THROWS_WITH_AS(automaton_from_json(bad(R"({"format": "tc0-dfa/1", "states": 2, "alphabet": ["a"], "accepting": [], "delta": [[0, 1]]})"), "d.json"),
                       "d.json: start: missing key", input_error);
}

TEST_CASE("automaton: minimize merges equivalent states") {
  automaton a;
  a.num_states = 4;
  a.letters = {"a"};
  a.delta = {{1, 2, 3, 0}};  // a 4-cycle whose acceptance only sees parity
  a.start = 0;
  a.accepting = {1, 0, 1, 0};
  const automaton m = minimize(a);
  CHECK(m.num_states == 2);
  CHECK(m.delta[0] == std::vector<uint32_t>{1, 0});
}
}

TEST_SUITE("fast") {
TEST_CASE("report: a problem circuit carries its source and verifies against the reference after a save and load") {
  problem_options o;
  o.modulus = 5;
  o.closure = parse_closure_language("01", "0,11,101,1001");
  for (const char* name : {"bfvp", "afe", "s5", "closure"}) {
    CAPTURE(name);
    auto p = make_problem(name, o);
    const circuit c = p->build(12, weight_regime::majority);
    const std::string file = (std::filesystem::temp_directory_path() / ("tc0_problem_" + std::string(name) + ".tc0")).string();
    save_circuit_file(c, file);
    const circuit back = load_circuit_file(file);
    std::filesystem::remove(file);
    const check_result r = verify_problem_circuit(back, 300, 9);
    CHECK(r.instances == 300);
    CHECK(r.mismatches == 0);
    uint32_t size = 0;
    weight_regime regime = weight_regime::exp;
    auto again = problem_from_source(nlohmann::json::parse(back.source()), &size, &regime);
    CHECK(again->describe() == p->describe());
    CHECK(size == 12);
    CHECK(regime == weight_regime::majority);
  }
}

TEST_CASE("report: check_circuit reports the first mismatch of a wrong circuit") {
  auto p = make_problem("closure");
  auto other = make_problem("closure", [] {
    problem_options o;
    o.closure = parse_closure_language("01", "0,11,101,1001");
    return o;
  }());
  const circuit wrong = other->build(10, weight_regime::exp);
  const check_result r = check_circuit(*p, wrong, test::tokens_of(p->generate(10, 400, 2)));
  CHECK(r.mismatches > 0);
  CHECK(r.first_mismatch.find("expected z=") != std::string::npos);
}

TEST_CASE("report: sweep fits depth = a log2 N + b exactly for s5") {
  auto p = make_problem("s5");
  const std::vector<uint32_t> sizes = parse_size_list("4,8,16,32");
  sweep_params params;
  params.check = 20;
  const sweep_result r = sweep_problem(*p, sizes, params);
  CHECK(r.fit.a == doctest::Approx(2.0));
  CHECK(r.fit.b == doctest::Approx(4.0));
  CHECK(r.fit.k == doctest::Approx(1.0).epsilon(0.05));
  CHECK(r.points[3].check.mismatches == 0);
  CHECK_THROWS_WITH_AS(parse_size_list("8,,16"), "--sweep: expected sizes 1..65536 separated by commas, got ''", input_error);
}
}
