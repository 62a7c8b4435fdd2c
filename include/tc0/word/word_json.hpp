// The arithmetic circuit as JSON (`compile --word-json`): ops with operands, constants (exact hex),
// modules, named tensors with shapes, and the word-level stats.
#pragma once
#include <nlohmann/json.hpp>

#include "tc0/word/word_circuit.hpp"

namespace tc0::word {

nlohmann::json word_stats_json(const circuit& c);
nlohmann::json word_circuit_json(const circuit& c);

}  // namespace tc0::word
