// `tc0 compile | run | verify | bounds | sweep` end to end: outputs, exit codes, one-line errors,
// no partial files, the circuit cache, --max-gates.
#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/cli_runner.hpp"

using namespace tc0_test;
using nlohmann::json;

namespace {

// A model with no attention layer (layers 0) that still exercises lookup, fdot_const and argmax:
// small enough to compile in well under a second.
const char* readout_model = R"({"format": "tc0-model/1", "name": "readout", "seq_len": 3, "d_model": 4,
  "layers": 0, "heads": 1, "d_head": 4, "layer_norm": "none", "input": {"kind": "tokens", "vocab": 5},
  "readout": {"classes": 3}, "precision": {"p": 8, "e": 5}, "weights": {"init": "normal", "seed": 1, "scale": 0.5}})";

void check_refused(const std::string& args, const std::string& message, const std::string& output = "") {
  CAPTURE(args);
  run_result r = run(args);
  CHECK(r.code == 2);
  CHECK(r.err == "tc0: " + message + "\n");
  if (!output.empty()) CHECK_FALSE(fs::exists(output));
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("cli model: compile writes the circuit and the report and verify passes") {
  write(path("r.json"), readout_model);
  run_result r = run("compile " + path("r.json") + " -o " + path("r.tc0") + " --report " + path("rep.json") +
                     " --word-json " + path("word.json"));
  REQUIRE(r.code == 0);
  CHECK(r.out.find("gates ") != std::string::npos);
  json rep = json::parse(slurp(path("rep.json")));
  CHECK(rep["format"] == "tc0-report/1");
  CHECK(rep["stats"]["gates"].get<uint64_t>() > 0);
  CHECK(rep["bounds"][0]["quantity"] == "depth");
  CHECK(rep["bounds"][0]["measured"] == rep["stats"]["depth"]);
  CHECK(rep["word_stats"]["ops"]["argmax"] == 3);
  bool has_readout = false;
  for (const json& c : rep["components"]) has_readout = has_readout || c["name"] == "readout";
  CHECK(has_readout);
  json word = json::parse(slurp(path("word.json")));
  CHECK(word["format"] == "tc0-word/1");
  CHECK(word["inputs"].size() == 3);
  r = run("verify " + path("r.tc0") + " --random 50");
  CHECK(r.code == 0);
  CHECK(r.out == "vectors: 50\nmismatches: 0\n");
  r = run("bounds " + path("rep.json"));
  CHECK(r.code == 0);
  CHECK(r.out.find("paper_bound") != std::string::npos);
}

TEST_CASE("cli model: run gives the same output with both engines and caches the circuit") {
  write(path("r.json"), readout_model);
  write(path("in.json"), R"({"tokens": [4, 0, 2]})");
  run_result ref = run("run " + path("r.json") + " --input " + path("in.json") + " -o " + path("ref.json"));
  REQUIRE(ref.code == 0);
  run_result gate = run("run " + path("r.json") + " --input " + path("in.json") + " --engine circuit -o " + path("gate.json"));
  REQUIRE(gate.code == 0);
  json a = json::parse(slurp(path("ref.json"))), b = json::parse(slurp(path("gate.json")));
  CHECK(a["engine"] == "reference");
  CHECK(b["engine"] == "circuit");
  CHECK(a["y_hex"] == b["y_hex"]);
  CHECK(a["classes"] == b["classes"]);
  CHECK(a["classes"].size() == 3);
  CHECK(fs::exists(path("r.tc0")));  // the cache next to the model
  auto stamp = fs::last_write_time(path("r.tc0"));
  gate = run("run " + path("r.json") + " --input " + path("in.json") + " --engine circuit -o " + path("gate2.json"));
  CHECK(gate.code == 0);
  CHECK(fs::last_write_time(path("r.tc0")) == stamp);  // reused, not rebuilt
  CHECK(json::parse(slurp(path("gate2.json")))["y_hex"] == a["y_hex"]);
}

TEST_CASE("cli model: dump-weights writes the file layout that loads back") {
  write(path("r.json"), readout_model);
  REQUIRE(run("run " + path("r.json") + " --dump-weights " + path("w.json")).code == 0);
  json w = json::parse(slurp(path("w.json")));
  CHECK(w["embed"].size() == 5);
  CHECK(w["readout"]["w"].size() == 4);
  json m = json::parse(readout_model);
  m["weights"] = {{"file", "w.json"}};
  write(path("rf.json"), m.dump());
  write(path("in.json"), R"({"tokens": [1, 2, 3]})");
  run_result a = run("run " + path("r.json") + " --input " + path("in.json"));
  run_result b = run("run " + path("rf.json") + " --input " + path("in.json"));
  REQUIRE(a.code == 0);
  CHECK(a.out == b.out);
}

TEST_CASE("cli model: bad input is refused in one line with no output") {
  write(path("bad.json"), R"({"format": "tc0-model/1", "seq_len": 3})");
  check_refused("compile " + path("bad.json") + " -o " + path("bad.tc0"),
                path("bad.json") + ": d_model: required key is missing", path("bad.tc0"));
  json m = json::parse(readout_model);
  m["layer_norm"] = "sometimes";
  write(path("bad2.json"), m.dump());
  check_refused("compile " + path("bad2.json") + " -o " + path("bad.tc0"),
                path("bad2.json") + ": layer_norm: expected one of \"pre\" | \"post\" | \"none\"", path("bad.tc0"));
  write(path("r.json"), readout_model);
  write(path("in.json"), R"({"tokens": [1, 9, 3]})");
  check_refused("run " + path("r.json") + " --input " + path("in.json") + " -o " + path("out.json"),
                path("in.json") + ": tokens[1]: expected an integer in [0, 5)", path("out.json"));
  run_result r = run("compile " + path("r.json") + " -o " + path("big.tc0") + " --max-gates 1000");
  CHECK(r.code == 2);
  CHECK(r.err.rfind("tc0: --max-gates: the model is estimated at ", 0) == 0);
  CHECK(lines(r.err) == 1);
  CHECK_FALSE(fs::exists(path("big.tc0")));
  write(path("notreport.json"), R"({"format": "tc0-report/1"})");
  check_refused("bounds " + path("notreport.json"),
                path("notreport.json") + ": expected a tc0-report/1 object with \"bounds\"");
}

TEST_CASE("cli model: the estimate lists every op kind and its rows add up to the totals") {
  write(path("e.json"), readout_model);
  run_result r = run("compile " + path("e.json") + " --estimate");
  REQUIRE(r.code == 0);
  std::istringstream in(r.out);
  std::string line, word;
  uint64_t gates = 0, edges = 0, row_gates = 0, row_edges = 0;
  std::map<std::string, uint64_t> count_of;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    if (line.rfind("estimate: ", 0) == 0) {
      ls >> word >> gates >> word >> edges;
    } else if (line.rfind("  ", 0) == 0 && line.find('/') != std::string::npos) {
      std::string op;
      uint64_t count = 0, g = 0, e = 0;
      ls >> op >> count >> g >> e;
      count_of[op] = count;
      row_gates += g;
      row_edges += e;
    }
  }
  CHECK(gates > 0);
  CHECK(row_gates == gates);
  CHECK(row_edges == edges);
  // 3 positions x 4 coordinates: a lookup over the 5 tokens each; 3 x 3 readout dot products
  // (4 terms) and one argmax over the 3 classes per position.
  CHECK(count_of == std::map<std::string, uint64_t>{{"lookup/5", 12}, {"fdot_const/4", 9}, {"argmax/3", 3}});
  // Blocks measured alone with generic constants bound the built circuit, where weights
  // specialise and equal gates are shared.
  r = run("compile " + path("e.json") + " -o " + path("e.tc0"));
  REQUIRE(r.code == 0);
  const size_t at = r.out.find("gates ");
  REQUIRE(at != std::string::npos);
  CHECK(std::stoull(r.out.substr(at + 6)) <= gates);
}

