// Internal: gate-level decode, encode (round to nearest even) and special-case output for the
// float blocks that compute an exact integer first (fdiv, fsqrt, fexp, frsqrt, fsin, fcos).
#include "float_encode.hpp"

#include <algorithm>
#include <bit>
#include <map>

#include "tc0/arith/compare.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/arith/iterated_sum.hpp"
#include "tc0/arith/normalize.hpp"

namespace tc0::fp::gates {

lit xor2(builder& b, lit x, lit y, weight_regime regime) {
  return or_any(b, bits{b.and_({x, !y}), b.and_({!x, y})}, regime);
}

mpz_class mod_weight(const mpz_class& w, uint32_t width) {
  mpz_class r;
  mpz_fdiv_r_2exp(r.get_mpz_t(), w.get_mpz_t(), width);
  return r;
}

bits constant_bits(const mpz_class& v, size_t width) {
  bits out(width);
  for (size_t i = 0; i < width; ++i) out[i] = constant_lit(mpz_tstbit(v.get_mpz_t(), i));
  return out;
}

operand decode_operand(builder& b, const float_format& f, const bits& x, bool normalize_it, weight_regime regime) {
  const size_t n = static_cast<size_t>(f.p - 1);
  operand o;
  o.frac.assign(x.begin(), x.begin() + n);
  o.exponent.assign(x.begin() + n, x.begin() + n + f.e);
  o.sign = x.back();
  o.nz = or_any(b, o.exponent, regime);
  const lit ones = and_all(b, o.exponent, regime), frac_nonzero = or_any(b, o.frac, regime);
  o.nan = b.and_({ones, frac_nonzero});
  o.inf = b.and_({ones, !frac_nonzero});
  o.zero = b.and_({!o.nz, !frac_nonzero});
  o.significand = o.frac;
  o.significand.push_back(o.nz);
  if (normalize_it) {
    const normalized nz = normalize(b, o.significand, regime);
    o.normalized = nz.z;
    o.shift = nz.shift;
  }
  return o;
}

offset_int linear_sum(builder& b, const linear_form& terms, int64_t c, weight_regime regime) {
  std::vector<weighted_term> wt;
  int64_t total = 0;
  for (const auto& [l, w] : terms) {
    if (w == 0 || l == lit_false) continue;
    if (l == lit_true) {
      c += w;
      continue;
    }
    if (w > 0) {
      wt.push_back({l, mpz_class(static_cast<long>(w))});
      total += w;
    } else {  // w l = |w| (not l) - |w|
      wt.push_back({!l, mpz_class(static_cast<long>(-w))});
      total += -w;
      c += w;
    }
  }
  offset_int r;
  r.offset = -c;
  if (wt.empty()) return r;
  if (wt.size() == 1 && wt[0].weight == 1) {
    r.v = {wt[0].l};
    return r;
  }
  const uint32_t width = static_cast<uint32_t>(std::bit_width(static_cast<uint64_t>(total)));
  r.v = weighted_sum(b, wt, width, regime);
  return r;
}

offset_int leading_exponent(builder& b, const float_format& f, const operand& a, weight_regime regime) {
  const int64_t bias = (int64_t{1} << (f.e - 1)) - 1;
  linear_form et;
  for (size_t k = 0; k < a.exponent.size(); ++k) et.emplace_back(a.exponent[k], int64_t{1} << k);
  et.emplace_back(!a.nz, 1);
  for (size_t k = 0; k < a.shift.size(); ++k) et.emplace_back(a.shift[k], -(int64_t{1} << k));
  return linear_sum(b, et, -bias, regime);
}

bool make_case(const linear_form& terms, int64_t active, exclusive_case& out) {
  out.form.clear();
  out.active = active;
  int64_t max_value = 0;
  for (const auto& [l, w] : terms) {
    if (l == lit_true) {
      out.active -= w;
    } else if (l != lit_false) {
      out.form.emplace_back(l, w);
      max_value += std::max<int64_t>(w, 0);
    }
  }
  return max_value >= out.active;
}

lit case_gate(builder& b, const exclusive_case& k, const bits& all, const bits& any, weight_regime regime) {
  const int64_t big = static_cast<int64_t>(all.size() + std::max<size_t>(any.size(), 1));
  linear_form g;
  for (const auto& [l, w] : k.form) g.emplace_back(l, w * big);
  for (lit l : all) g.emplace_back(l, static_cast<int64_t>(any.size()) + 1);
  for (lit l : any) g.emplace_back(l, 1);
  const int64_t need = big * k.active + static_cast<int64_t>(all.size()) * (static_cast<int64_t>(any.size()) + 1) +
                       (any.empty() ? 0 : 1);
  return at_least(b, g, need, regime);
}

bits signed_sum(builder& b, const std::vector<signed_term>& terms, uint32_t width, weight_regime regime) {
  std::vector<weighted_term> wt;
  mpz_class constant = 0;
  for (const signed_term& t : terms) {
    if (sgn(t.weight) >= 0) {
      wt.push_back({t.l, t.weight, t.group});
    } else {
      wt.push_back({!t.l, mpz_class(-t.weight), 0});
      constant += t.weight;
    }
  }
  mpz_fdiv_r_2exp(constant.get_mpz_t(), constant.get_mpz_t(), width);
  if (constant != 0) wt.push_back({lit_true, constant});
  return weighted_sum(b, wt, width, regime);
}

lit int_at_least(builder& b, const offset_int& g, int64_t v, weight_regime regime) {
  if (v <= g.min()) return lit_true;
  if (v > g.max()) return lit_false;
  linear_form form;
  for (size_t i = 0; i < g.v.size(); ++i) form.emplace_back(g.v[i], int64_t{1} << i);
  return at_least(b, form, v + g.offset, regime);
}

rounding_bits select_rounding(builder& b, const std::vector<exclusive_case>& cases, const bits& sig, int64_t p,
                              weight_regime regime) {
  const int64_t width = static_cast<int64_t>(sig.size());
  // OR over the cases of [case and some bit of sig in [lo, hi)].
  auto pick = [&](auto index_range) {
    bits terms;
    for (const exclusive_case& k : cases) {
      const auto [lo, hi] = index_range(k.r);
      bits in;
      for (int64_t j = std::max<int64_t>(lo, 0); j < std::min<int64_t>(hi, width); ++j) in.push_back(sig[j]);
      if (in.empty()) continue;
      terms.push_back(case_gate(b, k, {}, in, regime));
    }
    return terms.empty() ? lit_false : or_any(b, terms, regime);
  };
  rounding_bits rb;
  rb.kept.resize(static_cast<size_t>(p));
  for (int64_t i = 0; i < p; ++i) rb.kept[i] = pick([i](int64_t r) { return std::pair{r + i, r + i + 1}; });
  rb.guard = pick([](int64_t r) { return std::pair{r - 1, r}; });
  rb.sticky = pick([](int64_t r) { return std::pair<int64_t, int64_t>{0, r - 1}; });
  rb.round_up = at_least(b, {{rb.guard, 2}, {rb.sticky, 1}, {rb.kept[0], 1}}, 3, regime);
  return rb;
}

lit pattern_overflows(builder& b, const float_format& f, const bits& pattern, weight_regime regime) {
  const mpz_class inf_pattern = ((mpz_class(1) << f.e) - 1) << (f.p - 1);
  return !compare(b, pattern, constant_bits(inf_pattern, pattern.size()), false, regime).lt;
}

bits select_finite_inf_nan(builder& b, const float_format& f, const bits& pattern, lit finite_ok, lit inf_out, lit nan,
                           weight_regime regime) {
  const mpz_class inf_pattern = ((mpz_class(1) << f.e) - 1) << (f.p - 1);
  bits z(static_cast<size_t>(f.p + f.e - 1));
  for (size_t i = 0; i < z.size(); ++i) {
    const bool inf_bit = mpz_tstbit(inf_pattern.get_mpz_t(), i);
    const bool nan_bit = inf_bit || i == static_cast<size_t>(f.p - 2);
    bits terms{b.and_({pattern[i], finite_ok})};
    if (inf_bit) terms.push_back(inf_out);
    if (nan_bit) terms.push_back(nan);
    z[i] = or_any(b, terms, regime);
  }
  return z;
}

encoded encode(builder& b, const float_format& f, const bits& sig, int lead_lo, const offset_int& g,
               weight_regime regime) {
  const int64_t p = f.p, e = f.e, W = static_cast<int64_t>(sig.size());
  lead_lo = std::max(lead_lo, 0);
  linear_form gform;
  for (size_t i = 0; i < g.v.size(); ++i) gform.emplace_back(g.v[i], int64_t{1} << i);
  std::map<int64_t, lit> ge_cache;
  auto g_at_least = [&](int64_t v) {
    if (v <= g.min()) return lit_true;
    if (v > g.max()) return lit_false;
    auto it = ge_cache.find(v);
    if (it != ge_cache.end()) return it->second;
    const lit l = at_least(b, gform, v + g.offset, regime);
    ge_cache.emplace(v, l);
    return l;
  };

  std::vector<exclusive_case> cases;
  for (int64_t T = lead_lo; T < W; ++T) {  // normal: leading one at T, g + T >= 1
    linear_form lead{{sig[T], 1}};
    for (int64_t j = T + 1; j < W; ++j) lead.emplace_back(sig[j], -1);
    const lit lead_t = T + 1 == W ? sig[T] : at_least(b, lead, 1, regime);
    exclusive_case k;
    if (!make_case({{lead_t, 1}, {g_at_least(1 - T), 1}}, 2, k)) continue;
    k.r = T - p + 1;
    k.lead = T;
    cases.push_back(k);
  }
  for (int64_t r = lead_lo - p + 2; r <= W; ++r) {  // subnormal: g = 2 - p - r, no bit at or above r + p - 1
    const int64_t v = 2 - p - r;
    linear_form terms{{g_at_least(v), 1}, {g_at_least(v + 1), -1}};
    for (int64_t j = std::max<int64_t>(r + p - 1, 0); j < W; ++j) terms.emplace_back(sig[j], -1);
    exclusive_case k;
    if (!make_case(terms, 1, k)) continue;
    k.r = r;
    cases.push_back(k);
  }
  const rounding_bits rb = select_rounding(b, cases, sig, p, regime);

  // pattern = [normal at T] (g + T - 1) 2^(p-1) + kept + round_up, mod 2^pw.
  const int64_t top_exponent = std::max<int64_t>(g.max() + W + 1, int64_t{1} << e);
  const uint32_t pw = static_cast<uint32_t>(p - 1 + std::bit_width(static_cast<uint64_t>(top_exponent)) + 1);
  std::vector<weighted_term> pterms;
  for (const exclusive_case& k : cases) {
    if (k.lead < 0) continue;
    const mpz_class w = mod_weight(mpz_class(static_cast<long>(k.lead - 1 - g.offset)) << (p - 1), pw);
    if (w != 0) pterms.push_back({case_gate(b, k, {}, {}, regime), w});
    for (size_t i = 0; i < g.v.size(); ++i)
      pterms.push_back({case_gate(b, k, bits{g.v[i]}, {}, regime), mpz_class(1) << (i + p - 1)});
  }
  for (int64_t i = 0; i < p; ++i) pterms.push_back({rb.kept[i], mpz_class(1) << i});
  pterms.push_back({rb.round_up, 1});
  const bits pattern = weighted_sum(b, pterms, pw, regime);

  encoded out;
  out.overflow = pattern_overflows(b, f, pattern, regime);
  out.pattern.assign(pattern.begin(), pattern.begin() + (p + e - 1));
  return out;
}

bits assemble(builder& b, const float_format& f, const bits& magnitude, const std::vector<special_case>& cases,
              lit sign, weight_regime regime) {
  const size_t n = static_cast<size_t>(f.p + f.e - 1);
  bits z(n + 1);
  for (size_t i = 0; i < n; ++i) {
    linear_form form{{magnitude[i], 1}};
    int64_t weight = int64_t{2} << cases.size();
    for (const special_case& c : cases) {
      weight >>= 1;
      form.emplace_back(c.when, mpz_tstbit(c.magnitude.get_mpz_t(), i) ? weight : -weight);
    }
    z[i] = at_least(b, form, 1, regime);
  }
  z[n] = sign;
  return z;
}

}  // namespace tc0::fp::gates
