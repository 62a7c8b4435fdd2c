// Driving the block kernel: block width and thread count, input generation per block (given,
// random, exhaustive), output collection or streaming hash, one value array per thread.
#include "tc0/sim/simulator.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "sim_kernel.hpp"
#include "sim_program.hpp"
#include "tc0/errors.hpp"
#include "tc0/sim/naive.hpp"

namespace tc0 {
namespace {

using namespace sim_detail;

constexpr uint64_t memory_budget = uint64_t{4} << 30;  // all threads' value arrays together
// 512 patterns (one zmm) per row unless the whole value array still fits in L2 when wider: rows
// that miss the caches cost more than decoding an op again, so wider blocks lose on large circuits
// (measured in bench/sim_bench.cpp: 512 beats 1024..8192 from 10^5 gates up).
constexpr uint64_t cache_bytes = uint64_t{512} << 10;
constexpr unsigned max_cached_shift = 2;
// Prefetching operands pays once the rows spill out of L2 (measured: +30% at 10^6 gates, -15% when
// cached).
constexpr uint64_t prefetch_bytes = uint64_t{2} << 20;
// Below this many (edges + nodes) x patterns a job runs on one thread: spawning costs more.
constexpr uint64_t min_parallel_work = uint64_t{1} << 27;

struct layout {
  unsigned shift = 0;    // a block is 512 << shift patterns
  unsigned threads = 1;
  uint64_t blocks = 0;
  bool prefetch = false;
  uint64_t words_per_block() const { return uint64_t{8} << shift; }
};

layout choose_layout(const circuit& c, const program& p, uint64_t patterns, const sim_params& params) {
  layout lay;
  const uint64_t words = (patterns + 63) / 64;
  const uint64_t row_bytes = uint64_t{64} * p.num_rows;
  unsigned shift = 0;
  while (shift < max_cached_shift && (row_bytes << (shift + 1)) <= cache_bytes) ++shift;
  if (params.block_patterns != 0) {
    shift = 0;
    while ((uint64_t{512} << shift) < params.block_patterns && shift < 20) ++shift;
  }
  // No wider than the patterns need.
  while (shift > 0 && (uint64_t{8} << (shift - 1)) >= words) --shift;
  unsigned threads = params.threads;
  if (threads == 0) {
    threads = std::max(1u, std::thread::hardware_concurrency());
    if ((c.num_edges() + c.num_nodes()) * patterns < min_parallel_work) threads = 1;
  }
  auto blocks_of = [&](unsigned s) { return (words + (uint64_t{8} << s) - 1) / (uint64_t{8} << s); };
  threads = static_cast<unsigned>(std::min<uint64_t>(threads, std::max<uint64_t>(1, blocks_of(shift))));
  while (shift > 0 && (row_bytes << shift) * threads > memory_budget) --shift;
  if (params.threads == 0)
    while (threads > 1 && row_bytes * threads > memory_budget) --threads;
  lay.shift = shift;
  lay.prefetch = (row_bytes << shift) > prefetch_bytes;
  lay.threads = static_cast<unsigned>(std::min<uint64_t>(threads, std::max<uint64_t>(1, blocks_of(shift))));
  lay.blocks = blocks_of(shift);
  return lay;
}

struct free_aligned {
  void operator()(vec512* p) const { ::operator delete[](p, std::align_val_t{64}); }
};

// One thread's rows: nodes then temporaries, each 512 << shift patterns.
class value_array {
 public:
  value_array(const program& p, unsigned shift) : shift_(shift) {
    const size_t n = static_cast<size_t>(p.num_rows) << shift;
    data_.reset(static_cast<vec512*>(::operator new[](n * sizeof(vec512), std::align_val_t{64})));
    zero_row(0);
    for (uint32_t r : p.unlisted_inputs) zero_row(r);
  }
  vec512* data() { return data_.get(); }
  uint64_t* words(uint32_t r) { return reinterpret_cast<uint64_t*>(data_.get() + (static_cast<size_t>(r) << shift_)); }
  void zero_row(uint32_t r) { std::memset(words(r), 0, sizeof(vec512) << shift_); }

