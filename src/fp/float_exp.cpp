// Gate-level fexp: fp::trace_exp's integer steps as circuits (one-hot shift, two linear forms for
// Tang's reduction, CRR powers, one weighted sum, a table product), then the shared encode.
#include <optional>
#include <string>
#include <vector>

#include "float_encode.hpp"
#include "float_stages.hpp"
#include "tc0/arith/crr.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/arith/iterated_sum.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/float_transcendental.hpp"
#include "tc0/fp/transcendental.hpp"

namespace tc0::fp {

using namespace gates;

namespace {

// AND of the e exponent literals that say "exponent field = v".
bits field_equals(const bits& field, uint64_t v) {
  bits in;
  for (size_t k = 0; k < field.size(); ++k) in.push_back(field[k] ^ !((v >> k) & 1));
  return in;
}

}  // namespace

bits stages::float_exp(builder& b, const float_format& f, const bits& x, weight_regime regime, exp_buses* out) {
  check_format(f);
  if (f.e > 20) throw input_error("fexp", "gate-level exponents up to 20 bits, got " + std::to_string(f.e));
  const size_t width = static_cast<size_t>(tc0::fp::width(f));
  if (x.size() != width) throw input_error("fexp", "the operand must have p + e = " + std::to_string(width) + " bits");
  const exp_plan& pl = plan_exp(f);
  const int64_t p = f.p, e = f.e, bias = (int64_t{1} << (e - 1)) - 1;
  const int64_t t = pl.table_bits, F = pl.frac_bits, e1 = pl.range_bits, S = pl.margin_bits, G = pl.guard_bits;
  const int N = pl.terms;
  std::optional<module_scope> stage;
  stage.emplace(b.scope("reduce"));
  const operand a = decode_operand(b, f, x, false, regime);

  // |x| >= 2^e1: exponent field >= e1 + bias (subnormals never).
  linear_form eform;
  for (size_t k = 0; k < a.exponent.size(); ++k) eform.emplace_back(a.exponent[k], int64_t{1} << k);
  const lit saturate = at_least(b, eform, e1 + bias, regime);

  // X = x 2^F truncated toward zero, |X| < 2^(e1 + F): for every field value v below the
  // saturation, significand bit m lands at m + max(v,1) - bias - p + 1 + F. One AND per
  // (v, m, sign), one OR per bit and sign: xpos - xneg = X.
  const int64_t xw = e1 + F;
  std::vector<bits> pos_terms(static_cast<size_t>(xw)), neg_terms(static_cast<size_t>(xw));
  const int64_t v_max = std::min<int64_t>(e1 + bias - 1, (int64_t{1} << e) - 2);
  for (int64_t v = 0; v <= v_max; ++v) {
    const int64_t s = std::max<int64_t>(v, 1) - bias - p + 1 + F;
    if (s + p - 1 < 0) continue;
    const bits eq = field_equals(a.exponent, static_cast<uint64_t>(v));
    for (int64_t m = 0; m < p; ++m) {
      const int64_t pos = m + s;
      if (pos < 0 || pos >= xw) continue;
      if (m == p - 1 && v == 0) continue;  // no hidden bit
      bits in = eq;
      if (m < p - 1) in.push_back(a.frac[m]);
      for (bool neg : {false, true}) {
        bits g = in;
        g.push_back(a.sign ^ !neg);
        (neg ? neg_terms : pos_terms)[pos].push_back(b.and_(g));
      }
    }
  }
  bits xpos(static_cast<size_t>(xw), lit_false), xneg(static_cast<size_t>(xw), lit_false);
  for (int64_t i = 0; i < xw; ++i) {
    if (!pos_terms[i].empty()) xpos[i] = or_any(b, pos_terms[i], regime);
    if (!neg_terms[i].empty()) xneg[i] = or_any(b, neg_terms[i], regime);
  }

  // j = floor((X C - 2^(F + e1 + 1)) / 2^(F + S)): the top bits of one two's-complement sum.
  const uint32_t jw = static_cast<uint32_t>(e1 + F + t + S + 3);
  std::vector<signed_term> jterms;
  for (int64_t i = 0; i < xw; ++i) {
    const mpz_class w = pl.inv_ln2 << i;
    jterms.push_back({xpos[i], w});
    jterms.push_back({xneg[i], -w});
  }
  jterms.push_back({lit_true, -(mpz_class(1) << (F + e1 + 1))});
  const bits jsum = signed_sum(b, jterms, jw, regime);
  const bits j(jsum.begin() + (F + S), jsum.end());  // two's complement, e1 + t + 3 bits
  const int64_t jb = static_cast<int64_t>(j.size());

  // R = floor((X 2^G - j L) / 2^G) in (0, 2^(F - t)): the sum mod 2^(G + F - t) is exact.
  const uint32_t rw = static_cast<uint32_t>(G + F - t);
  std::vector<signed_term> rterms;
  for (int64_t i = 0; i < xw; ++i) {
    const mpz_class w = mpz_class(1) << (i + G);
    rterms.push_back({xpos[i], w});
    rterms.push_back({xneg[i], -w});
  }
  for (int64_t k = 0; k < jb; ++k) {
    const mpz_class w = pl.ln2 << k;  // j_top has weight -2^(jb-1): -j L gets +L 2^(jb-1) from it
    rterms.push_back({j[k], k + 1 == jb ? w : mpz_class(-w)});
  }
  const bits rsum = signed_sum(b, rterms, rw, regime);
  const bits R(rsum.begin() + G, rsum.end());  // F - t bits

  stage.reset();
  stage.emplace(b.scope("powers"));
  // R^1..R^N exactly; U_n = floor(R^n / 2^((n-1) F)) are their top bits.
  const std::vector<bits> pw = N >= 2 ? powers(b, R, static_cast<uint32_t>(N), regime) : std::vector<bits>{R};
  stage.reset();
  stage.emplace(b.scope("series"));
  // table[i] P with P = sum_n A_n U_n (U_0 = 2^F) and i = j mod 2^t one-hot, as one sum: the
  // terms [i == v] U_{n,k} with weight table[v] A_n 2^k, exclusive over v for each (n, k). The
  // product lies in [2^(3F), 2^(3F+2)).
  std::vector<lit> cell(size_t{1} << t);
  for (size_t v = 0; v < cell.size(); ++v) {
    bits in;
    for (int64_t k = 0; k < t; ++k) in.push_back(j[k] ^ !((v >> k) & 1));
    cell[v] = b.and_(in);
  }
  std::vector<weighted_term> tterms;
  uint32_t group = 0;
  ++group;
  for (size_t v = 0; v < cell.size(); ++v) tterms.push_back({cell[v], (pl.table[v] * pl.coeffs[0]) << F, group});
  for (int n = 1; n <= N; ++n) {
    const bits& rn = pw[static_cast<size_t>(n - 1)];
    for (size_t k = static_cast<size_t>((n - 1) * F); k < rn.size(); ++k) {
      ++group;
      const mpz_class w = pl.coeffs[static_cast<size_t>(n)] << (k - static_cast<size_t>((n - 1) * F));
      for (size_t v = 0; v < cell.size(); ++v) tterms.push_back({b.and_({cell[v], rn[k]}), pl.table[v] * w, group});
    }
  }
  const bits product = weighted_sum(b, tterms, static_cast<uint32_t>(3 * F + 2), regime);
  if (out) *out = {j, R, product};

  stage.reset();
  stage.emplace(b.scope("round"));
  // encode(+, product, k - 3F) with k = j >> t (two's complement: its top bit complemented makes
  // it unsigned with offset 2^(kb-1)).
  offset_int g;
  g.v.assign(j.begin() + t, j.end());
  g.v.back() = !g.v.back();
  g.offset = (int64_t{1} << (g.v.size() - 1)) + 3 * F - bias;
  const encoded enc = encode(b, f, product, static_cast<int>(3 * F), g, regime);

  // NaN; +inf for +inf and large positive x; +0 for -inf and large negative x; overflow.
  const lit big = or_any(b, bits{a.inf, saturate}, regime);
  const mpz_class inf_mag = ((mpz_class(1) << e) - 1) << (p - 1);
  const mpz_class nan_mag = inf_mag + (mpz_class(1) << (p - 2));
  return assemble(b, f, enc.pattern,
                  {{a.nan, nan_mag}, {b.and_({big, !a.sign}), inf_mag}, {b.and_({big, a.sign}), mpz_class(0)},
                   {enc.overflow, inf_mag}},
                  lit_false, regime);
}

bits float_exp(builder& b, const float_format& f, const bits& x, weight_regime regime) {
  return stages::float_exp(b, f, x, regime, nullptr);
}

}  // namespace tc0::fp
