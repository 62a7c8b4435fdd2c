// AIGER writer and reader (binary and ASCII), with symbol tables.
#include "tc0/io/aiger.hpp"

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "netlist_text.hpp"
#include "tc0/circuit/builder.hpp"
#include "tc0/errors.hpp"
#include "tc0/version.hpp"

namespace tc0 {

using namespace netlist_detail;

netlist_summary write_aiger(std::ostream& os, const circuit& aig, bool ascii) {
  if (!is_aig(aig)) throw input_error("aiger", "the circuit is not an AIG (lower it with to_aig first)");
  const uint32_t n = aig.num_nodes();
  std::vector<uint32_t> var(n, 0);
  uint32_t next = 1;
  for (const bus& b : aig.inputs())
    for (lit l : b.lits) var[l.node()] = next++;
  const uint32_t num_inputs = next - 1;
  for (uint32_t v = 1; v < n; ++v)
    if (is_gate(aig.kind(v))) var[v] = next++;
  const uint64_t num_ands = next - 1 - num_inputs;
  uint64_t num_outputs = 0;
  for (const bus& b : aig.outputs()) num_outputs += b.lits.size();
  auto lit_of = [&](lit l) { return 2 * var[l.node()] + (l.complemented() ? 1u : 0u); };

  std::string out;
  out.reserve(static_cast<size_t>(num_ands) * (ascii ? 24 : 4) + 64);
  out += ascii ? "aag " : "aig ";
  out += std::to_string(next - 1) + " " + std::to_string(num_inputs) + " 0 " + std::to_string(num_outputs) + " " +
         std::to_string(num_ands) + "\n";
  if (ascii)
    for (uint32_t i = 1; i <= num_inputs; ++i) out += std::to_string(2 * i) + "\n";
  for (const bus& b : aig.outputs())
    for (lit l : b.lits) out += std::to_string(lit_of(l)) + "\n";
  auto put_varint = [&out](uint32_t x) {
    while (x & ~0x7fu) {
      out += static_cast<char>((x & 0x7f) | 0x80);
      x >>= 7;
    }
    out += static_cast<char>(x);
  };
  for (uint32_t v = 1; v < n; ++v) {
    if (!is_gate(aig.kind(v))) continue;
    auto f = aig.fanin(v);
    uint32_t lhs = 2 * var[v], r0 = lit_of(f[0]), r1 = lit_of(f[1]);
    if (r0 < r1) std::swap(r0, r1);
    if (ascii) {
      out += std::to_string(lhs) + " " + std::to_string(r0) + " " + std::to_string(r1) + "\n";
    } else {
      put_varint(lhs - r0);
      put_varint(r0 - r1);
    }
  }
  uint64_t k = 0;
  for (const bus& b : aig.inputs())
    for (size_t i = 0; i < b.lits.size(); ++i) out += "i" + std::to_string(k++) + " " + bit_name(b.name, i) + "\n";
  k = 0;
  for (const bus& b : aig.outputs())
    for (size_t i = 0; i < b.lits.size(); ++i) out += "o" + std::to_string(k++) + " " + bit_name(b.name, i) + "\n";
  out += "c\n";
  out += version_line() + "\n";
  if (!aig.name().empty()) out += "circuit: " + aig.name() + "\n";
  os.write(out.data(), static_cast<std::streamsize>(out.size()));

  aig_counts counts = count_aig(aig);
  netlist_summary s;
  s.format = ascii ? netlist_format::aag : netlist_format::aiger;
  s.ands = counts.ands;
  s.cells = counts.ands;
  s.depth = counts.depth;
  return s;
}

namespace {

class aiger_reader {
 public:
  aiger_reader(std::string_view bytes, std::string_view where) : s_(bytes), lines_(bytes, std::string(where)) {}

  circuit run() {
    read_header();
    if (ascii_) read_ascii_inputs();
    read_outputs();
    if (ascii_) read_ascii_ands();
    else read_binary_ands();
    read_symbols();
    return build();
  }

 private:
  static constexpr uint32_t none = UINT32_MAX;

