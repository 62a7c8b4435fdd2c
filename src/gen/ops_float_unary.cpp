// gen ops over the gate-level float blocks that compute an exact integer first and round once:
// fdiv, fsqrt, fexp, frsqrt, fsin, fcos (references: the word-level soft float, GMP only).
#include "ops.hpp"
#include "tc0/fp/arithmetic.hpp"
#include "tc0/fp/float_blocks.hpp"
#include "tc0/fp/float_transcendental.hpp"
#include "tc0/fp/transcendental.hpp"

namespace tc0::gen_ops {

namespace {

fp::float_format float_format_of(const gen_options& o) { return {static_cast<int>(o.p), static_cast<int>(o.e)}; }

}  // namespace

void build_fdiv(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.p + o.e), y = b.input("y", o.p + o.e);
  b.output("z", fp::float_divide(b, float_format_of(o), x, y, o.regime));
}
bus_values ref_fdiv(const gen_options& o, const bus_values& in) { return {fp::fdiv(float_format_of(o), in[0], in[1])}; }

void build_fexp(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.p + o.e);
  b.output("z", fp::float_exp(b, float_format_of(o), x, o.regime));
}
bus_values ref_fexp(const gen_options& o, const bus_values& in) { return {fp::fexp(float_format_of(o), in[0])}; }

void build_frsqrt(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.p + o.e);
  b.output("z", fp::float_rsqrt(b, float_format_of(o), x, o.regime));
}
bus_values ref_frsqrt(const gen_options& o, const bus_values& in) { return {fp::frsqrt(float_format_of(o), in[0])}; }

void build_fsqrt(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.p + o.e);
  b.output("z", fp::float_sqrt(b, float_format_of(o), x, o.regime));
}
bus_values ref_fsqrt(const gen_options& o, const bus_values& in) { return {fp::fsqrt(float_format_of(o), in[0])}; }

void build_fsin(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.p + o.e);
  b.output("z", fp::float_sin(b, float_format_of(o), x, o.regime));
}
bus_values ref_fsin(const gen_options& o, const bus_values& in) { return {fp::fsin(float_format_of(o), in[0])}; }

void build_fcos(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.p + o.e);
  b.output("z", fp::float_cos(b, float_format_of(o), x, o.regime));
}
bus_values ref_fcos(const gen_options& o, const bus_values& in) { return {fp::fcos(float_format_of(o), in[0])}; }

}  // namespace tc0::gen_ops
