// Writing a circuit in the netlist formats of other tools (AIGER, BLIF, Verilog, Bristol Fashion):
// threshold gates are lowered to an AIG (transform/to_aig.hpp) and the AIG is written; the
// summary says what the written netlist holds, so users see its size and depth.
#pragma once
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

#include "tc0/circuit/circuit.hpp"
#include "tc0/transform/to_aig.hpp"

namespace tc0 {

enum class netlist_format { aiger, aag, blif, verilog, bristol };
const char* netlist_format_name(netlist_format f);  // "aiger", "aag", "blif", "verilog", "bristol"
bool parse_netlist_format(std::string_view name, netlist_format& out);

// What a written netlist holds. `cells` is the format's own gate count: AIGER the AND count A of
// its header; BLIF the .names blocks; Verilog the primitive instances (what `yosys stat` counts);
// Bristol the gate lines (its header's gate count).
struct netlist_summary {
  netlist_format format = netlist_format::aiger;
  uint64_t ands = 0;       // AND gates (Bristol: AND gates after XOR recovery)
  uint64_t inverters = 0;  // NOT cells (Verilog), INV gates (Bristol); 0 where edges carry negation
  uint64_t xors = 0;       // Bristol: XOR gates recovered from the AIG's 3-AND XOR pattern
  uint64_t copies = 0;     // output drivers: BLIF buffers and constants, Bristol EQ/EQW gates
  uint64_t cells = 0;
  uint32_t depth = 0;      // AND levels of the AIG (Bristol: AND and XOR levels)
  // One line, e.g. "aiger: 1234 ands, depth 56".
  std::string describe() const;
};

// `aig` must satisfy is_aig (to_aig's output); throws input_error otherwise.
netlist_summary write_netlist(std::ostream& os, const circuit& aig, netlist_format f);

// to_aig (unless `c` already is an AIG), then write_netlist to `path` atomically.
netlist_summary export_netlist(const circuit& c, netlist_format f, const std::filesystem::path& path,
                               const to_aig_params& params = {});

}  // namespace tc0
