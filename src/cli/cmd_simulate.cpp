// tc0 simulate CIRCUIT (--inputs BITS.json | --random N [--seed S] | --exhaustive) [-o OUT.json]
#include <sstream>

#include "commands.hpp"
#include "progress.hpp"
#include "tc0/errors.hpp"
#include "tc0/io/circuit_file.hpp"
#include "tc0/io/json_file.hpp"
#include "tc0/io/values_json.hpp"
#include "tc0/sim/naive.hpp"
#include "tc0/sim/simulator.hpp"

namespace tc0::cli {

namespace {
std::string hex64(uint64_t v) {
  std::ostringstream s;
  s << "0x" << std::hex << v;
  return s.str();
}

nlohmann::json dump_vectors(const circuit& c, const pattern_set& in, const pattern_set& out, bool bits) {
  nlohmann::json vs = nlohmann::json::array();
  for (uint64_t p = 0; p < in.num_patterns; ++p)
    vs.push_back({{"inputs", bus_objects(c.inputs(), in, p, bits)}, {"outputs", bus_objects(c.outputs(), out, p, bits)}});
  return vs;
}
}  // namespace

void add_simulate(CLI::App& app, context& ctx) {
  struct opts {
    std::string file, inputs, out, format = "int";
    uint64_t random = 0, seed = 1;
    bool exhaustive = false, dump = false;
    unsigned threads = 0;
  };
  auto o = std::make_shared<opts>();
  CLI::App* sub = app.add_subcommand("simulate", "Evaluate a circuit on given, random or all input vectors");
  sub->add_option("CIRCUIT", o->file, "Circuit file")->required();
  auto* in = sub->add_option("--inputs", o->inputs, "JSON with {\"inputs\": {...}} or {\"vectors\": [...]}");
  auto* rnd = sub->add_option("--random", o->random, "Simulate N random patterns (summary: count, output hash, time)");
  auto* exh = sub->add_flag("--exhaustive", o->exhaustive, "Simulate all input patterns (at most 24 input bits)");
  in->excludes(rnd)->excludes(exh);
  rnd->excludes(exh);
  sub->add_option("--seed", o->seed, "Seed for --random")->needs(rnd);
  sub->add_flag("--dump", o->dump, "With --random/--exhaustive: also write every vector");
  sub->add_option("--format", o->format, "Output values as int (default) or bits")->check(CLI::IsMember({"int", "bits"}));
  sub->add_option("--threads", o->threads, "Threads (0 = all cores)");
  sub->add_option("-o", o->out, "Output JSON file (default: stdout)");
  sub->callback([o, in, rnd, exh, &ctx] {
    if (!*in && !*rnd && !*exh) throw input_error("simulate", "one of --inputs, --random N or --exhaustive is required");
    circuit c = load_circuit_file(o->file);
    progress_line progress("simulate", ctx.quiet);
    sim_params params{.threads = o->threads};
    params.progress = [&progress](uint64_t done, uint64_t total) { progress(done, total); };
    const bool bits = o->format == "bits";
    nlohmann::json result;
    if (*in) {
      bool vectors_form = false;
      pattern_set inputs = parse_input_vectors(c, read_json_file(o->inputs), o->inputs, vectors_form);
      pattern_set outputs = simulate(c, inputs, params);
      if (vectors_form) {
        result["vectors"] = nlohmann::json::array();
        for (uint64_t p = 0; p < inputs.num_patterns; ++p) result["vectors"].push_back(bus_objects(c.outputs(), outputs, p, bits));
      } else {
        result["outputs"] = bus_objects(c.outputs(), outputs, 0, bits);
      }
    } else {
      if (*exh && c.num_input_bits() > 24)
        throw input_error(o->file, "--exhaustive needs at most 24 input bits; the circuit has " + std::to_string(c.num_input_bits()));
      sim_summary s = *rnd ? simulate_random(c, o->random, o->seed, params) : simulate_exhaustive(c, params);
      result = {{"mode", *rnd ? "random" : "exhaustive"}, {"patterns", s.patterns}, {"output_hash", hex64(s.output_hash)},
                {"seconds", s.seconds}};
      if (*rnd) result["seed"] = o->seed;
      if (o->dump) {
        pattern_set inputs = *rnd ? random_inputs(c.num_input_bits(), o->random, o->seed) : exhaustive_inputs(c.num_input_bits());
        result["vectors"] = dump_vectors(c, inputs, simulate(c, inputs, params), bits);
      }
    }
    write_text_output(o->out, result.dump(o->out.empty() ? 2 : -1) + "\n");
  });
}

}  // namespace tc0::cli
