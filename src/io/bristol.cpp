// Bristol Fashion writer (AIG with XOR recovery) and reader (all six gate kinds).
#include "tc0/io/bristol.hpp"

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "netlist_text.hpp"
#include "tc0/circuit/builder.hpp"
#include "tc0/errors.hpp"

namespace tc0 {

using namespace netlist_detail;

netlist_summary write_bristol(std::ostream& os, const circuit& aig) {
  if (!is_aig(aig)) throw input_error("bristol", "the circuit is not an AIG (lower it with to_aig first)");
  const uint32_t n = aig.num_nodes();
  auto is_and = [&](uint32_t v) { return is_gate(aig.kind(v)); };

  // XOR recovery: n = and(!X, !Y), X = and(p, q), Y = and(!p, !q) is p ^ q.
  std::vector<std::pair<lit, lit>> xor_of(n, {lit_false, lit_false});
  std::vector<uint8_t> is_xor(n, 0);
  for (uint32_t v = 1; v < n; ++v) {
    if (!is_and(v)) continue;
    auto f = aig.fanin(v);
    if (!f[0].complemented() || !f[1].complemented() || f[0].is_constant() || f[1].is_constant()) continue;
    uint32_t x = f[0].node(), y = f[1].node();
    if (!is_and(x) || !is_and(y)) continue;
    auto fx = aig.fanin(x), fy = aig.fanin(y);
    lit p = fx[0], q = fx[1];
    if ((fy[0] == !p && fy[1] == !q) || (fy[0] == !q && fy[1] == !p)) {
      is_xor[v] = 1;
      xor_of[v] = {p, q};
    }
  }
  // Operands each gate reads as written: XOR gates read p and q, AND gates their fan-in.
  auto operands = [&](uint32_t v) -> std::pair<lit, lit> {
    if (is_xor[v]) return xor_of[v];
    auto f = aig.fanin(v);
    return {f[0], f[1]};
  };
  std::vector<uint8_t> live(n, 0);
  for (const bus& b : aig.outputs())
    for (lit l : b.lits) live[l.node()] = 1;
  for (uint32_t v = n; v-- > 1;)
    if (live[v] && is_and(v)) {
      auto [a, c] = operands(v);
      live[a.node()] = live[c.node()] = 1;
    }
  // Polarity: the wire of node v holds v ^ flip[v].
  std::vector<uint8_t> flip(n, 0), need_inv(n, 0);
  for (uint32_t v = 1; v < n; ++v) {
    if (!live[v] || !is_and(v)) continue;
    auto [a, c] = operands(v);
    if (is_xor[v]) {
      flip[v] = static_cast<uint8_t>(a.complemented() ^ c.complemented() ^ flip[a.node()] ^ flip[c.node()]);
    } else {
      for (lit l : {a, c})
        if (!l.is_constant() && l.complemented() != static_cast<bool>(flip[l.node()])) need_inv[l.node()] = 1;
    }
  }
  // Wires: inputs first, then internal wires, then the output wires.
  uint64_t num_inputs = 0, num_outputs = 0;
  for (const bus& b : aig.inputs()) num_inputs += b.lits.size();
  for (const bus& b : aig.outputs()) num_outputs += b.lits.size();
  std::vector<uint64_t> wire(n, UINT64_MAX), inv_wire(n, UINT64_MAX);
  {
    uint64_t w = 0;
    for (const bus& b : aig.inputs())
      for (lit l : b.lits) wire[l.node()] = w++;
  }
  std::vector<uint8_t> claimed(n, 0);
  std::vector<lit> out_lits;
  for (const bus& b : aig.outputs())
    for (lit l : b.lits) out_lits.push_back(l);
  // Output bit j is wire base + j, where base is known only after the internal wires are counted.
  std::vector<int64_t> claim_of_output(out_lits.size(), -1);
  for (size_t j = 0; j < out_lits.size(); ++j) {
    lit l = out_lits[j];
    uint32_t v = l.node();
    if (!l.is_constant() && is_and(v) && !claimed[v] && l.complemented() == static_cast<bool>(flip[v])) {
      claimed[v] = 1;
      claim_of_output[j] = v;
    }
  }
  uint64_t next = num_inputs;
  for (uint32_t v = 1; v < n; ++v) {
    if (!live[v]) continue;
    if (is_and(v) && !claimed[v]) wire[v] = next++;
    if (need_inv[v]) inv_wire[v] = next++;
  }
  const uint64_t base = next, num_wires = next + num_outputs;
  for (size_t j = 0; j < out_lits.size(); ++j)
    if (claim_of_output[j] >= 0) wire[static_cast<size_t>(claim_of_output[j])] = base + j;

  netlist_summary s;
  s.format = netlist_format::bristol;
  std::string body;
  body.reserve(static_cast<size_t>(aig.num_gates()) * 20 + 64);
  std::vector<uint32_t> level(n, 0);
  auto operand_wire = [&](lit l) { return l.complemented() != static_cast<bool>(flip[l.node()]) ? inv_wire[l.node()] : wire[l.node()]; };
  auto line2 = [&](uint64_t a, uint64_t c, uint64_t o, const char* k) {
    body += "2 1 " + std::to_string(a) + " " + std::to_string(c) + " " + std::to_string(o) + " " + k + "\n";
  };
  auto line1 = [&](uint64_t a, uint64_t o, const char* k) {
    body += "1 1 " + std::to_string(a) + " " + std::to_string(o) + " " + k + "\n";
  };
  for (uint32_t v = 1; v < n; ++v) {
    if (!live[v]) continue;
    if (is_and(v)) {
      auto [a, c] = operands(v);
      if (is_xor[v]) {
        line2(wire[a.node()], wire[c.node()], wire[v], "XOR");
        ++s.xors;
      } else {
        line2(operand_wire(a), operand_wire(c), wire[v], "AND");
        ++s.ands;
      }
      level[v] = 1 + std::max(level[a.node()], level[c.node()]);
      s.depth = std::max(s.depth, level[v]);
    }
    if (need_inv[v]) {
      line1(wire[v], inv_wire[v], "INV");
      ++s.inverters;
    }
  }
  for (size_t j = 0; j < out_lits.size(); ++j) {
    if (claim_of_output[j] >= 0) continue;
    lit l = out_lits[j];
    if (l.is_constant()) {
      line1(l == lit_true ? 1 : 0, base + j, "EQ");
      ++s.copies;
    } else if (l.complemented() == static_cast<bool>(flip[l.node()])) {
      line1(wire[l.node()], base + j, "EQW");
      ++s.copies;
    } else {
      line1(wire[l.node()], base + j, "INV");
      ++s.inverters;
    }
  }
  s.cells = s.ands + s.xors + s.inverters + s.copies;
  std::string head = std::to_string(s.cells) + " " + std::to_string(num_wires) + "\n";
  head += std::to_string(aig.inputs().size());
  for (const bus& b : aig.inputs()) head += " " + std::to_string(b.lits.size());
  head += "\n" + std::to_string(aig.outputs().size());
  for (const bus& b : aig.outputs()) head += " " + std::to_string(b.lits.size());
  head += "\n\n";
  os.write(head.data(), static_cast<std::streamsize>(head.size()));
  os.write(body.data(), static_cast<std::streamsize>(body.size()));
  return s;
}

namespace {

class bristol_reader {
 public:
  bristol_reader(std::string_view text, std::string_view where) : text_(text), lines_(text, std::string(where)) {}