  [[noreturn]] void fail_byte(size_t at, const std::string& what) const {
    throw input_error(lines_.where() + ": byte " + std::to_string(at), what);
  }
  std::string_view line(const char* expected) {
    std::string_view l;
    if (!lines_.next(l)) lines_.fail_missing(std::string("unexpected end of file: expected ") + expected);
    return l;
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

  void read_header() {
    std::string_view l = line("the header 'aig M I L O A'");
    auto tok = split_tokens(l);
    if (tok.empty() || (tok[0] != "aig" && tok[0] != "aag"))
      lines_.fail("expected the header 'aig M I L O A' or 'aag M I L O A', got '" + quote(l) + "'");
    ascii_ = tok[0] == "aag";
    if (tok.size() < 6 || tok.size() > 10)
      lines_.fail("the header needs 5 to 9 numbers (M I L O A [B C J F]), got " + std::to_string(tok.size() - 1));
    const uint64_t lim = max_nodes;
    m_ = number(tok[1], lim, "M");
    i_ = number(tok[2], lim, "I");
    uint64_t l_ = number(tok[3], lim, "L");
    o_ = number(tok[4], lim, "O");
    a_ = number(tok[5], lim, "A");
    if (l_ != 0) lines_.fail("latches are not supported (L = " + std::to_string(l_) + "): tc0 reads combinational AIGER only");
    static const char* extra[] = {"bad-state properties (B)", "invariant constraints (C)", "justice properties (J)",
                                  "fairness constraints (F)"};
    for (size_t k = 6; k < tok.size(); ++k)
      if (number(tok[k], lim, "a section count") != 0)
        lines_.fail(std::string(extra[k - 6]) + " are not supported: tc0 reads combinational AIGER only");
    if (ascii_ ? i_ + a_ > m_ : i_ + a_ != m_)
      lines_.fail("M = " + std::to_string(m_) + " but I + L + A = " + std::to_string(i_ + a_) +
                  (ascii_ ? " (M must be at least that)" : " (binary AIGER needs them equal)"));
    // Declared counts against what the rest of the file can hold, before anything is allocated.
    const uint64_t left = s_.size() - lines_.offset();
    if (o_ > left / 2) lines_.fail("header declares " + std::to_string(o_) + " outputs; the file has room for at most " + std::to_string(left / 2));
    if (ascii_ && i_ + a_ > left / 2)
      lines_.fail("header declares " + std::to_string(i_) + " inputs and " + std::to_string(a_) + " AND gates; the file has room for at most " + std::to_string(left / 2) + " lines");
    if (!ascii_ && a_ > left / 2)
      lines_.fail("header declares " + std::to_string(a_) + " AND gates; the file has room for at most " + std::to_string(left / 2));
    // Binary inputs take no bytes; refuse counts no real circuit of this file size has.
    // Binary inputs take no bytes, and ASCII variables may go unused: refuse counts no real
    // circuit of this file size has (each would cost memory before any error could show).
    if (m_ > 4 * left + 4096)
      lines_.fail("M = " + std::to_string(m_) + " variables is implausibly many for a file of " + std::to_string(s_.size()) + " bytes");
    def_.assign(m_ + 1, none);
    def_[0] = 0;
  }

  // def_[var]: none, or the input index (< I), or I + the and index.
  void read_ascii_inputs() {
    input_var_.reserve(i_);
    for (uint64_t k = 0; k < i_; ++k) {
      auto tok = split_tokens(line("an input literal"));
      if (tok.size() != 1) lines_.fail("expected one input literal, got " + std::to_string(tok.size()) + " tokens");
      uint64_t l = number(tok[0], 2 * m_ + 2, "input literal");
      if (l < 2 || (l & 1)) lines_.fail("input literal " + std::to_string(l) + " must be even and at least 2");
      if (def_[l / 2] != none) lines_.fail("variable " + std::to_string(l / 2) + " is defined twice");
      def_[l / 2] = static_cast<uint32_t>(k);
      input_var_.push_back(static_cast<uint32_t>(l / 2));
    }
  }

  void read_outputs() {
    outputs_.reserve(o_);
    output_line_.reserve(o_);
    for (uint64_t k = 0; k < o_; ++k) {
      auto tok = split_tokens(line("an output literal"));
      if (tok.size() != 1) lines_.fail("expected one output literal, got " + std::to_string(tok.size()) + " tokens");
      outputs_.push_back(static_cast<uint32_t>(number(tok[0], 2 * m_ + 2, "output literal")));
      output_line_.push_back(lines_.line_number());
    }
  }

  void read_ascii_ands() {
    ands_.reserve(2 * a_);
    and_line_.reserve(a_);
    for (uint64_t k = 0; k < a_; ++k) {
      auto tok = split_tokens(line("an AND gate 'lhs rhs0 rhs1'"));
      if (tok.size() != 3) lines_.fail("expected an AND gate 'lhs rhs0 rhs1', got " + std::to_string(tok.size()) + " tokens");
      uint64_t lhs = number(tok[0], 2 * m_ + 2, "AND literal");
      uint64_t r0 = number(tok[1], 2 * m_ + 2, "literal");
      uint64_t r1 = number(tok[2], 2 * m_ + 2, "literal");
      if (lhs < 2 || (lhs & 1)) lines_.fail("AND literal " + std::to_string(lhs) + " must be even and at least 2");
      if (def_[lhs / 2] != none) lines_.fail("variable " + std::to_string(lhs / 2) + " is defined twice");
      def_[lhs / 2] = static_cast<uint32_t>(i_ + k);
      ands_.push_back(static_cast<uint32_t>(r0));
      ands_.push_back(static_cast<uint32_t>(r1));
      and_var_.push_back(static_cast<uint32_t>(lhs / 2));
      and_line_.push_back(lines_.line_number());
    }
  }

  void read_binary_ands() {
    for (uint64_t k = 0; k < i_; ++k) {
      def_[k + 1] = static_cast<uint32_t>(k);
      input_var_.push_back(static_cast<uint32_t>(k + 1));
    }
    ands_.reserve(2 * a_);
    size_t pos = lines_.offset();
    auto varint = [&](uint64_t gate) -> uint64_t {
      uint64_t x = 0;
      unsigned shift = 0;
      const size_t start = pos;
      while (true) {
        if (pos >= s_.size()) fail_byte(start, "truncated: the file ends inside AND gate " + std::to_string(gate));
        uint8_t c = static_cast<uint8_t>(s_[pos++]);
        if (shift >= 35 || (shift == 28 && (c & 0x70))) fail_byte(start, "AND gate " + std::to_string(gate) + ": delta does not fit in 32 bits");
        x |= static_cast<uint64_t>(c & 0x7f) << shift;
        if (!(c & 0x80)) return x;
        shift += 7;
      }
    };
    for (uint64_t k = 0; k < a_; ++k) {
      const size_t start = pos;
      const uint64_t lhs = 2 * (i_ + k + 1);
      uint64_t d0 = varint(k), d1 = varint(k);
      if (d0 == 0 || d0 > lhs) fail_byte(start, "AND gate " + std::to_string(k) + ": first delta " + std::to_string(d0) + " must be in 1.." + std::to_string(lhs));
      uint64_t r0 = lhs - d0;
      if (d1 > r0) fail_byte(start, "AND gate " + std::to_string(k) + ": second delta " + std::to_string(d1) + " exceeds the first input literal " + std::to_string(r0));
      ands_.push_back(static_cast<uint32_t>(r0));
      ands_.push_back(static_cast<uint32_t>(r0 - d1));
      and_var_.push_back(static_cast<uint32_t>(lhs / 2));
      def_[lhs / 2] = static_cast<uint32_t>(i_ + k);
    }
    binary_end_ = pos;
    lines_.set_offset(pos);
  }

  // Symbol table "iK name" / "oK name", then an optional comment section after a line "c".
  void read_symbols() {
    input_names_.assign(i_, {});
    output_names_.assign(o_, {});
    std::string_view l;
    while (true) {
      const size_t at = lines_.offset();
      if (!lines_.next(l)) break;
      auto fail = [&](const std::string& what) {
        if (ascii_) lines_.fail(what);
        fail_byte(at, what);
      };
      if (l == "c" || (l.size() > 1 && l[0] == 'c' && (l[1] == ' ' || l[1] == '\t'))) break;  // comments to the end
      if (l.empty()) {
        if (lines_.at_end()) break;
        fail("expected a symbol 'iK NAME' or 'oK NAME' or the comment line 'c', got an empty line");
      }
      size_t sp = l.find(' ');
      if ((l[0] != 'i' && l[0] != 'o') || sp == std::string_view::npos || sp < 2 || sp + 1 >= l.size())
        fail("expected a symbol 'iK NAME' or 'oK NAME' or the comment line 'c', got '" + quote(l) + "'");
      const bool is_input = l[0] == 'i';
      uint64_t pos;
      const uint64_t count = is_input ? i_ : o_;
      if (!parse_decimal(l.substr(1, sp - 1), count, pos))
        fail(std::string("symbol '") + quote(l.substr(0, sp)) + "': " + (is_input ? "input" : "output") + " index out of range (the file has " + std::to_string(count) + ")");
      std::string& name = is_input ? input_names_[pos] : output_names_[pos];
      if (!name.empty()) fail(std::string(is_input ? "input " : "output ") + std::to_string(pos) + " is named twice");
      name = std::string(l.substr(sp + 1));
    }
  }

  circuit build() {
    std::string where = lines_.where();
    std::string stem = std::filesystem::path(where).stem().string();
    builder b(stem, builder_params{.structural_hashing = false, .simplify = false});
    b.reserve(i_ + a_, 2 * a_);
    for (uint64_t k = 0; k < i_; ++k)
      if (input_names_[k].empty()) input_names_[k] = bit_name("i", k);
    for (uint64_t k = 0; k < o_; ++k)
      if (output_names_[k].empty()) output_names_[k] = bit_name("o", k);
    std::vector<lit> val(m_ + 1, lit_false);
    std::vector<uint8_t> done(m_ + 1, 0);
    done[0] = 1;
    for (const bus_group& g : group_bits(input_names_, where, "input")) {
      bits in = b.input(g.name, static_cast<uint32_t>(g.members.size()));
      for (size_t i = 0; i < in.size(); ++i) {
        uint32_t v = input_var_[g.members[i]];
        val[v] = in[i];
        done[v] = 1;
      }
    }
    // AND gates in dependency order (binary files are ordered already; ASCII may not be):
    // iterative DFS, state 0 new, 1 on the current path, 2 built.
    std::vector<uint8_t> state(a_, 0);
    std::vector<uint32_t> stack;
    auto and_of = [&](uint32_t literal, uint32_t user) -> int64_t {
      uint32_t v = literal / 2;
      if (def_[v] == none) {
        if (ascii_)
          throw input_error(lines_.where() + ":" + std::to_string(and_line_[user]),
                            "literal " + std::to_string(literal) + ": variable " + std::to_string(v) + " is never defined");
        fail_byte(binary_end_, "AND gate " + std::to_string(user) + ": variable " + std::to_string(v) + " is never defined");
      }
      return done[v] ? -1 : static_cast<int64_t>(def_[v] - i_);
    };
    for (uint64_t k = 0; k < a_; ++k) {
      if (state[k] == 2) continue;
      stack.push_back(static_cast<uint32_t>(k));
      while (!stack.empty()) {
        uint32_t g = stack.back();
        if (state[g] == 2) {
          stack.pop_back();
          continue;
        }
        if (state[g] == 0) {
          state[g] = 1;
          for (int side = 0; side < 2; ++side) {
            int64_t h = and_of(ands_[2 * g + side], g);
            if (h < 0) continue;
            if (state[h] == 1)
              throw input_error(lines_.where() + ":" + std::to_string(and_line_[g]),
                                "AND gate " + std::to_string(2 * and_var_[g]) + " is on a cycle (through literal " +
                                    std::to_string(ands_[2 * g + side]) + ")");
            if (state[h] == 0) stack.push_back(static_cast<uint32_t>(h));
          }
          continue;
        }
        lit x = val[ands_[2 * g] / 2] ^ (ands_[2 * g] & 1u), y = val[ands_[2 * g + 1] / 2] ^ (ands_[2 * g + 1] & 1u);
        val[and_var_[g]] = b.gate(node_kind::and_, std::vector<lit>{x, y}, {}, 0);
        done[and_var_[g]] = 1;
        state[g] = 2;
        stack.pop_back();
      }
    }
    std::vector<lit> out_lits(o_);
    for (uint64_t k = 0; k < o_; ++k) {
      uint32_t literal = outputs_[k];
      if (def_[literal / 2] == none)
        throw input_error(lines_.where() + ":" + std::to_string(output_line_[k]), "output literal " + std::to_string(literal) + ": variable " + std::to_string(literal / 2) + " is never defined");
      out_lits[k] = val[literal / 2] ^ (literal & 1u);
    }
    for (const bus_group& g : group_bits(output_names_, where, "output")) {
      bits o;
      for (uint32_t m : g.members) o.push_back(out_lits[m]);
      b.output(g.name, o);
    }
    return std::move(b).finish();
  }

  std::string_view s_;
  line_scanner lines_;
  bool ascii_ = false;
  uint64_t m_ = 0, i_ = 0, o_ = 0, a_ = 0;
  size_t binary_end_ = 0;
  std::vector<uint32_t> def_;
  std::vector<uint32_t> input_var_;
  std::vector<uint32_t> outputs_;
  std::vector<uint64_t> output_line_;
  std::vector<uint32_t> ands_;  // two literals per AND gate
  std::vector<uint32_t> and_var_;
  std::vector<uint64_t> and_line_;
  std::vector<std::string> input_names_, output_names_;
};

}  // namespace

circuit parse_aiger(std::string_view bytes, std::string_view where) { return aiger_reader(bytes, where).run(); }

circuit load_aiger(const std::filesystem::path& path) {
  std::string bytes = read_file_bytes(path.string());
  return parse_aiger(bytes, path.string());
}

}  // namespace tc0
