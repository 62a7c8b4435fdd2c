// The tc0 command line end to end: exit codes, one-line errors, no partial output files.
#include <doctest/doctest.h>

#include "support/cli_runner.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

using namespace tc0_test;
namespace fs = std::filesystem;

TEST_SUITE("fast") {
TEST_CASE("cli: --version prints the version and the commit") {
  run_result r = run("--version");
  CHECK(r.code == 0);
  CHECK(r.out.rfind("tc0 0.1.0 (commit ", 0) == 0);
}

TEST_CASE("cli: usage errors exit 2 with one line") {
  run_result r = run("frobnicate");
  CHECK(r.code == 2);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  r = run("gen cmp --width 8");  // -o missing
  CHECK(r.code == 2);
  r = run("gen nosuchop --width 8 -o " + path("x.tc0"));
  CHECK(r.code == 2);
  CHECK(r.err.rfind("tc0: ", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK_FALSE(fs::exists(path("x.tc0")));
}

TEST_CASE("cli: gen / verify and simulate a comparator by input name") {
  REQUIRE(run("gen cmp --width 8 -o " + path("cmp8.tc0")).code == 0);
  run_result v = run("verify " + path("cmp8.tc0"));
  CHECK(v.code == 0);
  CHECK(v.out == "vectors: 65536\nmismatches: 0\n");
  write(path("in.json"), R"({"inputs": {"x": 3, "y": "0x05"}})");
  run_result s = run("simulate " + path("cmp8.tc0") + " --inputs " + path("in.json"));
  CHECK(s.code == 0);
  nlohmann::json j = nlohmann::json::parse(s.out);
  CHECK(j["outputs"] == nlohmann::json::parse(R"({"lt": 1, "le": 1, "eq": 0})"));
  write(path("vec.json"), R"({"vectors": [{"x": [1,0,1,0,0,0,0,0], "y": 5}, {"x": "200", "y": "0b11"}]})");
  s = run("simulate " + path("cmp8.tc0") + " --inputs " + path("vec.json") + " --format bits -o " + path("out.json"));
  CHECK(s.code == 0);
  CHECK(nlohmann::json::parse(slurp(path("out.json"))) ==
        nlohmann::json::parse(R"({"vectors": [{"lt": [0], "le": [1], "eq": [1]}, {"lt": [0], "le": [0], "eq": [0]}]})"));
}

TEST_CASE("cli: simulate rejects unknown / missing and oversized inputs with exit 2 and no output file") {
  REQUIRE(run("gen cmp --width 8 -o " + path("c.tc0")).code == 0);
  write(path("bad1.json"), R"({"inputs": {"x": 1, "y": 2, "w": 3}})");
  run_result r = run("simulate " + path("c.tc0") + " --inputs " + path("bad1.json") + " -o " + path("never.json"));
  CHECK(r.code == 2);
  CHECK(r.err == "tc0: " + path("bad1.json") + ": inputs.w: unknown input (the circuit's inputs: x, y)\n");
  CHECK_FALSE(fs::exists(path("never.json")));
  write(path("bad2.json"), R"({"inputs": {"x": 1}})");
  r = run("simulate " + path("c.tc0") + " --inputs " + path("bad2.json"));
  CHECK(r.err == "tc0: " + path("bad2.json") + ": inputs: missing input 'y'\n");
  write(path("bad3.json"), R"({"inputs": {"x": 256, "y": 0}})");
  r = run("simulate " + path("c.tc0") + " --inputs " + path("bad3.json"));
  CHECK(r.err == "tc0: " + path("bad3.json") + ": inputs.x: value 256 does not fit in 8 bits\n");
  write(path("bad4.json"), R"({"inputs": {"x": 1, "y": )");
  r = run("simulate " + path("c.tc0") + " --inputs " + path("bad4.json"));
  CHECK(r.code == 2);
  CHECK(r.err == "tc0: " + path("bad4.json") + ": malformed JSON at byte 26: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal\n");
}

TEST_CASE("cli: random simulation hashes agree across thread counts / exhaustive is refused past 24 bits") {
  REQUIRE(run("gen cmp --width 16 -o " + path("c16.tc0")).code == 0);
  run_result a = run("simulate " + path("c16.tc0") + " --random 100000 --seed 7 --threads 1");
  run_result b = run("simulate " + path("c16.tc0") + " --random 100000 --seed 7 --threads 2");
  REQUIRE(a.code == 0);
  CHECK(nlohmann::json::parse(a.out)["output_hash"] == nlohmann::json::parse(b.out)["output_hash"]);
  run_result e = run("simulate " + path("c16.tc0") + " --exhaustive");
  CHECK(e.code == 2);
  CHECK(e.err == "tc0: " + path("c16.tc0") + ": --exhaustive needs at most 24 input bits; the circuit has 32\n");
}

TEST_CASE("cli: export json / import it back: same stats / dot export writes a graph") {
  REQUIRE(run("gen popcount --width 12 --weights majority -o " + path("p.tc0")).code == 0);
  REQUIRE(run("export " + path("p.tc0") + " --format json -o " + path("p.json")).code == 0);
  REQUIRE(run("import " + path("p.json") + " -o " + path("p2.tc0")).code == 0);
  run_result s1 = run("stats --json " + path("p.tc0"));
  run_result s2 = run("stats --json " + path("p2.tc0"));
  CHECK(s1.code == 0);
  CHECK(s1.out == s2.out);
  CHECK(run("verify " + path("p2.tc0")).code == 0);
  REQUIRE(run("export " + path("p.tc0") + " --format dot -o " + path("p.dot")).code == 0);
  CHECK(slurp(path("p.dot")).rfind("digraph", 0) == 0);
}

TEST_CASE("cli: verify exits 1 on a circuit that disagrees with its reference") {
  REQUIRE(run("gen cmp --width 4 -o " + path("c4.tc0")).code == 0);
  REQUIRE(run("export " + path("c4.tc0") + " --format json -o " + path("c4.json")).code == 0);
  nlohmann::json j = nlohmann::json::parse(slurp(path("c4.json")));
  for (auto& o : j["outputs"])
    if (o["name"] == "eq") o["bits"][0] = o["bits"][0].get<uint32_t>() ^ 1u;  // complement eq
  write(path("c4bad.json"), j.dump());
  run_result r = run("verify " + path("c4bad.json"));
  CHECK(r.code == 1);
  CHECK(r.out.find("mismatches: 256") != std::string::npos);
}

TEST_CASE("cli: a corrupt circuit file is exit 2 with one line / never a crash") {
  REQUIRE(run("gen cmp --width 8 -o " + path("ok.tc0")).code == 0);
  std::string bytes = slurp(path("ok.tc0"));
  write(path("cut.tc0"), bytes.substr(0, bytes.size() / 2));
  run_result r = run("stats " + path("cut.tc0"));
  CHECK(r.code == 2);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  write(path("junk.json"), "{\"format\": \"tc0-circuit/1\", \"gates\": 5}");
  r = run("stats " + path("junk.json"));
  CHECK(r.code == 2);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  r = run("stats " + path("missing.tc0"));
  CHECK(r.code == 2);
}
}

TEST_SUITE("fast") {
TEST_CASE("cli: every kind of bad circuit file is exit 2 / one line naming the file / no output written") {
  REQUIRE(run("gen cmp --width 8 -o " + path("good.tc0")).code == 0);
  const std::string bytes = slurp(path("good.tc0"));
  std::string flipped = bytes;
  flipped[flipped.size() / 3] ^= 0x5a;
  const std::string head = R"({"format": "tc0-circuit/1", "inputs": [{"name": "x", "bits": [2, 4]}], )";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"malformed.json", "{\"format\": \"tc0-circuit/1\", "},
      {"unknown_kind.json", head + R"("outputs": [], "gates": [{"id": 3, "kind": "xor", "fanin": [2, 4]}]})"},
      {"out_of_range.json", head + R"("outputs": [], "gates": [{"id": 3, "kind": "and", "fanin": [2, 400]}]})"},
      {"forward.json", head + R"("outputs": [], "gates": [{"id": 3, "kind": "and", "fanin": [2, 8]}, {"id": 4, "kind": "or", "fanin": [2, 4]}]})"},
      {"cycle.json", head + R"("outputs": [], "gates": [{"id": 3, "kind": "and", "fanin": [2, 6]}]})"},
      {"absurd.json", head + R"("outputs": [], "gates": [{"id": 3, "kind": "thr", "fanin": [2, 4], "weights": [99999999999999999999, 1], "threshold": 1}]})"},
      {"truncated.tc0", bytes.substr(0, bytes.size() - 9)},
      {"corrupt.tc0", flipped},
      {"empty.tc0", ""},
  };
  for (const auto& [name, text] : cases) {
    CAPTURE(name);
    write(path(name), text);
    const std::string out = path(name + ".out.tc0");
    run_result r = run("import " + path(name) + " -o " + out);
    CHECK(r.code == 2);
    CHECK(r.err.rfind("tc0: " + path(name) + ": ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_FALSE(fs::exists(out));
    CHECK(run("stats " + path(name)).code == 2);
  }
}
}