  circuit run() {
    read_header();
    read_gates();
    return finish();
  }

 private:
  // The next line with a token on it.
  std::vector<std::string_view> tokens(const char* expected) {
    std::string_view l;
    while (lines_.next(l)) {
      auto tok = split_tokens(l);
      if (!tok.empty()) return tok;
    }
    lines_.fail_missing(std::string("unexpected end of file: expected ") + expected);
  }
  uint64_t number(std::string_view tok, uint64_t limit, const char* what) {
    uint64_t v;
    if (!parse_decimal(tok, limit, v)) {
      uint64_t dummy;
      if (parse_decimal(tok, UINT64_MAX, dummy))
        lines_.fail(std::string(what) + " " + quote(tok) + " is out of range (expected below " + std::to_string(limit) + ")");
      lines_.fail(std::string("expected ") + what + " (a decimal number), got '" + quote(tok) + "'");
    }
    return v;
  }
  std::vector<uint64_t> counts(const char* what) {
    auto tok = tokens(what);
    uint64_t k = number(tok[0], max_nodes, what);
    if (tok.size() != k + 1)
      lines_.fail(std::string(what) + ": the line says " + std::to_string(k) + " values but lists " + std::to_string(tok.size() - 1) + " widths");
    std::vector<uint64_t> w;
    for (size_t i = 1; i < tok.size(); ++i) w.push_back(number(tok[i], max_nodes, "a width"));
    header_line_ = lines_.line_number();
    return w;
  }

