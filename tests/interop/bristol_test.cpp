// The public Bristol Fashion benchmark circuits (circuits/bristol/) imported and simulated by tc0,
// checked against independent answers: C++ integer arithmetic, the FIPS-197 AES vectors, a SHA-256
// compression written here (checked on the FIPS 180-4 "abc" digest), the machine's doubles.
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "support.hpp"
#include "tc0/analysis/levels.hpp"
#include "tc0/io/bristol.hpp"
#include "tc0/sim/simulator.hpp"

using namespace tc0;

namespace {

circuit load(const char* name) {
  return load_bristol(std::string(TC0_SOURCE_DIR) + "/circuits/bristol/" + name + ".txt");
}

mpz_class from_hex(const std::string& hex) { return mpz_class(hex, 16); }
mpz_class from_u64(uint64_t x) {
  mpz_class v;
  mpz_import(v.get_mpz_t(), 1, -1, sizeof(x), 0, 0, &x);
  return v;
}
uint64_t to_u64(const mpz_class& v) {
  uint64_t x = 0;
  size_t n = 0;
  mpz_export(&x, &n, -1, sizeof(x), 0, 0, v.get_mpz_t());
  return x;
}

// Simulates `c` (the simulator `tc0 simulate` runs) on vectors of input values, one value per
// input bus; returns one value per output bus for each vector.
std::vector<std::vector<mpz_class>> run(const circuit& c, const std::vector<std::vector<mpz_class>>& vectors) {
  pattern_set in(c.num_input_bits(), vectors.size());
  for (size_t p = 0; p < vectors.size(); ++p) {
    uint32_t first = 0;
    for (size_t b = 0; b < c.inputs().size(); ++b) {
      const uint32_t w = static_cast<uint32_t>(c.inputs()[b].lits.size());
      in.set_value(first, w, p, vectors[p].at(b));
      first += w;
    }
  }
  pattern_set out = simulate(c, in);
  std::vector<std::vector<mpz_class>> result(vectors.size());
  for (size_t p = 0; p < vectors.size(); ++p) {
    uint32_t first = 0;
    for (const bus& b : c.outputs()) {
      result[p].push_back(out.get_value(first, static_cast<uint32_t>(b.lits.size()), p));
      first += static_cast<uint32_t>(b.lits.size());
    }
  }
  return result;
}

// Random 64-bit operands, with corner values mixed in.
std::vector<uint64_t> operands(std::mt19937_64& rng, size_t n) {
  std::vector<uint64_t> v = {0, 1, 2, ~uint64_t{0}, uint64_t{1} << 63, (uint64_t{1} << 63) - 1, 3, 0xFFFFFFFF};
  while (v.size() < n) {
    uint64_t x = rng();
    if (rng() % 3 == 0) x >>= rng() % 64;
    v.push_back(x);
  }
  return v;
}

// Checks a two-operand 64-bit circuit against `ref(x, y)` (a list of output values).
template <class Ref>
void check_binary(const char* name, Ref ref, bool skip_zero_divisor = false) {
  circuit c = load(name);
  REQUIRE(c.inputs().size() == 2);
  std::mt19937_64 rng(std::hash<std::string>{}(name));
  auto xs = operands(rng, 600), ys = operands(rng, 600);
  std::shuffle(ys.begin(), ys.end(), rng);
  std::vector<std::vector<mpz_class>> vectors;
  std::vector<std::pair<uint64_t, uint64_t>> pairs;
  for (size_t i = 0; i < xs.size(); ++i) {
    uint64_t x = xs[i], y = ys[i];
    if (skip_zero_divisor && (y == 0 || (x == uint64_t{1} << 63 && y == ~uint64_t{0}))) y = 7;
    pairs.push_back({x, y});
    vectors.push_back({from_u64(x), from_u64(y)});
  }
  auto got = run(c, vectors);
  for (size_t i = 0; i < pairs.size(); ++i) {
    std::vector<uint64_t> want = ref(pairs[i].first, pairs[i].second);
    REQUIRE(got[i].size() == want.size());
    for (size_t k = 0; k < want.size(); ++k) {
      CAPTURE(name);
      CAPTURE(pairs[i].first);
      CAPTURE(pairs[i].second);
      CHECK(to_u64(got[i][k]) == want[k]);
    }
  }
}

// SHA-256 compression function (FIPS 180-4, section 6.2.2), the reference for sha256.txt.
std::array<uint32_t, 8> sha256_compress(std::array<uint32_t, 8> h, const std::array<uint32_t, 16>& m) {
  static const uint32_t k[64] = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
      0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
      0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
      0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
      0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
      0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
      0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
      0xc67178f2};
  auto rotr = [](uint32_t x, int n) { return std::rotr(x, n); };
  uint32_t w[64];
  for (int i = 0; i < 16; ++i) w[i] = m[i];
  for (int i = 16; i < 64; ++i) {
    uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 64; ++i) {
    uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
    uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
  }
  return {h[0] + a, h[1] + b, h[2] + c, h[3] + d, h[4] + e, h[5] + f, h[6] + g, h[7] + hh};
}

