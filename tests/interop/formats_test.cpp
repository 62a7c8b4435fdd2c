// AIGER, BLIF, Verilog and Bristol writers and readers: exact texts of a small netlist, round trips
// keep the function and the names, hand-written files of each format read as they mean, bit-name
// grouping, and the whole one-line error for each kind of bad input.
#include <doctest/doctest.h>

#include <sstream>

#include "../../src/io/netlist_text.hpp"
#include "support.hpp"
#include "tc0/circuit/builder.hpp"
#include "tc0/errors.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/io/aiger.hpp"
#include "tc0/io/blif.hpp"
#include "tc0/io/bristol.hpp"
#include "tc0/io/verilog.hpp"
#include "tc0/transform/to_aig.hpp"
#include "tc0/version.hpp"

using namespace tc0;
using namespace tc0::interop_test;

namespace {

// z[0] = x0 & !x1, z[1] = !(x0 & !x1) & c, z[2] = 1, w[0] = !c.
circuit small_aig() {
  builder b("small");
  bits x = b.input("x", 2);
  lit c = b.input_bit("c");
  lit g = b.and_({x[0], !x[1]});
  lit h = b.and_({!g, c});
  b.output("z", std::vector<lit>{g, h, lit_true});
  b.output("w", !c);
  return std::move(b).finish();
}

template <class F>
std::string text_of(F&& write) {
  std::ostringstream os;
  write(os);
  return os.str();
}

std::string error_of(auto&& f) {
  try {
    f();
  } catch (const input_error& e) {
    return e.what();
  }
  return "(no error)";
}

circuit add_aig(uint32_t width) {
  gen_options o;
  o.op = "add";
  o.width = width;
  return to_aig(generate(o));
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("aiger: the ASCII text of a small AIG with symbols and comment") {
  circuit a = small_aig();
  REQUIRE(is_aig(a));
  netlist_summary s;
  std::string text = text_of([&](std::ostream& os) { s = write_aiger(os, a, true); });
  CHECK(text == "aag 5 3 0 4 2\n2\n4\n6\n8\n10\n1\n7\n8 5 2\n10 9 6\n"
                "i0 x[0]\ni1 x[1]\ni2 c[0]\no0 z[0]\no1 z[1]\no2 z[2]\no3 w[0]\nc\n" +
                    version_line() + "\ncircuit: small\n");
  CHECK(s.ands == 2);
  CHECK(s.depth == 2);
  CHECK(s.describe() == "aag: 2 ands, depth 2");
}

TEST_CASE("aiger: binary deltas / both encodings read back with names and function") {
  circuit a = small_aig();
  std::string bin = text_of([&](std::ostream& os) { write_aiger(os, a, false); });
  CHECK(bin.rfind("aig 5 3 0 4 2\n8\n10\n1\n7\n\x03\x03\x01\x03i0 x[0]\n", 0) == 0);
  for (bool ascii : {false, true}) {
    std::string text = text_of([&](std::ostream& os) { write_aiger(os, a, ascii); });
    circuit r = parse_aiger(text, "small.aig");
    CHECK(same_interface(r, a));
    CHECK(r.name() == "small");
    CHECK(r.num_gates() == 2);
    CHECK(agree(r, a, 2, 1));
  }
  circuit big = add_aig(12);
  circuit r = parse_aiger(text_of([&](std::ostream& os) { write_aiger(os, big, false); }), "add.aig");
  CHECK(same_interface(r, big));
  CHECK(r.num_gates() == big.num_gates());
  CHECK(agree(r, big, 8, 2));
}

TEST_CASE("aiger: unordered ASCII gates / unnamed signals are i[K] and o[K] / a partly named bus") {
  // Gates listed before the gate they use; no symbols.
  circuit r = parse_aiger("aag 4 2 0 2 2\n2\n4\n8\n9\n8 6 2\n6 2 5\n", "u.aag");
  CHECK(r.inputs().size() == 1);
  CHECK(r.inputs()[0].name == "i");
  CHECK(r.outputs()[0].name == "o");
  CHECK(r.outputs()[0].lits.size() == 2);
  // x & !y & x = x & !y
  std::vector<uint64_t> in{0b1100, 0b1010};
  CHECK(evaluate(r, in) == std::vector<uint64_t>{0b0100, ~uint64_t{0b0100}});
  circuit p = parse_aiger("aag 2 2 0 1 0\n2\n4\n2\ni0 a[1]\no0 q\n", "p.aag");
  CHECK(p.inputs()[0].name == "a[1]");
  CHECK(p.inputs()[1].name == "i[1]");
  CHECK(p.outputs()[0].name == "q");
}

TEST_CASE("netlist names: NAME[i] bits group into buses in order of first appearance") {
  using netlist_detail::group_bits;
  auto g = group_bits({"a[1]", "b", "a[0]", "c[0]", "c[2]", "d[0]", "d", "e[01]"}, "t", "input");
  std::string s;
  for (auto& x : g) {
    s += x.name + ":";
    for (uint32_t m : x.members) s += std::to_string(m);
    s += " ";
  }
  CHECK(s == "a:20 b:1 c[0]:3 c[2]:4 d[0]:5 d:6 e[01]:7 ");
  CHECK(error_of([] { group_bits({"x[0]", "x[0]"}, "f.blif:3", "input"); }) == "f.blif:3: input name 'x[0]' is used twice");
}

TEST_CASE("blif: the text of a small AIG / round trip of an adder") {
  std::string text = text_of([&](std::ostream& os) { write_blif(os, small_aig()); });
  CHECK(text == "# " + version_line() + "\n.model small\n.inputs x[0] x[1] c[0]\n.outputs z[0] z[1] z[2] w[0]\n"
                ".names x[0] x[1] n4\n10 1\n.names c[0] n4 n5\n10 1\n"
                ".names n4 z[0]\n1 1\n.names n5 z[1]\n1 1\n.names z[2]\n1\n.names c[0] w[0]\n0 1\n.end\n");
  circuit big = add_aig(12);
  circuit r = parse_blif(text_of([&](std::ostream& os) { write_blif(os, big); }), "add.blif");
  CHECK(same_interface(r, big));
  CHECK(r.name() == "add12");
  CHECK(r.num_gates() == big.num_gates());
  CHECK(agree(r, big, 8, 3));
}

TEST_CASE("blif: covers with don't-cares / off-sets / constants / continuation / any order read as meant") {
  const char* text =
      "# a hand-written model\n"
      ".model m\n"
      ".inputs a b \\\n  c\n"
      ".outputs f g one zero h\n"
      ".names t c f   # f = t | c\n"
      "1- 1\n-1 1\n"
      ".names a b t\n11 1\n"
      ".names a b c g\n000 0\n111 0\n"  // g = not(all equal)
      ".names one\n1\n"
      ".names zero\n"
      ".names a h\n1 1\n"
      ".end\n";
  circuit r = parse_blif(text, "m.blif");
  CHECK(r.name() == "m");
  REQUIRE(r.inputs().size() == 3);
  std::vector<uint64_t> a{0xF0F0}, b{0xCCCC}, c{0xAAAA};
  std::vector<uint64_t> in{0xF0F0, 0xCCCC, 0xAAAA};
  uint64_t f = (0xF0F0 & 0xCCCC) | 0xAAAA;
  uint64_t all1 = 0xF0F0 & 0xCCCC & 0xAAAA, all0 = ~0xF0F0ull & ~0xCCCCull & ~0xAAAAull;
  CHECK(evaluate(r, in) == std::vector<uint64_t>{f, ~(all1 | all0), ~uint64_t{0}, 0, 0xF0F0});
  CHECK(r.num_gates() == 5);  // t, f = or(t, c), g = or of two 3-input cubes; h is a buffer (no gate)
}

TEST_CASE("verilog: ports and primitives and inverters and assigns / escaped names") {
  std::string text = text_of([&](std::ostream& os) {
    netlist_summary s = write_verilog(os, small_aig());
    CHECK(s.ands == 2);
    CHECK(s.inverters == 3);
    CHECK(s.cells == 5);
  });
  // "small" is a Verilog keyword (a charge strength), so the module name is escaped.
  CHECK(text == "// " + version_line() + ": an AND-inverter netlist of and/not primitives\n"
                "module \\small  (x, c, z, w);\n  input [1:0] x;\n  input [0:0] c;\n  output [2:0] z;\n  output [0:0] w;\n"
                "  wire n2_n, n3_n, n4, n4_n, n5;\n"
                "  not nv2 (n2_n, x[1]);\n  not nv3 (n3_n, c[0]);\n"
                "  and ng4 (n4, x[0], n2_n);\n  not nv4 (n4_n, n4);\n  and ng5 (n5, c[0], n4_n);\n"
                "  assign z[0] = n4;\n  assign z[1] = n5;\n  assign z[2] = 1'b1;\n  assign w[0] = n3_n;\nendmodule\n");
  builder b("my.circuit");
  lit x = b.input_bit("wire");
  lit y = b.input_bit("n1");
  b.output("a b", b.and_({x, y}));
  circuit spaced = std::move(b).finish();
  CHECK(error_of([&] { text_of([&](std::ostream& os) { write_verilog(os, spaced); }); }) ==
        "verilog: name 'a b' cannot be written in Verilog (whitespace or non-ASCII)");
  builder b2("my.circuit");
  lit x2 = b2.input_bit("wire");
  lit y2 = b2.input_bit("n1");
  b2.output("a.b", b2.and_({x2, y2}));
  std::string t2 = text_of([&](std::ostream& os) { write_verilog(os, std::move(b2).finish()); });
  // Keywords and non-identifiers are escaped; internal names avoid the port prefix "n".
  CHECK(t2.find("module \\my.circuit  (\\wire , n1, \\a.b );\n") != std::string::npos);
  CHECK(t2.find("  and _ng3 (_n3, \\wire [0], n1[0]);\n") != std::string::npos);
  CHECK(t2.find("  assign \\a.b [0] = _n3;\n") != std::string::npos);
}

TEST_CASE("bristol: every gate kind of a hand-written file reads as meant") {
  // in0 = a (2 bits), in1 = b (2 bits); out0 = 4 bits.
  const char* text =
      "9 15\n2 2 2\n1 4\n\n"
      "2 1 0 2 4 XOR\n"       // w4 = a0 ^ b0
      "2 1 1 3 5 AND\n"       // w5 = a1 & b1
      "1 1 5 6 INV\n"         // w6 = !w5
      "1 1 1 7 EQ\n"          // w7 = 1
      "1 1 4 8 EQW\n"         // w8 = w4
      "4 2 0 1 2 3 9 10 MAND\n"  // w9 = a0 & b0, w10 = a1 & b1
      "2 1 6 7 11 AND\n"      // out bit 0 = !w5
      "2 1 8 9 12 XOR\n"      // out bit 1 = (a0 ^ b0) ^ (a0 & b0) = a0 | b0
      "2 1 10 5 13 XOR\n"     // out bit 2 = 0
      ;
  // 9 gates declared, 9 listed, but wire 14 (out bit 3) is never written:
  CHECK(error_of([&] { parse_bristol(text, "k.txt"); }) == "k.txt:3: output wire 14 (out0 bit 3) is never written");
  std::string full = std::string(text);
  full.replace(0, 4, "10 15");
  full += "1 1 0 14 EQW\n";  // out bit 3 = a0
  circuit r = parse_bristol(full, "k.txt");
  CHECK(r.inputs()[0].name == "in0");
  CHECK(r.inputs()[1].name == "in1");
  CHECK(r.outputs()[0].name == "out0");
  std::vector<uint64_t> in{0b1100, 0b1010, 0b11110000, 0b11001100};
  uint64_t a0 = 0b1100, a1 = 0b1010, b0 = 0b11110000, b1 = 0b11001100;
  CHECK(evaluate(r, in) == std::vector<uint64_t>{~(a1 & b1), a0 | b0, 0, a0});
  // XOR is two gates (and + maj), AND and each MAND pair one, INV/EQ/EQW none.
  CHECK(r.num_gates() == 2 * 3 + 2 + 2);
}

TEST_CASE("bristol: write then read keeps the function / XORs recovered from the AIG") {
  circuit big = add_aig(16);
  netlist_summary s;
  std::string text = text_of([&](std::ostream& os) { s = write_bristol(os, big); });
  circuit r = parse_bristol(text, "add16.txt");
  CHECK(r.inputs().size() == 2);
  CHECK(r.inputs()[0].lits.size() == 16);
  CHECK(r.outputs()[0].lits.size() == 17);
  CHECK(s.xors > 0);
  CHECK(s.ands + 3 * s.xors >= big.num_gates());
  CHECK(s.cells == s.ands + s.xors + s.inverters + s.copies);
  CHECK(text.rfind(std::to_string(s.cells) + " ", 0) == 0);
  // Same function, bus for bus (names differ: Bristol carries none).
  std::mt19937_64 rng(5);
  for (int round = 0; round < 8; ++round) {
    auto in = random_words(big, rng);
    CHECK(evaluate(r, in) == evaluate(big, in));
  }
  // A constant, a copied input and a complemented output bit are driven by EQ, EQW, INV.
  circuit tiny = small_aig();
  circuit t = parse_bristol(text_of([&](std::ostream& os) { write_bristol(os, tiny); }), "t.txt");
  std::mt19937_64 rng2(6);
  auto in = random_words(tiny, rng2);
  CHECK(evaluate(t, in) == evaluate(tiny, in));
}

TEST_CASE("aiger: bad input gives one located line") {
  auto err = [](const std::string& text) { return error_of([&] { parse_aiger(text, "f.aag"); }); };
  CHECK(err("") == "f.aag:1: unexpected end of file: expected the header 'aig M I L O A'");
  CHECK(err("aag 3 1 1 1 1\n") == "f.aag:1: latches are not supported (L = 1): tc0 reads combinational AIGER only");
  CHECK(err("aag 3 1 0 1 1 1\n") == "f.aag:1: bad-state properties (B) are not supported: tc0 reads combinational AIGER only");
  CHECK(err("aag 1 1 0 1 1\n2\n2\n4 2 2\n") == "f.aag:1: M = 1 but I + L + A = 2 (M must be at least that)");
  CHECK(err("aag 2 1 0 1 1\n2\n4\n") == "f.aag:4: unexpected end of file: expected an AND gate 'lhs rhs0 rhs1'");
  CHECK(err("aag 2 1 0 1 1\n2\n4\n4 2 7\n") == "f.aag:4: literal 7 is out of range (expected below 6)");
  CHECK(err("aag 3 1 0 1 2\n2\n4\n4 6 2\n6 4 2\n") == "f.aag:5: AND gate 6 is on a cycle (through literal 4)");
  CHECK(err("aag 3 1 0 1 1\n2\n4\n4 6 2\n") == "f.aag:4: literal 6: variable 3 is never defined");
  CHECK(err("aag 2 1 0 1 1\n2\n4\n2 2 2\n") == "f.aag:4: variable 1 is defined twice");
  CHECK(err("aag 99999999 1 0 1 1\n2\n4\n4 2 2\n") == "f.aag:1: M = 99999999 variables is implausibly many for a file of 31 bytes");
  CHECK(err("aag 1 1 0 1000 0\n2\n") == "f.aag:1: header declares 1000 outputs; the file has room for at most 1");
  CHECK(err("aag 1 1 0 1 0\n2\n2\nx0 a\n") == "f.aag:4: expected a symbol 'iK NAME' or 'oK NAME' or the comment line 'c', got 'x0 a'");
  CHECK(err("aag 1 1 0 1 0\n2\n2\ni5 a\n") == "f.aag:4: symbol 'i5': input index out of range (the file has 1)");
  CHECK(err("hello\n") == "f.aag:1: expected the header 'aig M I L O A' or 'aag M I L O A', got 'hello'");
  auto berr = [](const std::string& text) { return error_of([&] { parse_aiger(text, "f.aig"); }); };
  CHECK(berr("aig 2 1 0 1 1\n4\n\x05\x01") == "f.aig: byte 16: AND gate 0: first delta 5 must be in 1..4");
  CHECK(berr("aig 2 1 0 1 1\n4\n\x82") == "f.aig: byte 16: truncated: the file ends inside AND gate 0");
  CHECK(berr("aig 2 1 0 1 1\n4\n\x02\x01i0\n") == "f.aig: byte 18: expected a symbol 'iK NAME' or 'oK NAME' or the comment line 'c', got 'i0'");
}

TEST_CASE("blif: bad input gives one located line") {
  auto err = [](const std::string& text) { return error_of([&] { parse_blif(text, "f.blif"); }); };
  CHECK(err(".model m\n.inputs a\n.outputs z\n.latch a z 0\n.end\n") ==
        "f.blif:4: '.latch' is not supported: tc0 reads combinational single-model BLIF (.model, .inputs, .outputs, .names, .end)");
  CHECK(err(".model m\n.inputs a\n.outputs z\n.names a q z\n11 1\n.end\n") == "f.blif:4: signal 'q' is never defined");
  CHECK(err(".model m\n.inputs a\n.outputs z\n.names a y z\n11 1\n.names z y\n1 1\n") ==
        "f.blif:6: signal 'y' is on a cycle (through 'z')");
  CHECK(err(".model m\n.inputs a\n.outputs z\n.names a z\n1 1\n.names a z\n0 1\n") == "f.blif:6: signal 'z' is defined twice");
  CHECK(err(".model m\n.inputs a\n.outputs z\n.names a z\n11 1\n") ==
        "f.blif:5: cover row '11' has 2 columns, the .names has 1 inputs");
  CHECK(err(".model m\n.inputs a\n.outputs z\n.names a z\n1 1\n0 0\n") == "f.blif:6: cover mixes on-set (1) and off-set (0) rows");
  CHECK(err(".model m\n.inputs a\n.outputs z\n.names a z\n2 1\n") == "f.blif:5: cover row '2': expected only 0, 1 and -");
  CHECK(err(".model m\n.inputs a\n.outputs z q\n.names a z\n1 1\n") == "f.blif:3: output 'q' is never defined");
  CHECK(err(".model m\n.model n\n") == "f.blif:2: a second .model: hierarchical BLIF is not supported (one model per file)");
  CHECK(err(".model m\n.frob\n") == "f.blif:2: unknown directive '.frob' (expected .model, .inputs, .outputs, .names or .end)");
  CHECK(err(".model m\n11 1\n") == "f.blif:2: expected a directive (.names, .inputs, ...), got '11'");
}

TEST_CASE("bristol: bad input gives one located line") {
  auto err = [](const std::string& text) { return error_of([&] { parse_bristol(text, "f.txt"); }); };
  CHECK(err("") == "f.txt:1: unexpected end of file: expected the header 'gates wires'");
  CHECK(err("1 3\n1 2\n1 1\n\n2 1 0 1 2 NAND\n") == "f.txt:5: unknown gate kind 'NAND' (expected XOR, AND, INV, EQ, EQW or MAND)");
  CHECK(err("1 3\n1 2\n1 1\n\n2 1 0 5 2 AND\n") == "f.txt:5: wire 5 is out of range (expected below 3)");
  CHECK(err("1 4\n1 2\n1 1\n\n2 1 0 2 3 AND\n") == "f.txt:5: wire 2 is read before any gate writes it");
  CHECK(err("2 3\n1 2\n1 1\n\n2 1 0 1 2 AND\n") == "f.txt:6: unexpected end of file: expected a gate line 'nin nout in.. out.. KIND'");
  CHECK(err("1 3\n1 2\n1 1\n\n2 1 0 1 2 AND\n1 1 2 2 INV\n") == "f.txt:6: more gate lines than the header's 1 gates");
  CHECK(err("2 3\n1 2\n1 1\n\n2 1 0 1 2 AND\n1 1 0 2 INV\n") == "f.txt:6: wire 2 is written twice");
  CHECK(err("1 3\n1 2\n1 1\n\n2 1 0 1 1 AND\n") == "f.txt:5: wire 1 is an input wire and cannot be written");
  CHECK(err("1 3\n1 2\n1 1\n\n1 1 0 1 2 AND\n") == "f.txt:5: the gate says 1 inputs and 1 outputs but lists 3 wires");
  CHECK(err("1 3\n1 2\n1 1\n\n2 1 0 1 2 INV\n") == "f.txt:5: INV takes 1 input and 1 output, the line says 2 and 1");
  CHECK(err("1 3\n2 2\n1 1\n") == "f.txt:2: the input counts 'niv n1 .. n_niv': the line says 2 values but lists 1 widths");
  CHECK(err("900000000 3\n1 2\n1 1\n\n2 1 0 1 2 AND\n") == "f.txt:3: the header declares 900000000 gates; the file has room for at most 2");
  CHECK(err("1 2000000000\n1 2\n1 1\n\n2 1 0 1 2 AND\n") == "f.txt:3: the header declares 2000000000 wires; the file can define at most 10");
  CHECK(err("1 3\n1 2\n1 1\n\n1 1 7 2 EQ\n") == "f.txt:5: the constant (0 or 1) 7 is out of range (expected below 2)");
}
}
