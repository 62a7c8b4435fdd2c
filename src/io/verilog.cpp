// Structural Verilog writer: and/not primitives over vector ports.
#include "tc0/io/verilog.hpp"

#include <cctype>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "tc0/errors.hpp"
#include "tc0/version.hpp"

namespace tc0 {

namespace {

bool is_keyword(std::string_view s) {
  static const std::unordered_set<std::string_view> words = {
      "always", "and", "assign", "begin", "buf", "bufif0", "bufif1", "case", "casex", "casez", "cmos", "deassign",
      "default", "defparam", "disable", "edge", "else", "end", "endcase", "endfunction", "endmodule", "endprimitive",
      "endspecify", "endtable", "endtask", "event", "for", "force", "forever", "fork", "function", "highz0", "highz1",
      "if", "ifnone", "initial", "inout", "input", "integer", "join", "large", "macromodule", "medium", "module",
      "nand", "negedge", "nmos", "nor", "not", "notif0", "notif1", "or", "output", "parameter", "pmos", "posedge",
      "primitive", "pull0", "pull1", "pulldown", "pullup", "rcmos", "real", "realtime", "reg", "release", "repeat",
      "rnmos", "rpmos", "rtran", "rtranif0", "rtranif1", "scalared", "small", "specify", "specparam", "strong0",
      "strong1", "supply0", "supply1", "table", "task", "time", "tran", "tranif0", "tranif1", "tri", "tri0", "tri1",
      "triand", "trior", "trireg", "vectored", "wait", "wand", "weak0", "weak1", "while", "wire", "wor", "xnor", "xor",
      "automatic", "cell", "config", "design", "endconfig", "endgenerate", "generate", "genvar", "incdir", "include",
      "instance", "liblist", "library", "localparam", "noshowcancelled", "pulsestyle_ondetect", "pulsestyle_onevent",
      "showcancelled", "signed", "unsigned", "use", "uwire", "logic", "bit", "byte", "int"};
  return words.count(s) > 0;
}

// A plain identifier as is; anything else as an escaped identifier "\name " (ends at whitespace).
std::string identifier(const std::string& s) {
  bool plain = !s.empty() && !is_keyword(s) && (std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_');
  for (char c : s) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$');
  if (plain) return s;
  for (char c : s)
    if (static_cast<unsigned char>(c) <= 32 || static_cast<unsigned char>(c) >= 127)
      throw input_error("verilog", "name '" + s + "' cannot be written in Verilog (whitespace or non-ASCII)");
  return "\\" + s + " ";
}

}  // namespace

netlist_summary write_verilog(std::ostream& os, const circuit& aig) {
  if (!is_aig(aig)) throw input_error("verilog", "the circuit is not an AIG (lower it with to_aig first)");
  const uint32_t n = aig.num_nodes();
  // Internal names: a prefix no port name starts with, then the node id.
  std::string prefix = "n";
  auto clashes = [&](const std::string& p) {
    for (const auto* list : {&aig.inputs(), &aig.outputs()})
      for (const bus& b : *list)
        if (b.name.compare(0, p.size(), p) == 0) return true;
    return false;
  };
  while (clashes(prefix)) prefix = "_" + prefix;

  std::vector<std::string> pos(n);  // the wire holding the node's value
  for (const bus& b : aig.inputs())
    for (size_t i = 0; i < b.lits.size(); ++i) pos[b.lits[i].node()] = identifier(b.name) + "[" + std::to_string(i) + "]";
  std::vector<uint8_t> inverted(n, 0);
  for (uint32_t v = 1; v < n; ++v) {
    if (!is_gate(aig.kind(v))) continue;
    pos[v] = prefix + std::to_string(v);
    for (lit l : aig.fanin(v))
      if (l.complemented() && !l.is_constant()) inverted[l.node()] = 1;
  }
  for (const bus& b : aig.outputs())
    for (lit l : b.lits)
      if (l.complemented() && !l.is_constant()) inverted[l.node()] = 1;
  auto neg = [&](uint32_t v) { return prefix + std::to_string(v) + "_n"; };
  auto ref = [&](lit l) -> std::string {
    if (l.is_constant()) return l == lit_true ? "1'b1" : "1'b0";
    return l.complemented() ? neg(l.node()) : pos[l.node()];
  };

  std::string module = identifier(aig.name().empty() ? std::string("tc0_circuit") : aig.name());
  std::string out;
  out.reserve(static_cast<size_t>(aig.num_gates()) * 48 + 512);
  out += "// " + version_line() + ": an AND-inverter netlist of and/not primitives\n";
  out += "module " + module + " (";
  bool first = true;
  for (const auto* list : {&aig.inputs(), &aig.outputs()})
    for (const bus& b : *list) {
      if (b.lits.empty()) continue;
      out += (first ? "" : ", ") + identifier(b.name);
      first = false;
    }
  out += ");\n";
  for (const bus& b : aig.inputs())
    if (!b.lits.empty()) out += "  input [" + std::to_string(b.lits.size() - 1) + ":0] " + identifier(b.name) + ";\n";
  for (const bus& b : aig.outputs())
    if (!b.lits.empty()) out += "  output [" + std::to_string(b.lits.size() - 1) + ":0] " + identifier(b.name) + ";\n";
  // Declarations, a few per line.
  std::vector<std::string> wires;
  for (uint32_t v = 1; v < n; ++v) {
    if (is_gate(aig.kind(v))) wires.push_back(pos[v]);
    if (inverted[v]) wires.push_back(neg(v));
  }
  for (size_t i = 0; i < wires.size(); i += 16) {
    out += "  wire ";
    for (size_t j = i; j < wires.size() && j < i + 16; ++j) out += (j == i ? "" : ", ") + wires[j];
    out += ";\n";
  }
  netlist_summary s;
  s.format = netlist_format::verilog;
  for (const bus& b : aig.inputs())
    for (lit l : b.lits)
      if (inverted[l.node()]) {
        out += "  not " + prefix + "v" + std::to_string(l.node()) + " (" + neg(l.node()) + ", " + pos[l.node()] + ");\n";
        ++s.inverters;
      }
  for (uint32_t v = 1; v < n; ++v) {
    if (!is_gate(aig.kind(v))) continue;
    auto f = aig.fanin(v);
    out += "  and " + prefix + "g" + std::to_string(v) + " (" + pos[v] + ", " + ref(f[0]) + ", " + ref(f[1]) + ");\n";
    ++s.ands;
    if (inverted[v]) {
      out += "  not " + prefix + "v" + std::to_string(v) + " (" + neg(v) + ", " + pos[v] + ");\n";
      ++s.inverters;
    }
  }
  for (const bus& b : aig.outputs())
    for (size_t i = 0; i < b.lits.size(); ++i)
      out += "  assign " + identifier(b.name) + "[" + std::to_string(i) + "] = " + ref(b.lits[i]) + ";\n";
  out += "endmodule\n";
  os.write(out.data(), static_cast<std::streamsize>(out.size()));
  s.cells = s.ands + s.inverters;
  s.depth = count_aig(aig).depth;
  return s;
}

}  // namespace tc0
