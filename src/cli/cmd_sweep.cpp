// tc0 sweep MODEL --vary KEY=V1,V2,... [--vary ...] [-o SWEEP.json] [--csv SWEEP.csv]
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "progress.hpp"
#include "tc0/analysis/stats.hpp"
#include "tc0/errors.hpp"
#include "tc0/io/json_file.hpp"
#include "tc0/model/compile.hpp"

namespace tc0::cli {
namespace {

struct varied_key {
  std::string key;                   // "seq_len", "mlp.hidden", "p" (= precision.p), ...
  std::vector<nlohmann::json> values;
};

nlohmann::json value_of(const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  if (text == "null") return nullptr;
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) return std::stoll(text);
  return text;  // numbers stay text (the model parser rounds them from their digits), words stay words
}

varied_key parse_vary(const std::string& spec) {
  size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
    throw input_error("--vary " + spec, "expected KEY=V1,V2,...");
  varied_key v{spec.substr(0, eq), {}};
  std::stringstream list(spec.substr(eq + 1));
  for (std::string item; std::getline(list, item, ',');) {
    if (item.empty()) throw input_error("--vary " + spec, "empty value in the list");
    v.values.push_back(value_of(item));
  }
  return v;
}

void set_key(nlohmann::json& model, const std::string& key, const nlohmann::json& value) {
  std::string path = key == "p" || key == "e" ? "precision." + key : key;
  nlohmann::json* j = &model;
  for (size_t s = 0;;) {
    size_t dot = path.find('.', s);
    std::string part = path.substr(s, dot == std::string::npos ? std::string::npos : dot - s);
    if (dot == std::string::npos) {
      (*j)[part] = value;
      return;
    }
    if (!j->contains(part) || !(*j)[part].is_object()) (*j)[part] = nlohmann::json::object();
    j = &(*j)[part];
    s = dot + 1;
  }
}

std::string csv_cell(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

void add_sweep(CLI::App& app, context& ctx) {
  struct opts {
    std::string model, out, csv, regime = "exp";
    std::vector<std::string> vary;
    uint64_t max_gates = 0;
  };
  auto o = std::make_shared<opts>();
  CLI::App* sub = app.add_subcommand("sweep", "Compile a model over a grid of keys and record size and depth");
  sub->add_option("MODEL", o->model, "Model JSON")->required();
  sub->add_option("--vary", o->vary, "KEY=V1,V2,... (repeatable; p and e mean precision.p / precision.e)")->required();
  sub->add_option("-o", o->out, "Sweep JSON (default: stdout)");
  sub->add_option("--csv", o->csv, "Also write one CSV row per configuration");
  sub->add_option("--weights", o->regime, "Weight regime: exp or majority")->check(CLI::IsMember({"exp", "majority"}));
  sub->add_option("--max-gates", o->max_gates, "Refuse configurations estimated above N gates (exit 2)");
  sub->callback([o, &ctx] {
    std::vector<varied_key> keys;
    for (const std::string& v : o->vary) keys.push_back(parse_vary(v));
    nlohmann::json base = parse_json_keep_numbers(read_text_file(o->model), o->model);
    weight_regime regime = weight_regime::exp;
    parse_regime(o->regime, regime);
    std::filesystem::path dir = std::filesystem::path(o->model).parent_path();
    // Every point of the grid, the first key varying slowest.
    size_t total = 1;
    for (const varied_key& k : keys) total *= k.values.size();
    nlohmann::json results = nlohmann::json::array();
    std::ostringstream csv;
    for (const varied_key& k : keys) csv << k.key << ",";
    csv << "gates,edges,weighted_edges,depth,build_seconds\n";
    progress_line progress("sweep", ctx.quiet);
    for (size_t point = 0; point < total; ++point) {
      nlohmann::json mj = base, config = nlohmann::json::object();
      size_t rest = point;
      std::vector<size_t> pick(keys.size());
      for (size_t i = keys.size(); i-- > 0;) pick[i] = rest % keys[i].values.size(), rest /= keys[i].values.size();
      for (size_t i = 0; i < keys.size(); ++i) {
        set_key(mj, keys[i].key, keys[i].values[pick[i]]);
        config[keys[i].key] = keys[i].values[pick[i]];
      }
      std::string where = o->model + " with";
      for (const auto& [k, v] : config.items()) where += " " + k + "=" + csv_cell(v);
      model::model_config m = model::parse_model(mj, where, dir);
      for (const char* k : {"seq_len", "d_model", "layers", "heads", "d_head"}) config[k] = mj.value(k, 0);
      config["p"] = m.format.p;
      config["e"] = m.format.e;
      config["attention"] = model::attention_name(m.attention);
      model::compiled_model cm = model::compile_model(m, {regime, o->max_gates, {}});
      circuit_stats st = compute_stats(cm.gates, stats_params{true, false});
      nlohmann::json components = nlohmann::json::array();
      for (const module_stats& ms : st.modules)
        if (std::count(ms.path.begin(), ms.path.end(), '/') <= 1)
          components.push_back({{"name", ms.path}, {"gates", ms.gates}, {"depth", ms.depth},
                                {"depth_from", ms.depth_from}, {"depth_to", ms.depth_to}});
      nlohmann::json stats = stats_to_json(st);
      stats.erase("modules");
      results.push_back({{"config", config}, {"stats", stats}, {"components", components},
                         {"build_seconds", cm.build_seconds}, {"word_depth", word::compute_word_stats(cm.word).depth}});
      for (size_t i = 0; i < keys.size(); ++i) csv << csv_cell(keys[i].values[pick[i]]) << ",";
      csv << st.gates << "," << st.edges << "," << st.weighted_edges << "," << st.depth << "," << cm.build_seconds << "\n";
      progress(point + 1, total);
    }
    write_text_output(o->out, results.dump(1) + "\n");
    if (!o->csv.empty()) write_text_output(o->csv, csv.str());
  });
}

}  // namespace tc0::cli