  void read_header() {
    auto tok = tokens("the header 'gates wires'");
    if (tok.size() != 2) lines_.fail("expected the header 'gates wires', got " + std::to_string(tok.size()) + " tokens");
    ng_ = number(tok[0], max_nodes, "the gate count");
    nw_ = number(tok[1], max_nodes, "the wire count");
    in_widths_ = counts("the input counts 'niv n1 .. n_niv'");
    out_widths_ = counts("the output counts 'nov m1 .. m_nov'");
    output_line_ = header_line_;
    uint64_t in = 0, out = 0;
    for (uint64_t w : in_widths_) in += w;
    for (uint64_t w : out_widths_) out += w;
    if (in + out > nw_)
      lines_.fail(std::to_string(in) + " input wires and " + std::to_string(out) + " output wires do not fit in the header's " + std::to_string(nw_) + " wires");
    // Every wire past the inputs is written by a gate of at least 8 bytes ("1 1 0 1 EQ").
    const uint64_t left = text_.size() - lines_.offset();
    if (ng_ > left / 8 + 1)
      lines_.fail("the header declares " + std::to_string(ng_) + " gates; the file has room for at most " + std::to_string(left / 8 + 1));
    if (nw_ - in > left / 2 + 1)
      lines_.fail("the header declares " + std::to_string(nw_) + " wires; the file can define at most " + std::to_string(in + left / 2 + 1));
    in_wires_ = in;
    out_first_ = nw_ - out;
  }

