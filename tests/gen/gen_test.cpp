// gen: every op builds with the fixed bus names, records its source, verifies with 0 mismatches;
// a broken circuit is caught; bad options give pinned errors.
#include <doctest/doctest.h>

#include "tc0/analysis/stats.hpp"
#include "tc0/errors.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/gen/verify.hpp"

using namespace tc0;

namespace {

gen_options opts(std::string op, uint32_t width, weight_regime r = weight_regime::exp, bool is_signed = false) {
  gen_options o;
  o.op = std::move(op);
  o.width = width;
  o.regime = r;
  o.is_signed = is_signed;
  if (o.op == "sum" || o.op == "max") o.count = 3;
  if (o.op == "mulc") o.constant = "1000003";
  if (o.op == "thr") {
    for (uint32_t i = 0; i < width; ++i) o.weights_list.push_back(static_cast<int64_t>(i % 7) - 2);
    o.threshold = 3;
    o.has_threshold = true;
  }
  return o;
}

std::string bus_names(const std::vector<bus>& buses) {
  std::string s;
  for (const bus& b : buses) s += b.name + "(" + std::to_string(b.lits.size()) + ") ";
  return s;
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("gen: op names in table order") {
  CHECK(gen_op_names() == std::vector<std::string>{"and", "or",  "maj",   "thr",  "parity", "popcount", "cmp", "add",
                                                   "sub", "neg", "abs",   "mux",  "shift",  "lzc",      "normalize",
                                                   "sum", "mul", "square", "mulc", "max",   "prod",     "pow", "div", "recip",
                                                   "fadd", "fsub", "fmul", "fcmp", "fmax", "fsum", "fdot", "fdiv", "fsqrt", "fexp", "frsqrt", "fsin", "fcos"});
}

TEST_CASE("gen: bus names / circuit name and source record are the documented ones") {
  circuit c = generate(opts("cmp", 8));
  CHECK(c.name() == "cmp8");
  CHECK(bus_names(c.inputs()) == "x(8) y(8) ");
  CHECK(bus_names(c.outputs()) == "lt(1) le(1) eq(1) ");
  CHECK(c.source() == R"({"kind":"gen","op":"cmp","signed":false,"weights":"exp","width":8})");
  circuit p = generate(opts("popcount", 9, weight_regime::majority));
  CHECK(bus_names(p.inputs()) == "x(9) ");
  CHECK(bus_names(p.outputs()) == "z(4) ");
  CHECK(p.source() == R"({"kind":"gen","op":"popcount","signed":false,"weights":"majority","width":9})");
  circuit t = generate(opts("thr", 3));
  CHECK(t.source() ==
        R"({"kind":"gen","op":"thr","signed":false,"threshold":3,"weights":"exp","weights_list":[-2,-1,0],"width":3})");
}

TEST_CASE("gen: every op verifies with 0 mismatches / exhaustive (8 bits) and random (40 / 100 bits) / both regimes") {
  // The ops whose blocks exist; every op joins this list when it lands.
  const std::vector<std::string> built{"and", "or", "maj", "thr", "parity", "popcount", "cmp", "add", "sub", "neg", "abs", "mux", "shift", "lzc", "normalize", "sum", "mulc", "max"};
  for (const std::string& op : built)
    for (weight_regime r : {weight_regime::exp, weight_regime::majority})
      for (bool is_signed : {false, true})
        for (uint32_t width : {1u, 8u, 40u, 100u}) {
          CAPTURE(op);
          CAPTURE(std::string(regime_name(r)));
          CAPTURE(is_signed);
          CAPTURE(width);
          circuit c = generate(opts(op, width, r, is_signed));
          verify_result v = verify_circuit(c, 300, 5);
          CHECK(v.mismatches == 0);
          CHECK(v.first_mismatch == "");
          const uint32_t bits = c.num_input_bits();
          if (bits <= 16) CHECK(v.vectors == (uint64_t{1} << bits));
          else CHECK(v.vectors > 300);
        }
}

TEST_CASE("gen: verify reports a circuit with one output literal flipped") {
  circuit good = generate(opts("cmp", 8));
  circuit_storage s = good.storage();
  s.outputs[2].lits[0] = !s.outputs[2].lits[0];  // eq inverted
  circuit bad = circuit::from_storage(std::move(s));
  verify_result v = verify_circuit(bad, 100, 1);
  CHECK(v.vectors == 65536);
  CHECK(v.mismatches == 65536);
  CHECK(v.first_mismatch == "inputs x=0 y=0: expected lt=0 le=1 eq=1, got lt=0 le=1 eq=0");
  // Wide: the flip in lt shows up on random vectors too.
  circuit wide = generate(opts("cmp", 64));
  circuit_storage w = wide.storage();
  w.outputs[0].lits[0] = !w.outputs[0].lits[0];
  verify_result vw = verify_circuit(circuit::from_storage(std::move(w)), 200, 3);
  CHECK(vw.mismatches == vw.vectors);
}

TEST_CASE("gen: bad options and sources give pinned errors") {
  CHECK_THROWS_WITH_AS(generate(opts("mul2", 8)),
                       "gen: unknown op 'mul2' (known: and, or, maj, thr, parity, popcount, cmp, add, sub, neg, abs, mux, shift, lzc, "
                       "normalize, sum, mul, square, mulc, max, prod, pow, div, recip, fadd, fsub, fmul, fcmp, fmax, fsum, fdot, fdiv, fsqrt, fexp, frsqrt, fsin, fcos)", input_error);
  CHECK_THROWS_WITH_AS(generate(opts("and", 0)), "gen: --width must be 1..4096, got 0", input_error);
  gen_options f = opts("fmul", 8);
  CHECK_THROWS_WITH_AS(generate(f), "gen: fmul needs --p P --e E with 2 <= P, 2 <= E, P + E <= 256", input_error);
  f.p = 250;
  f.e = 8;
  CHECK_THROWS_WITH_AS(generate(f), "gen: fmul needs --p P --e E with 2 <= P, 2 <= E, P + E <= 256", input_error);
  CHECK_THROWS_WITH_AS(generate(opts("and", 4097)), "gen: --width must be 1..4096, got 4097", input_error);
  gen_options t = opts("thr", 4);
  t.has_threshold = false;
  CHECK_THROWS_WITH_AS(generate(t), "gen: thr needs --weights-list W1,W2,... and --threshold T", input_error);
  t = opts("thr", 4);
  t.weights_list.pop_back();
  CHECK_THROWS_WITH_AS(generate(t), "gen: thr: --weights-list has 3 weights but --width is 4", input_error);
  CHECK_THROWS_WITH_AS(generate(opts("cmp", 2000)),
                       "compare: exp-regime comparison is depth 2 only up to 1160 bits (weights < 2^30); got 2000 "
                       "bits; use the majority regime",
                       input_error);
  circuit plain;
  CHECK_THROWS_WITH_AS(verify_circuit(plain, 10, 1), "verify: circuit records no reference (source)", input_error);
  circuit other = generate(opts("and", 4));
  other.set_source(R"({"kind":"compile"})");
  CHECK_THROWS_WITH_AS(verify_circuit(other, 10, 1), "verify: circuit records no reference (source)", input_error);
  other.set_source("not json");
  CHECK_THROWS_WITH_AS(verify_circuit(other, 10, 1), "verify: circuit records no reference (source)", input_error);
}

TEST_CASE("gen: gen_reference computes from the source alone") {
  nlohmann::json src = nlohmann::json::parse(R"({"kind":"gen","op":"cmp","signed":true,"weights":"exp","width":4})");
  // x = -1 (0b1111), y = 1: lt, le, not eq.
  CHECK(gen_reference(src, {mpz_class(15), mpz_class(1)}) == bus_values{1, 1, 0});
  nlohmann::json pc = nlohmann::json::parse(R"({"kind":"gen","op":"popcount","signed":false,"weights":"exp","width":300})");
  CHECK(gen_reference(pc, {mpz_class((mpz_class(1) << 300) - 1)}) == bus_values{300});
}
}
