// Threshold circuit -> AND-inverter graph (2-input AND gates, complemented edges): what formats
// with only 2-input gates (AIGER, BLIF, Verilog, Bristol) are written from. Construction below.
#pragma once
#include <cstdint>
#include <span>

#include "tc0/circuit/builder.hpp"
#include "tc0/circuit/circuit.hpp"

namespace tc0 {

// How the final two rows of the compressor tree are compared with the threshold.
enum class aig_final_adder {
  prefix,  // balanced (G, P) tree for the carry out: ~5 ANDs per column, depth ~2 log2(columns)
  ripple,  // carry chain: ~4 ANDs per column, depth ~2 per column
};

struct to_aig_params {
  aig_final_adder final_adder = aig_final_adder::prefix;
};

struct to_aig_stats {
  uint64_t source_gates = 0;
  uint64_t ands = 0;        // AND nodes of the result (after dropping unreachable ones)
  uint32_t depth = 0;       // AND levels on the longest input-to-output path
  uint64_t full_adders = 0; // full adders the compressor trees built (before hashing and sweeping)
};

// Every gate [sum w_i l_i >= t] becomes ANDs and inverters, built through a hashing, folding
// builder (so shared sub-terms are built once) and then swept of nodes no output reaches.
//
// Construction, per gate (after folding constants, merging x with not-x, making weights positive
// by complementing, clipping weights to t):
//   - t == sum of weights: AND of all inputs; every weight >= t: OR of all inputs. Both as
//     balanced trees that join the two shallowest operands first: k-1 ANDs, depth ceil(log2 k).
//   - otherwise a carry-save compressor: m = the least m with 2^m >= t and 2^m > W - t
//     (W = sum of weights), so T = sum + (2^m - t) lies in [0, 2^(m+1)) and the gate is bit m of
//     T. Each input contributes one bit to each column where its weight has a one, the constant
//     2^m - t one bit per set bit. Column by column from the LSB, full adders (7 ANDs; 3 with a
//     constant-one input) take the three shallowest bits until two remain, the carry going to
//     the next column (no half adders: a column of height 2 is final). The bit m of T is then
//     OR(carry out of the two rows of columns 0..m-1, the bits of column m). A column of height
//     <= 1 below every column of height 2 cannot produce a carry, so its last sum is never built
//     (carry-only full adder: 4 ANDs).
//   - A unit-weight gate (maj) is the same with every bit in column 0: a full-adder popcount
//     compared with t.
// Measured sizes are in docs/interop.md (maj of fan-in k: about 7k ANDs, depth about 4 log1.5(k)).
//
// The result has the same input and output buses (names, widths, order) and name; modules and
// the source record are not carried.
circuit to_aig(const circuit& c, const to_aig_params& params = {}, to_aig_stats* stats = nullptr);

// True if every gate is an and gate of two non-constant literals of distinct nodes (what to_aig
// produces, and what the netlist writers accept).
bool is_aig(const circuit& c);

// Sizes of an AIG as a netlist: AND nodes, inverters (distinct complemented non-constant literals
// used by an AND or an output), AND depth.
struct aig_counts {
  uint64_t ands = 0;
  uint64_t inverters = 0;
  uint32_t depth = 0;
};
aig_counts count_aig(const circuit& aig);

// The decomposition of one gate [sum w_i in_i >= t] (weights may be negative) into `b`, for
// callers assembling their own AIGs. Hashing covers the ANDs of this call (and `b`'s own table if
// it hashes).
lit threshold_to_aig(builder& b, std::span<const lit> in, std::span<const int64_t> w, int64_t t,
                     const to_aig_params& params = {});

}  // namespace tc0
