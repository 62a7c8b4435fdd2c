// Shared by the interop tests: a scratch folder under the build folder, running commands, finding
// the external tools, and a direct evaluator of threshold circuits independent of src/sim/.
#pragma once
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "tc0/circuit/circuit.hpp"

namespace tc0::interop_test {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_text(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// One folder per test process under the build folder, removed when the process ends.
struct scratch_folder {
  fs::path dir = fs::path(TC0_CLI_PATH).parent_path() / "interop_scratch" / std::to_string(::getpid());
  scratch_folder() { fs::create_directories(dir); }
  ~scratch_folder() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};
inline fs::path scratch(const std::string& name) {
  static scratch_folder folder;
  return folder.dir / name;
}

struct run_result {
  int code;
  std::string out, err;
};
// Runs a shell command line with stdout and stderr captured.
inline run_result run_command(const std::string& cmd) {
  static int counter = 0;
  const int k = counter++;
  fs::path out = scratch("cmd" + std::to_string(k) + ".out"), err = scratch("cmd" + std::to_string(k) + ".err");
  int status = std::system((cmd + " >" + out.string() + " 2>" + err.string() + " </dev/null").c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128, slurp(out), slurp(err)};
}
inline run_result run_tc0(const std::string& args) { return run_command(std::string(TC0_CLI_PATH) + " " + args); }

// The first of `names` on PATH; the test fails (not skips) if none is installed.
inline std::string find_tool(std::initializer_list<const char*> names) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  std::vector<std::string> list;
  for (std::string d; std::getline(dirs, d, ':');) list.push_back(d);
  for (const char* n : names)
    for (const std::string& d : list) {
      fs::path p = fs::path(d) / n;
      if (::access(p.c_str(), X_OK) == 0) return p.string();
    }
  std::string all;
  for (const char* n : names) all += std::string(all.empty() ? "" : " or ") + n;
  FAIL("required tool not found on PATH: " << all << " (scripts/install_deps.sh installs it)");
  return {};
}

// Input bits -> output bits, 64 patterns per word, by direct evaluation of [sum w x >= t]:
// the reference the lowering and the readers are checked against.
inline std::vector<uint64_t> evaluate(const circuit& c, const std::vector<uint64_t>& input_words) {
  std::vector<uint64_t> val(c.num_nodes(), 0);
  size_t k = 0;
  for (const bus& b : c.inputs())
    for (lit l : b.lits) val[l.node()] = input_words.at(k++);
  auto word = [&](lit l) { return l.complemented() ? ~val[l.node()] : val[l.node()]; };
  for (uint32_t v = 1; v < c.num_nodes(); ++v) {
    if (!is_gate(c.kind(v))) continue;
    auto f = c.fanin(v);
    auto w = c.weights(v);
    const int64_t t = c.threshold(v);
    uint64_t r = 0;
    for (int p = 0; p < 64; ++p) {
      __int128 sum = 0;
      for (size_t i = 0; i < f.size(); ++i)
        if ((word(f[i]) >> p) & 1u) sum += w.empty() ? 1 : w[i];
      if (sum >= t) r |= uint64_t{1} << p;
    }
    val[v] = r;
  }
  std::vector<uint64_t> out;
  for (const bus& b : c.outputs())
    for (lit l : b.lits) out.push_back(word(l));
  return out;
}

inline uint32_t input_bits(const circuit& c) {
  uint32_t n = 0;
  for (const bus& b : c.inputs()) n += static_cast<uint32_t>(b.lits.size());
  return n;
}

// Random words for every input bit.
inline std::vector<uint64_t> random_words(const circuit& c, std::mt19937_64& rng) {
  std::vector<uint64_t> w(input_bits(c));
  for (auto& x : w) x = rng();
  return w;
}

// Same buses (names, widths) in the same order.
inline bool same_interface(const circuit& a, const circuit& b) {
  auto same = [](const std::vector<bus>& x, const std::vector<bus>& y) {
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i)
      if (x[i].name != y[i].name || x[i].lits.size() != y[i].lits.size()) return false;
    return true;
  };
  return same(a.inputs(), b.inputs()) && same(a.outputs(), b.outputs());
}

// Agreement of two circuits with the same interface on `rounds` x 64 random patterns.
inline bool agree(const circuit& a, const circuit& b, int rounds, uint64_t seed) {
  std::mt19937_64 rng(seed);
  for (int r = 0; r < rounds; ++r) {
    auto in = random_words(a, rng);
    if (evaluate(a, in) != evaluate(b, in)) return false;
  }
  return true;
}

}  // namespace tc0::interop_test
