// gen ops over one or two buses: and, or, maj, thr, parity, popcount, cmp.
#include <bit>
#include <string>

#include "ops.hpp"
#include "tc0/arith/compare.hpp"
#include "tc0/arith/count.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/errors.hpp"

namespace tc0::gen_ops {

mpz_class mask(uint32_t width) { return (mpz_class(1) << width) - 1; }

mpz_class to_signed(const mpz_class& v, uint32_t width) {
  return mpz_tstbit(v.get_mpz_t(), width - 1) ? mpz_class(v - (mpz_class(1) << width)) : v;
}

mpz_class from_signed(const mpz_class& v, uint32_t width) {
  mpz_class r;
  mpz_fdiv_r_2exp(r.get_mpz_t(), v.get_mpz_t(), width);
  return r;
}

namespace {

mpz_class bit_value(bool v) { return mpz_class(v ? 1 : 0); }
uint64_t ones(const mpz_class& v) { return mpz_popcount(v.get_mpz_t()); }

}  // namespace

void build_and(builder& b, const gen_options& o) { b.output("z", and_all(b, b.input("x", o.width), o.regime)); }
void build_or(builder& b, const gen_options& o) { b.output("z", or_any(b, b.input("x", o.width), o.regime)); }
void build_maj(builder& b, const gen_options& o) { b.output("z", majority(b, b.input("x", o.width), o.regime)); }
void build_thr(builder& b, const gen_options& o) {
  b.output("z", threshold(b, b.input("x", o.width), o.weights_list, o.threshold, o.regime));
}
void build_parity(builder& b, const gen_options& o) { b.output("z", parity(b, b.input("x", o.width), o.regime)); }
void build_popcount(builder& b, const gen_options& o) {
  b.output("z", popcount(b, b.input("x", o.width), o.regime));
}
void build_cmp(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.width), y = b.input("y", o.width);
  const compare_result r = compare(b, x, y, o.is_signed, o.regime);
  b.output("lt", r.lt);
  b.output("le", r.le);
  b.output("eq", r.eq);
}

bus_values ref_and(const gen_options& o, const bus_values& in) { return {bit_value(in[0] == mask(o.width))}; }
bus_values ref_or(const gen_options& o, const bus_values& in) { return {bit_value(in[0] != 0)}; }
bus_values ref_maj(const gen_options& o, const bus_values& in) { return {bit_value(ones(in[0]) >= o.width / 2 + 1)}; }
bus_values ref_thr(const gen_options& o, const bus_values& in) {
  mpz_class sum = 0;
  for (uint32_t i = 0; i < o.width; ++i)
    if (mpz_tstbit(in[0].get_mpz_t(), i)) sum += mpz_class(std::to_string(o.weights_list[i]));
  return {bit_value(sum >= mpz_class(std::to_string(o.threshold)))};
}
bus_values ref_parity(const gen_options& o, const bus_values& in) { return {bit_value(ones(in[0]) % 2 == 1)}; }
bus_values ref_popcount(const gen_options& o, const bus_values& in) {
  return {mpz_class(std::to_string(ones(in[0])))};
}
bus_values ref_cmp(const gen_options& o, const bus_values& in) {
  const mpz_class x = o.is_signed ? to_signed(in[0], o.width) : in[0];
  const mpz_class y = o.is_signed ? to_signed(in[1], o.width) : in[1];
  return {bit_value(x < y), bit_value(x <= y), bit_value(x == y)};
}

void check_thr(const gen_options& o) {
  if (o.weights_list.empty() || !o.has_threshold)
    throw input_error("gen", "thr needs --weights-list W1,W2,... and --threshold T");
  if (o.weights_list.size() != o.width)
    throw input_error("gen", "thr: --weights-list has " + std::to_string(o.weights_list.size()) +
                                 " weights but --width is " + std::to_string(o.width));
}

}  // namespace tc0::gen_ops
