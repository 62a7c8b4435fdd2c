// Memory of a loaded circuit: bytes of tc0's flat arrays per node, and the process's resident memory
// after loading (used by bench/abc_compare.py to compare with ABC on the same AIGER file).
// Usage: circuit_memory FILE  ->  one JSON line.
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "tc0/errors.hpp"
#include "tc0/io/circuit_file.hpp"

namespace {
// A field of /proc/self/status in kB (VmRSS: now, VmHWM: peak), 0 if absent.
uint64_t status_kb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::stoull(line.substr(key.size() + 1));
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: circuit_memory FILE\n";
    return 2;
  }
  try {
    const uint64_t rss_before = status_kb("VmRSS");
    tc0::circuit c = tc0::load_circuit_file(argv[1]);
    nlohmann::json j = {{"nodes", c.num_nodes()},
                        {"gates", c.num_gates()},
                        {"edges", c.num_edges()},
                        {"memory_bytes", c.memory_bytes()},
                        {"bytes_per_node", static_cast<double>(c.memory_bytes()) / c.num_nodes()},
                        {"rss_before_kb", rss_before},
                        {"rss_after_load_kb", status_kb("VmRSS")},
                        {"peak_rss_kb", status_kb("VmHWM")}};
    std::cout << j.dump() << "\n";
  } catch (const tc0::input_error& e) {
    std::cerr << "circuit_memory: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
