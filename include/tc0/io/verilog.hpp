// Structural Verilog export: an AIG as and/not primitive instances, for simulators (Icarus) and
// synthesis tools (Yosys). Export only.
#pragma once
#include <iosfwd>

#include "tc0/circuit/circuit.hpp"
#include "tc0/io/netlist_export.hpp"

namespace tc0 {

// Writes an AIG (is_aig) as one module named after the circuit: one vector port per bus
// (`input [w-1:0] NAME`, so bit i is NAME[i]), one `and` instance per AND gate, one `not`
// instance per node used complemented, and `assign`s for the output bits (which make no cells).
// Names that are not plain identifiers (or are keywords) are written as escaped identifiers.
// summary.cells = ands + inverters = the cell count `yosys -p "read_verilog F; stat"` reports.
netlist_summary write_verilog(std::ostream& os, const circuit& aig);

}  // namespace tc0
