// The symmetric group S5 as the fixed monoid of the s5 word problem: its 120 permutations
// numbered in lexicographic order of their one-line notation, and its action on 5 points.
#pragma once
#include <array>
#include <cstdint>
#include <string>

#include "tc0/problems/automaton.hpp"

namespace tc0 {

using s5_perm = std::array<uint8_t, 5>;  // one-line notation: p[x] = image of x

inline constexpr uint32_t s5_order = 120;

s5_perm s5_permutation(uint32_t code);   // code 0..119; 0 = identity, 119 = 43210
uint32_t s5_code(const s5_perm& p);
// (p then q)(x) = q(p(x)): the word w_1 w_2 multiplies to w_1 then w_2.
s5_perm s5_then(const s5_perm& p, const s5_perm& q);
std::string s5_text(const s5_perm& p);   // "01234"

// The 5-point action as an automaton: 5 states, letter c = permutation c, start 0, accepting {0}.
automaton s5_automaton();

}  // namespace tc0
