// Pattern sets: many input or output vectors stored bit-major, 64 patterns per word.
// Bit order is the circuit's buses in declaration order, each LSB first.
#pragma once
#include <cstdint>
#include <vector>

#include <gmpxx.h>

namespace tc0 {

struct pattern_set {
  uint32_t num_bits = 0;
  uint64_t num_patterns = 0;
  std::vector<uint64_t> words;  // bit b, pattern p: words[b * words_per_bit() + p / 64] >> (p % 64)

  pattern_set() = default;
  pattern_set(uint32_t bits, uint64_t patterns)
      : num_bits(bits), num_patterns(patterns), words(static_cast<size_t>(bits) * ((patterns + 63) / 64), 0) {}
  uint64_t words_per_bit() const { return (num_patterns + 63) / 64; }
  uint64_t* bit_words(uint32_t b) { return words.data() + b * words_per_bit(); }
  const uint64_t* bit_words(uint32_t b) const { return words.data() + b * words_per_bit(); }
  bool get(uint32_t b, uint64_t p) const { return (bit_words(b)[p / 64] >> (p % 64)) & 1u; }
  void set(uint32_t b, uint64_t p, bool v) {
    uint64_t& w = bit_words(b)[p / 64];
    w = (w & ~(uint64_t{1} << (p % 64))) | (uint64_t{v} << (p % 64));
  }
  // The unsigned number in bits [first, first + width) of pattern p, and its inverse.
  mpz_class get_value(uint32_t first, uint32_t width, uint64_t p) const;
  void set_value(uint32_t first, uint32_t width, uint64_t p, const mpz_class& v);
};

}  // namespace tc0
