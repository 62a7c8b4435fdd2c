// Stats: exact numbers on hand-built circuits, and random circuits against a brute-force recount.
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <random>
#include <set>

#include "tc0/analysis/levels.hpp"
#include "tc0/analysis/stats.hpp"
#include "tc0/circuit/builder.hpp"

using namespace tc0;

namespace {

// x(3); a: g1 = and(x0,x1), g2 = or(x1,x2); a/b: g3 = maj(g1,g2,x0,x2; 2);
// c: g4 = [3 g3 + 2 x2 - 2 x0 >= 2] (stored as [2 !x0 + 2 x2 + 3 g3 >= 4]); outputs z = (g4, !g2).
circuit hand_built() {
  builder b("hand");
  bits x = b.input("x", 3);
  lit g1, g2, g3, g4;
  {
    auto sa = b.scope("a");
    g1 = b.and_({x[0], x[1]});
    g2 = b.or_({x[1], x[2]});
    auto sb = b.scope("b");
    g3 = b.majority(std::vector<lit>{g1, g2, x[0], x[2]}, 2);
  }
  {
    auto sc = b.scope("c");
    std::vector<lit> in{g3, x[2], x[0]};
    std::vector<int64_t> w{3, 2, -2};
    g4 = b.threshold(in, w, 2);
  }
  b.output("z", std::vector<lit>{g4, !g2});
  return std::move(b).finish();
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("levels: inputs 0 / gates one above their deepest fan-in / negation free") {
  circuit c = hand_built();
  std::vector<uint32_t> lv = compute_levels(c);
  CHECK(lv == std::vector<uint32_t>{0, 0, 0, 0, 1, 1, 2, 3});
  CHECK(circuit_depth(c, lv) == 3);
  CHECK(circuit_depth(circuit(), compute_levels(circuit())) == 0);
}

TEST_CASE("stats: exact numbers on a hand-built circuit / JSON keys and modules pinned") {
  circuit c = hand_built();
  circuit_stats s = compute_stats(c, stats_params{true, true});
  nlohmann::json j = stats_to_json(s);
  nlohmann::json expected = nlohmann::json::parse(R"({
    "inputs": 3, "outputs": 2, "gates": 4,
    "gates_by_kind": {"and": 1, "or": 1, "maj": 1, "thr": 1},
    "edges": 11, "weighted_edges": 15, "max_fanin": 4, "max_abs_weight": 3, "depth": 3,
    "depth_by_kind": {"and": 1, "or": 1, "maj": 1, "thr": 1},
    "fanin_histogram": {"1": 0, "2": 3, "4": 1},
    "modules": [
      {"path": "a", "gates": 3, "edges": 8, "depth": 2, "depth_from": 0, "depth_to": 2},
      {"path": "a/b", "gates": 1, "edges": 4, "depth": 1, "depth_from": 1, "depth_to": 2},
      {"path": "c", "gates": 1, "edges": 3, "depth": 1, "depth_from": 2, "depth_to": 3}],
    "depth_profile": [2, 1, 1]})");
  CHECK(j == expected);
  std::string table = format_stats_table(s);
  CHECK(table.find("depth           3") != std::string::npos);
  CHECK(table.find("a/b") != std::string::npos);
  // Without the params the optional keys are absent.
  CHECK_FALSE(stats_to_json(compute_stats(c)).contains("modules"));
  CHECK_FALSE(stats_to_json(compute_stats(c)).contains("depth_profile"));
}

TEST_CASE("stats: a module's own depth restarts on paths that leave it / its level interval does not") {
  builder b("leave");
  bits x = b.input("x", 3);
  lit g1, g2, g3;
  {
    auto s = b.scope("m");
    g1 = b.and_({x[0], x[1]});
  }
  g2 = b.or_({g1, x[2]});
  {
    auto s = b.scope("m");
    g3 = b.and_({g2, x[0]});
  }
  b.output("z", g3);
  circuit_stats s = compute_stats(std::move(b).finish(), stats_params{true, false});
  REQUIRE(s.modules.size() == 1);
  CHECK(s.modules[0].gates == 2);
  CHECK(s.modules[0].depth == 1);
  CHECK(s.modules[0].depth_from == 0);
  CHECK(s.modules[0].depth_to == 3);
  CHECK(s.depth == 3);
}

TEST_CASE("stats: empty circuit and unit-only circuits report weights 0 and 1") {
  circuit_stats e = compute_stats(circuit());
  CHECK(e.gates == 0);
  CHECK(e.max_abs_weight == 0);
  CHECK(stats_to_json(e)["fanin_histogram"] == nlohmann::json::object());
  builder b;
  bits x = b.input("x", 5);
  b.output("z", b.majority(x, 3));
  circuit_stats s = compute_stats(std::move(b).finish());
  CHECK(s.max_abs_weight == 1);
  CHECK(s.weighted_edges == 5);
  CHECK(stats_to_json(s)["fanin_histogram"] == nlohmann::json::parse(R"({"1": 0, "2": 0, "4": 1})"));
}

TEST_CASE("stats: random circuits agree with a brute-force recount (seeds 1..40)") {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    CAPTURE(seed);
    std::mt19937_64 rng(seed);
    builder b("random", builder_params{false, false});
    bits in = b.input("x", 1 + rng() % 5);
    std::vector<lit> pool(in.begin(), in.end());
    std::vector<module_scope> scopes;
    const int gates = 1 + static_cast<int>(rng() % 30);
    for (int g = 0; g < gates; ++g) {
      if (rng() % 4 == 0 && scopes.size() < 3) scopes.push_back(b.scope(std::string(1, char('a' + rng() % 3))));
      else if (rng() % 4 == 0 && !scopes.empty()) scopes.pop_back();
      const size_t k = 1 + rng() % 6;
      std::vector<lit> fan;
      for (size_t i = 0; i < k; ++i) fan.push_back(pool[rng() % pool.size()] ^ bool(rng() & 1));
      const node_kind kind = static_cast<node_kind>(2 + rng() % 4);
      std::vector<int64_t> w;
      for (size_t i = 0; i < k; ++i) w.push_back(static_cast<int64_t>(rng() % 41) - 20);
      pool.push_back(b.gate(kind, fan, w, static_cast<int64_t>(rng() % (k + 1))));
    }
    while (!scopes.empty()) scopes.pop_back();
    std::vector<lit> outs;
    for (int i = 0; i < 3; ++i) outs.push_back(pool[rng() % pool.size()]);
    b.output("z", outs);
    circuit c = std::move(b).finish();
    circuit_stats s = compute_stats(c, stats_params{true, true});

    // Brute force: memoised recursion from the outputs back, straight counts from the storage.
    const uint32_t n = c.num_nodes();
    std::map<std::pair<uint32_t, int>, uint32_t> memo;
    std::function<uint32_t(uint32_t, int)> path_max = [&](uint32_t v, int kind) -> uint32_t {
      if (!is_gate(c.kind(v))) return 0;
      auto it = memo.find({v, kind});
      if (it != memo.end()) return it->second;
      uint32_t m = 0;
      for (lit l : c.fanin(v)) m = std::max(m, path_max(l.node(), kind));
      return memo[{v, kind}] = m + (kind < 0 || gate_kind_index(c.kind(v)) == kind ? 1 : 0);
    };
    uint64_t gates_n = 0, edges = 0, wedges = 0, maxfan = 0;
    int64_t maxw = 0;
    std::vector<uint64_t> hist;
    for (uint32_t v = 0; v < n; ++v) {
      if (!is_gate(c.kind(v))) continue;
      ++gates_n;
      edges += c.fanin(v).size();
      maxfan = std::max<uint64_t>(maxfan, c.fanin(v).size());
      size_t bucket = 0;
      while ((uint64_t{1} << bucket) <= c.fanin(v).size()) ++bucket;
      if (c.fanin(v).empty()) bucket = 0;
      if (hist.size() <= bucket) hist.resize(bucket + 1);
      ++hist[bucket];
      if (c.kind(v) == node_kind::thr)
        for (int64_t w : c.weights(v)) wedges += std::abs(w), maxw = std::max<int64_t>(maxw, std::abs(w));
      else
        wedges += c.fanin(v).size(), maxw = std::max<int64_t>(maxw, c.fanin(v).empty() ? 0 : 1);
    }
    CHECK(s.gates == gates_n);
    CHECK(s.edges == edges);
    CHECK(s.weighted_edges == wedges);
    CHECK(s.max_fanin == maxfan);
    CHECK(s.max_abs_weight == maxw);
    CHECK(s.fanin_histogram == hist);
    uint32_t depth = 0;
    std::array<uint32_t, 4> by_kind{};
    for (lit l : outs) {
      depth = std::max(depth, path_max(l.node(), -1));
      for (int k = 0; k < 4; ++k) by_kind[k] = std::max(by_kind[k], path_max(l.node(), k));
    }
    CHECK(s.depth == depth);
    CHECK(s.depth_by_kind == by_kind);
    // Modules: membership by ancestry, longest path inside the member set, level interval.
    for (const module_stats& m : s.modules) {
      CAPTURE(m.path);
      auto member = [&](uint32_t v) {
        if (!is_gate(c.kind(v))) return false;
        for (uint32_t a = c.module_of(v); a != 0; a = c.storage().modules[a].parent)
          if (a == m.id) return true;
        return false;
      };
      std::map<uint32_t, uint32_t> inside_memo;
      std::function<uint32_t(uint32_t)> inside = [&](uint32_t v) -> uint32_t {
        if (!member(v)) return 0;
        if (inside_memo.count(v)) return inside_memo[v];
        uint32_t best = 0;
        for (lit l : c.fanin(v)) best = std::max(best, inside(l.node()));
        return inside_memo[v] = best + 1;
      };
      uint64_t mg = 0, me = 0;
      uint32_t md = 0, lo = UINT32_MAX, hi = 0;
      for (uint32_t v = 0; v < n; ++v) {
        if (!member(v)) continue;
        ++mg;
        me += c.fanin(v).size();
        md = std::max(md, inside(v));
        lo = std::min(lo, path_max(v, -1));
        hi = std::max(hi, path_max(v, -1));
      }
      CHECK(m.gates == mg);
      CHECK(m.edges == me);
      CHECK(m.depth == md);
      CHECK(m.depth_from == (mg ? lo - 1 : 0));
      CHECK(m.depth_to == (mg ? hi : 0));
    }
    std::vector<uint64_t> profile;
    for (uint32_t v = 0; v < n; ++v)
      if (is_gate(c.kind(v))) {
        uint32_t l = path_max(v, -1);
        if (profile.size() < l) profile.resize(l);
        ++profile[l - 1];
      }
    CHECK(s.depth_profile == profile);
  }
}
}
