// AIGER (format 1.9, combinational subset): binary .aig and ASCII .aag, with the symbol table that
// names every input and output bit NAME[i], so ABC and other tools match signals by name.
#pragma once
#include <filesystem>
#include <iosfwd>
#include <string_view>

#include "tc0/circuit/circuit.hpp"
#include "tc0/io/netlist_export.hpp"

namespace tc0 {

// Writes an AIG (is_aig): inputs are AIGER variables 1..I in bus order (each bus LSB first), AND
// gates follow in node order, outputs in bus order; symbols iK/oK carry NAME[i]; the comment
// section names tc0's version and the circuit. Binary unless `ascii`.
netlist_summary write_aiger(std::ostream& os, const circuit& aig, bool ascii);

// Reads a combinational AIGER file (binary "aig" or ASCII "aag"; latches, bad-state, constraint,
// justice and fairness sections are refused). Each AND becomes an and gate exactly (no hashing,
// no folding). Symbols NAME[0..w-1] form bus NAME (netlist_detail::group_bits); unnamed inputs
// and outputs are named i[K] and o[K] by their AIGER index. ASCII AND gates may come in any order
// (a cycle or an undefined variable is an error). Errors: input_error "<where>:<line>: ..." for
// the text parts, "<where>: byte N: ..." inside the binary AND section and after it.
circuit parse_aiger(std::string_view bytes, std::string_view where);
circuit load_aiger(const std::filesystem::path& path);

}  // namespace tc0
