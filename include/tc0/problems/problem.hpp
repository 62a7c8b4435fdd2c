// The NC1 problems behind `tc0 problem` (bfvp, afe, s5, closure, automaton): one interface for the
// token encoding, the seeded generator, the direct reference solver and the log-depth circuit.
//
// Circuits (depth in both regimes, N = tokens; constructions in formula.hpp and automaton.hpp):
//   bfvp     8 log2 N + 4 (exp) / + 6 (majority), O(N^2) gates; N = 1024: 6.1M gates, depth 84
//   afe      19 log2 N - 30 (exp, q = 7) / - 28 (majority), O(N^2) gates; N = 1024: 12.6M gates
//   s5       2 ceil(log2 N) + 4 (unit weights only), 296 N gates
//   closure  2 ceil(log2 ceil(N/3)) + 3 for the default F (12 states), about 314 N gates
//   automaton  2 + 2 ceil(log2 ceil(N/k)) + 1, O((N/k)((L+1)^k + Q^3)) gates (word_product)
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tc0/circuit/builder.hpp"
#include "tc0/circuit/circuit.hpp"
#include "tc0/problems/automaton.hpp"
#include "tc0/problems/closure.hpp"

namespace tc0 {

// One output bus value: z first, then the problem's extra outputs (s5: id), in bus order.
struct named_value {
  std::string name;
  uint64_t value = 0;
  friend bool operator==(const named_value&, const named_value&) = default;
};

// A generated instance: the padded tokens (exactly `size` codes, the circuit's input), the
// readable text of the unpadded word, and the correct outputs.
struct instance {
  std::vector<uint32_t> tokens;
  uint32_t length = 0;             // tokens before the padding
  std::string text;
  std::vector<named_value> outputs;
  std::string shape;               // which generator family made it ("balanced", "deep-left", ...)
  std::optional<uint32_t> nesting; // formulas: nesting depth of the parse tree
};

struct problem_options {
  uint32_t modulus = 7;                        // afe: q, a prime 2..61
  std::optional<closure_language> closure;     // closure: F (default: default_closure_language())
  std::optional<automaton> dfa;                // automaton: the user's DFA (required)
  std::string dfa_path;                        // where it came from (recorded in the source)
};

class problem {
 public:
  virtual ~problem() = default;
  virtual std::string name() const = 0;
  // Token codes 0..num_codes()-1, the pad included; inputs are ceil(log2 num_codes()) bits.
  virtual uint32_t num_codes() const = 0;
  virtual uint32_t pad() const = 0;
  uint32_t token_width() const;
  // Output buses: name and width, z first.
  virtual std::vector<std::pair<std::string, uint32_t>> outputs() const = 0;

  // Readable text of a token sequence (pads dropped) and its inverse; parse errors are
  // input_error("position I", ...) with I the character offset.
  virtual std::string text_of(std::span<const uint32_t> tokens) const = 0;
  virtual std::vector<uint32_t> parse_text(std::string_view text) const = 0;

  // The direct reference answer. `tokens` may carry pads (formulas: only at the end). Malformed
  // input throws input_error("position I", ...) with I the token index.
  virtual std::vector<named_value> solve(std::span<const uint32_t> tokens) const = 0;

  // `count` instances of at most `size` tokens from `seed` (deterministic), a mix of the
  // generator's shapes, each padded to `size`. input_error if no instance fits in `size`.
  virtual std::vector<instance> generate(uint32_t size, uint64_t count, uint64_t seed) const = 0;

  // The gate circuit that solves every instance of `size` tokens: inputs t0..t{size-1}, outputs
  // as outputs(). Records source_json(size) as its source.
  virtual circuit build(uint32_t size, weight_regime regime) const = 0;

  // Options and facts for reports: {"problem": name, ...} (closure/automaton: the monoid report).
  virtual nlohmann::json describe() const = 0;
  // {"kind": "problem", "problem": name, "size": N, "weights": ..., options}: what `verify`
  // needs to rebuild the reference.
  nlohmann::json source_json(uint32_t size, weight_regime regime) const;

 protected:
  // Starts a circuit with the token inputs t0..t{size-1}.
  builder start(uint32_t size, std::vector<bits>& tokens) const;
  circuit finish(builder&& b, uint32_t size, weight_regime regime) const;
};

// Known names, in documentation order: bfvp, afe, s5, closure, automaton.
std::vector<std::string> problem_names();
// input_error("problem", ...) for an unknown name or options that do not fit the problem.
std::unique_ptr<problem> make_problem(std::string_view name, const problem_options& options = {});
// The problem recorded in a circuit's source (see source_json), or input_error.
std::unique_ptr<problem> problem_from_source(const nlohmann::json& source, uint32_t* size, weight_regime* regime);

// One JSON line of the instance files: {"tokens", "text", "answer" (= z), extras by name,
// "length", "shape"}.
nlohmann::json instance_to_json(const instance& inst);
// Reads one line back (tokens and, if present, the recorded outputs); `where` names the line.
instance instance_from_json(const problem& p, const nlohmann::json& j, const std::string& where);

inline constexpr uint32_t max_problem_size = 1u << 16;

}  // namespace tc0
