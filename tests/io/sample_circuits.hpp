// Small fixed circuits shared by the io tests.
#pragma once
#include <vector>

#include "tc0/circuit/builder.hpp"

namespace tc0::testing {

// Every gate kind, complemented and constant fan-in, negative weights, nested modules, two input
// buses, a constant and a complemented output bit, a name and a source.
inline circuit all_kinds_circuit() {
  builder b("all_kinds", builder_params{.structural_hashing = false, .simplify = false});
  bits x = b.input("x", 3);
  bits y = b.input("y", 2);
  lit a, o, m, t;
  {
    auto s1 = b.scope("layer0");
    a = b.gate(node_kind::and_, std::vector<lit>{x[0], !x[1]}, {}, 0);
    {
      auto s2 = b.scope("attn");
      o = b.gate(node_kind::or_, std::vector<lit>{a, y[0], lit_true}, {}, 0);
      m = b.gate(node_kind::maj, std::vector<lit>{x[0], x[1], x[2], !y[1], x[0]}, {}, 3);
    }
  }
  {
    auto s3 = b.scope("readout");
    t = b.gate(node_kind::thr, std::vector<lit>{o, !m, x[2]}, std::vector<int64_t>{5, -3, 2}, 2);
  }
  b.output("z", std::vector<lit>{t, !a, lit_true});
  b.output("w", m);
  b.set_source(R"({"op":"test","width":3})");
  return std::move(b).finish();
}

// Three gates, for exact-text checks.
inline circuit three_gate_circuit() {
  builder b("three", builder_params{.structural_hashing = false, .simplify = false});
  bits x = b.input("x", 2);
  lit c = b.input_bit("c");
  lit g1 = b.gate(node_kind::and_, std::vector<lit>{x[0], !x[1]}, {}, 0);
  lit g2 = b.gate(node_kind::maj, std::vector<lit>{x[0], x[1], c}, {}, 2);
  lit g3 = b.gate(node_kind::thr, std::vector<lit>{g1, !g2}, std::vector<int64_t>{2, -1}, 1);
  b.output("z", std::vector<lit>{g3, !g1});
  return std::move(b).finish();
}

}  // namespace tc0::testing
