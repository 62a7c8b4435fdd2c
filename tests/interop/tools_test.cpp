// Exports checked by other tools: ABC's cec proves AIGER = BLIF = re-imported AIGER and AIGER = a
// gate-by-gate truth-table BLIF of the threshold circuit; Yosys counts the Verilog cells tc0
// reports; Icarus simulates the Verilog export and matches `tc0 simulate` on the threshold circuit.
// The tools are Debian packages (scripts/install_deps.sh): a missing tool fails the test.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <algorithm>
#include <regex>

#include "support.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/io/circuit_file.hpp"
#include "tc0/io/netlist_export.hpp"
#include "tc0/transform/to_aig.hpp"

using namespace tc0;
using namespace tc0::interop_test;

namespace {

struct block {
  std::string op;
  uint32_t width;
  bool is_signed = false;
  int p = 0, e = 0;  // float ops
};

const std::vector<block>& blocks() {
  static const std::vector<block> b = {{"add", 16}, {"mul", 6}, {"cmp", 16, true}, {"sub", 12}, {"max", 6},
                                         {"fmul", 8, false, 4, 3}, {"fadd", 8, false, 4, 3}};
  return b;
}

circuit make(const block& b, const std::string& regime) {
  gen_options o;
  o.op = b.op;
  o.width = b.width;
  o.is_signed = b.is_signed;
  o.count = 3;
  if (b.p) o.p = b.p, o.e = b.e;
  REQUIRE(parse_regime(regime, o.regime));
  return generate(o);
}

std::string abc() { return find_tool({"berkeley-abc", "abc"}); }

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

// `cec A B` for each pair in one ABC run: how many ABC proved equivalent (it says "NOT
// EQUIVALENT" for the others).
size_t cec(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string script;
  for (auto& [a, b] : pairs) script += "cec " + a + " " + b + "; ";
  run_result r = run_command(abc() + " -c \"" + script + "\"");
  INFO("abc says: " << r.out << r.err);
  REQUIRE(r.code == 0);
  const size_t equal = count(r.out, "Networks are equivalent"), differ = count(r.out, "NOT EQUIVALENT");
  REQUIRE(equal + differ == pairs.size());
  return equal;
}

// The threshold circuit as BLIF with every gate as its own truth table (fan-in at most 12): an
// encoding that shares no code with to_aig, so cec against it checks the lowering itself.
std::string truth_table_blif(const circuit& c) {
  auto name = [&](uint32_t node) { return "v" + std::to_string(node); };
  std::string s = ".model tt\n.inputs";
  for (const bus& b : c.inputs())
    for (size_t i = 0; i < b.lits.size(); ++i) s += " " + b.name + "[" + std::to_string(i) + "]";
  s += "\n.outputs";
  for (const bus& b : c.outputs())
    for (size_t i = 0; i < b.lits.size(); ++i) s += " " + b.name + "[" + std::to_string(i) + "]";
  s += "\n.names v0\n";
  for (const bus& b : c.inputs())
    for (size_t i = 0; i < b.lits.size(); ++i) s += ".names " + b.name + "[" + std::to_string(i) + "] " + name(b.lits[i].node()) + "\n1 1\n";
  for (uint32_t v = 1; v < c.num_nodes(); ++v) {
    if (!is_gate(c.kind(v))) continue;
    auto f = c.fanin(v);
    auto w = c.weights(v);
    std::vector<uint32_t> nodes;  // distinct fan-in nodes (the majority regime repeats wires)
    for (lit l : f)
      if (std::find(nodes.begin(), nodes.end(), l.node()) == nodes.end()) nodes.push_back(l.node());
    REQUIRE(nodes.size() <= 12);
    s += ".names";
    for (uint32_t u : nodes) s += " " + name(u);
    s += " " + name(v) + "\n";
    for (uint32_t p = 0; p < (1u << nodes.size()); ++p) {
      int64_t sum = 0;
      for (size_t i = 0; i < f.size(); ++i) {
        const size_t k = static_cast<size_t>(std::find(nodes.begin(), nodes.end(), f[i].node()) - nodes.begin());
        const bool node_value = (p >> k) & 1u;
        if (node_value != f[i].complemented()) sum += w.empty() ? 1 : w[i];
      }
      if (sum < c.threshold(v)) continue;
      for (size_t k = 0; k < nodes.size(); ++k) s += ((p >> k) & 1u) ? '1' : '0';
      s += " 1\n";
    }
  }
  for (const bus& b : c.outputs())
    for (size_t i = 0; i < b.lits.size(); ++i)
      s += ".names " + name(b.lits[i].node()) + " " + b.name + "[" + std::to_string(i) + "]\n" +
           (b.lits[i].complemented() ? "0 1\n" : "1 1\n");
  return s + ".end\n";
}

std::string path(const std::string& name) { return scratch(name).string(); }

}  // namespace