TEST_CASE("cli model: sweep writes one entry per configuration and the CSV") {
  write(path("r.json"), readout_model);
  run_result r = run("sweep " + path("r.json") + " --vary seq_len=1,2,4 --vary p=6,8 -o " + path("s.json") + " --csv " +
                     path("s.csv"));
  REQUIRE(r.code == 0);
  json s = json::parse(slurp(path("s.json")));
  REQUIRE(s.size() == 6);
  CHECK(s[0]["config"]["seq_len"] == 1);
  CHECK(s[0]["config"]["p"] == 6);
  CHECK(s[5]["config"]["seq_len"] == 4);
  CHECK(s[5]["config"]["p"] == 8);
  // Depth does not depend on n; gates grow with it.
  CHECK(s[1]["stats"]["depth"] == s[5]["stats"]["depth"]);
  CHECK(s[5]["stats"]["gates"].get<uint64_t>() > s[1]["stats"]["gates"].get<uint64_t>());
  std::string csv = slurp(path("s.csv"));
  CHECK(csv.rfind("seq_len,p,gates,edges,weighted_edges,depth,build_seconds\n", 0) == 0);
  CHECK(lines(csv) == 7);
  check_refused("sweep " + path("r.json") + " --vary seq_len", "--vary seq_len: expected KEY=V1,V2,...");
}
}
