// BLIF (Berkeley Logic Interchange Format), combinational single-model subset: .model, .inputs,
// .outputs, .names (any cover), .end. What SIS, ABC and Yosys exchange for logic networks.
#pragma once
#include <filesystem>
#include <iosfwd>
#include <string_view>

#include "tc0/circuit/circuit.hpp"
#include "tc0/io/netlist_export.hpp"

namespace tc0 {

// Writes an AIG (is_aig): one two-input .names per AND gate (complemented edges in the cover:
// "01 1" is (not a) and b), internal signals n<node>, input and output bits NAME[i], and one
// buffer, inverter or constant .names per output bit.
netlist_summary write_blif(std::ostream& os, const circuit& aig);

// Reads a combinational BLIF model: each .names cover becomes an OR of ANDs of its cubes
// (complemented for an off-set cover), built with constant folding and without hashing, so a
// buffer or a one-literal cube makes no gate. .names blocks may come in any order. Input and
// output names NAME[0..w-1] form bus NAME. Refused with the line number: .latch, .subckt, .gate
// and other directives, a second .model, signals defined twice or never, cycles, malformed
// covers. Errors: input_error "<where>:<line>: ...".
circuit parse_blif(std::string_view text, std::string_view where);
circuit load_blif(const std::filesystem::path& path);

}  // namespace tc0
