// BLIF writer (from an AIG) and reader (covers to AND/OR gates, any definition order).
#include "tc0/io/blif.hpp"

#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "netlist_text.hpp"
#include "tc0/circuit/builder.hpp"
#include "tc0/errors.hpp"
#include "tc0/version.hpp"

namespace tc0 {

using namespace netlist_detail;

namespace {

// BLIF names are whitespace-separated tokens; '#' starts a comment and '\' at a line end continues it.
void check_blif_name(const std::string& name, const char* what) {
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 32 || u == 127 || c == '#' || c == '\\')
      throw input_error("blif", std::string(what) + " '" + quote(name) + "' cannot be written in BLIF (whitespace, '#' or '\\' in a name)");
  }
}

}  // namespace

netlist_summary write_blif(std::ostream& os, const circuit& aig) {
  if (!is_aig(aig)) throw input_error("blif", "the circuit is not an AIG (lower it with to_aig first)");
  const uint32_t n = aig.num_nodes();
  std::vector<std::string> name(n);
  for (const bus& b : aig.inputs()) {
    check_blif_name(b.name, "input");
    for (size_t i = 0; i < b.lits.size(); ++i) name[b.lits[i].node()] = bit_name(b.name, i);
  }
  for (const bus& b : aig.outputs()) check_blif_name(b.name, "output");
  for (uint32_t v = 1; v < n; ++v)
    if (is_gate(aig.kind(v))) name[v] = "n" + std::to_string(v);

  std::string model = aig.name().empty() ? "tc0" : aig.name();
  for (char& c : model)
    if (static_cast<unsigned char>(c) <= 32 || c == '#' || c == '\\') c = '_';
  std::string out;
  out.reserve(static_cast<size_t>(aig.num_gates()) * 24 + 256);
  out += "# " + version_line() + "\n";
  out += ".model " + model + "\n";
  auto list = [&out](const char* directive, const std::vector<bus>& buses) {
    out += directive;
    size_t on_line = 0;
    for (const bus& b : buses)
      for (size_t i = 0; i < b.lits.size(); ++i) {
        if (on_line == 16) {
          out += " \\\n ";
          on_line = 0;
        }
        out += " " + bit_name(b.name, i);
        ++on_line;
      }
    out += "\n";
  };
  list(".inputs", aig.inputs());
  list(".outputs", aig.outputs());
  netlist_summary s;
  s.format = netlist_format::blif;
  for (uint32_t v = 1; v < n; ++v) {
    if (!is_gate(aig.kind(v))) continue;
    auto f = aig.fanin(v);
    out += ".names " + name[f[0].node()] + " " + name[f[1].node()] + " " + name[v] + "\n";
    out += f[0].complemented() ? '0' : '1';
    out += f[1].complemented() ? '0' : '1';
    out += " 1\n";
    ++s.ands;
  }
  for (const bus& b : aig.outputs())
    for (size_t i = 0; i < b.lits.size(); ++i) {
      lit l = b.lits[i];
      const std::string o = bit_name(b.name, i);
      if (l.is_constant()) {
        out += ".names " + o + "\n" + (l == lit_true ? "1\n" : "");
      } else {
        out += ".names " + name[l.node()] + " " + o + "\n" + (l.complemented() ? "0 1\n" : "1 1\n");
      }
      ++s.copies;
    }
  out += ".end\n";
  os.write(out.data(), static_cast<std::streamsize>(out.size()));
  aig_counts counts = count_aig(aig);
  s.cells = s.ands + s.copies;
  s.depth = counts.depth;
  return s;
}

namespace {

class blif_reader {
 public:
  blif_reader(std::string_view text, std::string_view where) : lines_(text, std::string(where)) {}

  circuit run() {
    parse();
    return build();
  }

 private:
  struct definition {
    uint64_t line;
    std::vector<uint32_t> inputs;  // signal ids
    uint32_t output;
    std::vector<std::string> rows;  // input part of each cube
    char value = '1';               // the output column (all rows agree)
  };
  struct signal {
    std::string name;
    int64_t def = -1;  // index into defs_, or -2 for a primary input
    uint64_t first_use_line = 0;
  };

