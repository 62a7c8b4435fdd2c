// Sizes of the threshold-to-AIG lowering (transform/to_aig.hpp): ANDs and depth per gate of fan-in
// k (maj, random-weight thr, both final adders), per gen block in both regimes, and per Bristol
// benchmark circuit (imported gates and depth, AIG and Bristol re-export sizes). Prints markdown
// tables for docs/interop.md. Usage: to_aig_sizes [CIRCUITS_DIR] (default circuits/bristol, from the root)
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>

#include "tc0/analysis/levels.hpp"
#include "tc0/circuit/builder.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/io/bristol.hpp"
#include "tc0/io/netlist_export.hpp"
#include "tc0/transform/to_aig.hpp"

using namespace tc0;

namespace {

uint32_t depth_of(const circuit& c) { return circuit_depth(c, compute_levels(c)); }

circuit one_gate(uint32_t k, const std::vector<int64_t>& w, int64_t t) {
  builder b("g", builder_params{.structural_hashing = false, .simplify = false});
  bits x = b.input("x", k);
  b.output("z", w.empty() ? b.gate(node_kind::maj, x, {}, t) : b.gate(node_kind::thr, x, w, t));
  return std::move(b).finish();
}

std::string cell(const circuit& g, aig_final_adder fa) {
  circuit a = to_aig(g, to_aig_params{.final_adder = fa});
  return std::to_string(a.num_gates()) + " / " + std::to_string(depth_of(a));
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : std::string("circuits/bristol");  // run from the repository root
  std::cout << "### One gate\n\nANDs / depth of the AIG of one gate of fan-in k (prefix | ripple final adder).\n\n";
  std::cout << "| k | maj (t = k/2+1) prefix | ripple | thr, 8-bit random weights, t = half the sum | ripple | thr, 30-bit weights | ripple |\n";
  std::cout << "|---:|---:|---:|---:|---:|---:|---:|\n";
  std::mt19937_64 rng(1);
  for (uint32_t k : {3u, 5u, 8u, 16u, 32u, 64u, 128u, 256u, 1024u}) {
    circuit maj = one_gate(k, {}, k / 2 + 1);
    std::string row = "| " + std::to_string(k) + " | " + cell(maj, aig_final_adder::prefix) + " | " +
                      cell(maj, aig_final_adder::ripple);
    for (int bits : {8, 30}) {
      std::vector<int64_t> w(k);
      int64_t sum = 0;
      for (auto& x : w) {
        x = 1 + static_cast<int64_t>(rng() % ((uint64_t{1} << bits) - 1));
        sum += x;
      }
      circuit thr = one_gate(k, w, sum / 2);
      row += " | " + cell(thr, aig_final_adder::prefix) + " | " + cell(thr, aig_final_adder::ripple);
    }
    std::cout << row << " |\n";
  }

  std::cout << "\n### gen blocks\n\nThreshold gates / depth, then AIG ANDs / depth (prefix final adder), and lowering time.\n\n";
  std::cout << "| block | exp: gates / depth | AIG | s | majority: gates / depth | AIG | s |\n|---|---:|---:|---:|---:|---:|---:|\n";
  struct blk {
    const char* op;
    uint32_t width;
    uint32_t count;
  };
  for (blk b : {blk{"add", 32, 2}, blk{"add", 64, 2}, blk{"cmp", 64, 2}, blk{"mul", 16, 2},
                blk{"sum", 16, 16}, blk{"max", 16, 8}, blk{"popcount", 64, 2}, blk{"div", 4, 2}}) {
    std::string row = std::string("| ") + b.op + " " + std::to_string(b.width) + (b.count > 2 ? " x" + std::to_string(b.count) : "");
    for (weight_regime r : {weight_regime::exp, weight_regime::majority}) {
      gen_options o;
      o.op = b.op;
      o.width = b.width;
      o.count = b.count;
      o.regime = r;
      circuit c = generate(o);
      auto t0 = std::chrono::steady_clock::now();
      circuit a = to_aig(c);
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::ostringstream sec;
      sec.precision(2);
      sec << std::fixed << s;
      row += " | " + std::to_string(c.num_gates()) + " / " + std::to_string(depth_of(c)) + " | " +
             std::to_string(a.num_gates()) + " / " + std::to_string(depth_of(a)) + " | " + sec.str();
    }
    std::cout << row << " |\n";
  }

  std::cout << "\n### Bristol benchmarks\n\nImported: gates (AND = 1, XOR = and + maj = 2) / depth; AIG re-export: ANDs / depth;"
               " Bristol re-export: AND + XOR gates (XORs recovered) / AND-XOR depth.\n\n";
  std::cout << "| circuit | header gates | imported gates / depth | AIG ANDs / depth | Bristol again: AND, XOR / depth |\n"
               "|---|---:|---:|---:|---:|\n";
  for (const char* name : {"adder64", "sub64", "neg64", "zero_equal", "mult64", "mult2_64", "udivide64", "divide64",
                           "aes_128", "sha256", "FP-add", "FP-mul", "FP-lt", "FP-eq"}) {
    const std::string path = dir + "/" + name + ".txt";
    circuit c = load_bristol(path);
    uint64_t header = 0;
    {
      std::ifstream in(path);
      in >> header;
    }
    circuit a = to_aig(c);
    std::ostringstream sink;
    netlist_summary s = write_bristol(sink, a);
    std::cout << "| " << name << " | " << header << " | " << c.num_gates() << " / " << depth_of(c) << " | " << a.num_gates()
              << " / " << depth_of(a) << " | " << s.ands << ", " << s.xors << " / " << s.depth << " |\n";
  }
  return 0;
}
