// `tc0 gen`: one arithmetic block as a whole circuit with fixed bus names, plus the word-level
// reference (plain GMP integers) that `verify` checks it against.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <gmpxx.h>
#include <nlohmann/json.hpp>

#include "tc0/circuit/builder.hpp"
#include "tc0/circuit/circuit.hpp"

namespace tc0 {

struct gen_options {
  std::string op;
  uint32_t width = 8;
  uint32_t count = 2;
  bool is_signed = false;
  weight_regime regime = weight_regime::exp;
  std::vector<int64_t> weights_list;  // thr
  int64_t threshold = 0;              // thr
  bool has_threshold = false;         // thr: --threshold was given
  std::string constant;               // mulc: the constant C, decimal (any size)
  uint32_t frac_bits = 0;             // recip: F, the output width (floor(2^F / y))
  uint32_t p = 0, e = 0;              // float ops: the format (p, e); width is then unused
  std::string accumulate = "auto";    // fsum, fdot: "auto" | "exact" | "window" (fp/sum.hpp)
};

inline constexpr uint32_t max_gen_width = 4096;

// The known ops, in table order.
std::vector<std::string> gen_op_names();

// Builds the block named by o.op with the bus names of docs (interfaces.md "gen"); the circuit is
// named op + width (e.g. "cmp8") and records its options as compact JSON in circuit::source(),
// e.g. {"kind":"gen","op":"cmp","signed":false,"weights":"exp","width":8}.
// Bad options throw input_error("gen", ...).
circuit generate(const gen_options& o);

// One value per bus, as the unsigned number its bits spell (two's complement patterns for signed
// buses), in the circuit's bus order.
using bus_values = std::vector<mpz_class>;

// The expected output bus values for the given input bus values, computed from the recorded
// options with GMP integer arithmetic only (no gate code). Throws input_error on a source that
// is not a gen record or on values that do not fit their buses.
bus_values gen_reference(const nlohmann::json& source, const bus_values& inputs);

// The options recorded in a gen source (inverse of what generate records).
gen_options gen_options_from_source(const nlohmann::json& source);
nlohmann::json gen_source(const gen_options& o);

}  // namespace tc0
