// bfvp and afe: the stack solver and its error messages, the generator's shapes, and the log-depth
// circuit against the solver: every valid formula of up to 12 (bfvp) / 13 (afe, q = 3) tokens,
// and thousands of random instances (the deepest shapes included) up to N = 256.
#include <doctest/doctest.h>

#include <map>

#include "harness.hpp"
#include "tc0/errors.hpp"
#include "tc0/problems/formula.hpp"

using namespace tc0;

namespace {

// Every formula of exactly `len` tokens (memoized by length).
const std::vector<std::vector<uint32_t>>& all_formulas(const formula_grammar& g, uint32_t len,
                                                       std::map<uint32_t, std::vector<std::vector<uint32_t>>>& memo) {
  auto it = memo.find(len);
  if (it != memo.end()) return it->second;
  std::vector<std::vector<uint32_t>> out;
  if (len == 1)
    for (uint32_t c = 0; c < g.modulus; ++c) out.push_back({c});
  if (len >= 2 && g.boolean)
    for (const auto& f : all_formulas(g, len - 1, memo)) {
      std::vector<uint32_t> w{g.code(formula_token::op_not)};
      w.insert(w.end(), f.begin(), f.end());
      out.push_back(w);
    }
  const formula_token ops[2] = {g.boolean ? formula_token::op_and : formula_token::op_plus,
                                g.boolean ? formula_token::op_or : formula_token::op_times};
  for (uint32_t a = 1; a + 1 + 3 <= len; ++a) {
    const uint32_t bl = len - 3 - a;
    if (bl == 0) continue;
    for (const auto& fa : all_formulas(g, a, memo))
      for (const auto& fb : all_formulas(g, bl, memo))
        for (formula_token op : ops) {
          std::vector<uint32_t> w{g.code(formula_token::open)};
          w.insert(w.end(), fa.begin(), fa.end());
          w.push_back(g.code(op));
          w.insert(w.end(), fb.begin(), fb.end());
          w.push_back(g.code(formula_token::close));
          out.push_back(w);
        }
  }
  return memo[len] = out;
}

// Every formula of at most n tokens, padded to n.
std::vector<std::vector<uint32_t>> all_padded(const formula_grammar& g, uint32_t n) {
  std::map<uint32_t, std::vector<std::vector<uint32_t>>> memo;
  std::vector<std::vector<uint32_t>> out;
  for (uint32_t len = 1; len <= n; ++len)
    for (auto w : all_formulas(g, len, memo)) {
      w.resize(n, g.pad());
      out.push_back(w);
    }
  return out;
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("bfvp: the solver evaluates the examples and names the position of malformed input") {
  const formula_grammar g = bfvp_grammar();
  auto eval = [&](const char* text) { return evaluate_formula(g, parse_formula_text(g, text)); };
  CHECK(eval("((1&0)|!0)") == 1);
  CHECK(eval("((1|0)&!1)") == 0);
  CHECK(eval("!!!0") == 1);
  CHECK(eval("1") == 1);
  CHECK(parse_formula_text(g, "(1&0)") == std::vector<uint32_t>{5, 1, 2, 0, 6});
  CHECK_THROWS_WITH_AS(eval("((1&0)|!0"), "position 9: expected ')', found the end of the input", input_error);
  CHECK_THROWS_WITH_AS(eval("(1&0))"), "position 5: expected the end of the formula (pad), found ')'", input_error);
  CHECK_THROWS_WITH_AS(eval("(10)"), "position 2: expected an operator ('&' or '|'), found '0'", input_error);
  CHECK_THROWS_WITH_AS(eval("(1&)"), "position 3: expected a constant, '!' or '(', found ')'", input_error);
  CHECK_THROWS_WITH_AS(eval("(1&x)"), "position 3: unexpected character 'x' in a bfvp formula", input_error);
  const std::vector<uint32_t> unknown = {5, 1, 2, 9, 6};
  CHECK_THROWS_WITH_AS(evaluate_formula(g, unknown), "position 3: unknown token code 9 (bfvp codes 0..7)", input_error);
  const std::vector<uint32_t> cut = {5, 1, 2, 7, 6};
  CHECK_THROWS_WITH_AS(evaluate_formula(g, cut), "position 3: expected a constant, '!' or '(', found pad (the formula is cut short)", input_error);
  const std::vector<uint32_t> padded = {5, 1, 2, 0, 6, 7, 7};
  CHECK(evaluate_formula(g, padded) == 0);
}

TEST_CASE("afe: the solver works mod q and refuses constants outside Z_q") {
  const formula_grammar g = afe_grammar(7);
  auto eval = [&](const char* text) { return evaluate_formula(g, parse_formula_text(g, text)); };
  CHECK(eval("((3+4)*6)") == 0);
  CHECK(eval("((3*4)+6)") == 4);
  CHECK(eval("(6*(6*(6*6)))") == 1);
  CHECK(parse_formula_text(g, "(3+4)") == std::vector<uint32_t>{9, 3, 7, 4, 10});
  CHECK_THROWS_WITH_AS(eval("(3+9)"), "position 3: constant 9 is outside Z_7 (0..6)", input_error);
  CHECK_THROWS_WITH_AS(eval("(3+12)"), "position 3: constant 12 is outside Z_7 (0..6)", input_error);
  CHECK_THROWS_WITH_AS(eval("!3"), "position 0: unexpected character '!' in a afe formula", input_error);
  CHECK_THROWS_WITH_AS(afe_grammar(8), "--modulus: expected a prime 2..61 (products go through discrete logarithms), got 8", input_error);
  const formula_grammar g13 = afe_grammar(13);
  CHECK(evaluate_formula(g13, parse_formula_text(g13, "(12*12)")) == 1);
}

TEST_CASE("formula generator: exact lengths / every shape / the deepest shapes nest linearly") {
  for (const formula_grammar& g : {bfvp_grammar(), afe_grammar(7)}) {
    std::mt19937_64 rng(7);
    for (formula_shape s : {formula_shape::balanced, formula_shape::left, formula_shape::right, formula_shape::zigzag,
                            formula_shape::random}) {
      const uint32_t len = formula_fit_length(g, 201);
      const std::vector<uint32_t> w = random_formula(g, len, s, rng);
      CHECK(w.size() == len);
      const uint32_t depth = formula_depth(g, w);
      if (s == formula_shape::left || s == formula_shape::right || s == formula_shape::zigzag) CHECK(depth >= len / 5);
      if (s == formula_shape::balanced) CHECK(depth <= 20);
    }
  }
  const formula_grammar g = bfvp_grammar();
  std::mt19937_64 rng(1);
  const std::vector<uint32_t> nots = random_formula(g, 256, formula_shape::nots, rng);
  CHECK(formula_depth(g, nots) == 255);
  CHECK(formula_fit_length(afe_grammar(7), 16) == 13);
}

TEST_CASE("bfvp: circuit agrees with the solver on every formula of up to N tokens for N 1..10") {
  auto p = make_problem("bfvp");
  const formula_grammar g = bfvp_grammar();
  for (uint32_t n = 1; n <= 10; ++n) {
    CAPTURE(n);
    const circuit c = p->build(n, weight_regime::exp);
    CHECK(test::check_against_solver(*p, c, all_padded(g, n), "bfvp exhaustive") == 0);
  }
}

TEST_CASE("afe: circuit agrees with the solver on every formula of up to 9 tokens (q 7) and 13 tokens (q 3)") {
  problem_options o;
  o.modulus = 7;
  auto p7 = make_problem("afe", o);
  for (uint32_t n : {1u, 2u, 3u, 4u, 5u, 6u, 9u}) {
    CAPTURE(n);
    const circuit c = p7->build(n, weight_regime::exp);
    CHECK(test::check_against_solver(*p7, c, all_padded(afe_grammar(7), n), "afe7 exhaustive") == 0);
  }
  o.modulus = 3;
  auto p3 = make_problem("afe", o);
  for (uint32_t n : {8u, 13u}) {
    CAPTURE(n);
    const circuit c = p3->build(n, weight_regime::exp);
    CHECK(test::check_against_solver(*p3, c, all_padded(afe_grammar(3), n), "afe3 exhaustive") == 0);
  }
}

TEST_CASE("bfvp: circuit agrees with the solver on 2000 random instances at N 16 and 64 in both regimes") {
  auto p = make_problem("bfvp");
  for (uint32_t n : {16u, 64u})
    for (weight_regime r : {weight_regime::exp, weight_regime::majority}) {
      CAPTURE(n);
      const circuit c = p->build(n, r);
      CHECK(test::check_against_solver(*p, c, test::tokens_of(p->generate(n, 2000, 100 + n)), "bfvp random") == 0);
    }
}

TEST_CASE("afe: circuit agrees with the solver on 2000 random instances at N 29 and 64 (q 7 and 5)") {
  for (uint32_t q : {7u, 5u}) {
    problem_options o;
    o.modulus = q;
    auto p = make_problem("afe", o);
    for (uint32_t n : {29u, 64u}) {
      CAPTURE(n);
      const circuit c = p->build(n, weight_regime::exp);
      CHECK(test::check_against_solver(*p, c, test::tokens_of(p->generate(n, 2000, 200 + n)), "afe random") == 0);
    }
  }
}
}

TEST_SUITE("slow") {
TEST_CASE("bfvp: circuit agrees with the solver on every formula of 11 and 12 tokens") {
  auto p = make_problem("bfvp");
  for (uint32_t n : {11u, 12u}) {
    const circuit c = p->build(n, weight_regime::exp);
    CHECK(test::check_against_solver(*p, c, all_padded(bfvp_grammar(), n), "bfvp exhaustive") == 0);
  }
}

TEST_CASE("bfvp and afe: circuits agree with the solver on 2000 random instances at N 256") {
  for (const char* name : {"bfvp", "afe"}) {
    auto p = make_problem(name);
    const circuit c = p->build(256, weight_regime::exp);
    const auto insts = p->generate(256, 2000, 256);
    uint32_t deepest = 0;
    for (const instance& i : insts) deepest = std::max(deepest, i.nesting.value_or(0));
    CHECK(deepest >= (std::string(name) == "bfvp" ? 255u : 63u));
    CHECK(test::check_against_solver(*p, c, test::tokens_of(insts), std::string(name) + " random 256") == 0);
  }
}
}
