// tc0 gen OP [options] -o OUT.tc0;  tc0 verify CIRCUIT [--random N] [--seed S]
#include <iostream>

#include "commands.hpp"
#include "tc0/analysis/stats.hpp"
#include "tc0/circuit/builder.hpp"
#include "tc0/errors.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/gen/verify.hpp"
#include "tc0/io/circuit_file.hpp"
#include "tc0/model/compile.hpp"
#include "tc0/model/transformer.hpp"
#include "tc0/problems/report.hpp"

namespace tc0::cli {

void add_gen(CLI::App& app, context& ctx) {
  struct opts {
    gen_options g;
    std::string regime = "exp", out;
    std::vector<int64_t> weights_list;
    bool print_stats = false;
  };
  auto o = std::make_shared<opts>();
  std::string ops;
  for (const std::string& n : gen_op_names()) ops += (ops.empty() ? "" : ", ") + n;
  CLI::App* sub = app.add_subcommand("gen", "Generate one arithmetic block as a circuit");
  sub->add_option("OP", o->g.op, "Block: " + ops)->required();
  sub->add_option("--width", o->g.width, "Operand width in bits");
  sub->add_option("--count", o->g.count, "Number of operands (ops that take k operands)");
  sub->add_flag("--signed", o->g.is_signed, "Two's complement operands");
  sub->add_option("--weights", o->regime, "Weight regime: exp (bounded weights) or majority (unit weights)")
      ->check(CLI::IsMember({"exp", "majority"}));
  sub->add_option("--weights-list", o->weights_list, "thr: the weights, comma separated")->delimiter(',');
  auto* thr = sub->add_option("--threshold", o->g.threshold, "thr: the threshold");
  sub->add_option("--constant", o->g.constant, "mulc: the constant C (decimal, any size)");
  sub->add_option("--bits", o->g.frac_bits, "recip: output bits F (z = floor(2^F / y))");
  sub->add_option("--p", o->g.p, "Float ops: significand bits P (with the hidden bit)");
  sub->add_option("--e", o->g.e, "Float ops: exponent bits E");
  sub->add_option("--accumulate", o->g.accumulate, "fsum, fdot: accumulator auto (exact for E <= 8), exact or window");
  sub->add_option("-o", o->out, "Output .tc0 file")->required();
  sub->add_flag("--stats", o->print_stats, "Also print the circuit's stats table");
  sub->callback([o, thr] {
    parse_regime(o->regime, o->g.regime);
    o->g.weights_list = o->weights_list;
    o->g.has_threshold = thr->count() > 0;
    circuit c = generate(o->g);
    save_circuit_file(c, o->out);
    if (o->print_stats) std::cout << format_stats_table(compute_stats(c, stats_params{}));
  });
}

void add_verify(CLI::App& app, context& ctx) {
  struct opts {
    std::string file;
    uint64_t random = 10000, seed = 1;
  };
  auto o = std::make_shared<opts>();
  CLI::App* sub = app.add_subcommand("verify", "Check a circuit at gate level against the reference it was built from");
  sub->add_option("CIRCUIT", o->file, "Circuit file")->required();
  auto* random = sub->add_option("--random", o->random,
                                  "Random vectors when the inputs are too wide to enumerate (models: default 64)");
  sub->add_option("--seed", o->seed, "Seed for the random vectors");
  sub->callback([o, &ctx, random] {
    circuit c = load_circuit_file(o->file);
    // The source says what built the circuit: a model, a problem, or a gen block.
    nlohmann::json source = nlohmann::json::parse(c.source(), nullptr, false);
    std::string kind = source.is_object() ? source.value("kind", std::string()) : std::string();
    verify_result r;
    if (kind == "model") {
      auto [m, w] = model::model_from_source(c);
      model::engine_check e = model::check_engines(model::build_transformer(m, w), c, m,
                                                   random->count() ? o->random : 64, o->seed);
      r = {e.inputs, e.mismatches, e.first_mismatch};
    } else if (kind == "problem") {
      check_result p = verify_problem_circuit(c, o->random, o->seed);
      r = {p.instances, p.mismatches, p.first_mismatch};
    } else {
      r = verify_circuit(c, o->random, o->seed);
    }
    std::cout << "vectors: " << r.vectors << "\nmismatches: " << r.mismatches << "\n";
    if (r.mismatches > 0) {
      std::cout << "first mismatch: " << r.first_mismatch << "\n";
      ctx.exit_code = 1;
    }
  });
}

}  // namespace tc0::cli
