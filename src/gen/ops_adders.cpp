// gen ops add, sub, neg, abs, mux, shift, lzc, normalize: the blocks of arith/{add,shift,normalize}.hpp
// and their references in plain GMP integer arithmetic.
#include <bit>

#include "ops.hpp"
#include "tc0/arith/add.hpp"
#include "tc0/arith/normalize.hpp"
#include "tc0/arith/shift.hpp"

namespace tc0::gen_ops {

namespace {

// s of the shift op: ceil(log2 B) bits, and 1 bit at B = 1 (where ceil(log2 B) = 0): the one
// amount s = 1 >= B then gives shl = shr = 0, sar = x, rol = x.
uint32_t shift_amount_bits(uint32_t width) { return width <= 2 ? 1 : static_cast<uint32_t>(std::bit_width(width - 1)); }

mpz_class low_bits(const mpz_class& v, uint32_t width) {
  mpz_class r;
  mpz_fdiv_r_2exp(r.get_mpz_t(), v.get_mpz_t(), width);
  return r;
}

mpz_class shl(const mpz_class& v, unsigned long s) { return v << s; }
mpz_class shr(const mpz_class& v, unsigned long s) {
  mpz_class r;
  mpz_fdiv_q_2exp(r.get_mpz_t(), v.get_mpz_t(), s);  // floor: arithmetic for negative values
  return r;
}

}  // namespace

void build_add(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.width), y = b.input("y", o.width);
  b.output("z", add(b, x, y, o.regime));
}
bus_values ref_add(const gen_options&, const bus_values& in) { return {mpz_class(in[0] + in[1])}; }

void build_sub(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.width), y = b.input("y", o.width);
  b.output("z", subtract(b, x, y, o.regime).z);
}
bus_values ref_sub(const gen_options& o, const bus_values& in) { return {low_bits(in[0] - in[1], o.width)}; }

void build_neg(builder& b, const gen_options& o) { b.output("z", negate(b, b.input("x", o.width), o.regime)); }
bus_values ref_neg(const gen_options& o, const bus_values& in) { return {low_bits(-in[0], o.width)}; }

void build_abs(builder& b, const gen_options& o) { b.output("z", absolute(b, b.input("x", o.width), o.regime)); }
bus_values ref_abs(const gen_options& o, const bus_values& in) {
  return {low_bits(abs(to_signed(in[0], o.width)), o.width)};
}

void build_mux(builder& b, const gen_options& o) {
  const lit s = b.input_bit("s");
  const bits x = b.input("x", o.width), y = b.input("y", o.width);
  b.output("z", select(b, s, x, y, o.regime));
}
bus_values ref_mux(const gen_options&, const bus_values& in) { return {in[0] != 0 ? in[2] : in[1]}; }

void build_shift(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.width), s = b.input("s", shift_amount_bits(o.width));
  b.output("shl", shift_left(b, x, s, o.regime));
  b.output("shr", shift_right(b, x, s, false, o.regime));
  b.output("sar", shift_right(b, x, s, true, o.regime));
  b.output("rol", rotate_left(b, x, s, o.regime));
}
bus_values ref_shift(const gen_options& o, const bus_values& in) {
  const mpz_class& x = in[0];
  const unsigned long s = in[1].get_ui(), width = o.width;
  const unsigned long k = s >= width ? width : s;  // shifting by >= B: everything shifted out
  const unsigned long r = s % width;
  return {low_bits(shl(x, k), o.width), shr(x, k), low_bits(shr(to_signed(x, o.width), k), o.width),
          low_bits(shl(x, r) | shr(x, width - r), o.width)};
}

void build_lzc(builder& b, const gen_options& o) {
  b.output("z", leading_zero_count(b, b.input("x", o.width), o.regime));
}
bus_values ref_lzc(const gen_options& o, const bus_values& in) {
  const unsigned long bits_used = in[0] == 0 ? 0 : mpz_sizeinbase(in[0].get_mpz_t(), 2);
  return {mpz_class(o.width - bits_used)};
}

void build_normalize(builder& b, const gen_options& o) {
  const normalized n = normalize(b, b.input("x", o.width), o.regime);
  b.output("z", n.z);
  b.output("n", n.shift);
}
bus_values ref_normalize(const gen_options& o, const bus_values& in) {
  const unsigned long bits_used = in[0] == 0 ? 0 : mpz_sizeinbase(in[0].get_mpz_t(), 2);
  const unsigned long lz = o.width - bits_used;
  return {low_bits(shl(in[0], lz), o.width), mpz_class(lz)};
}

}  // namespace tc0::gen_ops
