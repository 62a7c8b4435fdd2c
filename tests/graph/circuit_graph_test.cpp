// The Boost.Graph view: concept checks, exact edges of a small circuit, and levels and depth from
// BGL traversals agreeing with a plain pass over the arrays on hundreds of random circuits.
#include <doctest/doctest.h>

#include "tc0/analysis/levels.hpp"

#include <algorithm>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/graph_concepts.hpp>
#include <boost/graph/topological_sort.hpp>
#include <iterator>
#include <vector>

#include "graph/random_circuit.hpp"
#include "tc0/circuit/builder.hpp"
#include "tc0/graph/circuit_graph.hpp"

using namespace tc0;

BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<circuit_graph>));
BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<circuit_graph>));
BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<circuit_graph>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<circuit_graph, uint32_t, boost::vertex_index_t>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<circuit_graph, circuit_edge, boost::edge_index_t>));

namespace {

// In a DAG, DFS finishes a vertex after every vertex it reaches, i.e. after all of its fan-in.
struct level_visitor : boost::default_dfs_visitor {
  std::vector<uint32_t>* level;
  void finish_vertex(uint32_t u, const circuit_graph& g) const {
    if (!is_gate(g.c->kind(u))) return;
    uint32_t m = 0;
    for (auto [e, end] = out_edges(u, g); e != end; ++e) m = std::max(m, (*level)[target(*e, g)]);
    (*level)[u] = m + 1;
  }
};

std::vector<uint32_t> dfs_levels(const circuit& c) {
  circuit_graph g(c);
  std::vector<uint32_t> level(c.num_nodes(), 0);
  level_visitor vis;
  vis.level = &level;
  boost::depth_first_search(g, boost::visitor(vis));
  return level;
}

std::vector<uint32_t> topo_order(const circuit& c) {
  std::vector<uint32_t> order;
  const circuit_graph g(c);  // a const view works: graph_traits<const G> forwards to G
  boost::topological_sort(g, std::back_inserter(order));
  return order;
}

// Relaxation along BGL's order: it lists each node after the nodes it reads (edges point to fan-in).
std::vector<uint32_t> topo_levels(const circuit& c) {
  circuit_graph g(c);
  std::vector<uint32_t> level(c.num_nodes(), 0);
  for (uint32_t u : topo_order(c)) {
    if (out_degree(u, g) == 0 && !is_gate(c.kind(u))) continue;
    uint32_t m = 0;
    for (auto [e, end] = out_edges(u, g); e != end; ++e) m = std::max(m, level[target(*e, g)]);
    level[u] = is_gate(c.kind(u)) ? m + 1 : 0;
  }
  return level;
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("circuit_graph: vertices are node ids and out-edges are the fan-in / gate -> node read") {
  builder b("small");
  bits x = b.input("x", 3);
  lit a = b.and_({x[0], x[1]});
  lit o = b.or_({a, !x[2]});
  std::vector<int64_t> w{2, 1, 1};
  std::vector<lit> in{x[0], !x[1], o};
  lit t = b.threshold(in, w, 2);
  b.output("z", t);
  circuit c = std::move(b).finish();
  circuit_graph g(c);
  REQUIRE(c.num_nodes() == 7);
  CHECK(num_vertices(g) == 7);
  CHECK(num_edges(g) == 7);
  std::vector<uint32_t> vs(vertices(g).first, vertices(g).second);
  CHECK(vs == std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6});
  std::vector<std::pair<uint32_t, uint32_t>> es;
  for (auto [e, end] = edges(g); e != end; ++e) es.emplace_back(source(*e, g), target(*e, g));
  CHECK(es == std::vector<std::pair<uint32_t, uint32_t>>{{4, 1}, {4, 2}, {5, 3}, {5, 4}, {6, 1}, {6, 2}, {6, 5}});
  CHECK(out_degree(6, g) == 3);
  CHECK(out_degree(1, g) == 0);
  std::vector<uint64_t> idx;
  for (auto [e, end] = out_edges(6, g); e != end; ++e) idx.push_back(get(boost::edge_index, g, *e));
  CHECK(idx == std::vector<uint64_t>{4, 5, 6});
  auto [e6, e6end] = out_edges(6, g);
  CHECK(edge_weight(*e6, g) == 2);
  CHECK(edge_complemented(*(e6 + 1), g));
  CHECK(e6end - e6 == 3);
  CHECK(get(get(boost::vertex_index, g), 5u) == 5);
}

TEST_CASE("circuit_graph: edges() visits every fan-in position once / in order / with its gate") {
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    CAPTURE(seed);
    circuit c = testing::random_circuit(seed);
    circuit_graph g(c);
    std::vector<std::pair<uint64_t, uint32_t>> got, want;
    for (auto [e, end] = edges(g); e != end; ++e) got.emplace_back((*e).index, source(*e, g));
    for (uint32_t v = 0; v < c.num_nodes(); ++v)
      for (uint64_t i = c.storage().fanin_begin[v]; i < c.storage().fanin_begin[v + 1]; ++i) want.emplace_back(i, v);
    REQUIRE(got == want);
  }
}

TEST_CASE("circuit_graph: levels and depth from DFS and from topological_sort equal the plain pass on 400 random circuits") {
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    CAPTURE(seed);
    circuit c = testing::random_circuit(seed, 1 + seed % 120);
    std::vector<uint32_t> ref = compute_levels(c);
    REQUIRE(dfs_levels(c) == ref);
    REQUIRE(topo_levels(c) == ref);
    CHECK(circuit_depth(c, dfs_levels(c)) == circuit_depth(c, ref));
  }
}

TEST_CASE("circuit_graph: topological_sort lists every node once / after every node it reads") {
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    CAPTURE(seed);
    circuit c = testing::random_circuit(seed);
    std::vector<uint32_t> order = topo_order(c);
    REQUIRE(order.size() == c.num_nodes());
    std::vector<uint32_t> pos(c.num_nodes(), UINT32_MAX);
    for (uint32_t i = 0; i < order.size(); ++i) {
      REQUIRE(pos[order[i]] == UINT32_MAX);
      pos[order[i]] = i;
    }
    circuit_graph g(c);
    for (auto [e, end] = edges(g); e != end; ++e) REQUIRE(pos[target(*e, g)] < pos[source(*e, g)]);
  }
}

TEST_CASE("circuit_graph: depth of a chain of 5 gates is 5 by every method") {
  builder b("chain");
  lit x = b.input_bit("x"), y = b.input_bit("y");
  lit cur = x;
  for (int i = 0; i < 5; ++i) cur = b.and_({cur, !y});
  b.output("z", cur);
  circuit c = std::move(b).finish();
  CHECK(circuit_depth(c, compute_levels(c)) == 5);
  CHECK(circuit_depth(c, dfs_levels(c)) == 5);
  CHECK(circuit_depth(c, topo_levels(c)) == 5);
}
}
