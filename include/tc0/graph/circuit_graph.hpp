// Boost.Graph view of a circuit: the BGL concepts modelled directly over the circuit's CSR arrays,
// no copy. So BGL algorithms (DFS, topological sort, write_graphviz) run on a circuit as it is.
//
// Edge direction: an edge points from a gate to a node it reads (its fan-in), i.e. against the
// flow of data. That is the direction the CSR stores, so out_edges(v) is v's fan-in, in fan-in
// order. A repeated wire is a parallel edge. topological_sort therefore lists every node after
// the nodes it reads. Vertices are node ids 0..n-1 (node 0 is the constant).
#pragma once
#include <cstdint>
#include <iterator>
#include <utility>

#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>

#include "tc0/circuit/circuit.hpp"

namespace tc0 {

// A non-owning view; the circuit must outlive it. Cheap to copy.
struct circuit_graph {
  explicit circuit_graph(const circuit& c) : c(&c) {}
  const circuit* c;
};

// An edge is a position in the fan-in array (its index, also the edge_index property). The
// reading gate is carried along so source() needs no search.
struct circuit_edge {
  uint64_t index = 0;
  uint32_t source = 0;
  friend bool operator==(const circuit_edge& a, const circuit_edge& b) { return a.index == b.index; }
  friend bool operator!=(const circuit_edge& a, const circuit_edge& b) { return a.index != b.index; }
};

// The fan-in edges of one gate.
class circuit_out_edge_iterator
    : public boost::iterator_facade<circuit_out_edge_iterator, circuit_edge, std::random_access_iterator_tag,
                                    circuit_edge, int64_t> {
 public:
  circuit_out_edge_iterator() = default;
  circuit_out_edge_iterator(uint64_t index, uint32_t source) : index_(index), source_(source) {}

 private:
  friend class boost::iterator_core_access;
  circuit_edge dereference() const { return {index_, source_}; }
  bool equal(const circuit_out_edge_iterator& o) const { return index_ == o.index_; }
  void increment() { ++index_; }
  void decrement() { --index_; }
  void advance(int64_t n) { index_ += n; }
  int64_t distance_to(const circuit_out_edge_iterator& o) const { return static_cast<int64_t>(o.index_ - index_); }
  uint64_t index_ = 0;
  uint32_t source_ = 0;
};

// All edges, gate by gate in node order: walks the fan-in array and the CSR offsets together.
class circuit_edge_iterator
    : public boost::iterator_facade<circuit_edge_iterator, circuit_edge, std::forward_iterator_tag, circuit_edge> {
 public:
  circuit_edge_iterator() = default;
  circuit_edge_iterator(const circuit* c, uint64_t index) : c_(c), index_(index) { settle(); }

 private:
  friend class boost::iterator_core_access;
  circuit_edge dereference() const { return {index_, source_}; }
  bool equal(const circuit_edge_iterator& o) const { return index_ == o.index_; }
  void increment() {
    ++index_;
    settle();
  }
  // Moves source_ to the node whose fan-in range holds index_ (skipping nodes without fan-in).
  void settle() {
    if (!c_ || index_ >= c_->num_edges()) return;
    const auto& begin = c_->storage().fanin_begin;
    while (begin[source_ + 1] <= index_) ++source_;
  }
  const circuit* c_ = nullptr;
  uint64_t index_ = 0;
  uint32_t source_ = 0;
};

struct circuit_graph_traversal : boost::incidence_graph_tag, boost::vertex_list_graph_tag, boost::edge_list_graph_tag {};

// edge_index: the edge's position in the fan-in array.
struct circuit_edge_index_map {
  using key_type = circuit_edge;
  using value_type = uint64_t;
  using reference = uint64_t;
  using category = boost::readable_property_map_tag;
};
inline uint64_t get(const circuit_edge_index_map&, const circuit_edge& e) { return e.index; }

}  // namespace tc0

namespace boost {

template <>
struct graph_traits<tc0::circuit_graph> {
  using vertex_descriptor = uint32_t;
  using edge_descriptor = tc0::circuit_edge;
  using directed_category = directed_tag;
  using edge_parallel_category = allow_parallel_edge_tag;  // repeated wires
  using traversal_category = tc0::circuit_graph_traversal;

  using vertex_iterator = counting_iterator<uint32_t>;
  using out_edge_iterator = tc0::circuit_out_edge_iterator;
  using edge_iterator = tc0::circuit_edge_iterator;
  using adjacency_iterator = void;
  using in_edge_iterator = void;

  using vertices_size_type = uint32_t;
  using edges_size_type = uint64_t;
  using degree_size_type = uint64_t;

  static vertex_descriptor null_vertex() { return UINT32_MAX; }
};

template <>
struct property_map<tc0::circuit_graph, vertex_index_t> {
  using type = typed_identity_property_map<uint32_t>;
  using const_type = type;
};
template <>
struct property_map<tc0::circuit_graph, edge_index_t> {
  using type = tc0::circuit_edge_index_map;
  using const_type = type;
};

}  // namespace boost

namespace tc0 {

// VertexListGraph
inline std::pair<boost::counting_iterator<uint32_t>, boost::counting_iterator<uint32_t>> vertices(const circuit_graph& g) {
  return {boost::counting_iterator<uint32_t>(0), boost::counting_iterator<uint32_t>(g.c->num_nodes())};
}
inline uint32_t num_vertices(const circuit_graph& g) { return g.c->num_nodes(); }

// IncidenceGraph: out-edges are the fan-in (gate -> node it reads).
inline std::pair<circuit_out_edge_iterator, circuit_out_edge_iterator> out_edges(uint32_t v, const circuit_graph& g) {
  const auto& begin = g.c->storage().fanin_begin;
  return {circuit_out_edge_iterator(begin[v], v), circuit_out_edge_iterator(begin[v + 1], v)};
}
inline uint64_t out_degree(uint32_t v, const circuit_graph& g) {
  const auto& begin = g.c->storage().fanin_begin;
  return begin[v + 1] - begin[v];
}
inline uint32_t source(const circuit_edge& e, const circuit_graph&) { return e.source; }
inline uint32_t target(const circuit_edge& e, const circuit_graph& g) { return g.c->storage().fanin[e.index].node(); }

// EdgeListGraph
inline std::pair<circuit_edge_iterator, circuit_edge_iterator> edges(const circuit_graph& g) {
  return {circuit_edge_iterator(g.c, 0), circuit_edge_iterator(g.c, g.c->num_edges())};
}
inline uint64_t num_edges(const circuit_graph& g) { return g.c->num_edges(); }

// Whether the edge reads the complemented literal, and its weight (1 unless a thr gate).
inline bool edge_complemented(const circuit_edge& e, const circuit_graph& g) {
  return g.c->storage().fanin[e.index].complemented();
}
inline int64_t edge_weight(const circuit_edge& e, const circuit_graph& g) {
  if (g.c->kind(e.source) != node_kind::thr) return 1;
  return g.c->weights(e.source)[e.index - g.c->storage().fanin_begin[e.source]];
}

// Property maps: vertex_index is the identity, edge_index the fan-in position.
inline boost::typed_identity_property_map<uint32_t> get(boost::vertex_index_t, const circuit_graph&) { return {}; }
inline uint32_t get(boost::vertex_index_t, const circuit_graph&, uint32_t v) { return v; }
inline circuit_edge_index_map get(boost::edge_index_t, const circuit_graph&) { return {}; }
inline uint64_t get(boost::edge_index_t, const circuit_graph&, const circuit_edge& e) { return e.index; }

}  // namespace tc0
