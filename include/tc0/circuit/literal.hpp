// Literals: 2*node + complement in 32 bits, so a fan-in edge costs 4 bytes. Node 0 is constant false.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

namespace tc0 {

struct lit {
  uint32_t v = 0;

  static constexpr lit from_node(uint32_t node, bool complemented = false) {
    return lit{node * 2u + (complemented ? 1u : 0u)};
  }
  constexpr uint32_t node() const { return v >> 1; }
  constexpr bool complemented() const { return v & 1u; }
  constexpr bool is_constant() const { return v < 2; }
  constexpr lit operator!() const { return lit{v ^ 1u}; }
  constexpr lit operator^(bool c) const { return lit{v ^ (c ? 1u : 0u)}; }
  friend constexpr bool operator==(lit a, lit b) = default;
  friend constexpr auto operator<=>(lit a, lit b) = default;
};

inline constexpr lit lit_false{0};
inline constexpr lit lit_true{1};
inline constexpr lit constant_lit(bool value) { return value ? lit_true : lit_false; }

// Nodes are refused past 2^31 so that every literal fits in 32 bits.
inline constexpr uint64_t max_nodes = uint64_t{1} << 31;

// A number as a bus of literals, least significant bit first.
using bits = std::vector<lit>;

}  // namespace tc0

template <>
struct std::hash<tc0::lit> {
  size_t operator()(tc0::lit l) const noexcept { return std::hash<uint32_t>{}(l.v); }
};
