// gen ops over the iterated sum: sum, mul, square, mulc, max (references: plain GMP arithmetic).
#include <string>
#include <vector>

#include "ops.hpp"
#include "tc0/arith/iterated_sum.hpp"
#include "tc0/arith/max.hpp"
#include "tc0/arith/multiply.hpp"
#include "tc0/errors.hpp"

namespace tc0::gen_ops {

namespace {

std::vector<bits> operands(builder& b, const gen_options& o) {
  std::vector<bits> xs;
  for (uint32_t i = 0; i < o.count; ++i) xs.push_back(b.input("x" + std::to_string(i), o.width));
  return xs;
}

mpz_class parse_constant(const gen_options& o) {
  mpz_class c;
  const bool digits = !o.constant.empty() && o.constant.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || c.set_str(o.constant, 10) != 0)
    throw input_error("gen", "mulc: --constant must be a non-negative decimal integer, got '" + o.constant + "'");
  return c;
}

}  // namespace

void build_sum(builder& b, const gen_options& o) { b.output("z", sum(b, operands(b, o), o.regime)); }
bus_values ref_sum(const gen_options& o, const bus_values& in) {
  mpz_class s = 0;
  for (const mpz_class& v : in) s += v;
  return {s};
}

void build_mul(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.width), y = b.input("y", o.width);
  b.output("z", multiply(b, x, y, o.regime));
}
bus_values ref_mul(const gen_options&, const bus_values& in) { return {mpz_class(in[0] * in[1])}; }

void build_square(builder& b, const gen_options& o) { b.output("z", square(b, b.input("x", o.width), o.regime)); }
bus_values ref_square(const gen_options&, const bus_values& in) { return {mpz_class(in[0] * in[0])}; }

void build_mulc(builder& b, const gen_options& o) {
  const mpz_class c = parse_constant(o);
  const bits z = multiply_constant(b, b.input("x", o.width), c, o.regime);
  b.output("z", z);
}
bus_values ref_mulc(const gen_options& o, const bus_values& in) {
  return {mpz_class(in[0] * parse_constant(o))};
}

void build_max(builder& b, const gen_options& o) {
  const max_result r = maximum(b, operands(b, o), o.regime);
  b.output("z", r.z);
  b.output("i", r.idx);
}
bus_values ref_max(const gen_options& o, const bus_values& in) {
  size_t best = 0;
  for (size_t i = 1; i < in.size(); ++i)
    if (in[i] > in[best]) best = i;
  return {in[best], mpz_class(static_cast<unsigned long>(best))};
}

}  // namespace tc0::gen_ops
