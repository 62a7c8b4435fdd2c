// DOT export: the exact text of a small circuit, and every fan-in and output edge present (with
// its style) in random circuits.
#include <doctest/doctest.h>

#include "tc0/version.hpp"

#include <algorithm>
#include <regex>
#include <sstream>

#include "graph/random_circuit.hpp"
#include "io/sample_circuits.hpp"
#include "tc0/io/dot.hpp"

using namespace tc0;

namespace {
std::string dot_of(const circuit& c) {
  std::ostringstream os;
  write_dot(os, c);
  return os.str();
}
}  // namespace

TEST_SUITE("fast") {
TEST_CASE("dot: the exact text for a 3-gate circuit (labels / dashed complements / weights / named buses)") {
  CHECK(dot_of(testing::three_gate_circuit()) ==
        "digraph G {\n"
        "comment=\"" + version_line() + "\";\n"
        "rankdir=BT;\n"
        "edge [dir=back];\n"
        "o0 [label=\"z[0]\",shape=box];\n"
        "o0->6;\n"
        "o1 [label=\"z[1]\",shape=box];\n"
        "o1->4 [style=dashed];\n"
        "0[label=\"0\",shape=box];\n"
        "1[label=\"x[0]\",shape=box];\n"
        "2[label=\"x[1]\",shape=box];\n"
        "3[label=\"c[0]\",shape=box];\n"
        "4[label=\"and\"];\n"
        "5[label=\"maj >= 2\"];\n"
        "6[label=\"thr >= 1\"];\n"
        "4->1 ;\n"
        "4->2 [style=dashed];\n"
        "5->1 ;\n"
        "5->2 ;\n"
        "5->3 ;\n"
        "6->4 [label=\"2\"];\n"
        "6->5 [style=dashed,label=\"-1\"];\n"
        "}\n");
}

TEST_CASE("dot: quotes in bus names are escaped") {
  builder b("q");
  lit x = b.input_bit("a\"b");
  b.output("o\\", !x);
  std::string text = dot_of(std::move(b).finish());
  CHECK(text.find("1[label=\"a\\\"b[0]\",shape=box];") != std::string::npos);
  CHECK(text.find("o0 [label=\"o\\\\[0]\",shape=box];\no0->1 [style=dashed];") != std::string::npos);
}

TEST_CASE("dot: every fan-in edge and output edge of 100 random circuits appears once with its style") {
  const std::regex edge_re(R"(^(o?\d+)->(\d+)(.*);$)");
  for (uint64_t seed = 1; seed <= 100; ++seed) {
    CAPTURE(seed);
    circuit c = testing::random_circuit(seed);
    std::vector<std::string> want, got;
    for (uint32_t v = 0; v < c.num_nodes(); ++v) {
      auto w = c.weights(v);
      auto in = c.fanin(v);
      for (size_t i = 0; i < in.size(); ++i) {
        std::string e = std::to_string(v) + "->" + std::to_string(in[i].node()) + " ";
        if (in[i].complemented() || !w.empty()) e += "[";
        if (in[i].complemented()) e += "style=dashed";
        if (in[i].complemented() && !w.empty()) e += ",";
        if (!w.empty()) e += "label=\"" + std::to_string(w[i]) + "\"";
        if (in[i].complemented() || !w.empty()) e += "]";
        want.push_back(e);
      }
    }
    uint64_t k = 0;
    for (const bus& b : c.outputs())
      for (lit l : b.lits)
        want.push_back("o" + std::to_string(k++) + "->" + std::to_string(l.node()) + (l.complemented() ? " [style=dashed]" : ""));
    std::istringstream lines(dot_of(c));
    std::string line;
    std::smatch m;
    while (std::getline(lines, line))
      if (std::regex_match(line, m, edge_re)) got.push_back(m[1].str() + "->" + m[2].str() + m[3].str());
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    REQUIRE(got == want);
  }
}
}
