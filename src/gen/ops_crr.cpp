// gen ops over the Chinese-remainder blocks: prod, pow, div, recip (references: GMP arithmetic).
#include <string>
#include <vector>

#include "ops.hpp"
#include "tc0/arith/crr.hpp"
#include "tc0/arith/divide.hpp"
#include "tc0/errors.hpp"

namespace tc0::gen_ops {

void build_prod(builder& b, const gen_options& o) {
  std::vector<bits> xs;
  for (uint32_t i = 0; i < o.count; ++i) xs.push_back(b.input("x" + std::to_string(i), o.width));
  b.output("z", product(b, xs, o.regime));
}
bus_values ref_prod(const gen_options&, const bus_values& in) {
  mpz_class z = 1;
  for (const mpz_class& v : in) z *= v;
  return {z};
}

void build_pow(builder& b, const gen_options& o) {
  const std::vector<bits> zs = powers(b, b.input("x", o.width), o.count, o.regime);
  for (size_t j = 0; j < zs.size(); ++j) b.output("z" + std::to_string(j + 1), zs[j]);
}
bus_values ref_pow(const gen_options& o, const bus_values& in) {
  bus_values out;
  mpz_class z = 1;
  for (uint32_t j = 1; j <= o.count; ++j) out.push_back(z *= in[0]);
  return out;
}

void build_div(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.width), y = b.input("y", o.width);
  const quotient_remainder qr = o.is_signed ? divide_signed(b, x, y, o.regime) : divide(b, x, y, o.regime);
  b.output("q", qr.q);
  b.output("r", qr.r);
}
bus_values ref_div(const gen_options& o, const bus_values& in) {
  const mpz_class ones = (mpz_class(1) << o.width) - 1;
  if (in[1] == 0) return {ones, in[0]};
  if (!o.is_signed) return {mpz_class(in[0] / in[1]), mpz_class(in[0] % in[1])};
  const mpz_class x = to_signed(in[0], o.width), y = to_signed(in[1], o.width);
  mpz_class q, r;
  mpz_tdiv_qr(q.get_mpz_t(), r.get_mpz_t(), x.get_mpz_t(), y.get_mpz_t());
  return {from_signed(q, o.width), from_signed(r, o.width)};
}

void build_recip(builder& b, const gen_options& o) {
  b.output("z", reciprocal(b, b.input("y", o.width), o.frac_bits, o.regime));
}
bus_values ref_recip(const gen_options& o, const bus_values& in) {
  const mpz_class ones = (mpz_class(1) << o.frac_bits) - 1;
  if (in[0] == 0) return {ones};
  const mpz_class q = (mpz_class(1) << o.frac_bits) / in[0];
  return {q > ones ? ones : q};
}

}  // namespace tc0::gen_ops
