// The bit-parallel simulator against the naive evaluator on thousands of random circuits (all gate
// kinds, raw gates with repeats, complements, constants, large weights), plus the streaming modes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "tc0/circuit/builder.hpp"
#include "tc0/errors.hpp"
#include "tc0/sim/naive.hpp"
#include "tc0/sim/simulator.hpp"

using namespace tc0;

namespace {

struct random_circuit_params {
  uint32_t max_inputs = 12;
  uint32_t max_gates = 40;
  uint32_t max_fanin = 300;
  bool raw = true;  // builder without hashing or simplification: gates survive exactly as drawn
};

// A random circuit over all four kinds. Fan-ins are mostly small, sometimes up to max_fanin; literals
// are sometimes constants, complemented, or drawn from a small pool so that wires repeat.
circuit random_circuit(uint64_t seed, const random_circuit_params& rp) {
  std::mt19937_64 rng(seed);
  auto uni = [&](int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); };
  builder b("random", rp.raw ? builder_params{.structural_hashing = false, .simplify = false}
                                   : builder_params{.max_abs_weight = INT64_MAX});
  std::vector<lit> pool;
  const uint32_t buses = static_cast<uint32_t>(uni(1, 3));
  for (uint32_t i = 0; i < buses; ++i) {
    bits x = b.input("in" + std::to_string(i), static_cast<uint32_t>(uni(1, std::max<int64_t>(1, rp.max_inputs / buses))));
    pool.insert(pool.end(), x.begin(), x.end());
  }
  const uint32_t gates = static_cast<uint32_t>(uni(1, rp.max_gates));
  for (uint32_t g = 0; g < gates; ++g) {
    const int kind_draw = static_cast<int>(uni(0, 3));
    const node_kind kind = kind_draw == 0 ? node_kind::and_ : kind_draw == 1 ? node_kind::or_
                           : kind_draw == 2                  ? node_kind::maj
                                                             : node_kind::thr;
    const int64_t fanin = uni(0, 9) == 0 ? uni(1, rp.max_fanin) : uni(1, 8);
    const bool few_wires = uni(0, 3) == 0;  // draw from a handful of literals: many repeats
    std::vector<lit> in;
    for (int64_t i = 0; i < fanin; ++i) {
      lit l;
      if (uni(0, 19) == 0) l = constant_lit(uni(0, 1) == 1);
      else if (few_wires) l = pool[static_cast<size_t>(uni(0, std::min<int64_t>(3, static_cast<int64_t>(pool.size()) - 1)))];
      else l = pool[static_cast<size_t>(uni(0, static_cast<int64_t>(pool.size()) - 1))];
      in.push_back(l ^ (uni(0, 1) == 1));
    }
    std::vector<int64_t> w;
    int64_t t = 0;
    if (kind == node_kind::maj) {
      t = uni(0, fanin + 1);
    } else if (kind == node_kind::thr) {
      const int regime = static_cast<int>(uni(0, 3));
      int64_t neg = 0, pos = 0;
      for (int64_t i = 0; i < fanin; ++i) {
        int64_t mag = regime == 0   ? uni(0, 8)
                      : regime == 1 ? uni(1, int64_t{1} << 16)
                      : regime == 2 ? (int64_t{1} << 30) - uni(1, 1000)  // near 2^30: sums need > 32 bits
                                    : (uni(0, 1) ? int64_t{1} << uni(35, 50) : uni(1, 100));
        int64_t x = uni(0, 1) ? -mag : mag;
        w.push_back(x);
        (x < 0 ? neg : pos) += x;
      }
      t = uni(0, 7) == 0 ? uni(-3, 3) : uni(neg - 2, pos + 2);
    }
    lit out = rp.raw ? b.gate(kind, in, w, t)
              : kind == node_kind::thr ? b.threshold(in, w, t)
              : kind == node_kind::maj ? b.majority(in, t)
              : kind == node_kind::and_ ? b.and_(in)
                                        : b.or_(in);
    pool.push_back(out);
  }
  const uint32_t outs = static_cast<uint32_t>(uni(1, 3));
  for (uint32_t i = 0; i < outs; ++i) {
    std::vector<lit> o;
    const int64_t width = uni(1, 6);
    for (int64_t j = 0; j < width; ++j) {
      lit l = uni(0, 9) == 0 ? constant_lit(uni(0, 1) == 1) : pool[static_cast<size_t>(uni(0, static_cast<int64_t>(pool.size()) - 1))];
      o.push_back(l ^ (uni(0, 1) == 1));
    }
    b.output("out" + std::to_string(i), o);
  }
  return std::move(b).finish();
}