// Words as the big-endian number the circuit reads (first word = most significant).
template <size_t N>
mpz_class words_number(const std::array<uint32_t, N>& w) {
  mpz_class v = 0;
  for (uint32_t x : w) v = (v << 32) + x;
  return v;
}

double bits_double(uint64_t b) { return std::bit_cast<double>(b); }
uint64_t double_bits(double d) { return std::bit_cast<uint64_t>(d); }

// Random doubles: every exponent field 0..2047 (so zeros, subnormals, infinities and NaNs come up),
// half of them near 1 so that sums cancel; special values first.
std::vector<double> doubles(std::mt19937_64& rng, size_t n) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> v = {0.0, -0.0, 1.0, -1.0, inf, -inf, std::nan(""), 5e-324, -2.2250738585072014e-308, 1e308};
  while (v.size() < n) {
    uint64_t sign = rng() & 1, mant = rng() & ((uint64_t{1} << 52) - 1);
    uint64_t e = rng() % 2 ? rng() % 2048 : 1023 - 4 + rng() % 8;
    v.push_back(bits_double((sign << 63) | (e << 52) | mant));
  }
  return v;
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("bristol: adder64 sub64 neg64 zero_equal mult64 udivide64 agree with C++ integer arithmetic") {
  check_binary("adder64", [](uint64_t x, uint64_t y) { return std::vector<uint64_t>{x + y}; });
  check_binary("sub64", [](uint64_t x, uint64_t y) { return std::vector<uint64_t>{x - y}; });
  check_binary("mult64", [](uint64_t x, uint64_t y) { return std::vector<uint64_t>{x * y}; });
  check_binary("udivide64", [](uint64_t x, uint64_t y) { return std::vector<uint64_t>{x / y}; }, true);
  std::mt19937_64 rng(9);
  for (const char* name : {"neg64", "zero_equal"}) {
    circuit c = load(name);
    auto xs = operands(rng, 300);
    std::vector<std::vector<mpz_class>> vectors;
    for (uint64_t x : xs) vectors.push_back({from_u64(x)});
    auto got = run(c, vectors);
    for (size_t i = 0; i < xs.size(); ++i) {
      CAPTURE(xs[i]);
      if (std::string(name) == "neg64") CHECK(to_u64(got[i][0]) == 0 - xs[i]);
      else CHECK(to_u64(got[i][0]) == (xs[i] == 0 ? 1u : 0u));
    }
  }
}

TEST_CASE("bristol: imported sizes and depths are the ones docs/interop.md lists") {
  // XOR = 2 gates (and + maj), AND = 1, INV / EQ / EQW = 0: gates = ANDs + 2 XORs.
  struct row {
    const char* name;
    uint64_t gates;
    uint32_t depth;
  };
  for (row r : {row{"adder64", 689, 313}, row{"zero_equal", 63, 6}, row{"neg64", 188, 64}}) {
    circuit c = load(r.name);
    CAPTURE(r.name);
    CHECK(c.num_gates() == r.gates);
    CHECK(circuit_depth(c, compute_levels(c)) == r.depth);
  }
}
}

