// Simulator throughput on generated AND/OR, majority and weighted circuits of 10^5..10^7 gates,
// against the naive evaluator; builder rate and circuit bytes per gate. Prints a markdown table.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "tc0/circuit/builder.hpp"
#include "tc0/sim/naive.hpp"
#include "tc0/sim/simulator.hpp"

using namespace tc0;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

struct rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return static_cast<uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64); }
};

// Fan-ins like a synthesized netlist: half from the last 1024 nodes (local structure), half from
// anywhere earlier (global wires, which miss the caches).
lit pick(rng& r, uint32_t num_nodes) {
  uint32_t window = num_nodes - 1 < 1024 ? num_nodes - 1 : 1024;
  uint32_t node = (r.next() & 1) ? num_nodes - 1 - static_cast<uint32_t>(r.below(window))
                                 : 1 + static_cast<uint32_t>(r.below(num_nodes - 1));
  return lit::from_node(node, r.next() & 1);
}

enum class family { aig, maj, thr };
const char* family_name(family f) { return f == family::aig ? "and/or 2-input" : f == family::maj ? "maj 9..33" : "thr 4..12, abs(w)<32"; }

circuit generate(family f, uint64_t gates, uint64_t seed) {
  rng r{seed};
  builder b("bench", {.structural_hashing = false, .simplify = false});
  const uint32_t num_inputs = 256;
  b.input("x", num_inputs);
  std::vector<lit> in;
  std::vector<int64_t> w;
  for (uint64_t g = 0; g < gates; ++g) {
    const uint32_t n = b.num_nodes();
    in.clear();
    w.clear();
    if (f == family::aig) {
      in = {pick(r, n), pick(r, n)};
      b.gate(r.next() & 1 ? node_kind::and_ : node_kind::or_, in, {}, 0);
    } else if (f == family::maj) {
      const uint32_t k = 9 + static_cast<uint32_t>(r.below(25));
      for (uint32_t i = 0; i < k; ++i) in.push_back(pick(r, n));
      b.gate(node_kind::maj, in, {}, 2 + static_cast<int64_t>(r.below(k - 2)));
    } else {
      const uint32_t k = 4 + static_cast<uint32_t>(r.below(9));
      int64_t pos = 0, neg = 0;
      for (uint32_t i = 0; i < k; ++i) {
        in.push_back(pick(r, n));
        int64_t x = 1 + static_cast<int64_t>(r.below(31));
        if (r.next() & 1) x = -x;
        w.push_back(x);
        (x < 0 ? neg : pos) += x;
      }
      b.gate(node_kind::thr, in, w, neg + 1 + static_cast<int64_t>(r.below(static_cast<uint64_t>(pos - neg))));
    }
  }
  std::vector<lit> outs;
  for (uint32_t i = 0; i < 64; ++i) outs.push_back(lit::from_node(b.num_nodes() - 1 - i));
  b.output("y", outs);
  return std::move(b).finish();
}

struct result {
  std::string name;
  uint64_t gates, edges, patterns;
  double bytes_per_gate, bytes_per_edge;
  double t1, t2, naive_rate;  // naive: edges x patterns / s
};

