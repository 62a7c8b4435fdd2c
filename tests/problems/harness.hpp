// Test harness for the problem circuits: token strings through the bit-parallel simulator, and the
// comparison of every output bus with the problem's direct reference solver.
#pragma once
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tc0/analysis/stats.hpp"
#include "tc0/problems/problem.hpp"
#include "tc0/sim/simulator.hpp"

namespace tc0::test {

// Output bus values (in bus order) of the circuit for each token string (exactly `size` tokens).
inline std::vector<std::vector<uint64_t>> simulate_tokens(const circuit& c, uint32_t width,
                                                          const std::vector<std::vector<uint32_t>>& words) {
  pattern_set in(c.num_input_bits(), words.size());
  for (size_t p = 0; p < words.size(); ++p)
    for (size_t i = 0; i < words[p].size(); ++i)
      for (uint32_t k = 0; k < width; ++k) in.set(static_cast<uint32_t>(i * width + k), p, (words[p][i] >> k) & 1u);
  const pattern_set out = simulate(c, in);
  std::vector<std::vector<uint64_t>> r(words.size());
  for (size_t p = 0; p < words.size(); ++p) {
    uint32_t first = 0;
    for (const bus& b : c.outputs()) {
      uint64_t v = 0;
      for (uint32_t k = 0; k < b.lits.size(); ++k) v |= uint64_t{out.get(first + k, p)} << k;
      r[p].push_back(v);
      first += static_cast<uint32_t>(b.lits.size());
    }
  }
  return r;
}

// Every word is simulated and compared with p.solve; returns the number of mismatches and
// reports the first one (its text and tokens) through doctest.
inline size_t check_against_solver(const problem& p, const circuit& c, const std::vector<std::vector<uint32_t>>& words,
                                   const std::string& what) {
  const auto got = simulate_tokens(c, p.token_width(), words);
  size_t bad = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::vector<named_value> want = p.solve(words[i]);
    bool same = want.size() == got[i].size();
    for (size_t k = 0; same && k < want.size(); ++k) same = want[k].value == got[i][k];
    if (same) continue;
    if (bad++ == 0) {
      std::string toks;
      for (uint32_t t : words[i]) toks += std::to_string(t) + " ";
      std::string w, g;
      for (size_t k = 0; k < want.size(); ++k) w += want[k].name + "=" + std::to_string(want[k].value) + " ";
      for (uint64_t v : got[i]) g += std::to_string(v) + " ";
      FAIL_CHECK(what << ": '" << p.text_of(words[i]) << "' tokens [" << toks << "] expected " << w << "got " << g);
    }
  }
  return bad;
}

inline std::vector<std::vector<uint32_t>> tokens_of(const std::vector<instance>& insts) {
  std::vector<std::vector<uint32_t>> w;
  for (const instance& i : insts) w.push_back(i.tokens);
  return w;
}

}  // namespace tc0::test