pattern_set independent_random_patterns(uint32_t bits, uint64_t patterns, uint64_t seed) {
  std::mt19937_64 rng(seed ^ 0x5bd1e995);
  pattern_set p(bits, patterns);
  for (uint32_t b = 0; b < bits; ++b)
    for (uint64_t q = 0; q < patterns; ++q) p.set(b, q, rng() & 1u);
  return p;
}

bool same_outputs(const pattern_set& a, const pattern_set& b) {
  if (a.num_bits != b.num_bits || a.num_patterns != b.num_patterns) return false;
  for (uint32_t o = 0; o < a.num_bits; ++o)
    for (uint64_t q = 0; q < a.num_patterns; ++q)
      if (a.get(o, q) != b.get(o, q)) return false;
  return true;
}

// The first (output bit, pattern) where the two differ, for the failure message.
std::string first_difference(const pattern_set& a, const pattern_set& b) {
  for (uint32_t o = 0; o < a.num_bits; ++o)
    for (uint64_t q = 0; q < a.num_patterns; ++q)
      if (a.get(o, q) != b.get(o, q)) return "output bit " + std::to_string(o) + ", pattern " + std::to_string(q);
  return "none";
}

// Against the naive evaluator over `count` circuits, alternating thread counts and block widths.
void check_against_naive(uint64_t first_seed, int count, const random_circuit_params& rp,
                         const std::vector<uint64_t>& pattern_counts) {
  for (int i = 0; i < count; ++i) {
    const uint64_t seed = first_seed + static_cast<uint64_t>(i);
    const uint64_t patterns = pattern_counts[static_cast<size_t>(i) % pattern_counts.size()];
    circuit c = random_circuit(seed, rp);
    pattern_set in = independent_random_patterns(c.num_input_bits(), patterns, seed);
    pattern_set expect = simulate_naive(c, in);
    sim_params sp;
    sp.threads = 1 + static_cast<unsigned>(i % 2);
    sp.block_patterns = i % 3 == 0 ? 512 : 0;
    pattern_set got = simulate(c, in, sp);
    CAPTURE(seed);
    CAPTURE(patterns);
    CAPTURE(sp.threads);
    CAPTURE(sp.block_patterns);
    INFO("first difference: ", first_difference(got, expect));
    REQUIRE(same_outputs(got, expect));
    // The tail of the last word is zero, as documented.
    REQUIRE(got.words == expect.words);
  }
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("simulate: agrees bit for bit with the naive evaluator on 3000 raw random circuits of all four kinds") {
  check_against_naive(1000, 3000, {.max_inputs = 12, .max_gates = 30, .max_fanin = 300, .raw = true},
                      {1, 63, 64, 65, 100, 511, 31, 513, 200, 7});
}

TEST_CASE("simulate: agrees with the naive evaluator at pattern counts around 64 and 512 and beyond (1000 / 5000)") {
  check_against_naive(50000, 60, {.max_inputs = 10, .max_gates = 20, .max_fanin = 40, .raw = true},
                      {1, 63, 65, 511, 513, 1000, 5000, 4096, 4097});
}

TEST_CASE("simulate: agrees with the naive evaluator on 1000 circuits built with hashing and simplification") {
  check_against_naive(90000, 1000, {.max_inputs = 12, .max_gates = 30, .max_fanin = 300, .raw = false},
                      {1, 65, 130, 513});
}

TEST_CASE("simulate: one and two threads and block widths 512..8192 give identical outputs") {
  for (uint64_t seed = 7; seed < 27; ++seed) {
    circuit c = random_circuit(seed, {.max_inputs = 16, .max_gates = 60, .max_fanin = 100, .raw = true});
    pattern_set in = independent_random_patterns(c.num_input_bits(), 9000, seed);
    pattern_set ref = simulate(c, in, {.threads = 1, .block_patterns = 512});
    CAPTURE(seed);
    for (unsigned threads : {1u, 2u, 0u})
      for (uint64_t block : {512u, 1024u, 8192u, 0u}) {
        CAPTURE(threads);
        CAPTURE(block);
        CHECK(simulate(c, in, {.threads = threads, .block_patterns = block}).words == ref.words);
      }
  }
}

TEST_CASE("simulate: a circuit without gates passes inputs / constants and complements straight through") {
  builder b;
  bits x = b.input("x", 3);
  b.output("y", std::vector<lit>{x[2], !x[0], lit_true, lit_false, !x[1]});
  circuit c = std::move(b).finish();
  pattern_set in = exhaustive_inputs(3);
  pattern_set out = simulate(c, in);
  for (uint64_t q = 0; q < 8; ++q) {
    CHECK(out.get(0, q) == (((q >> 2) & 1) == 1));
    CHECK(out.get(1, q) == ((q & 1) == 0));
    CHECK(out.get(2, q));
    CHECK(!out.get(3, q));
    CHECK(out.get(4, q) == (((q >> 1) & 1) == 0));
  }
}

TEST_CASE("simulate: a weighted gate whose weight sum needs 63 bits matches the naive evaluator") {
  builder b("big", {.structural_hashing = false, .simplify = false});
  bits x = b.input("x", 6);
  const int64_t big = int64_t{1} << 61;
  std::vector<int64_t> w = {big, big - 1, -(big / 2), 3, -5, (int64_t{1} << 60) + 7};
  for (int64_t t : {int64_t{-(big / 2)}, int64_t{0}, int64_t{1}, big, big + 3, 2 * big - 1, INT64_MAX})
    b.output("t" + std::to_string(t), b.gate(node_kind::thr, x, w, t));
  circuit c = std::move(b).finish();
  pattern_set in = exhaustive_inputs(6);
  CHECK(simulate(c, in).words == simulate_naive(c, in).words);
}

TEST_CASE("simulate: zero patterns give an empty result / a wrong input width is refused") {
  circuit c = random_circuit(3, {});
  CHECK(simulate(c, pattern_set(c.num_input_bits(), 0)).num_patterns == 0);
  CHECK_THROWS_AS(simulate(c, pattern_set(c.num_input_bits() + 1, 10)), input_error);
}

TEST_CASE("random_inputs: deterministic per seed / different across seeds / zero past the last pattern") {
  pattern_set a = random_inputs(5, 1000, 42), b = random_inputs(5, 1000, 42), d = random_inputs(5, 1000, 43);
  CHECK(a.words == b.words);
  CHECK(a.words != d.words);
  for (uint32_t bit = 0; bit < 5; ++bit) CHECK((a.bit_words(bit)[15] >> 40) == 0);  // 1000 = 15 * 64 + 40
  // A prefix of a longer run: pattern q does not depend on how many patterns were asked for.
  pattern_set longer = random_inputs(5, 5000, 42);
  for (uint32_t bit = 0; bit < 5; ++bit)
    for (uint64_t q = 0; q < 1000; ++q) REQUIRE(longer.get(bit, q) == a.get(bit, q));
  // Roughly balanced bits.
  uint64_t ones = 0;
  for (uint64_t q = 0; q < 5000; ++q) ones += longer.get(0, q);
  CHECK(ones > 2300);
  CHECK(ones < 2700);
}

TEST_CASE("output_hash: equals the documented formula computed directly") {
  pattern_set p = random_inputs(3, 130, 9);
  auto mix = [](uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  };
  uint64_t expect = 0;
  for (uint64_t w = 0; w < 3; ++w) {
    uint64_t s = mix(w + 0x9e3779b97f4a7c15ull);
    for (uint32_t o = 0; o < 3; ++o) {
      uint64_t x = 0;
      for (uint64_t i = 0; i < 64 && 64 * w + i < 130; ++i) x |= uint64_t{p.get(o, 64 * w + i)} << i;
      s = (s ^ x) * 0x9fb21c651e98df25ull;
      s = (s << 29) | (s >> 35);
    }
    expect += mix(s);
  }
  CHECK(output_hash(p) == expect);
  // Garbage past the last pattern does not change it.
  p.bit_words(1)[2] |= ~uint64_t{0} << 2;
  CHECK(output_hash(p) == expect);
}

TEST_CASE("simulate_random: hashes exactly the outputs of random_inputs / for any thread count and block width") {
  for (uint64_t seed = 100; seed < 130; ++seed) {
    circuit c = random_circuit(seed, {.max_inputs = 20, .max_gates = 40, .max_fanin = 60, .raw = true});
    const uint64_t patterns = 1 + (seed * 7919) % 6000;
    const uint64_t expect = output_hash(simulate_naive(c, random_inputs(c.num_input_bits(), patterns, seed)));
    CAPTURE(seed);
    CAPTURE(patterns);
    for (unsigned threads : {1u, 2u, 0u})
      for (uint64_t block : {512u, 2048u, 0u}) {
        sim_summary s = simulate_random(c, patterns, seed, {.threads = threads, .block_patterns = block});
        CHECK(s.patterns == patterns);
        CHECK(s.output_hash == expect);
        CHECK(s.seconds >= 0);
      }
  }
}

TEST_CASE("simulate_exhaustive: hashes the naive outputs over every input pattern / 0 to 14 input bits") {
  for (uint64_t seed = 200; seed < 230; ++seed) {
    random_circuit_params rp{.max_inputs = static_cast<uint32_t>(seed % 15), .max_gates = 30, .max_fanin = 50, .raw = true};
    circuit c = random_circuit(seed, rp);
    CAPTURE(seed);
    pattern_set in = exhaustive_inputs(c.num_input_bits());
    REQUIRE(in.num_patterns == uint64_t{1} << c.num_input_bits());
    for (uint64_t q = 0; q < in.num_patterns; ++q)
      for (uint32_t b = 0; b < in.num_bits; ++b) REQUIRE(in.get(b, q) == (((q >> b) & 1) == 1));
    const uint64_t expect = output_hash(simulate_naive(c, in));
    for (unsigned threads : {1u, 2u}) {
      sim_summary s = simulate_exhaustive(c, {.threads = threads, .block_patterns = 512});
      CHECK(s.patterns == in.num_patterns);
      CHECK(s.output_hash == expect);
    }
  }
}

TEST_CASE("simulate_exhaustive: more than 24 input bits is refused with input_error") {
  builder b;
  bits x = b.input("x", 25);
  b.output("y", b.and_(x));
  circuit c = std::move(b).finish();
  CHECK_THROWS_WITH_AS(simulate_exhaustive(c),
                       "simulate_exhaustive: 25 input bits exceed the exhaustive limit of 24; use random simulation",
                       input_error);
  CHECK_THROWS_WITH_AS(exhaustive_inputs(25),
                       "exhaustive_inputs: 25 input bits exceed the exhaustive limit of 24; use random simulation",
                       input_error);
}
}  // TEST_SUITE("fast")

