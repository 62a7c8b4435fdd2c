// Internal: a circuit decoded once per simulate call into a flat op stream the kernel interprets
// per block, so per-gate work (complement flags, thresholds, weight columns) is not redone per block.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "tc0/circuit/circuit.hpp"

namespace tc0::sim_detail {

// Op layouts in program::code (rows are value-array rows: nodes, then temporaries; a "lit" operand
// is 2 * row + complement, so literal 1 is the all-ones constant):
//   and2:        [op, 2 * dst + cz, lit_a, lit_b]                    dst = (a & b) ^ cz (so or is one op too)
//   andk / ork:  [op, dst, k, lit * k]                               k = 0 gives all ones / all zeros
//   maj:         [op, dst, k, L, c, lit * k]  dst = carry out of (#true + c) at bit L, c = 2^L - t
//   thr:         [op, dst, n, m, (lit_a, lit_b, lit_c, row_sum, row_carry) * n, lit * m]
//                n full adders into temporaries, then dst = OR of the m literals. Half adders are
//                full adders with constant false, unused sums go to a sink row: one branch-free
//                loop, since switching between op kinds per adder mispredicts on every gate.
enum op_code : uint32_t { op_and2 = 0, op_andk = 1, op_ork = 2, op_maj = 3, op_thr = 4 };

// Zero words after the last op, so the kernel may prefetch the operands of ops a few steps ahead.
inline constexpr size_t code_padding = 128;

struct program {
  std::vector<uint32_t> code;            // code_length words of ops, then code_padding zeros
  size_t code_length = 0;
  uint32_t num_nodes = 0;
  uint32_t num_rows = 0;                 // nodes + temporaries of the weighted-gate adders
  std::vector<uint32_t> input_rows;      // per input bit, in the circuit's input order
  std::vector<uint32_t> unlisted_inputs; // input nodes in no bus: held at zero, as the naive evaluator does
  std::vector<uint32_t> output_lits;     // per output bit, in output order
};

program compile_program(const circuit& c);

}  // namespace tc0::sim_detail
