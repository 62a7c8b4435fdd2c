// S5: lexicographic numbering of the 120 permutations and the 5-point action automaton.
#include "tc0/problems/s5.hpp"

#include <algorithm>
#include <vector>

#include "tc0/errors.hpp"

namespace tc0 {

namespace {

const std::vector<s5_perm>& all_perms() {
  static const std::vector<s5_perm> perms = [] {
    std::vector<s5_perm> v;
    s5_perm p{0, 1, 2, 3, 4};
    do v.push_back(p);
    while (std::next_permutation(p.begin(), p.end()));
    return v;
  }();
  return perms;
}

}  // namespace

s5_perm s5_permutation(uint32_t code) {
  if (code >= s5_order) throw input_error("s5", "permutation number " + std::to_string(code) + " is not 0..119");
  return all_perms()[code];
}

uint32_t s5_code(const s5_perm& p) {
  const auto& v = all_perms();
  return static_cast<uint32_t>(std::lower_bound(v.begin(), v.end(), p) - v.begin());
}

s5_perm s5_then(const s5_perm& p, const s5_perm& q) {
  s5_perm r{};
  for (int x = 0; x < 5; ++x) r[x] = q[p[x]];
  return r;
}

std::string s5_text(const s5_perm& p) {
  std::string s;
  for (uint8_t x : p) s += static_cast<char>('0' + x);
  return s;
}

automaton s5_automaton() {
  automaton a;
  a.num_states = 5;
  a.start = 0;
  a.accepting = {1, 0, 0, 0, 0};
  for (uint32_t c = 0; c < s5_order; ++c) {
    const s5_perm p = s5_permutation(c);
    a.letters.push_back(s5_text(p));
    a.delta.push_back(std::vector<uint32_t>(p.begin(), p.end()));
  }
  return a;
}

}  // namespace tc0
