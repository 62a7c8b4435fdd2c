// The builder's simplifications are sound: a circuit built with folding and hashing computes the
// same function as the same gates stored raw, checked exhaustively by the naive evaluator.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "tc0/circuit/builder.hpp"
#include "tc0/errors.hpp"
#include "tc0/sim/naive.hpp"

using namespace tc0;

namespace {

struct random_gate {
  node_kind kind;
  std::vector<uint32_t> refs;  // indices into the literal pool
  std::vector<bool> neg;
  std::vector<int64_t> w;
  int64_t t;
};

// Builds the same gate list into `b` and returns the output literals.
std::vector<lit> build(builder& b, const std::vector<random_gate>& gates, uint32_t inputs) {
  std::vector<lit> pool{lit_false, lit_true};
  for (lit l : b.input("x", inputs)) pool.push_back(l);
  for (const random_gate& g : gates) {
    std::vector<lit> in;
    for (size_t i = 0; i < g.refs.size(); ++i) in.push_back(pool[g.refs[i]] ^ g.neg[i]);
    lit out;
    if (g.kind == node_kind::thr) out = b.threshold(in, g.w, g.t);
    else if (g.kind == node_kind::maj) out = b.majority(in, g.t);
    else if (g.kind == node_kind::and_) out = b.and_(in);
    else out = b.or_(in);
    pool.push_back(out);
  }
  return std::vector<lit>(pool.end() - 8, pool.end());
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("builder: folded and hashed circuits equal their raw gates on every input (500 random circuits)") {
  const uint32_t inputs = 6;
  size_t nonconstant_outputs = 0;
  for (uint32_t seed = 1; seed <= 500; ++seed) {
    CAPTURE(seed);
    std::mt19937_64 rng(seed);
    std::vector<random_gate> gates;
    for (int i = 0; i < 40; ++i) {
      random_gate g;
      g.kind = static_cast<node_kind>(2 + rng() % 4);
      size_t pool = 2 + inputs + gates.size();
      size_t k = 1 + rng() % 6;
      int64_t total = 0, negative = 0;
      for (size_t j = 0; j < k; ++j) {
        // Constants one time in eight, a repeat of the previous fan-in one time in four, else any
        // earlier node, so every folding rule fires and most gates stay non-constant.
        uint64_t r = rng() % 8;
        uint32_t ref = r == 0 ? static_cast<uint32_t>(rng() % 2)
                       : (r <= 2 && j > 0) ? g.refs.back()
                                           : static_cast<uint32_t>(2 + rng() % (pool - 2));
        g.refs.push_back(ref);
        g.neg.push_back(rng() % 2);
        int64_t w = static_cast<int64_t>(rng() % 9) - 4;
        g.w.push_back(w);
        total += w < 0 ? -w : w;
        negative += w < 0 ? -w : 0;
      }
      // The sum ranges over [-negative, total - negative]; thresholds inside make non-trivial gates.
      g.t = g.kind == node_kind::thr ? 1 - negative + static_cast<int64_t>(rng() % static_cast<uint64_t>(total + 1))
                                     : 1 + static_cast<int64_t>(rng() % k);
      gates.push_back(g);
    }
    builder folded;
    builder raw("raw", builder_params{.structural_hashing = false, .simplify = false});
    std::vector<lit> o1 = build(folded, gates, inputs), o2 = build(raw, gates, inputs);
    folded.output("z", o1);
    raw.output("z", o2);
    circuit c1 = std::move(folded).finish(), c2 = std::move(raw).finish();
    CHECK(c1.num_gates() <= c2.num_gates());
    nonconstant_outputs += std::count_if(o1.begin(), o1.end(), [](lit l) { return !l.is_constant(); });
    for (uint32_t v = 0; v < (1u << inputs); ++v) {
      std::vector<uint8_t> in;
      for (uint32_t i = 0; i < inputs; ++i) in.push_back((v >> i) & 1);
      REQUIRE(evaluate_naive(c1, in) == evaluate_naive(c2, in));
    }
  }
  CHECK(nonconstant_outputs > 500 * 8 / 5);  // not vacuous: a fifth of the outputs stay non-constant
}

TEST_CASE("builder: the node limit is checked / with a message naming it") {
  builder b("", builder_params{.max_nodes = 10});
  bits x = b.input("x", 6);
  b.and_({x[0], x[1]});
  b.and_({x[1], x[2]});
  b.and_({x[2], x[3]});
  CHECK_THROWS_WITH_AS(b.and_({x[3], x[4]}),
                       "builder: the circuit would exceed 10 nodes (the limit of 32-bit literals is 2^31); refusing to build it",
                       input_error);
}
}