TEST_SUITE("slow") {
TEST_CASE("abc cec: AIGER export = BLIF export = re-imported AIGER and BLIF for gen blocks in both regimes") {
  for (const block& b : blocks())
    for (std::string regime : {"exp", "majority"}) {
      CAPTURE(b.op);
      CAPTURE(regime);
      circuit c = make(b, regime);
      const std::string stem = path(b.op + "_" + regime);
      export_netlist(c, netlist_format::aiger, stem + ".aig");
      export_netlist(c, netlist_format::blif, stem + ".blif");
      export_netlist(c, netlist_format::aag, stem + ".aag");
      export_netlist(c, netlist_format::aiger, stem + "_ripple.aig", to_aig_params{.final_adder = aig_final_adder::ripple});
      // Re-imports (ABC reads no ASCII AIGER: the .aag is checked through its re-import).
      circuit ra = load_circuit_file(stem + ".aig"), rb = load_circuit_file(stem + ".blif"), rc = load_circuit_file(stem + ".aag");
      CHECK(ra.num_gates() == to_aig(c).num_gates());  // every AND kept: no hashing or folding on import
      export_netlist(ra, netlist_format::aiger, stem + "_ra.aig");
      export_netlist(rb, netlist_format::aiger, stem + "_rb.aig");
      export_netlist(rc, netlist_format::aiger, stem + "_rc.aig");
      const std::string a = stem + ".aig";
      CHECK(cec({{a, stem + ".blif"}, {a, stem + "_ripple.aig"}, {a, stem + "_ra.aig"}, {a, stem + "_rb.aig"},
                 {a, stem + "_rc.aig"}}) == 5);
    }
}

TEST_CASE("abc cec: the AIGER export equals a truth-table BLIF of the threshold circuit / a changed cover is caught") {
  for (std::string op : {"add --width 5", "cmp --width 5 --signed", "sum --width 3 --count 3", "mul --width 3", "maj --width 11"})
    for (std::string regime : {"exp", "majority"}) {
      CAPTURE(op);
      CAPTURE(regime);
      const std::string stem = path("tt");
      REQUIRE(run_tc0("gen " + op + " --weights " + regime + " -o " + stem + ".tc0").code == 0);
      circuit c = load_circuit_file(stem + ".tc0");
      export_netlist(c, netlist_format::aiger, stem + ".aig");
      std::string blif = truth_table_blif(c);
      write_text(stem + ".blif", blif);

      // The check can fail: move one minterm of the first gate (flip a bit of its first row).
      size_t first_gate = blif.find(".names v", blif.find(".names v0\n") + 1);
      size_t row = blif.find('\n', first_gate) + 1;
      std::string broken = blif;
      broken[row] = broken[row] == '1' ? '0' : '1';
      write_text(stem + "_broken.blif", broken);
      // Proven equal to the truth tables; the broken copy is caught.
      CHECK(cec({{stem + ".aig", stem + ".blif"}, {stem + ".aig", stem + "_broken.blif"}}) == 1);
    }
}

TEST_CASE("yosys stat: the cell count of the Verilog export is the count tc0 export reports") {
  const std::string yosys = find_tool({"yosys"});
  std::string script;
  std::vector<netlist_summary> reported;
  for (const block& b : blocks())
    for (std::string regime : {"exp", "majority"}) {
      const std::string file = path(b.op + "_" + regime + ".v");
      reported.push_back(export_netlist(make(b, regime), netlist_format::verilog, file));
      script += "read_verilog " + file + "; tee -a " + path("yosys.stat") + " stat; design -reset; ";
    }
  run_result y = run_command(yosys + " -q -p \"" + script + "\"");
  INFO(y.err);
  REQUIRE(y.code == 0);
  const std::string stat = slurp(path("yosys.stat"));
  std::regex cell_re("Number of cells: +(\\d+)"), and_re("\\$and +(\\d+)"), not_re("\\$not +(\\d+)");
  auto all = [&](const std::regex& re) {
    std::vector<uint64_t> v;
    for (auto it = std::sregex_iterator(stat.begin(), stat.end(), re); it != std::sregex_iterator(); ++it)
      v.push_back(std::stoull((*it)[1]));
    return v;
  };
  auto cells = all(cell_re), ands = all(and_re), nots = all(not_re);
  REQUIRE(cells.size() == reported.size());
  REQUIRE(ands.size() == reported.size());
  REQUIRE(nots.size() == reported.size());
  for (size_t i = 0; i < reported.size(); ++i) {
    CAPTURE(i);
    CHECK(cells[i] == reported[i].cells);
    CHECK(ands[i] == reported[i].ands);
    CHECK(nots[i] == reported[i].inverters);
  }
}

TEST_CASE("icarus: the Verilog export simulated on random vectors matches tc0 simulate of the threshold circuit") {
  const std::string iverilog = find_tool({"iverilog"}), vvp = find_tool({"vvp"});
  std::mt19937_64 rng(42);
  for (const block& b : blocks())
    for (std::string regime : {"exp", "majority"}) {
      CAPTURE(b.op);
      CAPTURE(regime);
      const std::string stem = path(b.op + "_" + regime + "_i");
      circuit c = make(b, regime);
      save_circuit_file(c, stem + ".tc0");
      export_netlist(c, netlist_format::verilog, stem + ".v");
      // Random vectors: JSON for tc0 simulate, a testbench for Icarus.
      const int n = 100;
      nlohmann::json vectors = nlohmann::json::array();
      std::string tb = "module tb;\n";
      std::string ports;
      for (const bus& in : c.inputs()) {
        tb += "  reg [" + std::to_string(in.lits.size() - 1) + ":0] " + in.name + ";\n";
        ports += (ports.empty() ? "" : ", ") + in.name;
      }
      std::string fmt, args;
      for (const bus& out : c.outputs()) {
        tb += "  wire [" + std::to_string(out.lits.size() - 1) + ":0] " + out.name + ";\n";
        ports += ", " + out.name;
        fmt += std::string(fmt.empty() ? "" : " ") + "%b";
        args += ", " + out.name;
      }
      tb += "  " + c.name() + " dut(" + ports + ");\n  initial begin\n";
      for (int v = 0; v < n; ++v) {
        nlohmann::json vec;
        for (const bus& in : c.inputs()) {
          const size_t w = in.lits.size();
          uint64_t x = rng() & (w >= 64 ? ~uint64_t{0} : (uint64_t{1} << w) - 1);
          vec[in.name] = std::to_string(x);
          tb += "    " + in.name + " = " + std::to_string(w) + "'d" + std::to_string(x) + ";\n";
        }
        tb += "    #1 $display(\"" + fmt + "\"" + args + ");\n";
        vectors.push_back(vec);
      }
      tb += "    $finish;\n  end\nendmodule\n";
      write_text(stem + "_tb.v", tb);
      write_text(stem + "_in.json", nlohmann::json{{"vectors", vectors}}.dump());
      run_result comp = run_command(iverilog + " -o " + stem + ".vvp " + stem + "_tb.v " + stem + ".v");
      INFO(comp.err);
      REQUIRE(comp.code == 0);
      run_result sim = run_command(vvp + " -n " + stem + ".vvp");
      REQUIRE(sim.code == 0);
      run_result ref = run_tc0("simulate " + stem + ".tc0 --inputs " + stem + "_in.json --format bits");
      REQUIRE(ref.code == 0);
      nlohmann::json got = nlohmann::json::parse(ref.out)["vectors"];
      std::stringstream lines(sim.out);
      std::string line;
      int checked = 0;
      for (int v = 0; v < n; ++v) {
        REQUIRE(std::getline(lines, line));
        std::string expect;
        for (const bus& out : c.outputs()) {
          std::string bits;
          for (const auto& bit : got[v][out.name]) bits = (bit.get<int>() ? "1" : "0") + bits;  // MSB first
          expect += (expect.empty() ? "" : " ") + bits;
        }
        CHECK(line == expect);
        ++checked;
      }
      CHECK(checked == n);
    }
}
}
