// The block kernel: one pass over the op stream per block of 512 * 2^shift patterns. GCC vector
// extensions of 64 bytes become one zmm op (AVX-512), two ymm ops (AVX2) or four xmm ops (baseline);
// target_clones builds all three and an ifunc picks one when the program loads.
#include "sim_kernel.hpp"

#include "sim_program.hpp"

// Every vector helper is always_inline, so no vector crosses a call boundary and the ABI note is moot.
#pragma GCC diagnostic ignored "-Wpsabi"

#define TC0_INLINE inline __attribute__((always_inline))
#define TC0_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))

namespace tc0::sim_detail {
namespace {

using vec = vec512;
typedef uint64_t u64_alias __attribute__((may_alias));

// Complement masks by table lookup: building a broadcast from a scalar (vec{} + x) compiles to a
// chain of eight masked inserts under target_clones, which cost more than the gate itself.
alignas(64) const vec mask_table[2] = {vec{0, 0, 0, 0, 0, 0, 0, 0}, ~vec{0, 0, 0, 0, 0, 0, 0, 0}};
TC0_INLINE vec mask_of(uint32_t bit) { return mask_table[bit & 1u]; }
TC0_INLINE vec ones() { return mask_table[1]; }

// Literal l of chunk v: the row's vector, inverted when l is complemented.
TC0_INLINE vec load_lit(const vec* val, uint32_t l, unsigned shift, unsigned v) {
  return val[(static_cast<size_t>(l >> 1) << shift) + v] ^ mask_of(l);
}

TC0_INLINE vec* row(vec* val, uint32_t r, unsigned shift) { return val + (static_cast<size_t>(r) << shift); }

// Carry-save adder: three vectors in, sum and carry planes out.
TC0_INLINE void csa(vec& hi, vec& lo, vec a, vec b, vec c) {
  vec u = a ^ b;
  hi = (a & b) | (u & c);
  lo = u ^ c;
}

// AND of two literals with an optionally inverted result (or = not and of complements). One
// branch-free form for all complement patterns: a per-pattern switch mispredicts on random netlists.
TC0_INLINE void and2(const uint32_t* pc, vec* val, unsigned shift, unsigned nb) {
  const uint32_t dz = pc[1], la = pc[2], lb = pc[3];
  vec* d = row(val, dz >> 1, shift);
  const vec* a = row(val, la >> 1, shift);
  const vec* b = row(val, lb >> 1, shift);
  const vec ma = mask_of(la), mb = mask_of(lb), mz = mask_of(dz);
  for (unsigned v = 0; v < nb; ++v) d[v] = ((a[v] ^ ma) & (b[v] ^ mb)) ^ mz;
}

// Operands far from the current gate miss the caches; fetching them this many ops early hides it.
constexpr unsigned prefetch_ops = 16;  // 4 * 16 + 3 words ahead stays inside code_padding

// [count of true literals >= t] per chunk: Harley-Seal style CSA tree over groups of 8 keeps the
// ones/twos/fours planes in registers; the eights ripple into higher planes; then the carry out of
// count + c at bit L.
TC0_INLINE void maj(const uint32_t* pc, vec* val, unsigned shift, unsigned nb) {
  vec* d = row(val, pc[1], shift);
  const uint32_t k = pc[2], L = pc[3], c = pc[4];
  const uint32_t* in = pc + 5;
  for (unsigned v = 0; v < nb; ++v) {
    vec plane[34];
    for (uint32_t j = 0; j < L; ++j) plane[j] = vec{};
    vec ones{}, twos{}, fours{};
    uint32_t i = 0;
    for (; i + 8 <= k; i += 8) {
      vec twos_a, twos_b, fours_a, fours_b, eights;
      csa(twos_a, ones, ones, load_lit(val, in[i], shift, v), load_lit(val, in[i + 1], shift, v));
      csa(twos_b, ones, ones, load_lit(val, in[i + 2], shift, v), load_lit(val, in[i + 3], shift, v));
      csa(fours_a, twos, twos, twos_a, twos_b);
      csa(twos_a, ones, ones, load_lit(val, in[i + 4], shift, v), load_lit(val, in[i + 5], shift, v));
      csa(twos_b, ones, ones, load_lit(val, in[i + 6], shift, v), load_lit(val, in[i + 7], shift, v));
      csa(fours_b, twos, twos, twos_a, twos_b);
      csa(eights, fours, fours, fours_a, fours_b);
      for (uint32_t j = 3; j < L; ++j) {
        vec carry = plane[j] & eights;
        plane[j] ^= eights;
        eights = carry;
      }
    }
    if (L > 0) plane[0] = ones;
    if (L > 1) plane[1] = twos;
    if (L > 2) plane[2] = fours;
    for (; i < k; ++i) {
      vec x = load_lit(val, in[i], shift, v);
      for (uint32_t j = 0; j < L; ++j) {
        vec carry = plane[j] & x;
        plane[j] ^= x;
        x = carry;
      }
    }
    vec carry{};
    for (uint32_t j = 0; j < L; ++j) carry = ((c >> j) & 1u) ? (plane[j] | carry) : (plane[j] & carry);
    d[v] = carry;
  }
}

// Fetches the first line of each operand row of the maj or thr op at `next`: one such gate takes
// longer than a miss, so one gate ahead is enough to hide the misses of wide gates on big circuits.
TC0_INLINE void prefetch_next_gate(const uint32_t* next, const vec* val, unsigned shift) {
  if (next[0] == op_maj) {
    for (uint32_t i = 0; i < next[2]; ++i) __builtin_prefetch(val + (static_cast<size_t>(next[5 + i] >> 1) << shift));
  } else if (next[0] == op_thr) {
    const uint32_t* fa = next + 4;
    for (uint32_t i = 0; i < next[2]; ++i, fa += 5) {
      __builtin_prefetch(val + (static_cast<size_t>(fa[0] >> 1) << shift));
      __builtin_prefetch(val + (static_cast<size_t>(fa[1] >> 1) << shift));
      __builtin_prefetch(val + (static_cast<size_t>(fa[2] >> 1) << shift));
    }
  }
}

template <unsigned NB, bool Prefetch>
TC0_INLINE void run(const uint32_t* pc, const uint32_t* end, vec* val, unsigned shift_rt) {
  const unsigned shift = NB == 0 ? shift_rt : static_cast<unsigned>(__builtin_ctz(NB));
  const unsigned nb = NB == 0 ? 1u << shift_rt : NB;
  while (pc < end) {
    switch (pc[0]) {
      case op_and2:
        // Runs of and2 (AIG-like netlists) stay in this loop: no dispatch per gate.
        do {
          if constexpr (Prefetch) {
            __builtin_prefetch(row(val, pc[4 * prefetch_ops + 2] >> 1, shift));
            __builtin_prefetch(row(val, pc[4 * prefetch_ops + 3] >> 1, shift));
          }
          and2(pc, val, shift, nb);
          pc += 4;
        } while (pc < end && pc[0] == op_and2);
        break;
      case op_andk: {
        vec* d = row(val, pc[1], shift);
        const uint32_t k = pc[2];
        for (unsigned v = 0; v < nb; ++v) {
          vec acc = ones();
          for (uint32_t i = 0; i < k; ++i) acc &= load_lit(val, pc[3 + i], shift, v);
          d[v] = acc;
        }
        pc += 3 + k;
        break;
      }
      case op_ork: {
        vec* d = row(val, pc[1], shift);
        const uint32_t k = pc[2];
        for (unsigned v = 0; v < nb; ++v) {
          vec acc{};
          for (uint32_t i = 0; i < k; ++i) acc |= load_lit(val, pc[3 + i], shift, v);
          d[v] = acc;
        }
        pc += 3 + k;
        break;
      }
      case op_maj:
        if constexpr (Prefetch) prefetch_next_gate(pc + 5 + pc[2], val, shift);
        maj(pc, val, shift, nb);
        pc += 5 + pc[2];
        break;
      case op_thr: {
        const uint32_t n = pc[2], m = pc[3];
        if constexpr (Prefetch) prefetch_next_gate(pc + 4 + 5 * n + m, val, shift);
        const uint32_t* fa = pc + 4;
        for (uint32_t i = 0; i < n; ++i, fa += 5) {
          vec* s = row(val, fa[3], shift);
          vec* co = row(val, fa[4], shift);
          for (unsigned v = 0; v < nb; ++v) {
            vec hi, lo;
            csa(hi, lo, load_lit(val, fa[0], shift, v), load_lit(val, fa[1], shift, v), load_lit(val, fa[2], shift, v));
            s[v] = lo;
            co[v] = hi;
          }
        }
        vec* d = row(val, pc[1], shift);
        for (unsigned v = 0; v < nb; ++v) {
          vec acc{};
          for (uint32_t i = 0; i < m; ++i) acc |= load_lit(val, fa[i], shift, v);
          d[v] = acc;
        }
        pc = fa + m;
        break;
      }
      default: __builtin_unreachable();
    }
  }
}

}  // namespace

TC0_CLONES void run_program(const uint32_t* code, size_t code_size, vec512* values, unsigned shift, bool prefetch) {
  const uint32_t* end = code + code_size;
  if (prefetch) {
    switch (shift) {
      case 0: run<1, true>(code, end, values, shift); break;
      case 1: run<2, true>(code, end, values, shift); break;
      default: run<0, true>(code, end, values, shift); break;
    }
  } else {
    switch (shift) {
      case 0: run<1, false>(code, end, values, shift); break;
      case 1: run<2, false>(code, end, values, shift); break;
      case 2: run<4, false>(code, end, values, shift); break;
      default: run<0, false>(code, end, values, shift); break;
    }
  }
}

TC0_CLONES uint64_t hash_block(const vec512* values, unsigned shift, const uint32_t* output_lits, size_t num_outputs,
                               uint64_t first_word, uint64_t words_valid, uint64_t last_mask, uint64_t* state) {
  for (uint64_t w = 0; w < words_valid; ++w) state[w] = mix64(first_word + w + golden_gamma);
  for (size_t o = 0; o < num_outputs; ++o) {
    const uint32_t l = output_lits[o];
    const u64_alias* src = reinterpret_cast<const u64_alias*>(values + (static_cast<size_t>(l >> 1) << shift));
    const uint64_t m = 0 - static_cast<uint64_t>(l & 1u);
    for (uint64_t w = 0; w < words_valid; ++w) {
      uint64_t x = (src[w] ^ m) & (w + 1 == words_valid ? last_mask : ~uint64_t{0});
      uint64_t s = (state[w] ^ x) * hash_multiplier;
      state[w] = (s << 29) | (s >> 35);
    }
  }
  uint64_t sum = 0;
  for (uint64_t w = 0; w < words_valid; ++w) sum += mix64(state[w]);
  return sum;
}

}  // namespace tc0::sim_detail
