// Internal: the gate-level pieces that fdiv, fsqrt and the transcendental blocks share: operand
// decode, threshold helpers, the rounding encode (fp::encode as a circuit) and the special-case output.
#pragma once
#include <gmpxx.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "tc0/arith/gates.hpp"
#include "tc0/circuit/builder.hpp"
#include "tc0/fp/format.hpp"

namespace tc0::fp::gates {

using tc0::at_least;  // [sum w l >= t] as one gate (arith/gates.hpp)
using tc0::linear_form;
lit xor2(builder& b, lit x, lit y, weight_regime regime);

// A float operand's fields and flags (1 layer), optionally its significand normalized (2 layers).
struct operand {
  lit sign, nan, inf, zero, nz;  // nz: exponent field nonzero (the hidden bit)
  bits frac, exponent;
  bits significand;  // p bits: frac and the hidden bit
  bits normalized;   // significand << shift (top bit set unless zero), when asked for
  bits shift;        // leading-zero count of the significand
};
operand decode_operand(builder& b, const float_format& f, const bits& x, bool normalize, weight_regime regime);

// An integer v = value(bits) - offset (bits unsigned, LSB first).
struct offset_int {
  bits v;
  int64_t offset = 0;
  int64_t min() const { return -offset; }
  int64_t max() const { return ((int64_t{1} << v.size()) - 1) - offset; }
};

// E1 = max(E, 1) - bias - lz, the exponent of a normalized operand's leading bit (lz: its shift),
// as one iterated sum; its offset is even (bias + 2^|shift| - 1 terms), so bit 0 is E1's parity.
offset_int leading_exponent(builder& b, const float_format& f, const operand& a, weight_regime regime);

// sum w l mod 2^width for weights of either sign, as one iterated sum (3 layers exp, 4 majority):
// a negative term w l becomes |w| (not l) plus the constant w, so no term carries the dense
// pattern of a negative weight mod 2^width (which would put it in every column). Groups are kept
// for positive terms only (complements of exclusive literals are not exclusive).
struct signed_term {
  lit l;
  mpz_class weight;
  uint32_t group = 0;
};
bits signed_sum(builder& b, const std::vector<signed_term>& terms, uint32_t width, weight_regime regime);

// [g >= v], one gate (constant when the range decides).
lit int_at_least(builder& b, const offset_int& g, int64_t v, weight_regime regime);

// A case of an exclusive family: `form` never exceeds `active` and equals it exactly when the case
// holds (so "case and more" is one threshold gate).
struct exclusive_case {
  linear_form form;
  int64_t active = 0;
  int64_t r = 0;      // encode: bits dropped
  int64_t lead = -1;  // encode, normal cases: the leading one's position
};
// Folds constant literals into `active`; false when the case can never hold.
bool make_case(const linear_form& terms, int64_t active, exclusive_case& out);
// [case holds and every literal of `all` holds and some literal of `any` holds] as one gate.
lit case_gate(builder& b, const exclusive_case& k, const bits& all, const bits& any, weight_regime regime);

// Round to nearest even over exclusive cases: case k drops k.r low bits of sig, so its kept bits
// are sig[r, r + p), its guard sig[r - 1] and its sticky bit the OR below the guard. Each is one
// case_gate per case, ORed over the cases (2 layers); round_up = guard and (sticky or kept[0]).
struct rounding_bits {
  bits kept;  // p bits
  lit guard, sticky, round_up;
};
rounding_bits select_rounding(builder& b, const std::vector<exclusive_case>& cases, const bits& sig, int64_t p,
                              weight_regime regime);

// [pattern >= (2^e - 1) 2^(p-1)], the infinity pattern: the rounded value overflowed (a compare).
lit pattern_overflows(builder& b, const float_format& f, const bits& pattern, weight_regime regime);

// The p + e - 1 bits below the sign: the infinity pattern where inf_out holds, the NaN pattern
// (infinity plus the top fraction bit) where nan holds, else pattern where finite_ok holds (the
// caller makes the three exclusive). One AND and one OR per bit.
bits select_finite_inf_nan(builder& b, const float_format& f, const bits& pattern, lit finite_ok, lit inf_out, lit nan,
                           weight_regime regime);

// sum w l + c (weights of either sign) as an offset_int: negative terms become complemented
// literals, then one iterated sum (3 layers exp, 4 majority; 0 for a single unit term).
offset_int linear_sum(builder& b, const linear_form& terms, int64_t c, weight_regime regime);

// The rounded magnitude of sig * 2^(g - bias), g = the biased exponent a leading one at bit 0
// would have: fp::encode step by step. sig (W bits) is 0 or has its leading one at lead_lo..W-1
// (the caller's promise). Cases, all exclusive: normal with the leading one at T (g + T >= 1),
// dropping T - p + 1 bits; subnormal with g = 2 - p - r, dropping r bits; each kept bit, the guard
// and the sticky bit are one gate per case, ORed; the pattern (g + T - 1) 2^(p-1) + kept +
// round_up is one iterated sum (a rounding carry moves into the exponent by itself).
// pattern: p + e - 1 bits (no sign); overflow: the rounded value is infinite (pattern invalid).
// Depth: exp 9 and majority 11 after sig and g. Size O(p (W - lead_lo + p)) gates.
struct encoded {
  bits pattern;
  lit overflow;
};
encoded encode(builder& b, const float_format& f, const bits& sig, int lead_lo, const offset_int& g,
               weight_regime regime);

// The output pattern: the first case whose flag holds (priority order, highest first) gives its
// constant magnitude, else `magnitude`; the sign bit is `sign` as given. One gate per bit
// (weights 2^k decide the priority: a flag outweighs every lower flag and the magnitude bit).
struct special_case {
  lit when;
  mpz_class magnitude;  // p + e - 1 bits
};
bits assemble(builder& b, const float_format& f, const bits& magnitude, const std::vector<special_case>& cases,
              lit sign, weight_regime regime);

// w mod 2^width in [0, 2^width): a (possibly negative) weight of a width-bit iterated sum.
mpz_class mod_weight(const mpz_class& w, uint32_t width);

// Constant lits of the low `width` bits of v.
bits constant_bits(const mpz_class& v, size_t width);

}  // namespace tc0::fp::gates