std::string sci(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2e", x);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  uint64_t max_gates = 10'000'000, min_gates = 0, fixed_patterns = 0;
  bool builder_only = false, skip_builder = false;
  std::string only_family;  // "aig", "maj" or "thr"; empty = all
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--max-gates") && i + 1 < argc) max_gates = std::stoull(argv[++i]);
    else if (!std::strcmp(argv[i], "--min-gates") && i + 1 < argc) min_gates = std::stoull(argv[++i]);
    else if (!std::strcmp(argv[i], "--patterns") && i + 1 < argc) fixed_patterns = std::stoull(argv[++i]);
    else if (!std::strcmp(argv[i], "--family") && i + 1 < argc) only_family = argv[++i];
    else if (!std::strcmp(argv[i], "--builder-only")) builder_only = true;
    else if (!std::strcmp(argv[i], "--no-builder")) skip_builder = true;
    else {
      std::fprintf(stderr, "usage: sim_bench [--quick] [--min-gates N] [--max-gates N] [--patterns N] [--family aig|maj|thr] [--builder-only | --no-builder]\n");
      return 2;
    }
  }
  if (quick && max_gates > 1'000'000) max_gates = 1'000'000;
  std::vector<uint64_t> sizes;
  for (uint64_t s : {100'000ull, 1'000'000ull, 10'000'000ull})
    if (s <= max_gates && s >= min_gates && !builder_only) sizes.push_back(s);

  std::vector<result> rows;
  for (family f : {family::aig, family::maj, family::thr})
    for (uint64_t gates : sizes) {
      static const char* const keys[] = {"aig", "maj", "thr"};
      if (!only_family.empty() && only_family != keys[static_cast<int>(f)]) continue;
      circuit c = generate(f, gates, 12345 + gates);
      result r{family_name(f), c.num_gates(), c.num_edges(), 0, 0, 0, 0, 0, 0};
      r.bytes_per_gate = static_cast<double>(c.memory_bytes()) / static_cast<double>(c.num_gates());
      r.bytes_per_edge = static_cast<double>(c.memory_bytes()) / static_cast<double>(c.num_edges());
      // About 2^35 (2^32 quick) edge x pattern evaluations per run, at least 2^16 patterns.
      uint64_t p = (uint64_t{1} << (quick ? 32 : 35)) / c.num_edges();
      p = p < (uint64_t{1} << 16) ? uint64_t{1} << 16 : (p + 4095) / 4096 * 4096;
      if (fixed_patterns) p = fixed_patterns;
      r.patterns = p;
      sim_summary one = simulate_random(c, p, 1, {.threads = 1});
      sim_summary two = simulate_random(c, p, 1, {.threads = 2});
      if (one.output_hash != two.output_hash) {
        std::fprintf(stderr, "hash mismatch between 1 and 2 threads on %s %llu\n", r.name.c_str(),
                     static_cast<unsigned long long>(gates));
        return 1;
      }
      r.t1 = one.seconds;
      r.t2 = two.seconds;
      // The naive evaluator: a few patterns, rate extrapolated.
      const uint64_t naive_patterns = std::max<uint64_t>(2, (uint64_t{1} << (quick ? 23 : 25)) / c.num_edges());
      pattern_set in = random_inputs(c.num_input_bits(), naive_patterns, 1);
      double t0 = now();
      pattern_set out = simulate_naive(c, in);
      double tn = now() - t0;
      r.naive_rate = static_cast<double>(c.num_edges()) * static_cast<double>(naive_patterns) / tn;
      rows.push_back(r);
      std::fprintf(stderr, "done: %s %llu gates (%.1f s, %.1f s)\n", r.name.c_str(), static_cast<unsigned long long>(gates),
                   r.t1, r.t2);
    }

  std::printf("| circuit | gates | edges | patterns | 1 thread: gates x pat/s | edges x pat/s | 2 threads: gates x pat/s | edges x pat/s | naive edges x pat/s | speedup 1T / 2T | bytes/gate | bytes/edge |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const result& r : rows) {
    double gp = static_cast<double>(r.gates) * static_cast<double>(r.patterns);
    double ep = static_cast<double>(r.edges) * static_cast<double>(r.patterns);
    std::printf("| %s | %s | %s | %llu | %s | %s | %s | %s | %s | %.0fx / %.0fx | %.1f | %.1f |\n", r.name.c_str(),
                sci(static_cast<double>(r.gates)).c_str(), sci(static_cast<double>(r.edges)).c_str(),
                static_cast<unsigned long long>(r.patterns), sci(gp / r.t1).c_str(), sci(ep / r.t1).c_str(),
                sci(gp / r.t2).c_str(), sci(ep / r.t2).c_str(), sci(r.naive_rate).c_str(), ep / r.t1 / r.naive_rate,
                ep / r.t2 / r.naive_rate, r.bytes_per_gate, r.bytes_per_edge);
  }

  // Builder: random 2-input ANDs with structural hashing and simplification (the default builder).
  const uint64_t build_gates = quick ? 1'000'000 : 10'000'000;
  if (!skip_builder) {
    rng r{99};
    builder b("build");
    b.input("x", 1024);
    double t0 = now();
    for (uint64_t g = 0; g < build_gates; ++g) {
      const uint32_t n = b.num_nodes();
      b.and_({pick(r, n), pick(r, n)});
    }
    circuit c = std::move(b).finish();
    double t = now() - t0;
    std::printf("\nbuilder: %llu and_ calls with structural hashing -> %llu gates in %.2f s: %s calls/s; "
                "circuit %.1f bytes/gate, %.1f bytes/edge\n",
                static_cast<unsigned long long>(build_gates), static_cast<unsigned long long>(c.num_gates()), t,
                sci(static_cast<double>(build_gates) / t).c_str(),
                static_cast<double>(c.memory_bytes()) / static_cast<double>(c.num_gates()),
                static_cast<double>(c.memory_bytes()) / static_cast<double>(c.num_edges()));
  }
  std::printf("hardware threads: %u\n", std::thread::hardware_concurrency());
  return 0;
}