  void read_gates() {
    std::string stem = std::filesystem::path(lines_.where()).stem().string();
    b_ = builder(stem, builder_params{.structural_hashing = false, .simplify = false});
    val_.assign(nw_, lit_false);
    set_.assign(nw_, 0);
    uint64_t w = 0;
    for (size_t k = 0; k < in_widths_.size(); ++k) {
      bits in = b_.input("in" + std::to_string(k), static_cast<uint32_t>(in_widths_[k]));
      for (lit l : in) {
        val_[w] = l;
        set_[w++] = 2;
      }
    }
    std::vector<uint64_t> ins, outs;
    for (uint64_t g = 0; g < ng_; ++g) {
      auto tok = tokens("a gate line 'nin nout in.. out.. KIND'");
      if (tok.size() < 4) lines_.fail("a gate line is 'nin nout in.. out.. KIND', got " + std::to_string(tok.size()) + " tokens");
      uint64_t nin = number(tok[0], 1u << 20, "the input count"), nout = number(tok[1], 1u << 20, "the output count");
      if (tok.size() != nin + nout + 3)
        lines_.fail("the gate says " + std::to_string(nin) + " inputs and " + std::to_string(nout) + " outputs but lists " + std::to_string(tok.size() - 3) + " wires");
      std::string_view kind = tok.back();
      const bool is_eq = kind == "EQ";
      ins.clear();
      outs.clear();
      for (uint64_t i = 0; i < nin; ++i) ins.push_back(is_eq ? number(tok[2 + i], 2, "the constant (0 or 1)") : wire(tok[2 + i], true));
      for (uint64_t i = 0; i < nout; ++i) outs.push_back(wire(tok[2 + nin + i], false));
      auto arity = [&](uint64_t a, uint64_t o) {
        if (nin != a || nout != o)
          lines_.fail(std::string(kind) + " takes " + std::to_string(a) + " input" + (a == 1 ? "" : "s") + " and " + std::to_string(o) +
                      " output, the line says " + std::to_string(nin) + " and " + std::to_string(nout));
      };
      if (kind == "AND") {
        arity(2, 1);
        write(outs[0], b_.gate(node_kind::and_, std::vector<lit>{val_[ins[0]], val_[ins[1]]}, {}, 0));
      } else if (kind == "XOR") {
        arity(2, 1);
        lit a = val_[ins[0]], c = val_[ins[1]];
        lit both = b_.gate(node_kind::and_, std::vector<lit>{a, c}, {}, 0);
        write(outs[0], b_.gate(node_kind::maj, std::vector<lit>{a, c, !both, !both}, {}, 3));
      } else if (kind == "INV" || kind == "NOT") {
        arity(1, 1);
        write(outs[0], !val_[ins[0]]);
      } else if (kind == "EQW") {
        arity(1, 1);
        write(outs[0], val_[ins[0]]);
      } else if (is_eq) {
        arity(1, 1);
        write(outs[0], constant_lit(ins[0] == 1));
      } else if (kind == "MAND") {
        if (nin != 2 * nout || nout == 0)
          lines_.fail("MAND takes 2k inputs and k outputs, the line says " + std::to_string(nin) + " and " + std::to_string(nout));
        std::vector<lit> r;
        for (uint64_t i = 0; i < nout; ++i) r.push_back(b_.gate(node_kind::and_, std::vector<lit>{val_[ins[i]], val_[ins[nout + i]]}, {}, 0));
        for (uint64_t i = 0; i < nout; ++i) write(outs[i], r[i]);
      } else {
        lines_.fail("unknown gate kind '" + quote(kind) + "' (expected XOR, AND, INV, EQ, EQW or MAND)");
      }
    }
    std::string_view l;
    while (lines_.next(l))
      if (!split_tokens(l).empty()) lines_.fail("more gate lines than the header's " + std::to_string(ng_) + " gates");
  }

  uint64_t wire(std::string_view tok, bool read) {
    uint64_t w = number(tok, nw_, "wire");
    if (read && !set_[w]) lines_.fail("wire " + std::to_string(w) + " is read before any gate writes it");
    if (!read && set_[w] == 2) lines_.fail("wire " + std::to_string(w) + " is an input wire and cannot be written");
    if (!read && set_[w] == 1) lines_.fail("wire " + std::to_string(w) + " is written twice");
    return w;
  }
  void write(uint64_t w, lit value) {
    if (set_[w]) lines_.fail("wire " + std::to_string(w) + " is written twice");
    val_[w] = value;
    set_[w] = 1;
  }

  circuit finish() {
    uint64_t w = out_first_;
    for (size_t k = 0; k < out_widths_.size(); ++k) {
      bits o;
      for (uint64_t i = 0; i < out_widths_[k]; ++i, ++w) {
        if (!set_[w])
          throw input_error(lines_.where() + ":" + std::to_string(output_line_),
                            "output wire " + std::to_string(w) + " (out" + std::to_string(k) + " bit " + std::to_string(i) + ") is never written");
        o.push_back(val_[w]);
      }
      b_.output("out" + std::to_string(k), o);
    }
    return std::move(b_).finish();
  }

  std::string_view text_;
  line_scanner lines_;
  uint64_t ng_ = 0, nw_ = 0, in_wires_ = 0, out_first_ = 0;
  uint64_t header_line_ = 0, output_line_ = 0;
  std::vector<uint64_t> in_widths_, out_widths_;
  builder b_;
  std::vector<lit> val_;
  std::vector<uint8_t> set_;  // 0 unwritten, 1 written by a gate, 2 input
};

}  // namespace

circuit parse_bristol(std::string_view text, std::string_view where) { return bristol_reader(text, where).run(); }

circuit load_bristol(const std::filesystem::path& path) {
  std::string text = read_file_bytes(path.string());
  return parse_bristol(text, path.string());
}

}  // namespace tc0
