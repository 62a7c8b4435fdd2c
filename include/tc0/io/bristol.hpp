// Bristol Fashion (the MPC circuit format of SCALE-MAMBA and the Bristol circuit collection):
// gates XOR, AND, INV, EQ, EQW, MAND over numbered wires; inputs first, outputs last.
#pragma once
#include <filesystem>
#include <iosfwd>
#include <string_view>

#include "tc0/circuit/circuit.hpp"
#include "tc0/io/netlist_export.hpp"

namespace tc0 {

// Writes an AIG (is_aig). One input value per input bus and one output value per output bus, in
// bus order, first wire = LSB. The AIG's XOR pattern and(not and(p, q), not and(not p, not q))
// becomes one XOR gate (free in MPC); other ANDs become AND gates; a complemented edge becomes one
// INV per node; output wires are driven directly by their gate where the polarity allows, else
// by EQW (copy), INV or EQ (constant). summary: ands, xors, inverters, copies (EQ + EQW),
// cells = the header's gate count, depth = AND and XOR levels.
netlist_summary write_bristol(std::ostream& os, const circuit& aig);

// Reads basic and extended (MAND) Bristol Fashion. Input values become buses in0, in1, ...,
// output values out0, out1, ... (interfaces.md), first wire = LSB. AND -> and gate; XOR(a, b) ->
// g = and(a, b) and maj(a, b, not g, not g; t = 3) (2 gates, unit weights, depth 2); INV, EQ,
// EQW -> literals only (no gate); MAND -> one and gate per pair. No hashing, no folding. Refused
// with the line number: wrong counts, unknown kinds, wires out of range, read before written or
// written twice, outputs never written, declared sizes larger than the file can hold.
circuit parse_bristol(std::string_view text, std::string_view where);
circuit load_bristol(const std::filesystem::path& path);

}  // namespace tc0
