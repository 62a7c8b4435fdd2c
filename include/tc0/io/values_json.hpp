// Integer values in simulate JSON: JSON integers, decimal / "0x.." / "0b.." strings, or 0/1 arrays
// (LSB first) on input; JSON integers below 2^53, decimal strings above, or bit arrays on output.
#pragma once
#include <string>
#include <vector>

#include <gmpxx.h>
#include <nlohmann/json.hpp>

#include "tc0/circuit/circuit.hpp"
#include "tc0/sim/patterns.hpp"

namespace tc0 {

// Parses one value for a bus of `width` bits; `where` names the JSON location for errors.
mpz_class parse_bus_value(const nlohmann::json& v, uint32_t width, const std::string& where);
nlohmann::json bus_value_to_json(const mpz_class& v, uint32_t width, bool as_bits);

// {"inputs": {..}} or {"vectors": [{..}, ..]} -> one pattern per object; every input bus required,
// unknown names are errors. `vectors_form` reports which shape was given.
pattern_set parse_input_vectors(const circuit& c, const nlohmann::json& doc, const std::string& where,
                                bool& vectors_form);
// One {"NAME": value} object per pattern of `values` (buses of `buses`, bits in bus order).
nlohmann::json bus_objects(const std::vector<bus>& buses, const pattern_set& values, uint64_t pattern,
                           bool as_bits);

}  // namespace tc0
