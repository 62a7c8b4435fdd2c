// tc0 export / import / simulate with the netlist formats end to end: the summary line, --quiet,
// reading every format by extension, and bad input: exit 2, one line, no output file left behind.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "support.hpp"

using namespace tc0;
using namespace tc0::interop_test;

namespace {
std::string path(const std::string& name) { return scratch(name).string(); }
}  // namespace

TEST_SUITE("fast") {
TEST_CASE("interop cli: export to every netlist format prints its size and depth / --quiet is silent") {
  REQUIRE(run_tc0("gen cmp --width 8 -o " + path("c.tc0")).code == 0);
  run_result r = run_tc0("export " + path("c.tc0") + " --format aiger -o " + path("c.aig"));
  CHECK(r.code == 0);
  CHECK(r.err == "aiger: 55 ands, depth 8\n");
  CHECK(run_tc0("export " + path("c.tc0") + " --format aag -o " + path("c.aag")).err == "aag: 55 ands, depth 8\n");
  CHECK(run_tc0("export " + path("c.tc0") + " --format blif -o " + path("c.blif")).err ==
        "blif: 58 .names (55 ands, 3 output drivers), depth 8\n");
  CHECK(run_tc0("export " + path("c.tc0") + " --format verilog -o " + path("c.v")).err.rfind("verilog: ", 0) == 0);
  CHECK(run_tc0("export " + path("c.tc0") + " --format bristol -o " + path("c.txt")).err.rfind("bristol: ", 0) == 0);
  CHECK(run_tc0("export " + path("c.tc0") + " --format aiger --adder ripple -o " + path("c_r.aig")).code == 0);
  r = run_tc0("-q export " + path("c.tc0") + " --format aiger -o " + path("c2.aig"));
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(slurp(path("c2.aig")) == slurp(path("c.aig")));
  // json and dot keep working.
  CHECK(run_tc0("export " + path("c.tc0") + " --format json -o " + path("c.json")).code == 0);
  CHECK(run_tc0("export " + path("c.tc0") + " --format dot -o " + path("c.dot")).code == 0);
}

TEST_CASE("interop cli: every format imports by extension and simulates like the original") {
  REQUIRE(run_tc0("gen add --width 10 -o " + path("a.tc0")).code == 0);
  auto hash = [](const std::string& file) {
    run_result r = run_tc0("simulate " + file + " --random 5000 --seed 9");
    REQUIRE(r.code == 0);
    return nlohmann::json::parse(r.out)["output_hash"].get<std::string>();
  };
  const std::string want = hash(path("a.tc0"));
  for (const char* ext : {"aig", "aag", "blif"}) {
    CAPTURE(ext);
    const char* f = std::string(ext) == "aig" ? "aiger" : ext;
    REQUIRE(run_tc0("-q export " + path("a.tc0") + " --format " + f + " -o " + path(std::string("a.") + ext)).code == 0);
    CHECK(hash(path(std::string("a.") + ext)) == want);  // read directly by extension
    REQUIRE(run_tc0("import " + path(std::string("a.") + ext) + " -o " + path("b.tc0")).code == 0);
    CHECK(hash(path("b.tc0")) == want);
  }
  // Bristol carries no names: buses come back as in0, in1, out0 (same order, same hash).
  REQUIRE(run_tc0("-q export " + path("a.tc0") + " --format bristol -o " + path("a.bristol")).code == 0);
  REQUIRE(run_tc0("import " + path("a.bristol") + " -o " + path("br.tc0")).code == 0);
  CHECK(hash(path("br.tc0")) == want);
  run_result s = run_tc0("stats " + path("br.tc0") + " --json");
  nlohmann::json st = nlohmann::json::parse(s.out);
  CHECK(st["inputs"] == 20);
  CHECK(st["outputs"] == 11);
  // --format overrides the extension.
  std::filesystem::copy_file(path("a.aag"), path("a_aag.data"));
  CHECK(run_tc0("import " + path("a_aag.data") + " --format aag -o " + path("d.tc0")).code == 0);
}

TEST_CASE("interop cli: bad netlist input exits 2 with one line and leaves no output file") {
  write_text(path("bad.aag"), "aag 3 1 0 1 2\n2\n4\n4 6 2\n6 4 2\n");
  run_result r = run_tc0("import " + path("bad.aag") + " -o " + path("never.tc0"));
  CHECK(r.code == 2);
  CHECK(r.err == "tc0: " + path("bad.aag") + ":5: AND gate 6 is on a cycle (through literal 4)\n");
  CHECK_FALSE(std::filesystem::exists(path("never.tc0")));
  write_text(path("bad.txt"), "1 3\n1 2\n1 1\n\n2 1 0 1 2 NAND\n");
  r = run_tc0("export " + path("bad.txt") + " --format aiger -o " + path("never.aig"));
  CHECK(r.code == 2);
  CHECK(r.err == "tc0: " + path("bad.txt") + ":5: unknown gate kind 'NAND' (expected XOR, AND, INV, EQ, EQW or MAND)\n");
  CHECK_FALSE(std::filesystem::exists(path("never.aig")));
  write_text(path("bad.blif"), ".model m\n.inputs a\n.outputs z\n.subckt foo a=a z=z\n.end\n");
  r = run_tc0("simulate " + path("bad.blif") + " --random 10");
  CHECK(r.code == 2);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  r = run_tc0("import " + path("bad.blif") + " --format verilog -o " + path("never.tc0"));
  CHECK(r.code == 2);
  CHECK(r.err == "tc0: --format: unknown import format 'verilog' (expected json, bristol, aiger, aag or blif)\n");
  r = run_tc0("export " + path("bad.blif") + " --format edif -o " + path("never.x"));
  CHECK(r.code == 2);
  CHECK(r.err == "tc0: --format: unknown format 'edif' (expected json, dot, aiger, aag, blif, verilog or bristol)\n");
  CHECK_FALSE(std::filesystem::exists(path("never.x")));
  // Truncated binary AIGER.
  REQUIRE(run_tc0("gen add --width 4 -o " + path("t.tc0")).code == 0);
  REQUIRE(run_tc0("-q export " + path("t.tc0") + " --format aiger -o " + path("t.aig")).code == 0);
  std::string bytes = slurp(path("t.aig"));
  size_t cut = 0;
  for (int line = 0; line < 6; ++line) cut = bytes.find('\n', cut) + 1;  // header and 5 outputs
  write_text(path("trunc.aig"), bytes.substr(0, cut + 5));
  r = run_tc0("import " + path("trunc.aig") + " -o " + path("never.tc0"));
  CHECK(r.code == 2);
  // The declared AND count no longer fits in what is left of the file: refused before reading on.
  CHECK(r.err == "tc0: " + path("trunc.aig") + ":1: header declares 44 AND gates; the file has room for at most 10\n");
  CHECK_FALSE(std::filesystem::exists(path("never.tc0")));
}
}
