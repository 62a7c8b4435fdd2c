// tc0 export CIRCUIT --format json|dot|aiger|aag|blif|verilog|bristol -o FILE;
// tc0 import FILE [--format json|bristol|aiger|aag|blif] -o OUT.tc0
#include <algorithm>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "tc0/analysis/stats.hpp"
#include "tc0/errors.hpp"
#include "tc0/io/circuit_file.hpp"
#include "tc0/io/dot.hpp"
#include "tc0/io/json_format.hpp"
#include "tc0/io/netlist_export.hpp"

namespace tc0::cli {

void add_export(CLI::App& app, context& ctx) {
  struct opts {
    std::string file, format, out, adder = "prefix";
    bool modules_only = false;
  };
  auto o = std::make_shared<opts>();
  CLI::App* sub = app.add_subcommand("export", "Write a circuit in another format");
  sub->add_option("CIRCUIT", o->file, "Circuit file")->required();
  sub->add_option("--format", o->format, "json | dot | aiger | aag | blif | verilog | bristol")->required();
  sub->add_option("-o", o->out, "Output file")->required();
  sub->add_flag("--modules-only", o->modules_only, "json: modules with their stats, no gates");
  sub->add_option("--adder", o->adder,
                  "aiger, aag, blif, verilog, bristol: how threshold gates compare their sum with the threshold "
                  "(prefix: log depth, default; ripple: fewer ANDs)")
      ->check(CLI::IsMember({"prefix", "ripple"}));
  sub->callback([o, &ctx] {
    netlist_format nf;
    const bool netlist = parse_netlist_format(o->format, nf);
    if (!netlist && o->format != "json" && o->format != "dot")
      throw input_error("--format", "unknown format '" + o->format + "' (expected json, dot, aiger, aag, blif, verilog or bristol)");
    circuit c = load_circuit_file(o->file);
    if (netlist) {
      to_aig_params params;
      params.final_adder = o->adder == "ripple" ? aig_final_adder::ripple : aig_final_adder::prefix;
      netlist_summary s = export_netlist(c, nf, o->out, params);
      if (!ctx.quiet) std::cerr << s.describe() << "\n";
      return;
    }
    std::string text;
    if (o->format == "json") {
      json_export_options opt;
      opt.modules_only = o->modules_only;
      opt.stats = stats_to_json(compute_stats(c, stats_params{}));
      text = circuit_to_json(c, opt).dump() + "\n";
    } else {
      std::ostringstream os;
      write_dot(os, c);
      text = os.str();
    }
    write_text_output(o->out, text);
  });
}

void add_import(CLI::App& app, context& ctx) {
  struct opts {
    std::string file, format, out;
  };
  auto o = std::make_shared<opts>();
  CLI::App* sub = app.add_subcommand("import", "Read a circuit from another format into .tc0");
  sub->add_option("FILE", o->file, "Input file")->required();
  sub->add_option("--format", o->format, "json | bristol | aiger | aag | blif (default: by extension)");
  sub->add_option("-o", o->out, "Output .tc0 file")->required();
  sub->callback([o] {
    static const char* known[] = {"json", "tc0", "bristol", "aiger", "aag", "blif"};
    if (!o->format.empty() && std::find(std::begin(known), std::end(known), o->format) == std::end(known))
      throw input_error("--format", "unknown import format '" + o->format + "' (expected json, bristol, aiger, aag or blif)");
    save_circuit_file(load_circuit_file(o->file, o->format), o->out);
  });
}

}  // namespace tc0::cli
