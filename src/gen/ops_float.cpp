// gen ops over the gate-level float blocks (references: the word-level soft float, GMP only).
#include "ops.hpp"
#include "tc0/fp/arithmetic.hpp"
#include "tc0/fp/float_blocks.hpp"

namespace tc0::gen_ops {

namespace {

fp::float_format format_of(const gen_options& o) { return {static_cast<int>(o.p), static_cast<int>(o.e)}; }

}  // namespace

void build_fadd(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.p + o.e), y = b.input("y", o.p + o.e);
  b.output("z", fp::float_add(b, format_of(o), x, y, false, o.regime));
}
bus_values ref_fadd(const gen_options& o, const bus_values& in) { return {fp::fadd(format_of(o), in[0], in[1])}; }

void build_fsub(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.p + o.e), y = b.input("y", o.p + o.e);
  b.output("z", fp::float_add(b, format_of(o), x, y, true, o.regime));
}
bus_values ref_fsub(const gen_options& o, const bus_values& in) { return {fp::fsub(format_of(o), in[0], in[1])}; }

void build_fmul(builder& b, const gen_options& o) {
  const fp::float_format f = format_of(o);
  const bits x = b.input("x", o.p + o.e), y = b.input("y", o.p + o.e);
  b.output("z", fp::float_multiply(b, f, x, y, o.regime));
}
bus_values ref_fmul(const gen_options& o, const bus_values& in) { return {fp::fmul(format_of(o), in[0], in[1])}; }

void build_fcmp(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.p + o.e), y = b.input("y", o.p + o.e);
  const fp::float_compare_result r = fp::float_compare(b, format_of(o), x, y, o.regime);
  b.output("lt", r.lt);
  b.output("le", r.le);
  b.output("eq", r.eq);
  b.output("un", r.un);
}
bus_values ref_fcmp(const gen_options& o, const bus_values& in) {
  const fp::float_format f = format_of(o);
  auto v = [](bool t) { return mpz_class(t ? 1 : 0); };
  return {v(fp::flt(f, in[0], in[1])), v(fp::fle(f, in[0], in[1])), v(fp::feq(f, in[0], in[1])),
          v(fp::funordered(f, in[0], in[1]))};
}

void build_fmax(builder& b, const gen_options& o) {
  const bits x = b.input("x", o.p + o.e), y = b.input("y", o.p + o.e);
  b.output("z", fp::float_max(b, format_of(o), x, y, o.regime));
}
bus_values ref_fmax(const gen_options& o, const bus_values& in) { return {fp::fmax(format_of(o), in[0], in[1])}; }

}  // namespace tc0::gen_ops
