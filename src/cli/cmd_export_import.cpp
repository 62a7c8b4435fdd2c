// tc0 export CIRCUIT --format json|dot -o FILE;  tc0 import FILE [--format json] -o OUT.tc0
#include <sstream>

#include "commands.hpp"
#include "tc0/analysis/stats.hpp"
#include "tc0/errors.hpp"
#include "tc0/io/circuit_file.hpp"
#include "tc0/io/dot.hpp"
#include "tc0/io/json_format.hpp"

namespace tc0::cli {

void add_export(CLI::App& app, context& ctx) {
  struct opts {
    std::string file, format, out;
    bool modules_only = false;
  };
  auto o = std::make_shared<opts>();
  CLI::App* sub = app.add_subcommand("export", "Write a circuit in another format");
  sub->add_option("CIRCUIT", o->file, "Circuit file")->required();
  sub->add_option("--format", o->format, "json | dot (aiger, aag, blif, verilog, bristol: interop issue)")->required();
  sub->add_option("-o", o->out, "Output file")->required();
  sub->add_flag("--modules-only", o->modules_only, "json: modules with their stats, no gates");
  sub->callback([o] {
    circuit c = load_circuit_file(o->file);
    std::string text;
    if (o->format == "json") {
      json_export_options opt;
      opt.modules_only = o->modules_only;
      opt.stats = stats_to_json(compute_stats(c, stats_params{}));
      text = circuit_to_json(c, opt).dump() + "\n";
    } else if (o->format == "dot") {
      std::ostringstream os;
      write_dot(os, c);
      text = os.str();
    } else {
      throw input_error("--format", "unknown or not yet supported format '" + o->format + "' (expected json or dot)");
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
  sub->add_option("--format", o->format, "json (default: by extension)");
  sub->add_option("-o", o->out, "Output .tc0 file")->required();
  sub->callback([o] {
    if (!o->format.empty() && o->format != "json" && o->format != "tc0")
      throw input_error("--format", "unknown or not yet supported import format '" + o->format + "' (expected json)");
    save_circuit_file(load_circuit_file(o->file, o->format), o->out);
  });
}

}  // namespace tc0::cli
