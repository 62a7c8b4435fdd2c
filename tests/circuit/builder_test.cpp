// Builder: canonical forms, folding and hashing, pinned on small cases.
#include <doctest/doctest.h>

#include "tc0/circuit/builder.hpp"
#include "tc0/errors.hpp"

using namespace tc0;

TEST_SUITE("fast") {
TEST_CASE("builder: structural hashing builds an equal gate once / whatever the fan-in order") {
  builder b;
  bits x = b.input("x", 3);
  lit g1 = b.and_({x[0], x[1], x[2]});
  lit g2 = b.and_({x[2], x[0], x[1]});
  CHECK(g1 == g2);
  lit m1 = b.majority(std::vector<lit>{x[0], !x[1], x[2]}, 2);
  lit m2 = b.majority(std::vector<lit>{x[2], x[0], !x[1]}, 2);
  CHECK(m1 == m2);
  CHECK(b.num_gates() == 2);
}

TEST_CASE("builder: constants fold and one-input gates vanish") {
  builder b;
  lit x = b.input_bit("x");
  lit y = b.input_bit("y");
  CHECK(b.and_({x, lit_false}) == lit_false);
  CHECK(b.and_({x, lit_true}) == x);
  CHECK(b.or_({x, lit_true}) == lit_true);
  CHECK(b.or_({x, lit_false}) == x);
  CHECK(b.and_({x, x}) == x);
  CHECK(b.and_({x, !x}) == lit_false);
  CHECK(b.or_({y, !y}) == lit_true);
  CHECK(b.and_(std::span<const lit>{}) == lit_true);
  CHECK(b.or_(std::span<const lit>{}) == lit_false);
  CHECK(b.majority(std::vector<lit>{x, !x, y}, 2) == y);  // x + not-x adds exactly 1
  CHECK(b.num_gates() == 0);
}

TEST_CASE("builder: thr gates normalise to positive weights / merged nodes and gcd") {
  builder b;
  bits x = b.input("x", 3);
  std::vector<int64_t> w1{2, 2, 4};
  lit a = b.threshold(x, w1, 4);  // [x0 + x1 + 2 x2 >= 2] after gcd 2
  std::vector<int64_t> w2{1, 1, 2};
  lit a2 = b.threshold(x, w2, 2);
  CHECK(a == a2);
  std::vector<lit> in{x[0], !x[0], x[1]};
  std::vector<int64_t> w3{3, 3, 1};
  CHECK(b.threshold(in, w3, 4) == x[1]);  // 3 x0 + 3(1 - x0) + x1 >= 4  <=>  x1
  std::vector<int64_t> w4{1, 1, 1};
  lit u = b.threshold(x, w4, 3);
  circuit c = std::move(b).finish();
  CHECK(c.kind(u.node()) == node_kind::and_);
}

TEST_CASE("builder: module scopes tag gates with hierarchical paths") {
  builder b;
  bits x = b.input("x", 4);
  lit g0, g1, g2;
  {
    auto s = b.scope("layer0");
    {
      auto t = b.scope("attn");
      g0 = b.and_({x[0], x[1]});
    }
    g1 = b.or_({x[2], x[3]});
  }
  g2 = b.or_({x[0], x[3]});
  circuit c = std::move(b).finish();
  CHECK(c.module_path(c.module_of(g0.node())) == "layer0/attn");
  CHECK(c.module_path(c.module_of(g1.node())) == "layer0");
  CHECK(c.module_path(c.module_of(g2.node())) == "");
}

TEST_CASE("builder: weights past the limit are refused with a clear message") {
  builder b;
  bits x = b.input("x", 2);
  std::vector<int64_t> w{int64_t{1} << 31, 3};
  CHECK_THROWS_WITH_AS(b.threshold(x, w, int64_t{1} << 31),
                       "builder: threshold gate: weight 2147483648 exceeds the limit 1073741823", input_error);
}
}
