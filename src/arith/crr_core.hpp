// The Chinese-remainder machinery shared by iterated product, powering and division (private):
// primes and their tables, thermometer codes of bounded integers, residues as one-hot codes, and
// the reconstruction of a value (exact low bits or a fixed-point scaling) from those codes.
// Construction: notes/constructions.md section 3.8 (unfused variant, K from a few fractional bits).
#pragma once
#include <gmpxx.h>

#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

#include "tc0/arith/gates.hpp"
#include "tc0/circuit/builder.hpp"

namespace tc0::crr {

struct prime_info {
  uint32_t p = 0;
  std::vector<uint32_t> power;  // power[e] = g^e mod p for e < p - 1 (g a primitive root)
  std::vector<uint32_t> dlog;   // dlog[v] for v = 1..p-1 (dlog[0] unused)
  mpz_class m_over_p;           // M / p
  uint32_t crt_weight = 0;      // (M / p)^-1 mod p
};

// The first m primes with M = prod p >= 2^(value_bits + 1), so every value X < 2^value_bits has
// X / M < 1/2, and the fractional bits N = ceil(log2(4 m)) that make K exact.
struct plan {
  std::vector<prime_info> primes;
  mpz_class modulus;
  uint32_t frac_bits = 0;
};
plan make_plan(uint32_t value_bits);

using tc0::linear_form;

// [constant + f >= t] in the given regime (negative coefficients allowed).
lit at_least(builder& b, const linear_form& f, int64_t constant, int64_t t, weight_regime regime);

// A bounded integer v in [lo, lo + ge.size()] as its thermometer code: ge[i] = [v >= lo + 1 + i].
struct thermometer_code {
  bits ge;
  int64_t lo = 0;
  int64_t hi() const { return lo + static_cast<int64_t>(ge.size()); }
};

// The thermometer of v = constant + f, known to lie in [lo, hi]: hi - lo gates in one layer.
thermometer_code thermometer_of(builder& b, const linear_form& f, int64_t constant, int64_t lo, int64_t hi,
                                weight_regime regime);

// The residue sum of x mod p as a thermometer: s = constant + sum_l (2^l mod p) x_l (x_l may be
// complemented literals), s = x + constant (mod p). One layer, sum_l (2^l mod p) gates.
thermometer_code residue_sum(builder& b, const bits& x, uint32_t p, int64_t constant, weight_regime regime);

// h(v) for v coded by c, as a linear form over c's gates plus a constant (T2 telescoping).
void add_function(linear_form& f, int64_t& constant, const thermometer_code& c, const std::function<int64_t(int64_t)>& h,
                  int64_t scale);

// One factor of a residue product: a coded integer and the residue (in [0, p)) it stands for.
struct factor {
  const thermometer_code* code;
  std::function<uint32_t(int64_t)> residue;
};

// The one-hot code of c = (prod of the factors' residues) * crt_weight mod p: result[v] = [c = v]
// for v = 1..p-1 (result[0] is lit_false; c = 0 when none fires). One factor: one layer (a function
// of its code). Several: the discrete logs add up (T2), so one thermometer layer of the log sum
// (a sentinel for a zero factor) and one layer of one-hot gates: two layers.
bits residue_one_hot(builder& b, const prime_info& pi, std::span<const factor> fs, weight_regime regime);

// The out_width low bits of X, given c_p = X * crt_weight_p mod p as one-hot codes (one per prime
// of the plan, X < M / 2): K = floor(sum_p c_p / p) by one threshold layer on N fractional bits,
// then X = sum_p c_p M/p - K M by the exclusive-group weighted sum. Depth 1 + the sum's.
bits exact_value(builder& b, const plan& pl, std::span<const bits> one_hots, uint32_t out_width,
                 weight_regime regime);

// floor((T + round_add) / 2^frac) mod 2^out_width, where T = sum_p floor(c_p M/p 2^shift) -
// K ceil(M 2^shift) lies in (X 2^shift - 2m, X 2^shift]: a fixed-point reading of X's top bits
// without its low ones. Depth 1 + the sum's.
bits scaled_value(builder& b, const plan& pl, std::span<const bits> one_hots, int64_t shift, uint32_t frac,
                  const mpz_class& round_add, uint32_t out_width, weight_regime regime);

}  // namespace tc0::crr
