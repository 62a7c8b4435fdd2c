// tc0 compile / run / bounds / sweep: the transformer compiler's commands.
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "commands.hpp"
#include "progress.hpp"
#include "tc0/analysis/stats.hpp"
#include "tc0/errors.hpp"
#include "tc0/io/atomic_write.hpp"
#include "tc0/io/circuit_file.hpp"
#include "tc0/io/json_file.hpp"
#include "tc0/model/compile.hpp"
#include "tc0/model/transformer.hpp"
#include "tc0/word/word_json.hpp"

namespace tc0::cli {
namespace {

weight_regime regime_of(const std::string& name) {
  weight_regime r = weight_regime::exp;
  if (!parse_regime(name, r)) throw input_error("--weights", "expected exp or majority");
  return r;
}

model::model_config load_with_overrides(const std::string& path, const std::string& rope_angles) {
  model::model_config m = model::load_model(path);
  if (rope_angles == "circuit") m.angles = model::rope_angles::circuit;
  else if (rope_angles == "constant") m.angles = model::rope_angles::constant;
  return m;
}

std::string summary(const model::compiled_model& cm) {
  circuit_stats s = compute_stats(cm.gates);
  std::ostringstream out;
  out << "model " << (cm.config.name.empty() ? "(unnamed)" : cm.config.name) << ": n=" << cm.config.seq_len
      << " d=" << cm.config.d_model << " layers=" << cm.config.layers << " heads=" << cm.config.heads
      << " p=" << cm.config.format.p << " e=" << cm.config.format.e << "\n"
      << "gates " << s.gates << ", edges " << s.edges << ", weighted edges " << s.weighted_edges << ", depth " << s.depth
      << ", built in " << cm.build_seconds << " s (estimate " << cm.estimate.gates << " gates)\n";
  return out.str();
}

// The circuit cached at `cache` when it is newer than the model file and was compiled from the same
// model, weights and regime; nothing otherwise.
std::optional<circuit> cached_circuit(const std::filesystem::path& cache, const std::filesystem::path& model_file,
                                      const model::model_config& m, const model::model_weights& w,
                                      const std::string& regime) {
  if (!std::filesystem::exists(cache) ||
      std::filesystem::last_write_time(cache) < std::filesystem::last_write_time(model_file))
    return std::nullopt;
  try {
    circuit c = load_circuit_file(cache);
    auto [cm, cw] = model::model_from_source(c);
    nlohmann::json a = model::model_to_json(cm), b = model::model_to_json(m);
    a.erase("weights");
    b.erase("weights");
    if (a != b || nlohmann::json::parse(c.source()).value("weights_regime", "") != regime) return std::nullopt;
    for (const auto& [name, t] : w.tensors)
      if (cw.get(name).values != t.values) return std::nullopt;
    return c;
  } catch (const input_error&) {
    return std::nullopt;  // unreadable or foreign: rebuilt and overwritten
  }
}

}  // namespace

void add_compile(CLI::App& app, context& ctx) {
  struct opts {
    std::string model, out, report, word_json, regime = "exp", rope_angles;
    uint64_t max_gates = 0;
    unsigned threads = 0;
    bool estimate_only = false;
  };
  auto o = std::make_shared<opts>();
  CLI::App* sub = app.add_subcommand("compile", "Compile a model (tc0-model/1 JSON) to a threshold circuit");
  sub->add_option("MODEL", o->model, "Model JSON")->required();
  sub->add_option("-o", o->out, "Output circuit (.tc0); required unless --estimate");
  sub->add_option("--report", o->report, "Also write the report JSON (stats, components, bounds)");
  sub->add_option("--word-json", o->word_json, "Also write the arithmetic circuit as JSON");
  sub->add_option("--weights", o->regime, "Weight regime: exp or majority")->check(CLI::IsMember({"exp", "majority"}));
  sub->add_option("--max-gates", o->max_gates, "Refuse models estimated above N gates (exit 2)");
  sub->add_option("--threads", o->threads, "Threads (the build itself is sequential; recorded)");
  sub->add_flag("--estimate", o->estimate_only, "Only print the preflight estimate (gates, edges, memory) and exit");
  sub->add_option("--rope-angles", o->rope_angles, "constant | circuit: overrides rope.angles")
      ->check(CLI::IsMember({"constant", "circuit"}));
  sub->callback([o, &ctx] {
    model::model_config m = load_with_overrides(o->model, o->rope_angles);
    if (!o->estimate_only && o->out.empty()) throw input_error("compile", "needs -o OUT.tc0 (or --estimate)");
    if (o->estimate_only) {
      word::circuit w = model::build_transformer(m, model::make_weights(m));
      model::size_estimate e = model::estimate_size(w, regime_of(o->regime));
      std::cout << "estimate: " << e.gates << " gates, " << e.edges << " edges, " << (e.memory_bytes >> 20)
                << " MiB\nword level: " << w.size() << " nodes, depth " << word::compute_word_stats(w).depth << "\n";
      std::cout << "  op (arity)             count          gates            edges  edges %\n";
      for (const model::size_estimate::row& r : e.by_op)
        std::cout << "  " << std::left << std::setw(18) << r.op << std::right << std::setw(10) << r.count
                  << std::setw(15) << r.gates << std::setw(17) << r.edges << std::setw(9) << std::fixed
                  << std::setprecision(1) << 100.0 * static_cast<double>(r.edges) / static_cast<double>(e.edges) << "\n";
      return;
    }
    progress_line progress("compiling", ctx.quiet);
    model::compiled_model cm = model::compile_model(m, {regime_of(o->regime), o->max_gates, std::ref(progress)});
    nlohmann::json report;
    if (!o->report.empty()) report = model::report_json(cm);
    save_circuit_file(cm.gates, o->out);
    if (!o->word_json.empty()) write_text_output(o->word_json, word::word_circuit_json(cm.word).dump() + "\n");
    if (!o->report.empty()) write_text_output(o->report, report.dump(2) + "\n");
    std::cout << summary(cm);
    if (!o->report.empty()) std::cout << model::format_bounds_table(report);
  });
}

void add_run(CLI::App& app, context& ctx) {
  struct opts {
    std::string model, input, out, engine = "reference", dump_weights, regime = "exp", rope_angles;
  };
  auto o = std::make_shared<opts>();
  CLI::App* sub = app.add_subcommand("run", "Run a model on one input with the reference or the circuit engine");
  sub->add_option("MODEL", o->model, "Model JSON")->required();
  sub->add_option("--input", o->input, "Input JSON: {\"x\": [[..]]} or {\"tokens\": [..]}");
  sub->add_option("--engine", o->engine, "reference (word level) or circuit (gate level)")
      ->check(CLI::IsMember({"reference", "circuit"}));
  sub->add_option("-o", o->out, "Output JSON (default: stdout)");
  sub->add_option("--dump-weights", o->dump_weights, "Write the model's weights in the file layout");
  sub->add_option("--weights", o->regime, "Circuit engine: weight regime exp or majority")
      ->check(CLI::IsMember({"exp", "majority"}));
  sub->add_option("--rope-angles", o->rope_angles, "constant | circuit: overrides rope.angles")
      ->check(CLI::IsMember({"constant", "circuit"}));
  sub->callback([o, &ctx] {
    model::model_config m = load_with_overrides(o->model, o->rope_angles);
    model::model_weights w = model::make_weights(m);
    if (!o->dump_weights.empty()) write_text_output(o->dump_weights, model::weights_to_json(m, w).dump(1) + "\n");
    if (o->input.empty()) {
      if (o->dump_weights.empty()) throw input_error("run", "needs --input X.json (or only --dump-weights FILE)");
      return;
    }
    model::model_input in =
        model::parse_input(m, parse_json_keep_numbers(read_text_file(o->input), o->input), o->input);
    model::model_output out;
    if (o->engine == "reference") {
      out = model::run_reference(model::build_transformer(m, w), in);
    } else {
      // A cached circuit next to the model, used when newer than the model and built from it.
      std::filesystem::path cache = std::filesystem::path(o->model).replace_extension(
          o->regime == "exp" ? ".tc0" : "." + o->regime + ".tc0");
      std::optional<circuit> c = cached_circuit(cache, o->model, m, w, o->regime);
      if (!c) {
        progress_line progress("compiling", ctx.quiet);
        c = model::compile_model(m, {regime_of(o->regime), 0, std::ref(progress)}).gates;
        save_circuit_file(*c, cache);
      }
      out = model::run_circuit(*c, m, {in})[0];
    }
    write_text_output(o->out, model::output_json(m, out, o->engine, in.inexact).dump(1) + "\n");
  });
}

void add_bounds(CLI::App& app, context& ctx) {
  auto file = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("bounds", "Measured depth against the papers' bounds, from a report");
  sub->add_option("REPORT", *file, "Report JSON written by compile --report")->required();
  sub->callback([file, &ctx] {
    nlohmann::json r = read_json_file(*file);
    if (!r.is_object() || r.value("format", "") != "tc0-report/1" || !r.contains("bounds") || !r["bounds"].is_array())
      throw input_error(*file, "expected a tc0-report/1 object with \"bounds\"");
    std::cout << model::format_bounds_table(r);
    for (const auto& row : r["bounds"])
      if (row.at("measured").get<uint64_t>() > row.at("paper_bound").get<uint64_t>()) ctx.exit_code = 1;
  });
}

}  // namespace tc0::cli