TEST_SUITE("slow") {
TEST_CASE("simulate: agrees with the naive evaluator on 300 larger raw circuits (up to 400 gates / 3000 patterns)") {
  check_against_naive(700000, 300, {.max_inputs = 24, .max_gates = 400, .max_fanin = 300, .raw = true},
                      {3000, 1025, 2049, 777});
}

TEST_CASE("simulate_exhaustive: 24 input bits hash the same on one and two threads and match simulate on a slice") {
  circuit c = random_circuit(31337, {.max_inputs = 24, .max_gates = 200, .max_fanin = 40, .raw = true});
  builder b("wide", {.structural_hashing = false, .simplify = false});
  bits x = b.input("x", 24);
  std::vector<int64_t> w;
  for (int i = 0; i < 24; ++i) w.push_back((i % 2 ? -1 : 1) * (int64_t{1} << i));
  b.output("ge", b.gate(node_kind::thr, x, w, 12345));
  b.output("maj", b.gate(node_kind::maj, x, {}, 12));
  circuit wide = std::move(b).finish();
  sim_summary one = simulate_exhaustive(wide, {.threads = 1});
  sim_summary two = simulate_exhaustive(wide, {.threads = 2});
  CHECK(one.patterns == uint64_t{1} << 24);
  CHECK(one.output_hash == two.output_hash);
  CHECK(one.output_hash == output_hash(simulate(wide, exhaustive_inputs(24), {.threads = 1})));
  CHECK(simulate_exhaustive(c, {.threads = 1}).output_hash == simulate_exhaustive(c, {.threads = 2}).output_hash);
}
}  // TEST_SUITE("slow")
