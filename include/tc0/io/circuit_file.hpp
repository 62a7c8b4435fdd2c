// Reading and writing a circuit by file extension: the one entry point the CLI and examples use.
#pragma once
#include <filesystem>
#include <string>

#include "tc0/circuit/circuit.hpp"

namespace tc0 {

// ".tc0" native binary, ".json" tc0-circuit/1, ".aig"/".aag" AIGER, ".blif" BLIF, ".txt"/".bristol"
// Bristol Fashion. `format` (tc0, json, aiger, aag, blif, bristol) overrides the extension when
// non-empty.
circuit load_circuit_file(const std::filesystem::path& path, const std::string& format = "");
// Native binary, written atomically.
void save_circuit_file(const circuit& c, const std::filesystem::path& path);

}  // namespace tc0
