// gen ops fsum and fdot: K floats summed or dotted, rounded once (references: fp::fsum, fp::fdot).
#include <string>
#include <vector>

#include "ops.hpp"
#include "tc0/fp/float_sum.hpp"
#include "tc0/fp/sum.hpp"

namespace tc0::gen_ops {

namespace {

fp::float_format format_of(const gen_options& o) { return {static_cast<int>(o.p), static_cast<int>(o.e)}; }

fp::accumulation mode_of(const gen_options& o) {
  if (o.accumulate == "exact") return fp::accumulation::exact;
  if (o.accumulate == "window") return fp::accumulation::window;
  return fp::default_accumulation(format_of(o));
}

std::vector<bits> operands(builder& b, const gen_options& o, const char* name) {
  std::vector<bits> xs;
  for (uint32_t i = 0; i < o.count; ++i) xs.push_back(b.input(name + std::to_string(i), o.p + o.e));
  return xs;
}

}  // namespace

void build_fsum(builder& b, const gen_options& o) {
  const std::vector<bits> xs = operands(b, o, "x");
  b.output("z", fp::float_sum(b, format_of(o), xs, mode_of(o), o.regime));
}
bus_values ref_fsum(const gen_options& o, const bus_values& in) { return {fp::fsum(format_of(o), in, mode_of(o))}; }

void build_fdot(builder& b, const gen_options& o) {
  const std::vector<bits> xs = operands(b, o, "x"), ys = operands(b, o, "y");
  b.output("z", fp::float_dot(b, format_of(o), xs, ys, mode_of(o), o.regime));
}
bus_values ref_fdot(const gen_options& o, const bus_values& in) {
  const std::span<const mpz_class> all(in);
  return {fp::fdot(format_of(o), all.first(o.count), all.subspan(o.count, o.count), mode_of(o))};
}

}  // namespace tc0::gen_ops
