// Random circuits for the graph and io tests: every gate kind, complemented and constant fan-in,
// repeated wires, thr weights of both signs, nested modules, inputs declared between gates.
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "tc0/circuit/builder.hpp"

namespace tc0::testing {

inline circuit random_circuit(uint64_t seed, uint32_t max_gates = 60) {
  std::mt19937_64 rng(seed);
  auto below = [&](uint64_t n) { return static_cast<uint64_t>(rng() % n); };
  builder b("random" + std::to_string(seed), builder_params{.structural_hashing = false, .simplify = false});
  std::vector<lit> pool;  // non-constant nodes built so far
  int next_bus = 0;
  auto add_input = [&] {
    bits x = b.input("in" + std::to_string(next_bus++), 1 + static_cast<uint32_t>(below(4)));
    pool.insert(pool.end(), x.begin(), x.end());
  };
  add_input();
  std::vector<module_scope> scopes;
  const uint32_t gates = static_cast<uint32_t>(below(max_gates + 1));
  for (uint32_t g = 0; g < gates; ++g) {
    if (below(10) == 0) add_input();
    uint64_t r = below(8);
    if (r == 0 && scopes.size() < 3) scopes.push_back(b.scope("m" + std::to_string(below(3))));
    if (r == 1 && !scopes.empty()) scopes.pop_back();
    std::vector<lit> in;
    const uint64_t k = below(6);
    for (uint64_t i = 0; i < k; ++i) {
      lit l = below(12) == 0 ? constant_lit(below(2)) : pool[below(pool.size())];
      in.push_back(l ^ (below(2) == 1));
    }
    const node_kind kind = static_cast<node_kind>(2 + below(4));
    std::vector<int64_t> w;
    int64_t t = 0;
    if (kind == node_kind::maj) t = static_cast<int64_t>(below(k + 2));
    if (kind == node_kind::thr) {
      for (uint64_t i = 0; i < k; ++i) w.push_back(static_cast<int64_t>(below(11)) - 5);
      t = static_cast<int64_t>(below(13)) - 6;
    }
    pool.push_back(b.gate(kind, in, w, t));
  }
  while (!scopes.empty()) scopes.pop_back();
  const uint64_t outs = 1 + below(3);
  for (uint64_t o = 0; o < outs; ++o) {
    std::vector<lit> bus;
    for (uint64_t i = 0, n = 1 + below(3); i < n; ++i)
      bus.push_back(below(10) == 0 ? constant_lit(below(2)) : pool[below(pool.size())] ^ (below(2) == 1));
    b.output("out" + std::to_string(o), bus);
  }
  if (below(2)) b.set_source("{\"seed\":" + std::to_string(seed) + "}");
  return std::move(b).finish();
}

}  // namespace tc0::testing
