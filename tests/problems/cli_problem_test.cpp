// `tc0 problem` end to end: circuits, instance files, --solve, sweeps, and bad input (exit 2, one
// line on stderr, no output file).
#include <doctest/doctest.h>

#include "support/cli_runner.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using namespace tc0_test;

namespace {

// A bad-input run: exit 2, exactly the expected line on stderr, and no output file left behind.
void check_refused(const std::string& args, const std::string& message, const std::string& output = "") {
  CAPTURE(args);
  const run_result r = run(args);
  CHECK(r.code == 2);
  CHECK(r.err == "tc0: " + message + "\n");
  CHECK(lines(r.err) == 1);
  if (!output.empty()) CHECK_FALSE(fs::exists(output));
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("problem cli: --size builds the circuit and prints its size and depth") {
  const run_result r = run("problem s5 --size 8 -o " + path("s5.tc0"));
  REQUIRE(r.code == 0);
  CHECK(r.out.find("problem: s5\n") != std::string::npos);
  CHECK(r.out.find("depth: 10\n") != std::string::npos);
  CHECK(r.out.find("syntactic monoid: 120 elements, largest subgroup S5 (order 120), not solvable (NC1-complete)") !=
        std::string::npos);
  CHECK(fs::exists(path("s5.tc0")));
  const run_result s = run("stats --json " + path("s5.tc0"));
  REQUIRE(s.code == 0);
  CHECK(nlohmann::json::parse(s.out)["depth"] == 10);
  CHECK(nlohmann::json::parse(s.out)["inputs"] == 8 * 7);
}

TEST_CASE("problem cli: instances out / checked back by reference and circuit / a wrong answer exits 1") {
  REQUIRE(run("problem bfvp --size 24 --count 30 --seed 3 --instances-out " + path("b.jsonl")).code == 0);
  const std::string text = slurp(path("b.jsonl"));
  CHECK(lines(text) == 30);
  const nlohmann::json first = nlohmann::json::parse(text.substr(0, text.find('\n')));
  CHECK(first["tokens"].size() == 24);
  CHECK(first.contains("text"));
  CHECK(first.contains("answer"));
  CHECK(first.contains("depth"));
  run_result r = run("problem bfvp --instances " + path("b.jsonl") + " --engine circuit");
  CHECK(r.code == 0);
  CHECK(r.out == "instances: 30\nengine: circuit\nmismatches: 0\n");
  // Flip the first recorded answer.
  nlohmann::json bad = first;
  bad["answer"] = 1 - first["answer"].get<int>();
  write(path("bad.jsonl"), bad.dump() + "\n" + text.substr(text.find('\n') + 1));
  r = run("problem bfvp --instances " + path("bad.jsonl"));
  CHECK(r.code == 1);
  CHECK(r.out.find(path("bad.jsonl") + ":1: recorded answer") == 0);
}

TEST_CASE("problem cli: s5 instances carry id and agree with the circuit") {
  REQUIRE(run("problem s5 --size 6 --count 12 --instances-out " + path("s.jsonl")).code == 0);
  const std::string text = slurp(path("s.jsonl"));
  CHECK(nlohmann::json::parse(text.substr(0, text.find('\n'))).contains("id"));
  const run_result r = run("problem s5 --instances " + path("s.jsonl") + " --engine circuit");
  CHECK(r.code == 0);
  CHECK(r.out == "instances: 12\nengine: circuit\nmismatches: 0\n");
}

TEST_CASE("problem cli: --solve prints the instance line") {
  run_result r = run("problem bfvp --solve '((1&0)|!0)'");
  CHECK(r.code == 0);
  CHECK(nlohmann::json::parse(r.out) ==
        nlohmann::json::parse(R"J({"tokens": [5,5,1,2,0,6,3,4,0,6], "text": "((1&0)|!0)", "answer": 1, "length": 10})J"));
  r = run("problem afe --modulus 5 --solve '((3+4)*4)' --size 12");
  CHECK(nlohmann::json::parse(r.out)["answer"] == 3);
  CHECK(nlohmann::json::parse(r.out)["tokens"].size() == 12);
  r = run("problem closure --words 0,11,101,1001 --solve 0110");
  CHECK(nlohmann::json::parse(r.out)["answer"] == 1);
}

TEST_CASE("problem cli: a sweep writes size and depth per N and the fits") {
  const run_result r = run("problem s5 --sweep 4,8,16 --check 50 -o " + path("sweep.json"));
  REQUIRE(r.code == 0);
  CHECK(r.out.find("depth = 2.00 * log2(N) + 4.00") != std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(slurp(path("sweep.json")));
  CHECK(j["format"] == "tc0-problem-sweep/1");
  CHECK(j["points"].size() == 3);
  CHECK(j["points"][2]["size"] == 16);
  CHECK(j["points"][2]["depth"] == 12);
  CHECK(j["points"][2]["mismatches"] == 0);
  CHECK(j["fit"]["depth"]["a"].get<double>() == doctest::Approx(2.0));
  CHECK(j["fit"]["depth"]["b"].get<double>() == doctest::Approx(4.0));
  CHECK(j["problem"]["monoid"]["solvable"] == false);
}

TEST_CASE("problem cli: closure reports the solvability of F") {
  run_result r = run("problem closure --size 8");
  CHECK(r.code == 0);
  CHECK(r.out.find("largest subgroup S5 (order 120), not solvable (NC1-complete)") != std::string::npos);
  r = run("problem closure --words 0,11,101,1001 --size 8");
  CHECK(r.out.find("syntactic monoid: 37 elements, largest subgroup Z2 (order 2), solvable (not a hard case") !=
        std::string::npos);
}

TEST_CASE("problem cli: a user's automaton") {
  write(path("mod3.json"), R"({"format": "tc0-dfa/1", "states": 3, "alphabet": ["a", "b"], "start": 0,
                               "accepting": [0], "delta": [[1, 2, 0], [0, 1, 2]]})");
  run_result r = run("problem automaton --dfa " + path("mod3.json") + " --solve abaa");
  CHECK(r.code == 0);
  CHECK(nlohmann::json::parse(r.out)["answer"] == 1);
  r = run("problem automaton --dfa " + path("mod3.json") + " --size 10 --check 100");
  CHECK(r.code == 0);
  CHECK(r.out.find("mismatches: 0") != std::string::npos);
}

TEST_CASE("problem cli: bad input exits 2 with one line and writes nothing") {
  const std::string out = path("never.tc0");
  check_refused("problem bfvp --solve '((1&0)|!0'", "--solve: position 9: expected ')', found the end of the input");
  check_refused("problem afe --solve '(3+9)'", "--solve: position 3: constant 9 is outside Z_7 (0..6)");
  check_refused("problem bfvp --solve '(1&0)' --size 3", "--solve: --size: the instance has 5 tokens, more than 3");
  check_refused("problem nosuch --size 4 -o " + out, "problem: unknown problem 'nosuch' (known: bfvp, afe, s5, closure, automaton)", out);
  check_refused("problem bfvp --size 0 -o " + out, "--size: give --size N (tokens per instance), or --sweep, --solve or --instances", out);
  check_refused("problem s5 --size 70000 -o " + out, "--size: expected 1..65536, got 70000", out);
  check_refused("problem afe --size 4096 -o " + out,
                "--size: afe circuits have O(N^2) gates and are built up to N = 2048 (about 25M gates there), got 4096", out);
  check_refused("problem afe --modulus 8 --size 8 -o " + out,
                "--modulus: expected a prime 2..61 (products go through discrete logarithms), got 8", out);
  check_refused("problem bfvp --modulus 5 --size 8 -o " + out, "--modulus: only afe takes a modulus", out);
  check_refused("problem closure --words 0,12 --size 8 -o " + out,
                "--words: word 2 '12', position 1: '2' is not a letter of the alphabet '01'", out);
  check_refused("problem automaton --size 4 -o " + out, "problem automaton: needs --dfa FILE (a tc0-dfa/1 JSON automaton)", out);
  write(path("bad_dfa.json"), R"({"format": "tc0-dfa/1", "states": 2, "alphabet": ["a"], "start": 0, "accepting": [], "delta": [[0, 5]]})");
  check_refused("problem automaton --dfa " + path("bad_dfa.json") + " --size 4 -o " + out,
                path("bad_dfa.json") + ": delta[0][1]: expected a state 0..1, got 5", out);
  check_refused("problem bfvp --sweep 8,x -o " + path("never.json"), "--sweep: expected sizes 1..65536 separated by commas, got 'x'",
                path("never.json"));
  check_refused("problem bfvp --size 8 --count 3 --weights huge --instances-out " + path("never.jsonl"),
                "--weights: huge not in {exp,majority} (see tc0 --help)", path("never.jsonl"));
  write(path("i1.jsonl"), R"({"tokens": [5, 1, 2, 9, 6]})" "\n");
  check_refused("problem bfvp --instances " + path("i1.jsonl"), path("i1.jsonl") + ":1: tokens[3]: expected a token code 0..7, got 9");
  write(path("i2.jsonl"), R"({"tokens": [1]})" "\n" R"({"tokens": [5, 1, 0, 6]})" "\n");
  check_refused("problem bfvp --instances " + path("i2.jsonl"), path("i2.jsonl") + ":2: position 2: expected an operator ('&' or '|'), found '0'");
  write(path("i3.jsonl"), R"({"tokens": [1)" "\n");
  const run_result r = run("problem bfvp --instances " + path("i3.jsonl"));
  CHECK(r.code == 2);
  CHECK(r.err.rfind("tc0: " + path("i3.jsonl") + ":1: malformed JSON", 0) == 0);
  check_refused("problem bfvp --model m.json --instances " + path("i2.jsonl"),
                "m.json: cannot open file");
}
}

TEST_SUITE("fast") {
TEST_CASE("problem cli: a transformer runs on instances with both engines alike") {
  write(path("reader.json"), R"({"format": "tc0-model/1", "seq_len": 8, "d_model": 4, "layers": 0, "heads": 1,
    "d_head": 4, "layer_norm": "none", "input": {"kind": "tokens", "vocab": 8}, "readout": {"classes": 2},
    "precision": {"p": 8, "e": 5}, "weights": {"init": "normal", "seed": 1, "scale": 0.5}})");
  REQUIRE(run("problem bfvp --size 8 --count 40 --instances-out " + path("b8.jsonl")).code == 0);
  run_result ref = run("problem bfvp --model " + path("reader.json") + " --instances " + path("b8.jsonl"));
  run_result gate = run("problem bfvp --model " + path("reader.json") + " --instances " + path("b8.jsonl") +
                        " --engine circuit");
  REQUIRE(ref.code == 0);
  REQUIRE(gate.code == 0);
  CHECK(ref.out.rfind("instances: 40\nengine: reference\ncorrect: ", 0) == 0);
  CHECK(ref.out.substr(ref.out.find("correct")) == gate.out.substr(gate.out.find("correct")));
  write(path("short.json"), R"({"format": "tc0-model/1", "seq_len": 4, "d_model": 4, "layers": 0, "heads": 1,
    "d_head": 4, "layer_norm": "none", "input": {"kind": "tokens", "vocab": 8}, "readout": {"classes": 2},
    "precision": {"p": 8, "e": 5}, "weights": {"init": "normal", "seed": 1, "scale": 0.5}})");
  check_refused("problem bfvp --model " + path("short.json") + " --instances " + path("b8.jsonl"),
                path("b8.jsonl") + ":1: expected 4 tokens (the model's seq_len), got 8");
}
}
