// Internal: the vectorized block kernel and the streaming output hash, each compiled for AVX-512,
// AVX2 and a portable baseline and picked at run time (GCC target_clones).
#pragma once
#include <cstddef>
#include <cstdint>

namespace tc0::sim_detail {

// 512 patterns: the kernel's unit of work. A value row is 2^shift of these.
typedef uint64_t vec512 __attribute__((vector_size(64)));

// Runs `code` (see sim_program.hpp) over one block: row r of the value array is
// values[r << shift .. (r + 1) << shift). Rows of inputs and of node 0 must be filled.
// prefetch: fetch and2 operands ahead, worth it only when the rows exceed the caches.
void run_program(const uint32_t* code, size_t code_size, vec512* values, unsigned shift, bool prefetch);

// Adds mix(s_w) (simulator.hpp, sim_summary::output_hash) for the words_valid pattern words of
// this block, the first of which is global word first_word; last_mask clears patterns past the end
// in the block's final valid word. state: 8 << shift words of scratch.
uint64_t hash_block(const vec512* values, unsigned shift, const uint32_t* output_lits, size_t num_outputs,
                    uint64_t first_word, uint64_t words_valid, uint64_t last_mask, uint64_t* state);

inline constexpr uint64_t golden_gamma = 0x9e3779b97f4a7c15ull;
inline constexpr uint64_t hash_multiplier = 0x9fb21c651e98df25ull;

inline uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

}  // namespace tc0::sim_detail
