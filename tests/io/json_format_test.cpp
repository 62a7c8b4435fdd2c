// tc0-circuit/1: the exact export layout, round trips, a hand-written import, and one pinned
// one-line message per kind of bad input.
#include <doctest/doctest.h>

#include <fstream>

#include "graph/random_circuit.hpp"
#include "io/sample_circuits.hpp"
#include "io/storage_equal.hpp"
#include "support/input_error_of.hpp"
#include "tc0/errors.hpp"
#include "tc0/io/json_format.hpp"
#include "tc0/sim/naive.hpp"
#include "tc0/version.hpp"

using namespace tc0;
using nlohmann::json;

namespace {

std::string export_text(const circuit& c, const json_export_options& o = {}) {
  json j = circuit_to_json(c, o);
  j.erase("tc0_version");
  j.erase("tc0_commit");
  return j.dump();
}

// A small valid document; tests break one thing in it at a time.
json good_doc() {
  return json::parse(R"({
    "format": "tc0-circuit/1", "name": "hand",
    "inputs": [{"name": "x", "bits": [2, 4]}, {"name": "c", "bits": [6]}],
    "outputs": [{"name": "z", "bits": [18, 11]}],
    "gates": [{"id": 5, "kind": "and", "fanin": [2, 5]},
              {"id": 6, "kind": "maj", "fanin": [2, 4, 6], "threshold": 2},
              {"id": 7, "kind": "or", "fanin": [10, 12]},
              {"id": 9, "kind": "thr", "fanin": [10, 15], "weights": [2, -1], "threshold": 1}]
  })");
}