  [[noreturn]] void fail_at(uint64_t line, const std::string& what) const {
    throw input_error(lines_.where() + ":" + std::to_string(line), what);
  }

  uint32_t signal_id(std::string_view name) {
    auto it = ids_.find(std::string(name));
    if (it != ids_.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(signals_.size());
    signals_.push_back(signal{std::string(name), -1, line_});
    ids_.emplace(std::string(name), id);
    return id;
  }

  // Logical lines: comments stripped, '\' continuations joined; line_ is where the line starts.
  bool logical_line(std::string& out) {
    out.clear();
    std::string_view l;
    bool any = false;
    while (lines_.next(l)) {
      if (!any) line_ = lines_.line_number();
      any = true;
      if (size_t h = l.find('#'); h != std::string_view::npos) l = l.substr(0, h);
      size_t e = l.size();
      while (e > 0 && (l[e - 1] == ' ' || l[e - 1] == '\t')) --e;
      if (e > 0 && l[e - 1] == '\\') {
        out.append(l.substr(0, e - 1));
        out += ' ';
        continue;
      }
      out.append(l);
      return true;
    }
    return any;
  }

  void parse() {
    std::string text;
    bool seen_model = false, in_names = false;
    while (logical_line(text)) {
      auto tok = split_tokens(text);
      if (tok.empty()) continue;
      if (tok[0][0] == '.') {
        in_names = false;
        std::string_view d = tok[0];
        if (d == ".model") {
          if (seen_model) fail_at(line_, "a second .model: hierarchical BLIF is not supported (one model per file)");
          if (!defs_.empty() || !inputs_.empty() || !outputs_.empty()) fail_at(line_, ".model must come before the model's contents");
          seen_model = true;
          if (tok.size() > 1) model_ = std::string(tok[1]);
        } else if (d == ".inputs") {
          for (size_t i = 1; i < tok.size(); ++i) {
            uint32_t id = signal_id(tok[i]);
            if (signals_[id].def != -1) fail_at(line_, "signal '" + quote(tok[i]) + "' is defined twice");
            signals_[id].def = -2;
            inputs_.push_back(id);
          }
        } else if (d == ".outputs") {
          for (size_t i = 1; i < tok.size(); ++i) {
            uint32_t id = signal_id(tok[i]);
            outputs_.push_back(id);
            output_line_.push_back(line_);
          }
        } else if (d == ".names") {
          if (tok.size() < 2) fail_at(line_, ".names needs at least an output signal");
          definition def;
          def.line = line_;
          for (size_t i = 1; i + 1 < tok.size(); ++i) def.inputs.push_back(signal_id(tok[i]));
          def.output = signal_id(tok.back());
          if (signals_[def.output].def != -1) fail_at(line_, "signal '" + quote(tok.back()) + "' is defined twice");
          signals_[def.output].def = static_cast<int64_t>(defs_.size());
          defs_.push_back(std::move(def));
          in_names = true;
        } else if (d == ".end") {
          return;
        } else if (d == ".latch" || d == ".mlatch" || d == ".subckt" || d == ".gate" || d == ".exdc" ||
                   d == ".search" || d == ".clock" || d == ".start_kiss") {
          fail_at(line_, "'" + quote(d) + "' is not supported: tc0 reads combinational single-model BLIF (.model, .inputs, .outputs, .names, .end)");
        } else {
          fail_at(line_, "unknown directive '" + quote(d) + "' (expected .model, .inputs, .outputs, .names or .end)");
        }
        continue;
      }
      if (!in_names) fail_at(line_, "expected a directive (.names, .inputs, ...), got '" + quote(tok[0]) + "'");
      definition& def = defs_.back();
      const size_t k = def.inputs.size();
      std::string_view pattern, value;
      if (k == 0) {
        if (tok.size() != 1) fail_at(line_, "a cover row of a constant .names is one value 0 or 1, got " + std::to_string(tok.size()) + " tokens");
        value = tok[0];
      } else {
        if (tok.size() != 2) fail_at(line_, "a cover row is 'PATTERN VALUE', got " + std::to_string(tok.size()) + " tokens");
        pattern = tok[0];
        value = tok[1];
        if (pattern.size() != k)
          fail_at(line_, "cover row '" + quote(pattern) + "' has " + std::to_string(pattern.size()) + " columns, the .names has " + std::to_string(k) + " inputs");
        for (char c : pattern)
          if (c != '0' && c != '1' && c != '-') fail_at(line_, "cover row '" + quote(pattern) + "': expected only 0, 1 and -");
      }
      if (value != "0" && value != "1") fail_at(line_, "cover output '" + quote(value) + "': expected 0 or 1");
      if (!def.rows.empty() && def.value != value[0]) fail_at(line_, "cover mixes on-set (1) and off-set (0) rows");
      def.value = value[0];
      def.rows.emplace_back(pattern);
    }
  }

  circuit build() {
    const std::string& where = lines_.where();
    std::string name = model_.empty() ? std::filesystem::path(where).stem().string() : model_;
    builder b(name, builder_params{.structural_hashing = false, .simplify = true});
    std::vector<std::string> in_names;
    for (uint32_t id : inputs_) in_names.push_back(signals_[id].name);
    std::vector<lit> val(signals_.size(), lit_false);
    std::vector<uint8_t> state(signals_.size(), 0);  // 0 new, 1 on the DFS path, 2 built
    for (const bus_group& g : group_bits(in_names, where, "input")) {
      bits in = b.input(g.name, static_cast<uint32_t>(g.members.size()));
      for (size_t i = 0; i < in.size(); ++i) {
        val[inputs_[g.members[i]]] = in[i];
        state[inputs_[g.members[i]]] = 2;
      }
    }
    std::vector<uint32_t> stack;
    std::vector<lit> cube, cubes;
    for (size_t d = 0; d < defs_.size(); ++d) {
      if (state[defs_[d].output] == 2) continue;
      stack.push_back(defs_[d].output);
      while (!stack.empty()) {
        uint32_t s = stack.back();
        if (state[s] == 2) {
          stack.pop_back();
          continue;
        }
        const definition& def = defs_[static_cast<size_t>(signals_[s].def)];
        if (state[s] == 0) {
          state[s] = 1;
          for (uint32_t u : def.inputs) {
            if (signals_[u].def == -1) fail_at(def.line, "signal '" + quote(signals_[u].name) + "' is never defined");
            if (state[u] == 1) fail_at(def.line, "signal '" + quote(signals_[s].name) + "' is on a cycle (through '" + quote(signals_[u].name) + "')");
            if (state[u] == 0) stack.push_back(u);
          }
          continue;
        }
        cubes.clear();
        for (const std::string& row : def.rows) {
          cube.clear();
          for (size_t i = 0; i < row.size(); ++i)
            if (row[i] != '-') cube.push_back(val[def.inputs[i]] ^ (row[i] == '0'));
          cubes.push_back(b.and_(cube));
        }
        lit f = b.or_(cubes);
        val[s] = def.value == '0' ? !f : f;
        state[s] = 2;
        stack.pop_back();
      }
    }
    std::vector<std::string> out_names;
    std::vector<lit> out_lits;
    std::unordered_map<uint32_t, int> listed;
    for (size_t k = 0; k < outputs_.size(); ++k) {
      uint32_t id = outputs_[k];
      if (signals_[id].def == -1) fail_at(output_line_[k], "output '" + quote(signals_[id].name) + "' is never defined");
      if (listed[id]++) fail_at(output_line_[k], "output '" + quote(signals_[id].name) + "' is listed twice");
      out_names.push_back(signals_[id].name);
      out_lits.push_back(val[id]);
    }
    for (const bus_group& g : group_bits(out_names, where, "output")) {
      bits o;
      for (uint32_t m : g.members) o.push_back(out_lits[m]);
      b.output(g.name, o);
    }
    return std::move(b).finish();
  }

  line_scanner lines_;
  uint64_t line_ = 0;
  std::string model_;
  std::vector<signal> signals_;
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<definition> defs_;
  std::vector<uint32_t> inputs_, outputs_;
  std::vector<uint64_t> output_line_;
};

}  // namespace

circuit parse_blif(std::string_view text, std::string_view where) { return blif_reader(text, where).run(); }

circuit load_blif(const std::filesystem::path& path) {
  std::string text = read_file_bytes(path.string());
  return parse_blif(text, path.string());
}

}  // namespace tc0
