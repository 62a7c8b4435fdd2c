// tc0 problem NAME --size N [--seed S] [--count K] [--instances-out FILE] [-o OUT.tc0]
//      tc0 problem NAME --sweep 8,16,32,... [-o SWEEP.json];  --solve TEXT;  --instances FILE
#include <chrono>
#include <map>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "tc0/model/compile.hpp"
#include "tc0/model/transformer.hpp"
#include "progress.hpp"
#include "tc0/analysis/stats.hpp"
#include "tc0/errors.hpp"
#include "tc0/io/circuit_file.hpp"
#include "tc0/io/json_file.hpp"
#include "tc0/problems/monoid.hpp"
#include "tc0/problems/problem.hpp"
#include "tc0/problems/report.hpp"

namespace tc0::cli {

namespace {

struct problem_opts {
  std::string name, out, instances_out, instances, sweep, solve, model, engine = "reference", regime = "exp";
  std::string alphabet = "01", words, dfa;
  uint32_t size = 0, modulus = 7;
  uint64_t seed = 1, count = 100, check = 0;
  bool json = false;
};

std::unique_ptr<problem> make(const problem_opts& o, CLI::App* sub) {
  problem_options po;
  po.modulus = o.modulus;
  if (sub->count("--modulus") && o.name != "afe") throw input_error("--modulus", "only afe takes a modulus");
  if ((sub->count("--words") || sub->count("--alphabet")) && o.name != "closure")
    throw input_error(sub->count("--words") ? "--words" : "--alphabet", "only closure takes a language");
  if (sub->count("--dfa") && o.name != "automaton") throw input_error("--dfa", "only automaton takes a DFA file");
  if (o.name == "closure" && (sub->count("--words") || sub->count("--alphabet"))) {
    if (!sub->count("--words")) throw input_error("--alphabet", "give the words of F with --words too");
    po.closure = parse_closure_language(o.alphabet, o.words);
  }
  if (o.name == "automaton" && !o.dfa.empty()) {
    po.dfa = automaton_from_json(read_json_file(o.dfa), o.dfa);
    po.dfa_path = o.dfa;
  }
  return make_problem(o.name, po);
}

// One instance as a JSON line (the instance-file format).
std::string instance_line(const problem& p, const std::vector<uint32_t>& tokens) {
  instance inst;
  inst.tokens = tokens;
  inst.length = static_cast<uint32_t>(tokens.size());
  inst.text = p.text_of(tokens);
  inst.outputs = p.solve(tokens);
  return instance_to_json(inst).dump() + "\n";
}

void print_facts(const problem& p, std::ostream& os) {
  const nlohmann::json d = p.describe();
  if (d.contains("words")) {
    std::string words;
    for (const auto& w : d["words"]) words += (words.empty() ? "" : ", ") + w.get<std::string>();
    os << "F: {" << words << "} over '" << d["alphabet"].get<std::string>() << "'\n";
  }
  if (d.contains("modulus")) os << "modulus: " << d["modulus"] << "\n";
  if (d.contains("states")) os << "automaton states: " << d["states"] << "\n";
  if (d.contains("monoid")) {
    const nlohmann::json& m = d["monoid"];
    os << "syntactic monoid: " << m["size"] << " elements, largest subgroup " << m["largest_group_name"].get<std::string>()
       << " (order " << m["largest_group"] << "), " << (m["solvable"].get<bool>() ? "solvable" : "not solvable")
       << (m["solvable"].get<bool>() ? " (not a hard case: no non-solvable group)" : " (NC1-complete)") << "\n";
  }
}

// --instances FILE: every line solved by the reference (and with --engine circuit by the gate
// circuit of the line's length); recorded answers must agree.
void check_instances(const problem& p, const problem_opts& o, weight_regime regime, context& ctx) {
  const std::string text = read_text_file(o.instances);
  std::vector<instance> insts;
  std::istringstream in(text);
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = o.instances + ":" + std::to_string(n);
    instance inst = instance_from_json(p, parse_json_text(line, where), where);
    try {
      const std::vector<named_value> want = p.solve(inst.tokens);
      for (size_t k = 0; k < inst.outputs.size(); ++k)
        if (inst.outputs[k].value != want[k].value) {
          std::cout << where << ": recorded " << (k ? want[k].name : "answer") << " " << inst.outputs[k].value
                    << ", the reference gives " << want[k].value << "\n";
          ctx.exit_code = 1;
        }
    } catch (const input_error& e) {
      throw input_error(where, e.what());
    }
    insts.push_back(std::move(inst));
  }
  uint64_t mismatches = 0;
  std::string first;
  if (o.engine == "circuit") {
    std::map<size_t, std::vector<std::vector<uint32_t>>> by_size;
    for (const instance& i : insts) by_size[i.tokens.size()].push_back(i.tokens);
    for (const auto& [size, words] : by_size) {
      const circuit c = p.build(static_cast<uint32_t>(size), regime);
      const check_result r = check_circuit(p, c, words);
      if (r.mismatches && first.empty()) first = r.first_mismatch;
      mismatches += r.mismatches;
    }
  }
  std::cout << "instances: " << insts.size() << "\nengine: " << o.engine << "\nmismatches: " << mismatches << "\n";
  if (!first.empty()) std::cout << "first mismatch: " << first << "\n";
  if (mismatches) ctx.exit_code = 1;
}

// --model MODEL --instances FILE: the transformer reads each instance's tokens and answers with the
// readout class at the last position; prints how often that is the reference answer.
void run_model_on_instances(const problem& p, const problem_opts& o, weight_regime regime) {
  model::model_config m = model::load_model(o.model);
  if (!m.tokens || m.vocab < p.num_codes())
    throw input_error(o.model, "expected \"input\": {\"kind\": \"tokens\"} with vocab >= " + std::to_string(p.num_codes()));
  if (m.readout_classes < 2) throw input_error(o.model, "expected a readout with at least 2 classes (the answer)");
  std::vector<instance> insts;
  std::istringstream in(read_text_file(o.instances));
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = o.instances + ":" + std::to_string(n);
    insts.push_back(instance_from_json(p, parse_json_text(line, where), where));
    if (insts.back().tokens.size() != m.seq_len)
      throw input_error(where, "expected " + std::to_string(m.seq_len) + " tokens (the model's seq_len), got " +
                                   std::to_string(insts.back().tokens.size()));
  }
  std::vector<model::model_input> inputs;
  for (const instance& i : insts) {
    model::model_input mi;
    for (uint32_t t : i.tokens) mi.values.push_back(t);
    inputs.push_back(std::move(mi));
  }
  model::model_weights w = model::make_weights(m);
  std::vector<model::model_output> outs;
  if (o.engine == "circuit") {
    outs = model::run_circuit(model::compile_model(m, {regime, 0, {}}).gates, m, inputs);
  } else {
    word::circuit wc = model::build_transformer(m, w);
    for (const model::model_input& mi : inputs) outs.push_back(model::run_reference(wc, mi));
  }
  uint64_t correct = 0;
  for (size_t i = 0; i < insts.size(); ++i) correct += outs[i].classes.back() == p.solve(insts[i].tokens)[0].value;
  std::cout << "instances: " << insts.size() << "\nengine: " << o.engine << "\ncorrect: " << correct
            << "\naccuracy: " << (insts.empty() ? 0.0 : static_cast<double>(correct) / insts.size()) << "\n";
}

}  // namespace

