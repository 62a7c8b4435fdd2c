// bfvp and afe as problems: the formula grammar, solver and generator behind the problem
// interface, and the circuit's binary read-out of the one-hot value.
#include <random>

#include "problems_internal.hpp"
#include "tc0/errors.hpp"
#include "tc0/problems/formula.hpp"

namespace tc0::problems_detail {

namespace {

constexpr uint32_t max_formula_circuit_size = 2048;

class formula_problem final : public problem {
 public:
  explicit formula_problem(formula_grammar g) : g_(std::move(g)) {}
  std::string name() const override { return g_.name; }
  uint32_t num_codes() const override { return g_.num_codes(); }
  uint32_t pad() const override { return g_.pad(); }
  std::vector<std::pair<std::string, uint32_t>> outputs() const override { return {{"z", value_width()}}; }

  std::string text_of(std::span<const uint32_t> tokens) const override { return formula_text(g_, tokens); }
  std::vector<uint32_t> parse_text(std::string_view text) const override { return parse_formula_text(g_, text); }

  std::vector<named_value> solve(std::span<const uint32_t> tokens) const override {
    return {{"z", evaluate_formula(g_, tokens)}};
  }

  std::vector<instance> generate(uint32_t size, uint64_t count, uint64_t seed) const override {
    const uint32_t fit = formula_fit_length(g_, size);
    if (fit == 0) throw input_error("--size", "no " + g_.name + " formula fits in " + std::to_string(size) + " tokens");
    std::vector<formula_shape> shapes = {formula_shape::balanced, formula_shape::left,   formula_shape::right,
                                         formula_shape::zigzag,   formula_shape::random, formula_shape::short_};
    if (g_.boolean) shapes.push_back(formula_shape::nots);
    std::mt19937_64 rng(seed);
    std::vector<instance> out;
    for (uint64_t j = 0; j < count; ++j) {
      const formula_shape shape = shapes[j % shapes.size()];
      uint32_t len = fit;
      formula_shape use = shape;
      if (shape == formula_shape::short_) {
        len = formula_fit_length(g_, 1 + static_cast<uint32_t>(rng() % fit));
        use = static_cast<formula_shape>(rng() % 5);
      }
      std::vector<uint32_t> w = random_formula(g_, len, use, rng);
      instance inst;
      inst.length = len;
      inst.text = formula_text(g_, w);
      inst.nesting = formula_depth(g_, w);
      w.resize(size, g_.pad());
      inst.tokens = std::move(w);
      inst.outputs = solve(inst.tokens);
      inst.shape = formula_shape_name(shape);
      out.push_back(std::move(inst));
    }
    return out;
  }

  circuit build(uint32_t size, weight_regime regime) const override {
    if (size > max_formula_circuit_size)
      throw input_error("--size", g_.name + " circuits have O(N^2) gates and are built up to N = " +
                                      std::to_string(max_formula_circuit_size) + " (about 25M gates there), got " +
                                      std::to_string(size));
    std::vector<bits> t;
    builder b = start(size, t);
    const std::vector<lit> value = formula_value(b, g_, t, regime);
    auto scope = b.scope("readout");
    bits z(value_width());
    for (uint32_t k = 0; k < z.size(); ++k) {
      std::vector<lit> in;
      for (uint32_t v = 0; v < g_.modulus; ++v)
        if ((v >> k) & 1u) in.push_back(value[v]);
      z[k] = b.or_(in);
    }
    b.output("z", z);
    return finish(std::move(b), size, regime);
  }

  nlohmann::json describe() const override {
    nlohmann::json j = {{"problem", g_.name}};
    if (!g_.boolean) j["modulus"] = g_.modulus;
    return j;
  }

 private:
  uint32_t value_width() const {
    uint32_t w = 1;
    while ((1u << w) < g_.modulus) ++w;
    return w;
  }
  formula_grammar g_;
};

}  // namespace

std::unique_ptr<problem> make_bfvp() { return std::make_unique<formula_problem>(bfvp_grammar()); }
std::unique_ptr<problem> make_afe(uint32_t modulus) { return std::make_unique<formula_problem>(afe_grammar(modulus)); }

}  // namespace tc0::problems_detail
