// Gate-level fsin, fcos: fp::trace_trig's integer steps as circuits (path A: a constant multiply;
// path B: Payne-Hanek with a window of 2/pi selected by the exponent; both built and selected),
// the series in f^2 from CRR powers, then the shared encode of sin or cos by the quadrant.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "exact_sum.hpp"
#include "float_encode.hpp"
#include "float_stages.hpp"
#include "tc0/arith/add.hpp"
#include "tc0/arith/count.hpp"
#include "tc0/arith/crr.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/arith/iterated_sum.hpp"
#include "tc0/arith/multiply.hpp"
#include "tc0/arith/normalize.hpp"
#include "tc0/arith/shift.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/float_transcendental.hpp"
#include "tc0/fp/transcendental.hpp"

namespace tc0::fp {

using namespace gates;

namespace {

mpz_class mod_pow2(const mpz_class& v, uint32_t width) {
  mpz_class r;
  mpz_fdiv_r_2exp(r.get_mpz_t(), v.get_mpz_t(), width);
  return r;
}

}  // namespace

bits stages::float_trig(builder& b, const float_format& f, const bits& x, bool cosine, weight_regime regime,
                        trig_buses* out) {
  const char* where = cosine ? "fcos" : "fsin";
  check_format(f);
  if (f.e > 20) throw input_error(where, "gate-level exponents up to 20 bits, got " + std::to_string(f.e));
  const size_t width = static_cast<size_t>(tc0::fp::width(f));
  if (x.size() != width) throw input_error(where, "the operand must have p + e = " + std::to_string(width) + " bits");
  const trig_plan& pl = plan_trig(f);
  const int64_t p = f.p, e = f.e, bias = (int64_t{1} << (e - 1)) - 1;
  const int64_t Pf = pl.norm_bits, F = pl.frac_bits, H = pl.coeff_bits, Fz = pl.reduce_bits;
  const int ns = static_cast<int>(pl.sin_coeffs.size()) - 1, nc = static_cast<int>(pl.cos_coeffs.size()) - 1;
  const int n_max = std::max(ns, nc);
  std::optional<module_scope> stage;
  stage.emplace(b.scope("reduce"));
  const operand a = decode_operand(b, f, x, true, regime);
  const bits& m = a.normalized;

  // E1 = max(ea,1) - bias - lz (the leading bit's exponent); path A iff E1 <= -2.
  const offset_int e1 = leading_exponent(b, f, a, regime);
  const lit path_b = int_at_least(b, e1, -1, regime), path_a = !path_b;

  // Path A: z = sig C_A = (m C_A) >> lz, so |f| truncated to P_f bits is the top P_f bits of
  // m C_A (leading one at p + P_f - 1 + t) and ef = E1 + t - P_f.
  const bits mc = multiply_constant(b, m, pl.two_over_pi_small, regime);  // p + P_f + 1 bits
  const lit t = mc[static_cast<size_t>(p + Pf)];
  const bits lo_a(mc.begin() + p, mc.begin() + (p + Pf)), hi_a(mc.begin() + (p + 1), mc.begin() + (p + Pf + 1));
  const bits fn_a = select(b, t, lo_a, hi_a, regime);

  // Path B: Zr = (floor(sig W(E) / 2^(p+2)) + 2^(Fz-1)) mod 2^(Fz+2) as one sum over
  // [field = v] sig_k with weight W(E_v) 2^k, exclusive over v for each k.
  const uint32_t zw = static_cast<uint32_t>(Fz + p + 4);
  std::vector<weighted_term> zterms;
  zterms.push_back({lit_true, mpz_class(1) << (Fz + p + 1)});
  for (int64_t v = std::max<int64_t>(bias - 1, 0); v <= (int64_t{1} << e) - 2; ++v) {
    const mpz_class E(static_cast<long>(std::max<int64_t>(v, 1) - bias - (p - 1)));
    const mpz_class w = two_over_pi_window(pl, E);
    bits eq;
    for (int64_t k = 0; k < e; ++k) eq.push_back(a.exponent[k] ^ !((v >> k) & 1));
    for (int64_t k = 0; k < p; ++k) {
      if (k == p - 1 && v == 0) continue;  // no hidden bit
      bits in = eq;
      if (k < p - 1) in.push_back(a.frac[k]);
      zterms.push_back({b.and_(in), mod_pow2(w << k, zw), static_cast<uint32_t>(k + 1)});
    }
  }
  const bits zsum = weighted_sum(b, zterms, zw, regime);
  const bits zr(zsum.begin() + (p + 2), zsum.end());  // Fz + 2 bits
  const lit q0 = b.and_({path_b, zr[Fz]}), q1 = b.and_({path_b, zr[Fz + 1]});
  bits fint(zr.begin(), zr.begin() + Fz);  // (Zr mod 2^Fz) - 2^(Fz-1), two's complement
  fint.back() = !fint.back();
  const lit sf = b.and_({path_b, fint.back()});  // f < 0
  const normalized nb = normalize(b, absolute(b, fint, regime), regime);
  const bits fn_b(nb.z.begin() + (Fz - Pf), nb.z.end());  // ef = -lz - P_f

  // f_n (P_f bits, leading one at P_f - 1) and efp = ef + P_f = A (E1 + t) - B lz.
  const bits fn = select(b, path_a, fn_b, fn_a, regime);
  linear_form ft;
  for (size_t k = 0; k < e1.v.size(); ++k) ft.emplace_back(b.and_({path_a, e1.v[k]}), int64_t{1} << k);
  ft.emplace_back(path_a, -e1.offset);
  ft.emplace_back(b.and_({path_a, t}), 1);
  for (size_t k = 0; k < nb.shift.size(); ++k) ft.emplace_back(b.and_({path_b, nb.shift[k]}), -(int64_t{1} << k));
  offset_int efp = linear_sum(b, ft, 0, regime);
  while (efp.offset >= (int64_t{1} << efp.v.size())) efp.v.push_back(lit_false);

  // V = floor(f_n^2 2^(2 ef + F)) (at most 2^(F-2): F - 1 bits): the square shifted right by
  // s = -(2 ef + F), one exclusive case [efp = val] per value that keeps a bit.
  const bits sq = square(b, fn, regime);  // 2 P_f bits
  const int64_t vw = F - 1;
  std::vector<bits> vterms(static_cast<size_t>(vw));
  for (int64_t val = std::max<int64_t>(efp.min(), -2 * Pf); val <= std::min<int64_t>(efp.max(), 0); ++val) {
    // ef = val - P_f: V_i = sq[i + s] with s = -(2 ef + F) = 2 P_f - 2 val - F.
    const int64_t s = 2 * Pf - 2 * val - F;
    if (s >= 2 * Pf) continue;
    exclusive_case k;
    if (!make_case({{int_at_least(b, efp, val, regime), 1}, {int_at_least(b, efp, val + 1, regime), -1}}, 1, k)) continue;
    for (int64_t i = 0; i < vw; ++i) {
      const int64_t src = i + s;
      if (src < 0 || src >= 2 * Pf) continue;
      vterms[i].push_back(case_gate(b, k, bits{sq[src]}, {}, regime));
    }
  }
  bits V(static_cast<size_t>(vw), lit_false);
  for (int64_t i = 0; i < vw; ++i)
    if (!vterms[i].empty()) V[i] = or_any(b, vterms[i], regime);

  stage.reset();
  stage.emplace(b.scope("powers"));
  const std::vector<bits> pw = n_max >= 2 ? powers(b, V, static_cast<uint32_t>(n_max), regime) : std::vector<bits>{V};

  stage.reset();
  stage.emplace(b.scope("series"));
  // s = f_n S_sin (partial products f_n,a V_n,k with weight (-1)^n A_n 2^(a+k)) and
  // c = S_cos 2^P_f, both positive, below 2^sw, with their leading one at P_f + F + H - 1 or above.
  const uint32_t sw = static_cast<uint32_t>(Pf + F + H + 1);
  auto vn_bits = [&](int n, std::vector<std::pair<lit, int64_t>>& outb) {  // (bit, shift) of V_n
    const bits& vn = pw[static_cast<size_t>(n - 1)];
    for (size_t k = static_cast<size_t>((n - 1) * F); k < vn.size(); ++k)
      outb.emplace_back(vn[k], static_cast<int64_t>(k) - (n - 1) * F);
  };
  std::vector<signed_term> sterms, cterms;
  for (int64_t aa = 0; aa < Pf; ++aa) sterms.push_back({fn[aa], pl.sin_coeffs[0] << (F + aa)});
  cterms.push_back({lit_true, pl.cos_coeffs[0] << (F + Pf)});
  for (int n = 1; n <= n_max; ++n) {
    std::vector<std::pair<lit, int64_t>> vb;
    vn_bits(n, vb);
    for (const auto& [l, sh] : vb) {
      if (n <= ns)
        for (int64_t aa = 0; aa < Pf; ++aa) {
          const mpz_class w = pl.sin_coeffs[static_cast<size_t>(n)] << (aa + sh);
          sterms.push_back({b.and_({fn[aa], l}), n % 2 ? mpz_class(-w) : w});
        }
      if (n <= nc) {
        const mpz_class w = pl.cos_coeffs[static_cast<size_t>(n)] << (sh + Pf);
        cterms.push_back({l, n % 2 ? mpz_class(-w) : w});
      }
    }
  }
  const bits s_prod = signed_sum(b, sterms, sw, regime);
  const bits c_prod = signed_sum(b, cterms, sw, regime);
  if (out) *out = {V, bits{q0, q1}, path_b, sf};

  stage.reset();
  stage.emplace(b.scope("round"));
  // sin: cos when q is odd; cos: cos when q is even. s is at exponent ef - F - H, c at
  // -F - H - P_f: g = (use_cos ? 0 : efp) - P_f - F - H + bias.
  const lit use_cos = cosine ? !q0 : q0;
  const bits sig = select(b, use_cos, s_prod, c_prod, regime);
  offset_int g;
  for (size_t k = 0; k < efp.v.size(); ++k)
    g.v.push_back(((efp.offset >> k) & 1) ? or_any(b, bits{use_cos, efp.v[k]}, regime) : b.and_({!use_cos, efp.v[k]}));
  g.offset = efp.offset + Pf + F + H - bias;
  const encoded enc = encode(b, f, sig, static_cast<int>(Pf + F + H - 1), g, regime);

  // Signs: sin: sx ^ q1 ^ (sf and not q0); cos: q1 ^ (q0 and not sf). NaN for NaN and +-inf;
  // sin(+-0) = +-0 and cos(+-0) = 1 (the sign formulas give sx and 0 there: path A, q = 0).
  const lit sign = cosine ? parity(b, bits{q1, b.and_({q0, !sf})}, regime)
                          : parity(b, bits{a.sign, q1, b.and_({sf, !q0})}, regime);
  const lit nan = or_any(b, bits{a.nan, a.inf}, regime);
  const mpz_class inf_mag = ((mpz_class(1) << e) - 1) << (p - 1);
  const mpz_class nan_mag = inf_mag + (mpz_class(1) << (p - 2));
  const mpz_class zero_result = cosine ? mpz_class(mpz_class(bias) << (p - 1)) : mpz_class(0);
  return assemble(b, f, enc.pattern, {{nan, nan_mag}, {a.zero, zero_result}, {enc.overflow, inf_mag}},
                  b.and_({sign, !nan}), regime);
}

bits float_sin(builder& b, const float_format& f, const bits& x, weight_regime regime) {
  return stages::float_trig(b, f, x, false, regime, nullptr);
}

bits float_cos(builder& b, const float_format& f, const bits& x, weight_regime regime) {
  return stages::float_trig(b, f, x, true, regime, nullptr);
}

}  // namespace tc0::fp
