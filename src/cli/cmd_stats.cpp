// tc0 stats CIRCUIT [--json] [--by-module] [--depth-profile]
#include "commands.hpp"
#include "tc0/analysis/stats.hpp"
#include "tc0/io/circuit_file.hpp"

namespace tc0::cli {

void add_stats(CLI::App& app, context& ctx) {
  struct opts {
    std::string file;
    bool json = false;
    stats_params params;
  };
  auto o = std::make_shared<opts>();
  CLI::App* sub = app.add_subcommand("stats", "Size, depth, edges, weights, fan-ins, per module");
  sub->add_option("CIRCUIT", o->file, "Circuit file (.tc0 or .json)")->required();
  sub->add_flag("--json", o->json, "Print the stats JSON object");
  sub->add_flag("--by-module", o->params.by_module, "Add per-module stats");
  sub->add_flag("--depth-profile", o->params.depth_profile, "Add gates per level");
  sub->callback([o] {
    circuit c = load_circuit_file(o->file);
    circuit_stats s = compute_stats(c, o->params);
    write_text_output("", o->json ? stats_to_json(s).dump(2) + "\n" : format_stats_table(s));
  });
}

}  // namespace tc0::cli
