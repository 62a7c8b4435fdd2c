// The tc0-circuit/1 JSON format (interfaces.md): export for visualization and other tools, and
// import of hand-written or foreign circuits. Notes on what import accepts: docs/formats.md.
#pragma once
#include <filesystem>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tc0/circuit/circuit.hpp"

namespace tc0 {

struct json_export_options {
  // Omit "gates"; each module carries gates, edges, depth_from, depth_to of its subtree instead.
  bool modules_only = false;
  // Embedded verbatim under "stats" (the caller computes it, e.g. with analysis/stats).
  std::optional<nlohmann::json> stats;
};

nlohmann::json circuit_to_json(const circuit& c, const json_export_options& options = {});

// Node ids in the document may be any increasing numbering; they are renumbered densely in id
// order. Gates are stored exactly as given (no hashing, no folding). Every error is a
// tc0::input_error "<where>: <json location>: <what was expected>".
circuit circuit_from_json(const nlohmann::json& doc, std::string_view where);
// Parses `text` first; malformed JSON is an input_error with the byte position.
circuit parse_json_circuit(std::string_view text, std::string_view where);
circuit load_json_circuit(const std::filesystem::path& path);

}  // namespace tc0
