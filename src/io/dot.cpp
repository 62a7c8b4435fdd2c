// DOT export: write_graphviz with property writers that read the circuit through the BGL view.
#include "tc0/io/dot.hpp"
#include "tc0/version.hpp"

#include <ostream>
#include <string>
#include <vector>

#include <boost/graph/graphviz.hpp>

#include "tc0/graph/circuit_graph.hpp"

namespace tc0 {

namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

struct vertex_writer {
  const circuit* c;
  const std::vector<std::string>* input_labels;
  void operator()(std::ostream& os, uint32_t v) const {
    node_kind k = c->kind(v);
    if (k == node_kind::constant) {
      os << "[label=\"0\",shape=box]";
    } else if (k == node_kind::input) {
      os << "[label=" << quoted((*input_labels)[v]) << ",shape=box]";
    } else if (k == node_kind::and_ || k == node_kind::or_) {
      os << "[label=\"" << kind_name(k) << "\"]";
    } else {
      os << "[label=\"" << kind_name(k) << " >= " << c->threshold(v) << "\"]";
    }
  }
};

struct edge_writer {
  circuit_graph g;
  void operator()(std::ostream& os, const circuit_edge& e) const {
    bool dashed = edge_complemented(e, g);
    bool weighted = g.c->kind(e.source) == node_kind::thr;
    if (!dashed && !weighted) return;
    os << "[";
    if (dashed) os << "style=dashed";
    if (dashed && weighted) os << ",";
    if (weighted) os << "label=\"" << edge_weight(e, g) << "\"";
    os << "]";
  }
};

// Graph attributes, then the output boxes: they are not nodes of the circuit, so they are written
// here as extra vertices named o0, o1, ... with an edge to the node each bit reads.
struct graph_writer {
  const circuit* c;
  void operator()(std::ostream& os) const {
    os << "comment=" << quoted(version_line()) << ";\n";  // which tc0 wrote it
    os << "rankdir=BT;\n";
    os << "edge [dir=back];\n";
    uint64_t k = 0;
    for (const bus& b : c->outputs())
      for (size_t i = 0; i < b.lits.size(); ++i, ++k) {
        os << "o" << k << " [label=" << quoted(b.name + "[" + std::to_string(i) + "]") << ",shape=box];\n";
        os << "o" << k << "->" << b.lits[i].node();
        if (b.lits[i].complemented()) os << " [style=dashed]";
        os << ";\n";
      }
  }
};

}  // namespace

void write_dot(std::ostream& os, const circuit& c) {
  std::vector<std::string> input_labels(c.num_nodes());
  for (const bus& b : c.inputs())
    for (size_t i = 0; i < b.lits.size(); ++i) input_labels[b.lits[i].node()] = b.name + "[" + std::to_string(i) + "]";
  circuit_graph g(c);
  boost::write_graphviz(os, g, vertex_writer{&c, &input_labels}, edge_writer{g}, graph_writer{&c},
                        get(boost::vertex_index, g));
}

}  // namespace tc0