void add_problem(CLI::App& app, context& ctx) {
  auto o = std::make_shared<problem_opts>();
  std::string names;
  for (const std::string& n : problem_names()) names += (names.empty() ? "" : ", ") + n;
  CLI::App* sub = app.add_subcommand("problem", "NC1-complete problems: instances, reference answers, log-depth circuits");
  sub->add_option("NAME", o->name, "Problem: " + names)->required();
  sub->add_option("--size", o->size, "Tokens per instance (N)");
  sub->add_option("--seed", o->seed, "Seed of the instance generator");
  sub->add_option("--count", o->count, "Instances to write with --instances-out (default 100)");
  sub->add_option("--instances-out", o->instances_out, "Write random instances with their answers (JSON lines)");
  sub->add_option("-o", o->out, "Output: the circuit (.tc0), or with --sweep the sweep JSON");
  sub->add_option("--sweep", o->sweep, "Sizes N to build, comma separated: size and depth per N and the fits");
  sub->add_option("--check", o->check, "Also simulate this many random instances per size against the reference");
  sub->add_option("--weights", o->regime, "Weight regime: exp (bounded weights) or majority (unit weights)")
      ->check(CLI::IsMember({"exp", "majority"}));
  sub->add_option("--modulus", o->modulus, "afe: the modulus q (a prime 2..61, default 7)");
  sub->add_option("--alphabet", o->alphabet, "closure: the letters, one character each (default 01)");
  sub->add_option("--words", o->words, "closure: the words of F, comma separated (default: the hard F in docs)");
  sub->add_option("--dfa", o->dfa, "automaton: a tc0-dfa/1 JSON file");
  sub->add_option("--solve", o->solve, "Solve one instance given as text, print it as a JSON line");
  sub->add_option("--instances", o->instances, "Check an instance file (JSON lines) against the reference");
  sub->add_option("--engine", o->engine, "With --instances: reference (solver only) or circuit (also the gate circuit)")
      ->check(CLI::IsMember({"reference", "circuit"}));
  sub->add_option("--model", o->model, "Run a transformer (tokens input, readout) on --instances; prints its accuracy");
  sub->add_flag("--json", o->json, "Print JSON (stats or sweep) instead of a table");
  sub->callback([o, sub, &ctx] {
    weight_regime regime = weight_regime::exp;
    parse_regime(o->regime, regime);
    std::unique_ptr<problem> p = make(*o, sub);
    if (!o->model.empty()) {
      if (o->instances.empty()) throw input_error("--model", "needs --instances FILE");
      run_model_on_instances(*p, *o, regime);
      return;
    }
    if (!o->solve.empty()) {
      std::vector<uint32_t> tokens;
      try {
        tokens = p->parse_text(o->solve);
        if (o->size) {
          if (tokens.size() > o->size)
            throw input_error("--size", "the instance has " + std::to_string(tokens.size()) + " tokens, more than " +
                                            std::to_string(o->size));
          tokens.resize(o->size, p->pad());
        }
        write_text_output("", instance_line(*p, tokens));
      } catch (const input_error& e) {
        throw input_error("--solve", e.what());
      }
      return;
    }
    if (!o->instances.empty()) {
      check_instances(*p, *o, regime, ctx);
      return;
    }
    if (!o->sweep.empty()) {
      const std::vector<uint32_t> sizes = parse_size_list(o->sweep);
      progress_line progress("problem " + o->name + " sweep", ctx.quiet);
      sweep_params params;
      params.regime = regime;
      params.check = o->check;
      params.seed = o->seed;
      params.progress = [&](uint32_t, size_t i, size_t total) { progress(i, total); };
      const sweep_result r = sweep_problem(*p, sizes, params);
      const nlohmann::json j = sweep_to_json(r);
      if (!o->out.empty()) write_text_output(o->out, j.dump(2) + "\n");
      if (o->json && o->out.empty()) write_text_output("", j.dump(2) + "\n");
      else {
        print_facts(*p, std::cout);
        std::cout << format_sweep_table(r);
      }
      for (const sweep_point& pt : r.points)
        if (pt.check.mismatches) ctx.exit_code = 1;
      return;
    }
    if (o->size == 0) throw input_error("--size", "give --size N (tokens per instance), or --sweep, --solve or --instances");
    if (!o->instances_out.empty()) {
      std::string text;
      for (const instance& inst : p->generate(o->size, o->count, o->seed)) text += instance_to_json(inst).dump() + "\n";
      write_text_output(o->instances_out, text);
    }
    if (!o->out.empty() || o->instances_out.empty()) {
      const auto t0 = std::chrono::steady_clock::now();
      const circuit c = p->build(o->size, regime);
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const circuit_stats s = compute_stats(c);
      check_result chk;
      if (o->check > 0) {
        std::vector<std::vector<uint32_t>> words;
        for (const instance& inst : p->generate(o->size, o->check, o->seed)) words.push_back(inst.tokens);
        chk = check_circuit(*p, c, words);
        if (chk.mismatches) ctx.exit_code = 1;
      }
      if (!o->out.empty()) save_circuit_file(c, o->out);
      if (o->json) {
        nlohmann::json j = {{"problem", p->describe()}, {"size", o->size}, {"weights", o->regime},
                            {"stats", stats_to_json(s)}, {"build_seconds", secs}};
        if (o->check > 0) j["check"] = {{"instances", chk.instances}, {"mismatches", chk.mismatches}};
        write_text_output("", j.dump(2) + "\n");
      } else {
        std::cout << "problem: " << p->name() << "\n";
        print_facts(*p, std::cout);
        std::cout << "size: " << o->size << " tokens of " << p->token_width() << " bits\n"
                  << "gates: " << s.gates << "\nedges: " << s.edges << "\ndepth: " << s.depth << "\n";
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.3f", secs);
        std::cout << "build_seconds: " << buf << "\n";
        if (o->check > 0) {
          std::cout << "checked: " << chk.instances << "\nmismatches: " << chk.mismatches << "\n";
          if (chk.mismatches) std::cout << "first mismatch: " << chk.first_mismatch << "\n";
        }
      }
    }
  });
}

}  // namespace tc0::cli