std::string error_of(const json& doc) {
  return tc0_test::input_error_of([&] { circuit_from_json(doc, "bad.json"); });
}
std::string error_of_text(std::string_view text) {
  return tc0_test::input_error_of([&] { parse_json_circuit(text, "bad.json"); });
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("json export: the exact tc0-circuit/1 object of a 3-gate circuit") {
  circuit c = testing::three_gate_circuit();
  CHECK(export_text(c) ==
        R"({"format":"tc0-circuit/1","gates":[)"
        R"({"depth":1,"fanin":[2,5],"id":4,"kind":"and","module":0,"threshold":2,"weights":null},)"
        R"({"depth":1,"fanin":[2,4,6],"id":5,"kind":"maj","module":0,"threshold":2,"weights":null},)"
        R"({"depth":2,"fanin":[8,11],"id":6,"kind":"thr","module":0,"threshold":1,"weights":[2,-1]}],)"
        R"("inputs":[{"bits":[2,4],"name":"x"},{"bits":[6],"name":"c"}],)"
        R"("modules":[{"id":0,"parent":null,"path":""}],"name":"three","outputs":[{"bits":[12,9],"name":"z"}]})");
  json j = circuit_to_json(c);
  CHECK(j["tc0_version"] == version());
  CHECK(j["tc0_commit"] == commit());
}

TEST_CASE("json export: modules_only drops gates and gives each module its subtree's gates / edges and depth interval") {
  json_export_options o;
  o.modules_only = true;
  o.stats = json{{"gates", 4}};
  CHECK(export_text(testing::all_kinds_circuit(), o) ==
        R"({"format":"tc0-circuit/1","inputs":[{"bits":[2,4,6],"name":"x"},{"bits":[8,10],"name":"y"}],"modules":[)"
        R"({"depth_from":0,"depth_to":3,"edges":13,"gates":4,"id":0,"parent":null,"path":"","self_edges":0,"self_gates":0},)"
        R"({"depth_from":0,"depth_to":2,"edges":10,"gates":3,"id":1,"parent":0,"path":"layer0","self_edges":2,"self_gates":1},)"
        R"({"depth_from":0,"depth_to":2,"edges":8,"gates":2,"id":2,"parent":1,"path":"layer0/attn","self_edges":8,"self_gates":2},)"
        R"({"depth_from":2,"depth_to":3,"edges":3,"gates":1,"id":3,"parent":0,"path":"readout","self_edges":3,"self_gates":1}],)"
        R"("name":"all_kinds","outputs":[{"bits":[18,13,1],"name":"z"},{"bits":[16],"name":"w"}],)"
        R"("source":{"op":"test","width":3},"stats":{"gates":4}})");
}

TEST_CASE("json round trip: all kinds / modules / names and source survive exactly") {
  circuit c = testing::all_kinds_circuit();
  circuit d = parse_json_circuit(circuit_to_json(c).dump(), "rt.json");
  testing::check_same_storage(c, d);
}

TEST_CASE("json round trip: 150 random circuits keep every gate / bus and module") {
  for (uint64_t seed = 1; seed <= 150; ++seed) {
    CAPTURE(seed);
    circuit c = testing::random_circuit(seed);
    circuit d = parse_json_circuit(circuit_to_json(c).dump(2), "rt.json");
    testing::check_same_gates_and_buses(c, d);
    for (uint32_t v = 0; v < c.num_nodes(); ++v)
      if (is_gate(c.kind(v))) REQUIRE(c.module_of(v) == d.module_of(v));
  }
}

TEST_CASE("json import: a hand-written file with sparse ids / no depth or modules / loads and computes") {
  testing::temp_dir dir("jsonhand");
  {
    std::ofstream(dir.path / "hand.json") << good_doc().dump(1);
  }
  circuit c = load_json_circuit(dir.path / "hand.json");
  REQUIRE(c.num_nodes() == 8);
  CHECK(c.name() == "hand");
  CHECK(c.kind(4) == node_kind::and_);
  CHECK(c.kind(7) == node_kind::thr);
  CHECK(c.fanin(7)[1] == lit{13});  // file literal 15 (not node 7) is not node 6 in the new numbering
  CHECK(c.threshold(5) == 2);
  CHECK(c.weights(7)[1] == -1);
  CHECK(c.outputs()[0].lits == bits{lit{14}, lit{9}});
  // z0 = [2 a - not(o) >= 1] with a = x0 and not x1, o = a or maj(x0, x1, c); z1 = not a.
  for (uint8_t v = 0; v < 8; ++v) {
    std::vector<uint8_t> in{uint8_t(v & 1), uint8_t(v >> 1 & 1), uint8_t(v >> 2 & 1)};
    bool a = in[0] && !in[1], m = in[0] + in[1] + in[2] >= 2, o = a || m;
    bool t = 2 * a - (1 - o) >= 1;
    std::vector<uint8_t> want{uint8_t(t), uint8_t(!a)};
    CHECK(evaluate_naive(c, in) == want);
  }
}

TEST_CASE("json import: ids may interleave inputs and gates / the node order follows the ids") {
  json d = good_doc();
  d["inputs"][1]["bits"] = {20};  // c is now node 10, after gate 9 in id order... so gate 6 reads a later node
  d["gates"][1]["fanin"] = {2, 4, 20};
  CHECK(error_of(d) ==
        "bad.json: gates[1].fanin[2]: literal 20 refers to node 10, which is not defined before gate 6 (cycle or forward reference)");
  d["inputs"][1]["bits"] = {7};
  CHECK(error_of(d) == "bad.json: inputs[1].bits[0]: literal 7 is complemented; input bits are plain nodes (even literals)");
  d["inputs"][1]["bits"] = {8};  // node 4: between input 2 and gate 5
  d["gates"][1]["fanin"] = {2, 4, 8};
  circuit c = circuit_from_json(d, "ok.json");
  CHECK(c.kind(3) == node_kind::input);
  CHECK(c.inputs()[1].lits == bits{lit{6}});
}

TEST_CASE("json import: malformed JSON is one line with the byte position") {
  CHECK(error_of_text(R"({"format": "tc0-circuit/1",)") ==
        "bad.json: malformed JSON at byte 28: syntax error while parsing object key - unexpected end of input; expected string literal");
  CHECK(error_of_text("{\"a\":\n tru}") ==
        "bad.json: malformed JSON at byte 11: syntax error while parsing value - invalid literal; last read: '\"a\":<U+000A> tru}'");
}

TEST_CASE("json import: every bad document gets its own one-line message naming the location") {
  auto with = [&](auto&& edit) {
    json x = good_doc();
    edit(x);
    return error_of(x);
  };
  CHECK(with([](json& x) { x["gates"][3]["fanin"][1] = 40; }) ==
        "bad.json: gates[3].fanin[1]: literal 40 refers to node 20, which is not defined (no input bit or gate has that id)");
  CHECK(with([](json& x) {
          x["gates"].push_back({{"id", 20}, {"kind", "or"}, {"fanin", {2}}});
          x["gates"][3]["fanin"][1] = 40;
        }) == "bad.json: gates[3].fanin[1]: literal 40 refers to node 20, which is not defined before gate 9 (cycle or forward reference)");
  CHECK(with([](json& x) { x["gates"][3]["fanin"][0] = 18; }) ==
        "bad.json: gates[3].fanin[0]: literal 18 refers to node 9, which is not defined before gate 9 (cycle or forward reference)");
  CHECK(with([](json& x) { x["gates"][0]["kind"] = "xor"; }) ==
        "bad.json: gates[0].kind: unknown gate kind 'xor' (expected and, or, maj, thr)");
  CHECK(with([](json& x) { x["gates"][0]["kind"] = 3; }) ==
        "bad.json: gates[0].kind: unknown gate kind number 3 (expected and, or, maj, thr)");
  CHECK(with([](json& x) { x["outputs"][0]["bits"][1] = 99; }) ==
        "bad.json: outputs[0].bits[1]: literal 99 refers to node 49, which is not defined (no input bit or gate has that id)");
  CHECK(with([](json& x) { x["gates"][0]["id"] = uint64_t{1} << 62; }) ==
        "bad.json: gates[0].id: node id 4611686018427387904 is out of range (expected below 4611686018427387904)");
  CHECK(with([](json& x) { x["gates"][1]["fanin"][0] = UINT64_MAX; }) ==
        "bad.json: gates[1].fanin[0]: literal 18446744073709551615 is out of range (expected below 9223372036854775808)");
  CHECK(with([](json& x) { x["gates"][3]["threshold"] = uint64_t{1} << 63; }) ==
        "bad.json: gates[3].threshold: 9223372036854775808 does not fit in a signed 64-bit integer");
  CHECK(with([](json& x) { x["gates"][1]["threshold"] = 5; }) == "bad.json: gates[1].threshold: maj threshold 5 is outside 0..4");
  CHECK(with([](json& x) { x["gates"][3]["weights"] = {INT64_MAX, 1}; }) ==
        "bad.json: gates[3].weights: the sum of |weights| does not fit in 64 bits");
  CHECK(with([](json& x) { x["gates"][3]["weights"] = {2}; }) == "bad.json: gates[3].weights: 1 weights for 2 fan-in literals");
  CHECK(with([](json& x) { x["gates"][3].erase("weights"); }) ==
        "bad.json: gates[3]: missing key \"weights\" (a thr gate needs one weight per fan-in literal)");
  CHECK(with([](json& x) { x["gates"][1].erase("threshold"); }) ==
        "bad.json: gates[1]: missing key \"threshold\" (required for maj gates)");
  CHECK(with([](json& x) { x["gates"][0]["threshold"] = 1; }) ==
        "bad.json: gates[0].threshold: an and gate with 2 inputs has threshold 2, not 1");
  CHECK(with([](json& x) { x["gates"][0]["weights"] = {1, 2}; }) ==
        "bad.json: gates[0].weights: a and gate has unit weights (expected null, or 2 ones), got array [1,2]");
  CHECK(with([](json& x) { x["gates"][2]["id"] = 6; }) ==
        "bad.json: gates[2].id: 6 is not greater than the previous gate's id 6 (gates must be listed in increasing id order)");
  CHECK(with([](json& x) { x["gates"][0]["id"] = 3; }) == "bad.json: gates[0].id: node 3 is already defined by inputs[1].bits[0]");
  CHECK(with([](json& x) { x["gates"][0]["id"] = 0; }) == "bad.json: gates[0].id: node 0 is the constant false, not a gate");
  CHECK(with([](json& x) { x["inputs"][1]["name"] = "x"; }) == "bad.json: inputs[1].name: input 'x' is declared twice");
  CHECK(with([](json& x) { x["outputs"].push_back({{"name", "z"}, {"bits", {0}}}); }) ==
        "bad.json: outputs[1].name: output 'z' is declared twice");
  CHECK(with([](json& x) { x["inputs"][0]["bits"][0] = 0; }) ==
        "bad.json: inputs[0].bits[0]: literal 0 is a constant, not an input node");
  CHECK(with([](json& x) { x.erase("gates"); }) == "bad.json: missing key \"gates\"");
  CHECK(with([](json& x) { x["gates"][2].erase("fanin"); }) == "bad.json: gates[2]: missing key \"fanin\"");
  CHECK(with([](json& x) { x["inputs"] = json::object(); }) == "bad.json: inputs: expected an array, got object {}");
  CHECK(with([](json& x) { x["gates"][0]["fanin"][0] = "2"; }) ==
        "bad.json: gates[0].fanin[0]: expected literal (a non-negative integer), got string \"2\"");
  CHECK(with([](json& x) { x["gates"][0]["fanin"][0] = -2; }) ==
        "bad.json: gates[0].fanin[0]: expected literal (a non-negative integer), got number -2");
  CHECK(with([](json& x) { x["gates"][0]["fanin"][0] = 2.5; }) ==
        "bad.json: gates[0].fanin[0]: expected literal (a non-negative integer), got number 2.5");
  CHECK(with([](json& x) { x["gates"][1] = 7; }) == "bad.json: gates[1]: expected an object, got number 7");
  CHECK(with([](json& x) { x["format"] = "tc0-model/1"; }) ==
        "bad.json: format: string \"tc0-model/1\" is not supported (expected \"tc0-circuit/1\")");
  CHECK(with([](json& x) { x.erase("format"); }) == "bad.json: missing key \"format\"");
  CHECK(with([](json& x) { x["name"] = 3; }) == "bad.json: name: expected a string, got number 3");
  CHECK(error_of(json::array()) == "bad.json: expected a JSON object with \"format\": \"tc0-circuit/1\", got array []");
}

TEST_CASE("json import: modules by id and path / with errors for unknown or misplaced ones") {
  auto with = [&](auto&& edit) {
    json x = good_doc();
    x["modules"] = json::parse(R"([{"id": 0, "path": "", "parent": null}, {"id": 7, "path": "a", "parent": 0},
                                   {"id": 3, "path": "a/b", "parent": 7}])");
    x["gates"][1]["module"] = 3;
    x["gates"][2]["module"] = 7;
    edit(x);
    return x;
  };
  circuit c = circuit_from_json(with([](json&) {}), "m.json");
  CHECK(c.module_path(c.module_of(4)) == "");
  CHECK(c.module_path(c.module_of(5)) == "a/b");
  CHECK(c.module_path(c.module_of(6)) == "a");
  CHECK(c.module_path(c.module_of(7)) == "");
  CHECK(error_of(with([](json& x) { x["gates"][0]["module"] = 4; })) ==
        "bad.json: gates[0].module: module 4 is not listed in \"modules\"");
  CHECK(error_of(with([](json& x) { x["modules"][2]["parent"] = 9; })) ==
        "bad.json: modules[2].parent: module 9 is not listed before module 3");
  CHECK(error_of(with([](json& x) { x["modules"][2]["path"] = "c/b"; })) ==
        "bad.json: modules[2].path: 'c/b' is not a child of its parent's path 'a'");
  CHECK(error_of(with([](json& x) { x["modules"][2]["id"] = 7; })) == "bad.json: modules[2].id: module 7 is listed twice");
}

TEST_CASE("json import: load_json_circuit names a missing file and malformed text by path") {
  testing::temp_dir dir("jsonmissing");
  std::filesystem::path p = dir.path / "none.json";
  CHECK_THROWS_WITH_AS(load_json_circuit(p), (p.string() + ": cannot open file").c_str(), input_error);
  {
    std::ofstream(dir.path / "bad.json") << "{]";
  }
  CHECK_THROWS_WITH_AS(load_json_circuit(dir.path / "bad.json"),
                       ((dir.path / "bad.json").string() +
                        ": malformed JSON at byte 2: syntax error while parsing object key - unexpected ']'; expected string literal")
                           .c_str(),
                       input_error);
}
}