TEST_SUITE("slow") {
TEST_CASE("bristol: mult2_64 divide64 agree with C++ integer arithmetic") {
  check_binary("mult2_64", [](uint64_t x, uint64_t y) {
    unsigned __int128 p = static_cast<unsigned __int128>(x) * y;
    return std::vector<uint64_t>{static_cast<uint64_t>(p >> 64), static_cast<uint64_t>(p)};
  });
  check_binary(
      "divide64",
      [](uint64_t x, uint64_t y) {
        return std::vector<uint64_t>{static_cast<uint64_t>(static_cast<int64_t>(x) / static_cast<int64_t>(y))};
      },
      true);
}

TEST_CASE("bristol: aes_128 gives the FIPS-197 ciphertexts") {
  circuit c = load("aes_128");
  auto got = run(c, {{from_hex("000102030405060708090a0b0c0d0e0f"), from_hex("00112233445566778899aabbccddeeff")},
                     {from_hex("2b7e151628aed2a6abf7158809cf4f3c"), from_hex("3243f6a8885a308d313198a2e0370734")}});
  CHECK(got[0][0] == from_hex("69c4e0d86a7b0430d8cdb78070b4c55a"));  // FIPS-197 appendix C.1
  CHECK(got[1][0] == from_hex("3925841d02dc09fbdc118597196a0b32"));  // FIPS-197 appendix B
}

TEST_CASE("bristol: sha256 is the SHA-256 compression function") {
  const std::array<uint32_t, 8> iv = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::array<uint32_t, 16> abc{};  // "abc" padded to one block
  abc[0] = 0x61626380;
  abc[15] = 24;
  // The reference itself on FIPS 180-4's example: SHA-256("abc").
  REQUIRE(sha256_compress(iv, abc) == std::array<uint32_t, 8>{0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
                                                               0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad});
  circuit c = load("sha256");
  std::mt19937_64 rng(256);
  std::vector<std::vector<mpz_class>> vectors = {{words_number(abc), words_number(iv)}};
  std::vector<std::array<uint32_t, 8>> want = {sha256_compress(iv, abc)};
  for (int i = 0; i < 40; ++i) {
    std::array<uint32_t, 16> m;
    std::array<uint32_t, 8> h;
    for (auto& x : m) x = static_cast<uint32_t>(rng());
    for (auto& x : h) x = static_cast<uint32_t>(rng());
    vectors.push_back({words_number(m), words_number(h)});
    want.push_back(sha256_compress(h, m));
  }
  auto got = run(c, vectors);
  for (size_t i = 0; i < want.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i][0] == words_number(want[i]));
  }
}

TEST_CASE("bristol: FP-add FP-mul FP-lt FP-eq agree bit for bit with the machine's doubles") {
  std::mt19937_64 rng(64);
  auto xs = doubles(rng, 600), ys = doubles(rng, 600);
  std::shuffle(ys.begin(), ys.end(), rng);
  std::vector<std::vector<mpz_class>> vectors;
  for (size_t i = 0; i < xs.size(); ++i) vectors.push_back({from_u64(double_bits(xs[i])), from_u64(double_bits(ys[i]))});
  for (size_t i = 0; i < 30; ++i) {  // equal and opposite pairs
    vectors.push_back({from_u64(double_bits(xs[i])), from_u64(double_bits(xs[i]))});
    vectors.push_back({from_u64(double_bits(xs[i])), from_u64(double_bits(-xs[i]))});
  }
  auto value = [&](size_t i, int k) { return bits_double(to_u64(vectors[i][k])); };
  auto add = run(load("FP-add"), vectors), mul = run(load("FP-mul"), vectors);
  auto lt = run(load("FP-lt"), vectors), eq = run(load("FP-eq"), vectors);
  // NaN results are compared as "a NaN" (payloads are not specified by IEEE 754).
  auto same = [](uint64_t got, double want) {
    return std::isnan(want) ? std::isnan(bits_double(got)) : got == double_bits(want);
  };
  for (size_t i = 0; i < vectors.size(); ++i) {
    const double x = value(i, 0), y = value(i, 1);
    CAPTURE(x);
    CAPTURE(y);
    CHECK(same(to_u64(add[i][0]), x + y));
    CHECK(same(to_u64(mul[i][0]), x * y));
    CHECK(to_u64(lt[i][0]) == static_cast<uint64_t>(x < y));
    CHECK(to_u64(eq[i][0]) == static_cast<uint64_t>(x == y));
  }
}
}