 private:
  std::unique_ptr<vec512[], free_aligned> data_;
  unsigned shift_;
};

// Runs every block through the kernel on lay.threads threads, each with its own value array;
// fill(block, values) writes the input rows, consume(block, values, thread) reads the outputs.
template <class Fill, class Consume>
void run_blocks(const program& p, const layout& lay, const sim_params& params, Fill&& fill, Consume&& consume) {
  std::atomic<uint64_t> next{0};
  auto worker = [&](unsigned thread) {
    value_array values(p, lay.shift);
    for (;;) {
      uint64_t b = next.fetch_add(1, std::memory_order_relaxed);
      if (b >= lay.blocks) break;
      fill(b, values);
      run_program(p.code.data(), p.code_length, values.data(), lay.shift, lay.prefetch);
      consume(b, values, thread);
      if (thread == 0 && params.progress) params.progress(std::min(next.load(std::memory_order_relaxed), lay.blocks), lay.blocks);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < lay.threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (auto& t : pool) t.join();
}

uint64_t tail_mask(uint64_t patterns) {
  return patterns % 64 == 0 ? ~uint64_t{0} : (uint64_t{1} << (patterns % 64)) - 1;
}

uint64_t random_key(uint64_t seed, uint32_t bit) { return mix64(seed + (uint64_t{bit} + 1) * golden_gamma); }
uint64_t random_word(uint64_t key, uint64_t w) { return mix64(key + (w + 1) * golden_gamma); }

// Word w of input bit b in exhaustive order (pattern q has bit b = (q >> b) & 1).
uint64_t exhaustive_word(uint32_t b, uint64_t w) {
  static constexpr uint64_t low[6] = {0xaaaaaaaaaaaaaaaaull, 0xccccccccccccccccull, 0xf0f0f0f0f0f0f0f0ull,
                                      0xff00ff00ff00ff00ull, 0xffff0000ffff0000ull, 0xffffffff00000000ull};
  return b < 6 ? low[b] : 0 - ((w >> (b - 6)) & 1u);
}

void check_exhaustive_bits(uint32_t bits, const char* where) {
  if (bits > max_exhaustive_bits)
    throw input_error(where, std::to_string(bits) + " input bits exceed the exhaustive limit of " +
                                 std::to_string(max_exhaustive_bits) + "; use random simulation");
}

// Streaming hash over all blocks; gen(bit, word) gives input words.
template <class Gen>
sim_summary simulate_hashed(const circuit& c, uint64_t patterns, const sim_params& params, Gen&& gen) {
  auto start = std::chrono::steady_clock::now();
  sim_summary summary;
  summary.patterns = patterns;
  if (patterns > 0) {
    program p = compile_program(c);
    layout lay = choose_layout(c, p, patterns, params);
    const uint64_t total_words = (patterns + 63) / 64, wpb = lay.words_per_block();
    std::vector<uint64_t> partial(lay.threads, 0);
    std::vector<std::vector<uint64_t>> state(lay.threads, std::vector<uint64_t>(wpb));
    auto fill = [&](uint64_t b, value_array& v) {
      const uint64_t first = b * wpb, n = std::min(wpb, total_words - first);
      for (uint32_t i = 0; i < p.input_rows.size(); ++i) {
        uint64_t* dst = v.words(p.input_rows[i]);
        gen(i, first, n, dst);
        std::fill(dst + n, dst + wpb, 0);
      }
    };
    auto consume = [&](uint64_t b, value_array& v, unsigned t) {
      const uint64_t first = b * wpb, n = std::min(wpb, total_words - first);
      const uint64_t mask = first + n == total_words ? tail_mask(patterns) : ~uint64_t{0};
      partial[t] += hash_block(v.data(), lay.shift, p.output_lits.data(), p.output_lits.size(), first, n, mask,
                               state[t].data());
    };
    run_blocks(p, lay, params, fill, consume);
    for (uint64_t h : partial) summary.output_hash += h;
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace

pattern_set simulate(const circuit& c, const pattern_set& inputs, const sim_params& params) {
  if (inputs.num_bits != c.num_input_bits())
    throw input_error("simulate", "the pattern set has " + std::to_string(inputs.num_bits) +
                                      " input bits, the circuit " + std::to_string(c.num_input_bits()));
  const uint64_t patterns = inputs.num_patterns;
  pattern_set out(num_output_bits(c), patterns);
  if (patterns == 0) return out;
  program p = compile_program(c);
  layout lay = choose_layout(c, p, patterns, params);
  const uint64_t total_words = inputs.words_per_bit(), wpb = lay.words_per_block();
  auto fill = [&](uint64_t b, value_array& v) {
    const uint64_t first = b * wpb, n = std::min(wpb, total_words - first);
    for (uint32_t i = 0; i < p.input_rows.size(); ++i) {
      uint64_t* dst = v.words(p.input_rows[i]);
      std::memcpy(dst, inputs.bit_words(i) + first, n * sizeof(uint64_t));
      std::fill(dst + n, dst + wpb, 0);
    }
  };
  auto consume = [&](uint64_t b, value_array& v, unsigned) {
    const uint64_t first = b * wpb, n = std::min(wpb, total_words - first);
    for (uint32_t o = 0; o < p.output_lits.size(); ++o) {
      const uint32_t l = p.output_lits[o];
      const uint64_t* src = v.words(l >> 1);
      const uint64_t m = 0 - static_cast<uint64_t>(l & 1u);
      uint64_t* dst = out.bit_words(o) + first;
      for (uint64_t w = 0; w < n; ++w) dst[w] = src[w] ^ m;
    }
  };
  run_blocks(p, lay, params, fill, consume);
  const uint64_t mask = tail_mask(patterns);
  for (uint32_t o = 0; o < out.num_bits; ++o) out.bit_words(o)[total_words - 1] &= mask;
  return out;
}

pattern_set random_inputs(uint32_t num_bits, uint64_t patterns, uint64_t seed) {
  pattern_set p(num_bits, patterns);
  const uint64_t words = p.words_per_bit();
  for (uint32_t b = 0; b < num_bits; ++b) {
    const uint64_t key = random_key(seed, b);
    uint64_t* dst = p.bit_words(b);
    for (uint64_t w = 0; w < words; ++w) dst[w] = random_word(key, w);
    if (words > 0) dst[words - 1] &= tail_mask(patterns);
  }
  return p;
}

pattern_set exhaustive_inputs(uint32_t num_bits) {
  check_exhaustive_bits(num_bits, "exhaustive_inputs");
  const uint64_t patterns = uint64_t{1} << num_bits;
  pattern_set p(num_bits, patterns);
  const uint64_t words = p.words_per_bit();
  for (uint32_t b = 0; b < num_bits; ++b) {
    uint64_t* dst = p.bit_words(b);
    for (uint64_t w = 0; w < words; ++w) dst[w] = exhaustive_word(b, w);
    dst[words - 1] &= tail_mask(patterns);
  }
  return p;
}

sim_summary simulate_random(const circuit& c, uint64_t patterns, uint64_t seed, const sim_params& params) {
  std::vector<uint64_t> keys(c.num_input_bits());
  for (uint32_t b = 0; b < keys.size(); ++b) keys[b] = random_key(seed, b);
  return simulate_hashed(c, patterns, params, [&](uint32_t bit, uint64_t first, uint64_t n, uint64_t* dst) {
    for (uint64_t w = 0; w < n; ++w) dst[w] = random_word(keys[bit], first + w);
  });
}

sim_summary simulate_exhaustive(const circuit& c, const sim_params& params) {
  check_exhaustive_bits(c.num_input_bits(), "simulate_exhaustive");
  return simulate_hashed(c, uint64_t{1} << c.num_input_bits(), params,
                         [](uint32_t bit, uint64_t first, uint64_t n, uint64_t* dst) {
                           for (uint64_t w = 0; w < n; ++w) dst[w] = exhaustive_word(bit, first + w);
                         });
}

uint64_t output_hash(const pattern_set& outputs) {
  const uint64_t words = outputs.words_per_bit();
  if (words == 0) return 0;
  std::vector<uint32_t> lits;
  uint64_t sum = 0;
  const uint64_t mask = tail_mask(outputs.num_patterns);
  for (uint64_t w = 0; w < words; ++w) {
    uint64_t s = mix64(w + golden_gamma);
    for (uint32_t o = 0; o < outputs.num_bits; ++o) {
      uint64_t x = outputs.bit_words(o)[w] & (w + 1 == words ? mask : ~uint64_t{0});
      s = (s ^ x) * hash_multiplier;
      s = (s << 29) | (s >> 35);
    }
    sum += mix64(s);
  }
  return sum;
}

}  // namespace tc0
