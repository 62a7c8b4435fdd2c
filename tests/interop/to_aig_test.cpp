// to_aig: every threshold gate becomes an AIG with the same function (random gates checked on all
// inputs against direct evaluation, gen blocks against their GMP reference), pinned sizes.
#include <doctest/doctest.h>

#include <random>

#include "support.hpp"
#include "tc0/analysis/levels.hpp"
#include "tc0/circuit/builder.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/gen/verify.hpp"
#include "tc0/transform/to_aig.hpp"

using namespace tc0;
using namespace tc0::interop_test;

namespace {

// One gate over k inputs as a circuit (no folding: the gate exactly as given).
circuit one_gate(uint32_t k, node_kind kind, const std::vector<int64_t>& w, int64_t t, const std::vector<int>& comp = {}) {
  builder b("g", builder_params{.structural_hashing = false, .simplify = false});
  bits x = b.input("x", k);
  for (size_t i = 0; i < comp.size() && i < x.size(); ++i)
    if (comp[i]) x[i] = !x[i];
  b.output("z", b.gate(kind, x, w, t));
  return std::move(b).finish();
}

// All 2^k input patterns (k <= 12) of a circuit with one input bus, as words.
std::vector<std::vector<uint64_t>> exhaustive_words(uint32_t k) {
  const uint64_t patterns = uint64_t{1} << k;
  std::vector<std::vector<uint64_t>> rounds;
  for (uint64_t base = 0; base < patterns; base += 64) {
    std::vector<uint64_t> w(k, 0);
    for (uint64_t p = 0; p < 64; ++p) {
      uint64_t q = (base + p) % patterns;
      for (uint32_t i = 0; i < k; ++i)
        if ((q >> i) & 1u) w[i] |= uint64_t{1} << p;
    }
    rounds.push_back(w);
  }
  return rounds;
}

uint64_t ands(const circuit& c) { return to_aig(c).num_gates(); }
uint32_t depth(const circuit& c) {
  circuit a = to_aig(c);
  return circuit_depth(a, compute_levels(a));
}

gen_options gen(std::string op, uint32_t width, weight_regime r) {
  gen_options o;
  o.op = std::move(op);
  o.width = width;
  o.regime = r;
  if (o.op == "sum" || o.op == "max") o.count = 3;
  if (o.op == "mulc") o.constant = "1000003";
  return o;
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("to_aig: random threshold gates of fan-in 1..11 agree with direct evaluation on every input") {
  std::mt19937_64 rng(20240611);
  for (int trial = 0; trial < 400; ++trial) {
    const uint32_t k = 1 + static_cast<uint32_t>(rng() % 11);
    const int bits = 1 + static_cast<int>(rng() % 20);
    std::vector<int64_t> w(k);
    std::vector<int> comp(k);
    int64_t range = int64_t{1} << bits;
    for (uint32_t i = 0; i < k; ++i) {
      w[i] = static_cast<int64_t>(rng() % (2 * range + 1)) - range;
      comp[i] = static_cast<int>(rng() % 4 == 0);
    }
    const int64_t t = static_cast<int64_t>(rng() % (2 * range * k + 3)) - range * k - 1;
    CAPTURE(trial);
    CAPTURE(k);
    CAPTURE(t);
    circuit g = one_gate(k, node_kind::thr, w, t, comp);
    for (aig_final_adder fa : {aig_final_adder::prefix, aig_final_adder::ripple}) {
      circuit a = to_aig(g, to_aig_params{.final_adder = fa});
      REQUIRE(is_aig(a));
      for (const auto& in : exhaustive_words(k)) REQUIRE(evaluate(a, in) == evaluate(g, in));
    }
  }
}

TEST_CASE("to_aig: maj and unit-weight gates of fan-in 1..12 with every threshold agree on every input") {
  for (uint32_t k = 1; k <= 12; ++k)
    for (int64_t t = -1; t <= static_cast<int64_t>(k) + 1; ++t) {
      CAPTURE(k);
      CAPTURE(t);
      circuit g = one_gate(k, node_kind::maj, {}, std::max<int64_t>(t, 0));
      circuit a = to_aig(g);
      for (const auto& in : exhaustive_words(k)) REQUIRE(evaluate(a, in) == evaluate(g, in));
    }
}

TEST_CASE("to_aig: sizes and depths of single gates are the documented ones") {
  // and / or of k: k - 1 ANDs in a balanced tree.
  CHECK(ands(one_gate(8, node_kind::and_, {}, 8)) == 7);
  CHECK(depth(one_gate(8, node_kind::and_, {}, 8)) == 3);
  CHECK(ands(one_gate(13, node_kind::or_, {}, 1)) == 12);
  CHECK(depth(one_gate(13, node_kind::or_, {}, 1)) == 4);
  // maj3: the 4-AND majority (a carry whose sum is never needed).
  CHECK(ands(one_gate(3, node_kind::maj, {}, 2)) == 4);
  CHECK(depth(one_gate(3, node_kind::maj, {}, 2)) == 3);
  // A comparison-shaped gate: x >= y on 4-bit numbers as one thr gate (weights 2^i and -2^i).
  CHECK(ands(one_gate(8, node_kind::thr, {1, 2, 4, 8, -1, -2, -4, -8}, 0)) == 13);
  // Pinned measurements (docs/interop.md, "Threshold gates as AIGs").
  CHECK(ands(one_gate(5, node_kind::maj, {}, 3)) == 15);
  CHECK(ands(one_gate(16, node_kind::maj, {}, 9)) == 78);
  CHECK(depth(one_gate(16, node_kind::maj, {}, 9)) == 16);
  CHECK(ands(one_gate(64, node_kind::maj, {}, 33)) == 400);
  CHECK(depth(one_gate(64, node_kind::maj, {}, 33)) == 28);
}

TEST_CASE("to_aig: keeps buses and name / drops unreachable logic / an AIG maps to itself") {
  circuit c = generate(gen("add", 6, weight_regime::exp));
  circuit a = to_aig(c);
  CHECK(same_interface(a, c));
  CHECK(a.name() == "add6");
  circuit again = to_aig(a);
  CHECK(again.num_gates() == a.num_gates());
  // Every AND is reachable from an output.
  std::vector<uint8_t> live(a.num_nodes(), 0);
  for (const bus& b : a.outputs())
    for (lit l : b.lits) live[l.node()] = 1;
  for (uint32_t v = a.num_nodes(); v-- > 1;)
    if (live[v] && is_gate(a.kind(v)))
      for (lit l : a.fanin(v)) live[l.node()] = 1;
  for (uint32_t v = 1; v < a.num_nodes(); ++v)
    if (is_gate(a.kind(v))) CHECK(live[v]);
  aig_counts n = count_aig(a);
  CHECK(n.ands == a.num_gates());
  to_aig_stats st;
  to_aig(c, {}, &st);
  CHECK(st.source_gates == c.num_gates());
  CHECK(st.ands == n.ands);
  CHECK(st.depth == n.depth);
}

TEST_CASE("to_aig: gen blocks in both regimes verify against their GMP reference after lowering") {
  for (const char* op : {"add", "sub", "neg", "abs", "cmp", "mux", "shift", "lzc", "normalize", "popcount", "maj",
                         "parity", "sum", "max", "mulc"})
    for (weight_regime r : {weight_regime::exp, weight_regime::majority})
      for (uint32_t width : {5u, 12u}) {
        CAPTURE(op);
        CAPTURE(std::string(regime_name(r)));
        CAPTURE(width);
        circuit c = generate(gen(op, width, r));
        circuit a = to_aig(c);
        REQUIRE(is_aig(a));
        a.set_source(c.source());
        verify_result v = verify_circuit(a, 500, 11);
        CHECK(v.mismatches == 0);
      }
}
}

TEST_SUITE("slow") {
TEST_CASE("to_aig: mul and div blocks verify after lowering in both regimes") {
  for (const char* op : {"mul", "square", "div"})
    for (weight_regime r : {weight_regime::exp, weight_regime::majority}) {
      CAPTURE(op);
      CAPTURE(std::string(regime_name(r)));
      circuit c = generate(gen(op, std::string(op) == "div" ? 4 : 8, r));
      circuit a = to_aig(c, to_aig_params{.final_adder = aig_final_adder::ripple});
      a.set_source(c.source());
      CHECK(verify_circuit(a, 2000, 3).mismatches == 0);
    }
}
}
