// Gate-level fsum / fdot: terms aligned into one two's-complement accumulator (exact: by their
// exponents; window: by their distance to the largest term), S and S - 1 as iterated sums, then
// one rounding selection over exclusive cases whose pieces are the terms of one pattern sum.
#include "tc0/fp/float_sum.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "float_encode.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/arith/iterated_sum.hpp"
#include "tc0/errors.hpp"

namespace tc0::fp {

namespace {

using gates::at_least;
using gates::case_gate;
using gates::exclusive_case;
using gates::linear_form;
using gates::make_case;
using gates::mod_weight;
using gates::operand;
using gates::xor2;

bool fuse_rounding(const float_sum_params& params, weight_regime regime) {
  if (params.rounding == float_sum_params::fusion::automatic) return regime == weight_regime::exp;
  return params.rounding == float_sum_params::fusion::fused;
}

int64_t ceil_log2(size_t k) {
  int64_t lg = 0;
  while ((size_t{1} << lg) < k) ++lg;
  return lg;
}

// A float operand's fields and flags (1 layer), without the normalized significand.
operand decode_operand(builder& b, const float_format& f, const bits& x, weight_regime regime) {
  return gates::decode_operand(b, f, x, false, regime);
}

// The special-value state of the whole sum (sum.hpp): NaN, infinities of each sign, every term -0.
struct special_flags {
  lit nan = lit_false, pos_inf = lit_false, neg_inf = lit_false, all_neg_zero = lit_false;
};

// Combines per-term flags: NaN if any term is NaN or both infinities occur.
special_flags combine_specials(builder& b, const bits& nan, const bits& pos_inf, const bits& neg_inf,
                               const bits& neg_zero, weight_regime regime) {
  special_flags s;
  s.pos_inf = or_any(b, pos_inf, regime);
  s.neg_inf = or_any(b, neg_inf, regime);
  bits n = nan;
  n.push_back(b.and_({s.pos_inf, s.neg_inf}));
  s.nan = or_any(b, n, regime);
  s.all_neg_zero = and_all(b, neg_zero, regime);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Accumulation. Positions are integers: position j stands for 2^(j + w0) for a per-op w0. A term
// contributes its two's complement over the accumulator: bit j is s XOR (magnitude bit j), and
// +1 when negative. Each bit is given as a list of mutually exclusive literals.

struct term_columns {
  std::vector<bits> col;  // col[j]: exclusive literals whose OR is bit j of the complemented term
  bits plus_one;          // exclusive literals, weight 1 (the +1 of a negative term)
};

// Exact alignment: the significand sits at position pos(u) + m for the exponent bus value u.
struct exact_term {
  lit sign = lit_false;
  bits bus;                 // exponent bus u, LSB first (empty: u = 0)
  int64_t u_max = 0;        // largest meaningful u (larger values: specials, magnitude don't-care)
  bool zero_as_one = false; // u = 0 sits where u = 1 does (subnormal exponent)
  int64_t offset = 0;       // pos(u) = max(u, zero_as_one) + offset
  bits sig0, sig1;          // significand for u = 0 and for u >= 1 (same width)

  int64_t pos(int64_t u) const { return (zero_as_one && u == 0 ? 1 : u) + offset; }
  int64_t top_max() const { return pos(u_max) + static_cast<int64_t>(sig1.size()); }
};

// [value of bus >= c] and [value of bus <= c] combined with a literal (AND), one gate each.
lit bus_at_least_and(builder& b, const bits& bus, int64_t c, lit with, weight_regime regime) {
  const int64_t big = int64_t{1} << bus.size();
  if (c <= 0) return with;
  if (c >= big) return lit_false;
  linear_form g{{with, big}};
  for (size_t i = 0; i < bus.size(); ++i) g.emplace_back(bus[i], int64_t{1} << i);
  return at_least(b, g, big + c, regime);
}
lit bus_at_most_and(builder& b, const bits& bus, int64_t c, lit with, weight_regime regime) {
  const int64_t big = int64_t{1} << bus.size();
  if (c < 0) return lit_false;
  if (c >= big - 1) return with;
  linear_form g{{with, big}};
  for (size_t i = 0; i < bus.size(); ++i) g.emplace_back(bus[i], -(int64_t{1} << i));
  return at_least(b, g, big - c, regime);
}

term_columns exact_columns(builder& b, const exact_term& t, int64_t width, weight_regime regime) {
  term_columns tc;
  tc.col.resize(static_cast<size_t>(width));
  const lit s = t.sign;
  const int64_t ws = static_cast<int64_t>(t.sig1.size());
  const int64_t bus_max = (int64_t{1} << t.bus.size()) - 1;
  const int64_t u_max = std::min(t.u_max, bus_max);
  auto conj = [&](int64_t u) {
    bits c;
    for (size_t i = 0; i < t.bus.size(); ++i) c.push_back((u >> i) & 1 ? t.bus[i] : !t.bus[i]);
    return c;
  };
  for (int64_t j = 0; j < width; ++j) {
    bits& out = tc.col[static_cast<size_t>(j)];
    int64_t below_from = -1, above_to = -1;  // u >= below_from: term above j; u <= above_to: term below j
    for (int64_t u = 0; u <= u_max; ++u) {
      const int64_t m = j - t.pos(u);
      if (m < 0) {
        if (below_from < 0) below_from = u;
        continue;
      }
      if (m >= ws) {
        above_to = u;
        continue;
      }
      const lit sm = (u == 0 ? t.sig0 : t.sig1)[static_cast<size_t>(m)];
      bits pos_in = conj(u), neg_in = conj(u);
      pos_in.push_back(!s);
      pos_in.push_back(sm);
      neg_in.push_back(s);
      neg_in.push_back(!sm);
      for (const bits* in : {&pos_in, &neg_in}) {
        const lit g = b.and_(*in);
        if (g != lit_false) out.push_back(g);
      }
    }
    // Values past u_max are don't-care, so "u >= below_from" and "u <= above_to" may include them.
    if (below_from >= 0) {
      const lit g = below_from == 0 ? s : bus_at_least_and(b, t.bus, below_from, s, regime);
      if (g != lit_false) out.push_back(g);
    }
    if (above_to >= 0) {
      const lit g = above_to >= u_max ? s : bus_at_most_and(b, t.bus, above_to, s, regime);
      if (g != lit_false) out.push_back(g);
    }
  }
  tc.plus_one.push_back(s);
  return tc;
}

// Window alignment (sum.hpp, docs/floats.md 4.2): sig bit m of term i lands at window position
// m + W - delta_i with delta_i = H - pos_i; positions below 0 are lost (sticky, and a negative
// term rounds toward minus infinity).
// The significand is one of several exclusive alternatives (e.g. normal / subnormal, so that the
// position can be the raw exponent field and needs no gate of its own); exactly one `when` holds.
struct significand_alternative {
  lit when = lit_true;
  bits sig;   // all alternatives of a term have the same width
  bits lead;  // lead[m] = [when and the leading one of sig is bit m] (unless fixed_bitlen >= 0)
};

struct window_term {
  lit sign = lit_false;
  linear_form pos;  // position of sig bit 0: pos + pos_c
  int64_t pos_c = 0;
  int64_t pos_min = 0, pos_max = 0;
  std::vector<significand_alternative> alts;
  int64_t fixed_bitlen = -1;  // >= 0: every term's top is pos + fixed_bitlen; else from the leads
  lit nonzero = lit_true;     // with leads: the term is nonzero (zero terms stay out of the max)

  size_t sig_width() const { return alts.front().sig.size(); }
};

linear_form top_form(const window_term& t, int64_t big) {
  linear_form f = t.pos;
  for (const significand_alternative& a : t.alts)
    for (size_t m = 0; m < a.lead.size(); ++m) f.emplace_back(a.lead[m], static_cast<int64_t>(m) + 1);
  f.emplace_back(t.nonzero, big);
  return f;
}

// Rounding frame: G0 = g_base - H is the bit of |V| (V = 2S + sticky) where the subnormal grid
// starts; H is constant (h_lo = h_hi) or given by thresholds.
struct frame_model {
  int64_t g_base = 0;
  int64_t h_lo = 0, h_hi = 0;
  std::vector<lit> ge;  // ge[v - h_lo - 1] = [H >= v] for v in (h_lo, h_hi]

  lit at_least_h(int64_t v) const {
    if (v <= h_lo) return lit_true;
    if (v > h_hi) return lit_false;
    return ge[static_cast<size_t>(v - h_lo - 1)];
  }
  linear_form equal_h(int64_t v) const { return {{at_least_h(v), 1}, {at_least_h(v + 1), -1}}; }
};

struct accumulated {
  bits s, s1;  // S and S - 1, two's complement
  lit sticky = lit_false;
  frame_model frame;
};

// S and S - 1 from the columns of every term.
accumulated sum_columns(builder& b, const std::vector<term_columns>& terms, int64_t width, bool fuse,
                        weight_regime regime) {
  const uint32_t w = static_cast<uint32_t>(width);
  std::vector<weighted_term> wt;
  uint32_t group = 0;
  for (const term_columns& t : terms) {
    for (size_t j = 0; j < t.col.size() && j < w; ++j) {
      const bits& c = t.col[j];
      if (c.empty()) continue;
      const mpz_class weight = mpz_class(1) << j;
      if (fuse && c.size() > 1) {
        ++group;
        for (lit l : c) wt.push_back({l, weight, group});
      } else {
        wt.push_back({or_any(b, c, regime), weight, 0});
      }
    }
    ++group;
    for (lit l : t.plus_one) wt.push_back({l, 1, t.plus_one.size() > 1 ? group : 0});
  }
  accumulated a;
  a.s = weighted_sum(b, wt, w, regime);
  wt.push_back({lit_true, (mpz_class(1) << w) - 1, 0});
  a.s1 = weighted_sum(b, wt, w, regime);
  return a;
}

// Exclusive terms of one group never sum with each other, so bit q of their sum is the OR of the
// terms whose weight has bit q: one OR layer turns a tall group into one term per weight bit.
std::vector<weighted_term> or_exclusive_groups(builder& b, const std::vector<weighted_term>& terms, uint32_t width,
                                               weight_regime regime) {
  std::vector<weighted_term> out;
  std::vector<uint32_t> ids;
  for (const weighted_term& t : terms) {
    if (t.group == 0) {
      out.push_back(t);
    } else if (std::find(ids.begin(), ids.end(), t.group) == ids.end()) {
      ids.push_back(t.group);
    }
  }
  for (uint32_t g : ids) {
    std::vector<bits> by_bit(width);
    for (const weighted_term& t : terms) {
      if (t.group != g) continue;
      const mpz_class w = mod_weight(t.weight, width);
      for (uint32_t q = 0; q < width; ++q)
        if (mpz_tstbit(w.get_mpz_t(), q)) by_bit[q].push_back(t.l);
    }
    for (uint32_t q = 0; q < width; ++q)
      if (!by_bit[q].empty()) out.push_back({or_any(b, by_bit[q], regime), mpz_class(1) << q, 0});
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rounding of V = 2S + sticky (a bit below S) and the output selection.

bits round_and_select(builder& b, const float_format& f, const accumulated& acc, const special_flags& sp, bool fuse,
                      weight_regime regime) {
  const module_scope scope = b.scope("round");
  const int64_t p = f.p, e = f.e;
  const bits& S = acc.s;
  const bits& S1 = acc.s1;
  const lit st = acc.sticky;
  const frame_model& fm = acc.frame;
  const int64_t ws = static_cast<int64_t>(S.size()), wv = ws + 1;
  const lit neg = S.back();

  // |V| in three exclusive variants: S >= 0; S < 0 without sticky (-2S = 2 ~(S - 1)); S < 0 with
  // sticky (-2S - 1 = 2 ~S + 1).
  struct variant {
    bits mag;
    linear_form cond;
    int64_t active;
  };
  std::vector<variant> vs(3);
  vs[0].mag.push_back(st);
  vs[1].mag.push_back(lit_false);
  vs[2].mag.push_back(lit_true);
  for (int64_t j = 0; j < ws; ++j) {
    vs[0].mag.push_back(S[j]);
    vs[1].mag.push_back(!S1[j]);
    vs[2].mag.push_back(!S[j]);
  }
  vs[0].cond = {{neg, -1}};
  vs[0].active = 0;
  vs[1].cond = {{neg, 1}, {st, -1}};
  vs[1].active = 1;
  vs[2].cond = {{neg, 1}, {st, 1}};
  vs[2].active = 2;

  struct round_case {
    exclusive_case k;
    const bits* mag;
    bool normal;
    int64_t t;
  };
  std::vector<round_case> cases;
  for (const variant& v : vs) {
    for (int64_t t = 0; t < wv; ++t) {  // leading one at t, normal grid: G0 <= t - p + 1
      linear_form terms = v.cond;
      terms.emplace_back(v.mag[t], 1);
      for (int64_t j = t + 1; j < wv; ++j) terms.emplace_back(v.mag[j], -1);
      terms.emplace_back(fm.at_least_h(fm.g_base - t + p - 1), 1);
      round_case c{{}, &v.mag, true, t};
      if (!make_case(terms, v.active + 2, c.k)) continue;
      c.k.r = t - p + 1;
      cases.push_back(std::move(c));
    }
    // Subnormal grid G0 = g: |V| < 2^(g + p - 1), r = g (g <= 1 - p leaves only |V| = 0).
    for (int64_t h = fm.h_lo; h <= fm.h_hi; ++h) {
      const int64_t g = fm.g_base - h;
      if (g < 2 - p) continue;
      linear_form terms = v.cond;
      for (const auto& pr : fm.equal_h(h)) terms.push_back(pr);
      for (int64_t j = std::max<int64_t>(g + p - 1, 0); j < wv; ++j) terms.emplace_back(v.mag[j], -1);
      round_case c{{}, &v.mag, false, 0};
      if (!make_case(terms, v.active + 1, c.k)) continue;
      c.k.r = g;
      cases.push_back(std::move(c));
    }
  }

  // The pattern needs p + e - 1 bits (overflow is decided from the cases); two spare bits on top
  // are the iterated sum's third block, so every used bit is at the sum's depth 2 while p + e < 30.
  const uint32_t pw = static_cast<uint32_t>(p + e + 1);
  auto mag_at = [&](const round_case& c, int64_t j) { return j < 0 || j >= wv ? lit_false : (*c.mag)[j]; };
  std::vector<weighted_term> pterms;
  const uint32_t g_exp = 1, g_round = 2, g_h = 3, g_kept = 4;  // exclusive groups
  bits ovf;
  for (const round_case& c : cases) {
    const int64_t r = c.k.r;
    const mpz_class ew = mod_weight(mpz_class(r) << (p - 1), pw);
    if (ew != 0) pterms.push_back({case_gate(b, c.k, {}, {}, regime), ew, g_exp});
    for (int64_t i = 0; i < p; ++i) {
      const lit m = mag_at(c, r + i);
      if (m == lit_false) continue;
      pterms.push_back({case_gate(b, c.k, {}, bits{m}, regime), mpz_class(1) << i, g_kept + static_cast<uint32_t>(i)});
    }
    const lit guard = mag_at(c, r - 1);
    if (guard != lit_false) {
      bits any;
      for (int64_t j = 0; j < r - 1; ++j) any.push_back(mag_at(c, j));
      any.push_back(mag_at(c, r));
      pterms.push_back({case_gate(b, c.k, bits{guard}, any, regime), 1, g_round});
    }
    if (!c.normal) continue;
    // Overflow: exponent field r - G0 + 1 >= 2^e - 1, or = 2^e - 2 with a rounding carry.
    const int64_t va = (int64_t{1} << e) - 2 - r + fm.g_base;  // [H >= va]: r - G0 >= 2^e - 2
    ovf.push_back(case_gate(b, c.k, bits{fm.at_least_h(va)}, {}, regime));
    exclusive_case k2;
    linear_form f2 = c.k.form;
    for (const auto& pr : fm.equal_h(va - 1)) f2.push_back(pr);
    if (make_case(f2, c.k.active + 1, k2)) {
      bits all;
      for (int64_t j = r - 1; j < r + p; ++j) all.push_back(mag_at(c, j));
      if (std::find(all.begin(), all.end(), lit_false) == all.end()) ovf.push_back(case_gate(b, k2, all, {}, regime));
    }
  }
  // -G0 2^(p-1) = (H - g_base) 2^(p-1).
  for (int64_t h = fm.h_lo; h <= fm.h_hi; ++h) {
    const mpz_class hw = mod_weight(mpz_class(h - fm.g_base) << (p - 1), pw);
    if (hw == 0) continue;
    exclusive_case k;
    if (!make_case(fm.equal_h(h), 1, k)) continue;
    pterms.push_back({case_gate(b, k, {}, {}, regime), hw, g_h});
  }
  bits pattern;
  {
    const module_scope ps = b.scope("pattern");
    pattern = weighted_sum(b, fuse ? pterms : or_exclusive_groups(b, pterms, pw, regime), pw, regime);
  }
  const lit overflow = ovf.empty() ? lit_false : or_any(b, ovf, regime);
  bits zs;
  for (lit l : S) zs.push_back(!l);
  zs.push_back(!st);
  const lit zero = and_all(b, zs, regime);

  const size_t width = static_cast<size_t>(p + e);
  const mpz_class inf_pattern = ((mpz_class(1) << e) - 1) << (p - 1);
  const lit any_inf = or_any(b, bits{sp.pos_inf, sp.neg_inf}, regime);
  const lit inf_out = at_least(b, {{!sp.nan, 2}, {any_inf, 1}, {overflow, 1}}, 3, regime);
  bits z(width);
  for (size_t i = 0; i + 1 < width; ++i) {
    const bool inf_bit = mpz_tstbit(inf_pattern.get_mpz_t(), i);
    const bool nan_bit = inf_bit || i == static_cast<size_t>(p - 2);
    linear_form g{{pattern[i], 1}, {!overflow, 1}, {!sp.nan, 1}, {!sp.pos_inf, 1}, {!sp.neg_inf, 1}, {!zero, 1}};
    if (inf_bit) g.emplace_back(inf_out, 6);
    if (nan_bit) g.emplace_back(sp.nan, 6);
    z[i] = at_least(b, g, 6, regime);
  }
  const lit finite_sign = or_any(b, bits{neg, sp.all_neg_zero}, regime);
  const lit not_pos_inf_sign = b.and_({!sp.pos_inf, finite_sign});
  z[width - 1] = b.and_({!sp.nan, or_any(b, bits{sp.neg_inf, not_pos_inf_sign}, regime)});
  return z;
}

// ---------------------------------------------------------------------------------------------

accumulated accumulate_exact(builder& b, const std::vector<exact_term>& terms, int64_t p0, bool fuse,
                             weight_regime regime) {
  int64_t top = 1;
  for (const exact_term& t : terms) top = std::max(top, t.top_max());
  const int64_t width = top + ceil_log2(terms.size()) + 2;
  std::vector<term_columns> cols;
  {
    const module_scope m = b.scope("align");
    for (const exact_term& t : terms) cols.push_back(exact_columns(b, t, width, regime));
  }
  const module_scope m = b.scope("accumulate");
  accumulated a = sum_columns(b, cols, width, fuse, regime);
  a.frame.g_base = p0 + 1;  // V's bit 0 is position -1
  return a;
}

accumulated accumulate_window(builder& b, const float_format& f, const std::vector<window_term>& terms, int64_t p0,
                              size_t k, bool fuse, weight_regime regime) {
  const int64_t W = window_bits(f, k);
  const int64_t n = static_cast<int64_t>(terms.size());
  const int64_t width = W + ceil_log2(terms.size()) + 2;
  int64_t pos_lo = terms[0].pos_min, pos_hi = terms[0].pos_max;
  int64_t h_lo = 0, h_hi = 0;
  for (size_t i = 0; i < terms.size(); ++i) {
    const window_term& t = terms[i];
    pos_lo = std::min(pos_lo, t.pos_min);
    pos_hi = std::max(pos_hi, t.pos_max);
    const int64_t lo = t.pos_min + (t.fixed_bitlen >= 0 ? t.fixed_bitlen : 1);
    const int64_t hi = t.pos_max + (t.fixed_bitlen >= 0 ? t.fixed_bitlen : static_cast<int64_t>(t.sig_width()));
    h_lo = i == 0 ? lo : std::min(h_lo, lo);
    h_hi = i == 0 ? hi : std::max(h_hi, hi);
  }
  // Zero terms (no leading one) are kept out of the maximum by a weight beyond every distance.
  const int64_t big = (pos_hi - pos_lo) + 2 * (h_hi - h_lo) + 4 * W + 64;

  accumulated a;
  std::optional<module_scope> stage(b.scope("distance"));
  a.frame.g_base = p0 + W + 1;
  a.frame.h_lo = h_lo;
  a.frame.h_hi = h_hi;
  for (int64_t v = h_lo + 1; v <= h_hi; ++v) {
    bits any;
    for (const window_term& t : terms) {
      if (t.fixed_bitlen >= 0) {
        any.push_back(at_least(b, t.pos, v - t.pos_c - t.fixed_bitlen, regime));
      } else {
        any.push_back(at_least(b, top_form(t, big), v - t.pos_c + big, regime));
      }
    }
    a.frame.ge.push_back(or_any(b, any, regime));
  }

  std::vector<term_columns> cols;
  bits not_lost;
  stage.reset();
  stage.emplace(b.scope("align"));
  for (int64_t i = 0; i < n; ++i) {
    const window_term& ti = terms[static_cast<size_t>(i)];
    const lit s = ti.sign;
    const int64_t sw = static_cast<int64_t>(ti.sig_width());
    const int64_t d_hi = W + sw;
    // x[d] = the literals [h_l - pos_i >= d] over l: delta_i >= d iff one holds (d = 1 .. d_hi).
    std::vector<bits> x(static_cast<size_t>(d_hi + 2));
    for (int64_t d = 1; d <= d_hi + 1; ++d) {
      for (int64_t l = 0; l < n; ++l) {
        const window_term& tl = terms[static_cast<size_t>(l)];
        lit g;
        if (l == i && tl.fixed_bitlen >= 0) {
          g = constant_lit(tl.fixed_bitlen >= d);
        } else {
          linear_form form = tl.fixed_bitlen >= 0 ? tl.pos : top_form(tl, big);
          if (l != i)
            for (const auto& [lt, wt] : ti.pos) form.emplace_back(lt, -wt);
          else
            form = top_form(tl, big), form.erase(form.begin(), form.begin() + static_cast<long>(tl.pos.size()));
          const int64_t c = tl.pos_c - ti.pos_c + (tl.fixed_bitlen >= 0 ? tl.fixed_bitlen : 0);
          g = at_least(b, form, d - c + (tl.fixed_bitlen >= 0 ? 0 : big), regime);
        }
        x[static_cast<size_t>(d)].push_back(g);
      }
    }
    const int64_t kk = n;
    auto xs_of = [&](int64_t d) -> const bits& { return x[static_cast<size_t>(std::clamp<int64_t>(d, 1, d_hi + 1))]; };
    // [delta == d and all of `all`]: X_d - n Y_(d+1) + n |all| >= n |all| + 1.
    auto eq_gate = [&](int64_t d, const bits& all) {
      linear_form g;
      if (d >= 1) {
        for (lit l : xs_of(d)) g.emplace_back(l, 1);
      } else {
        g.emplace_back(lit_true, 1);
      }
      for (lit l : xs_of(d + 1)) g.emplace_back(l, -kk);
      for (lit l : all) g.emplace_back(l, kk);
      return at_least(b, g, kk * static_cast<int64_t>(all.size()) + 1, regime);
    };
    // [delta >= d and s] / [delta < d and s].
    auto ge_gate = [&](int64_t d, lit with) {
      if (d <= 0) return with;
      linear_form g{{with, kk}};
      for (lit l : xs_of(d)) g.emplace_back(l, 1);
      return at_least(b, g, kk + 1, regime);
    };
    auto lt_gate = [&](int64_t d, lit with) {
      if (d <= 0) return lit_false;
      linear_form g{{with, kk}};
      for (lit l : xs_of(d)) g.emplace_back(l, -1);
      return at_least(b, g, kk, regime);
    };

    term_columns tc;
    tc.col.resize(static_cast<size_t>(width));
    for (int64_t j = 0; j < width; ++j) {
      bits& out = tc.col[static_cast<size_t>(j)];
      if (j >= W) {
        out.push_back(s);
        continue;
      }
      for (const significand_alternative& a : ti.alts)
        for (int64_t m = 0; m < sw; ++m) {
          const int64_t d = m + W - j;  // sig bit m lands on j
          const lit sm = a.sig[static_cast<size_t>(m)];
          for (const lit g : {eq_gate(d, bits{a.when, !s, sm}), eq_gate(d, bits{a.when, s, !sm})})
            if (g != lit_false) out.push_back(g);
        }
      for (const lit g : {lt_gate(W - j, s), ge_gate(W - j + sw, s)})
        if (g != lit_false) out.push_back(g);
    }
    // Not lost: delta <= W, or delta = d with the bits below the window zero, or all gone and zero.
    bits nl{lt_gate(W + 1, lit_true)}, plus{lt_gate(W + 1, s)};
    for (const significand_alternative& a : ti.alts) {
      for (int64_t d = W + 1; d < d_hi; ++d) {
        bits low{a.when};
        for (int64_t m = 0; m < d - W && m < sw; ++m) low.push_back(!a.sig[static_cast<size_t>(m)]);
        nl.push_back(eq_gate(d, low));
        low.push_back(s);
        plus.push_back(eq_gate(d, low));
      }
      bits none{a.when};
      for (lit l : a.sig) none.push_back(!l);
      linear_form g;
      for (lit l : xs_of(d_hi)) g.emplace_back(l, 1);
      for (lit l : none) g.emplace_back(l, kk);
      nl.push_back(at_least(b, g, kk * static_cast<int64_t>(none.size()) + 1, regime));
      g.emplace_back(s, kk);
      plus.push_back(at_least(b, g, kk * static_cast<int64_t>(none.size() + 1) + 1, regime));
    }
    for (lit l : nl)
      if (l != lit_false) not_lost.push_back(l);
    for (lit l : plus)
      if (l != lit_false) tc.plus_one.push_back(l);
    cols.push_back(std::move(tc));
  }
  stage.reset();
  stage.emplace(b.scope("accumulate"));
  accumulated s = sum_columns(b, cols, width, fuse, regime);
  a.s = std::move(s.s);
  a.s1 = std::move(s.s1);
  // Every term has exactly one true not-lost literal unless it lost a nonzero bit.
  linear_form sticky;
  for (lit l : not_lost) sticky.emplace_back(l, -1);
  a.sticky = at_least(b, sticky, 1 - n, regime);
  return a;
}

void check_inputs(const char* where, const float_format& f, std::span<const bits> xs, accumulation mode) {
  check_format(f);
  if (f.e > 20) throw input_error(where, "gate-level exponents up to 20 bits, got " + std::to_string(f.e));
  if (mode == accumulation::exact && f.e > 14)
    throw input_error(where, "the exact accumulator needs exponents up to 14 bits (2^e accumulator bits); use the "
                             "window mode");
  const size_t w = static_cast<size_t>(width(f));
  for (const bits& x : xs)
    if (x.size() != w) throw input_error(where, "operands must have p + e = " + std::to_string(w) + " bits");
}

bits positive_zero(const float_format& f) { return bits(static_cast<size_t>(width(f)), lit_false); }

// E_eff = E + [E == 0] as a linear form over the exponent bits and the zero flag.
linear_form exponent_form(const operand& o) {
  linear_form f;
  for (size_t i = 0; i < o.exponent.size(); ++i) f.emplace_back(o.exponent[i], int64_t{1} << i);
  f.emplace_back(!o.nz, 1);
  return f;
}

linear_form raw_exponent_form(const operand& o) {
  linear_form f;
  for (size_t i = 0; i < o.exponent.size(); ++i) f.emplace_back(o.exponent[i], int64_t{1} << i);
  return f;
}

// The sum of the operands' effective exponents E + [E == 0] (a product's exponent bus), as width bits.
bits effective_exponent_sum(builder& b, std::initializer_list<const operand*> ops, uint32_t width,
                            weight_regime regime) {
  std::vector<weighted_term> es;
  for (const operand* o : ops) {
    for (size_t j = 0; j < o->exponent.size(); ++j) es.push_back({o->exponent[j], mpz_class(1) << j});
    es.push_back({!o->nz, 1});
  }
  return weighted_sum(b, es, width, regime);
}

// One-hot leading one of x when `when` holds: lead[m] = [when and x_m and no higher bit].
bits leading_one(builder& b, const bits& x, lit when, weight_regime regime) {
  bits lead;
  for (size_t m = 0; m < x.size(); ++m) {
    linear_form g{{x[m], 1}, {when, 1}};
    for (size_t j = m + 1; j < x.size(); ++j) g.emplace_back(x[j], -1);
    lead.push_back(at_least(b, g, 2, regime));
  }
  return lead;
}

significand_alternative single_alternative(builder& b, bits sig, weight_regime regime) {
  significand_alternative a{lit_true, std::move(sig), {}};
  a.lead = leading_one(b, a.sig, lit_true, regime);
  return a;
}


// The exact product of two significands (hidden bits from the exponents) as 2p bits: partial
// products and the hidden-bit rows are all layer-1 gates, so one iterated sum finishes it.
bits significand_product(builder& b, const float_format& f, const operand& x, const operand& y,
                         weight_regime regime) {
  const int64_t p = f.p, e = f.e;
  const uint32_t w = static_cast<uint32_t>(2 * p);
  std::vector<weighted_term> t;
  for (int64_t a = 0; a + 1 < p; ++a)
    for (int64_t c = 0; c + 1 < p; ++c) t.push_back({b.and_({x.frac[a], y.frac[c]}), mpz_class(1) << (a + c)});
  auto hidden_times = [&](const operand& h, const operand& o) {  // [h normal] * frac(o) 2^(p-1)
    for (int64_t c = 0; c + 1 < p; ++c) {
      linear_form g;
      for (lit l : h.exponent) g.emplace_back(l, 1);
      g.emplace_back(o.frac[c], e);
      t.push_back({at_least(b, g, e + 1, regime), mpz_class(1) << (p - 1 + c)});
    }
  };
  hidden_times(x, y);
  hidden_times(y, x);
  // nz_x nz_y = nz_x + nz_y - (nz_x or nz_y), each one gate.
  bits both = x.exponent;
  both.insert(both.end(), y.exponent.begin(), y.exponent.end());
  const mpz_class top = mpz_class(1) << (2 * p - 2);
  t.push_back({x.nz, top});
  t.push_back({y.nz, top});
  t.push_back({or_any(b, both, regime), mod_weight(-top, w)});
  return weighted_sum(b, t, w, regime);
}

struct constant_term {
  unpacked value;
  int64_t q = 0;  // exponent of the significand's bit 0
};

int64_t to_i64(const mpz_class& x) { return x.get_si(); }

// Terms x_i * c_i (c constant) and an optional constant term, shared by both float_dot_const.
bits dot_const_impl(builder& b, const float_format& f, std::span<const bits> xs, std::span<const mpz_class> cs,
                    const mpz_class* bias, accumulation mode, weight_regime regime, const float_sum_params& params) {
  const char* where = "fdot";
  check_inputs(where, f, xs, mode);
  if (xs.size() != cs.size())
    throw input_error(where, "operand lists of the same length; got " + std::to_string(xs.size()) + " and " +
                                 std::to_string(cs.size()));
  for (const mpz_class& c : cs) check_pattern(f, c);
  if (bias) check_pattern(f, *bias);
  const size_t k = xs.size() + (bias ? 1 : 0);
  if (k == 0) return positive_zero(f);
  const int64_t p = f.p, e = f.e, bias_e = (int64_t{1} << (e - 1)) - 1;
  const int64_t q0 = 1 - bias_e - (p - 1);

  bits nan, pinf, ninf, nzero;
  struct product_term {
    const operand* x;
    lit sign;
    mpz_class C;
    int64_t q;
  };
  std::vector<operand> ops;
  ops.reserve(xs.size());
  for (const bits& x : xs) ops.push_back(decode_operand(b, f, x, regime));
  std::vector<product_term> prods;
  for (size_t i = 0; i < xs.size(); ++i) {
    const operand& o = ops[i];
    const unpacked c = decode(f, cs[i]);
    const lit s = c.sign ? !o.sign : o.sign;
    switch (c.cls) {
      case float_class::nan: nan.push_back(lit_true); break;
      case float_class::infinite:
        nan.push_back(or_any(b, bits{o.zero, o.nan}, regime));
        pinf.push_back(b.and_({!o.zero, !o.nan, !s}));
        ninf.push_back(b.and_({!o.zero, !o.nan, s}));
        break;
      case float_class::zero:
        nan.push_back(or_any(b, bits{o.inf, o.nan}, regime));
        nzero.push_back(b.and_({!o.inf, !o.nan, s}));
        break;
      default:
        nan.push_back(o.nan);
        pinf.push_back(b.and_({o.inf, !s}));
        ninf.push_back(b.and_({o.inf, s}));
        nzero.push_back(b.and_({o.zero, s}));
        prods.push_back({&o, s, c.sig, to_i64(c.exp)});
    }
    if (c.cls == float_class::nan || c.cls == float_class::infinite) nzero.push_back(lit_false);
  }
  std::optional<unpacked> bias_term;
  if (bias) {
    const unpacked c = decode(f, *bias);
    switch (c.cls) {
      case float_class::nan: nan.push_back(lit_true); break;
      case float_class::infinite: (c.sign ? ninf : pinf).push_back(lit_true); nzero.push_back(lit_false); break;
      case float_class::zero: nzero.push_back(constant_lit(c.sign)); break;
      default: nzero.push_back(lit_false); bias_term = c;
    }
  }
  const special_flags sp = combine_specials(b, nan, pinf, ninf, nzero, regime);

  // Positions: 2^w0 is the lowest bit any product (or the bias) can have.
  // x's significand bit 0 has exponent E_eff - bias - (p - 1); the product's adds c's exponent q.
  int64_t w0 = q0;
  for (const product_term& t : prods) w0 = std::min(w0, 1 - bias_e - (p - 1) + t.q);
  if (bias_term) w0 = std::min(w0, to_i64(bias_term->exp));
  const int64_t p0 = q0 - w0;
  auto const_bits = [](const mpz_class& v) {
    bits r;
    for (size_t i = 0; i < mpz_sizeinbase(v.get_mpz_t(), 2); ++i) r.push_back(constant_lit(mpz_tstbit(v.get_mpz_t(), i)));
    return r;
  };
  auto product = [&](const product_term& t, lit hidden) {
    const uint32_t w = static_cast<uint32_t>(p + static_cast<int64_t>(mpz_sizeinbase(t.C.get_mpz_t(), 2)));
    std::vector<weighted_term> wt;
    for (int64_t m = 0; m + 1 < p; ++m) wt.push_back({t.x->frac[m], t.C << m});
    wt.push_back({hidden, t.C << (p - 1)});
    return weighted_sum(b, wt, w, regime);
  };

  accumulated acc;
  if (prods.empty() && !bias_term) {
    acc = accumulate_exact(b, {}, 0, params.alignment == float_sum_params::fusion::fused, regime);
  } else if (mode == accumulation::exact) {
    std::vector<exact_term> terms;
    for (const product_term& t : prods) {
      exact_term et;
      et.sign = t.sign;
      et.bus = t.x->exponent;
      et.u_max = (int64_t{1} << e) - 2;
      et.zero_as_one = true;
      et.offset = -bias_e - (p - 1) + t.q - w0;
      et.sig0 = product(t, lit_false);
      et.sig1 = product(t, lit_true);
      terms.push_back(std::move(et));
    }
    if (bias_term) {
      exact_term et;
      et.sign = constant_lit(bias_term->sign);
      et.offset = to_i64(bias_term->exp) - w0;
      et.sig0 = et.sig1 = const_bits(bias_term->sig);
      terms.push_back(std::move(et));
    }
    acc = accumulate_exact(b, terms, p0, params.alignment == float_sum_params::fusion::fused, regime);
  } else {
    std::vector<window_term> terms;
    for (const product_term& t : prods) {
      // Raw exponent field as the position; the subnormal product x C is shifted up one bit.
      window_term wt;
      wt.sign = t.sign;
      wt.pos = raw_exponent_form(*t.x);
      wt.pos_c = -bias_e - (p - 1) + t.q - w0;
      wt.pos_min = wt.pos_c;
      wt.pos_max = ((int64_t{1} << e) - 1) + wt.pos_c;
      significand_alternative normal{t.x->nz, product(t, lit_true), {}}, sub{!t.x->nz, {lit_false}, {}};
      const bits p0 = product(t, lit_false);
      sub.sig.insert(sub.sig.end(), p0.begin(), p0.end() - 1);  // top bit of x C (x < 2^(p-1)) is 0
      normal.lead = leading_one(b, normal.sig, normal.when, regime);
      sub.lead = leading_one(b, sub.sig, sub.when, regime);
      wt.alts = {normal, sub};
      wt.nonzero = !t.x->zero;
      terms.push_back(std::move(wt));
    }
    if (bias_term) {
      window_term wt;
      wt.sign = constant_lit(bias_term->sign);
      wt.pos_c = wt.pos_min = wt.pos_max = to_i64(bias_term->exp) - w0;
      wt.alts = {single_alternative(b, const_bits(bias_term->sig), regime)};
      terms.push_back(std::move(wt));
    }
    acc = accumulate_window(b, f, terms, p0, k, params.alignment == float_sum_params::fusion::fused, regime);
  }
  return round_and_select(b, f, acc, sp, fuse_rounding(params, regime), regime);
}

}  // namespace

bits float_sum(builder& b, const float_format& f, std::span<const bits> xs, accumulation mode, weight_regime regime,
               const float_sum_params& params) {
  check_inputs("fsum", f, xs, mode);
  if (xs.empty()) return positive_zero(f);
  const int64_t p = f.p, e = f.e;
  std::vector<operand> ops;
  for (const bits& x : xs) ops.push_back(decode_operand(b, f, x, regime));
  bits nan, pinf, ninf, nzero;
  for (const operand& o : ops) {
    nan.push_back(o.nan);
    pinf.push_back(b.and_({o.inf, !o.sign}));
    ninf.push_back(b.and_({o.inf, o.sign}));
    nzero.push_back(b.and_({o.zero, o.sign}));
  }
  const special_flags sp = combine_specials(b, nan, pinf, ninf, nzero, regime);
  accumulated acc;
  if (mode == accumulation::exact) {
    std::vector<exact_term> terms;
    for (const operand& o : ops) {
      exact_term t;
      t.sign = o.sign;
      t.bus = o.exponent;
      t.u_max = (int64_t{1} << e) - 2;
      t.zero_as_one = true;
      t.offset = -1;
      t.sig0 = o.frac;
      t.sig0.push_back(lit_false);
      t.sig1 = o.frac;
      t.sig1.push_back(lit_true);
      terms.push_back(std::move(t));
    }
    acc = accumulate_exact(b, terms, 0, params.alignment == float_sum_params::fusion::fused, regime);
  } else {
    std::vector<window_term> terms;
    for (const operand& o : ops) {
      // Position = the raw exponent field - 1; a subnormal's significand is shifted up one bit
      // instead (it sits where exponent 1 does).
      window_term t;
      t.sign = o.sign;
      t.pos = raw_exponent_form(o);
      t.pos_c = -1;
      t.pos_min = -1;
      t.pos_max = (int64_t{1} << e) - 2;
      significand_alternative normal{o.nz, o.frac, {}}, sub{!o.nz, {lit_false}, {}};
      normal.sig.push_back(lit_true);
      sub.sig.insert(sub.sig.end(), o.frac.begin(), o.frac.end());
      t.alts = {normal, sub};
      t.fixed_bitlen = p;
      terms.push_back(std::move(t));
    }
    acc = accumulate_window(b, f, terms, 0, xs.size(), params.alignment == float_sum_params::fusion::fused, regime);
  }
  return round_and_select(b, f, acc, sp, fuse_rounding(params, regime), regime);
}

bits float_dot(builder& b, const float_format& f, std::span<const bits> xs, std::span<const bits> ys,
               accumulation mode, weight_regime regime, const float_sum_params& params) {
  check_inputs("fdot", f, xs, mode);
  check_inputs("fdot", f, ys, mode);
  if (xs.size() != ys.size())
    throw input_error("fdot", "operand lists of the same length; got " + std::to_string(xs.size()) + " and " +
                                  std::to_string(ys.size()));
  if (xs.empty()) return positive_zero(f);
  const int64_t p = f.p, e = f.e, bias_e = (int64_t{1} << (e - 1)) - 1;
  bits nan, pinf, ninf, nzero;
  std::vector<operand> xo, yo;
  for (size_t i = 0; i < xs.size(); ++i) {
    xo.push_back(decode_operand(b, f, xs[i], regime));
    yo.push_back(decode_operand(b, f, ys[i], regime));
  }
  std::vector<lit> sign;
  for (size_t i = 0; i < xs.size(); ++i) {
    const operand &x = xo[i], &y = yo[i];
    const lit s = xor2(b, x.sign, y.sign, regime);
    sign.push_back(s);
    const lit n = or_any(b, bits{x.nan, y.nan, b.and_({x.inf, y.zero}), b.and_({x.zero, y.inf})}, regime);
    const lit inf = or_any(b, bits{x.inf, y.inf}, regime);
    nan.push_back(n);
    pinf.push_back(b.and_({inf, !s}));
    ninf.push_back(b.and_({inf, s}));
    const lit special = or_any(b, bits{x.nan, y.nan, x.inf, y.inf}, regime);
    nzero.push_back(b.and_({or_any(b, bits{x.zero, y.zero}, regime), !special, s}));
  }
  const special_flags sp = combine_specials(b, nan, pinf, ninf, nzero, regime);
  // Positions: the product's bit 0 has exponent E_eff(x) + E_eff(y) - 2 bias - 2 (p - 1); w0 at Esum = 2.
  const int64_t w0 = 2 - 2 * bias_e - 2 * (p - 1), p0 = (1 - bias_e - (p - 1)) - w0;
  accumulated acc;
  if (mode == accumulation::exact) {
    std::vector<exact_term> terms;
    for (size_t i = 0; i < xs.size(); ++i) {
      const operand &x = xo[i], &y = yo[i];
      exact_term t;
      t.sign = sign[i];
      t.bus = effective_exponent_sum(b, {&x, &y}, static_cast<uint32_t>(e + 1), regime);
      t.u_max = (int64_t{1} << (e + 1)) - 4;
      t.offset = -2;
      t.sig0 = significand_product(b, f, x, y, regime);
      t.sig1 = t.sig0;
      terms.push_back(std::move(t));
    }
    acc = accumulate_exact(b, terms, p0, params.alignment == float_sum_params::fusion::fused, regime);
  } else {
    std::vector<window_term> terms;
    for (size_t i = 0; i < xs.size(); ++i) {
      const operand &x = xo[i], &y = yo[i];
      window_term t;
      t.sign = sign[i];
      t.pos = exponent_form(x);
      for (const auto& pr : exponent_form(y)) t.pos.push_back(pr);
      t.pos_c = -2;
      t.pos_min = 0;
      t.pos_max = 2 * ((int64_t{1} << e) - 1) - 2;
      t.alts = {single_alternative(b, significand_product(b, f, x, y, regime), regime)};
      t.nonzero = b.and_({!x.zero, !y.zero});
      terms.push_back(std::move(t));
    }
    acc = accumulate_window(b, f, terms, p0, xs.size(), params.alignment == float_sum_params::fusion::fused, regime);
  }
  return round_and_select(b, f, acc, sp, fuse_rounding(params, regime), regime);
}

namespace {

// The exact product of three significands as 3p bits: the two-operand product, then its bits
// times z's fraction bits and hidden bit as one more iterated sum.
bits significand_product3(builder& b, const float_format& f, const operand& x, const operand& y, const operand& z,
                          weight_regime regime) {
  const int64_t p = f.p;
  const bits xy = significand_product(b, f, x, y, regime);
  std::vector<weighted_term> t;
  for (size_t a = 0; a < xy.size(); ++a) {
    for (int64_t c = 0; c + 1 < p; ++c) t.push_back({b.and_({xy[a], z.frac[c]}), mpz_class(1) << (a + c)});
    t.push_back({b.and_({xy[a], z.nz}), mpz_class(1) << (a + p - 1)});
  }
  return weighted_sum(b, t, static_cast<uint32_t>(3 * p), regime);
}

}  // namespace

bits float_dot3(builder& b, const float_format& f, std::span<const bits> xs, std::span<const bits> ys,
                std::span<const bits> zs, accumulation mode, weight_regime regime, const float_sum_params& params) {
  for (auto list : {xs, ys, zs}) check_inputs("fdot3", f, list, mode);
  if (xs.size() != ys.size() || xs.size() != zs.size())
    throw input_error("fdot3", "three operand lists of the same length");
  if (xs.empty()) return positive_zero(f);
  const int64_t p = f.p, e = f.e, bias_e = (int64_t{1} << (e - 1)) - 1;
  bits nan, pinf, ninf, nzero;
  std::vector<operand> xo, yo, zo;
  for (size_t i = 0; i < xs.size(); ++i) {
    xo.push_back(decode_operand(b, f, xs[i], regime));
    yo.push_back(decode_operand(b, f, ys[i], regime));
    zo.push_back(decode_operand(b, f, zs[i], regime));
  }
  std::vector<lit> sign;
  for (size_t i = 0; i < xs.size(); ++i) {
    const operand &x = xo[i], &y = yo[i], &z = zo[i];
    const lit s = xor2(b, xor2(b, x.sign, y.sign, regime), z.sign, regime);
    sign.push_back(s);
    const lit any_inf = or_any(b, bits{x.inf, y.inf, z.inf}, regime);
    const lit any_zero = or_any(b, bits{x.zero, y.zero, z.zero}, regime);
    const lit any_nan = or_any(b, bits{x.nan, y.nan, z.nan}, regime);
    nan.push_back(or_any(b, bits{any_nan, b.and_({any_inf, any_zero})}, regime));
    pinf.push_back(b.and_({any_inf, !s}));
    ninf.push_back(b.and_({any_inf, s}));
    nzero.push_back(b.and_({any_zero, !any_nan, !any_inf, s}));
  }
  const special_flags sp = combine_specials(b, nan, pinf, ninf, nzero, regime);
  // The product's bit 0 has exponent E_eff(x) + E_eff(y) + E_eff(z) - 3 bias - 3 (p - 1); w0 at Esum = 3.
  const int64_t w0 = 3 - 3 * bias_e - 3 * (p - 1), p0 = (1 - bias_e - (p - 1)) - w0;
  accumulated acc;
  if (mode == accumulation::exact) {
    std::vector<exact_term> terms;
    for (size_t i = 0; i < xs.size(); ++i) {
      exact_term t;
      t.sign = sign[i];
      t.bus = effective_exponent_sum(b, {&xo[i], &yo[i], &zo[i]}, static_cast<uint32_t>(e + 2), regime);
      t.u_max = 3 * ((int64_t{1} << e) - 2);
      t.offset = -3;
      t.sig0 = significand_product3(b, f, xo[i], yo[i], zo[i], regime);
      t.sig1 = t.sig0;
      terms.push_back(std::move(t));
    }
    acc = accumulate_exact(b, terms, p0, params.alignment == float_sum_params::fusion::fused, regime);
  } else {
    std::vector<window_term> terms;
    for (size_t i = 0; i < xs.size(); ++i) {
      window_term t;
      t.sign = sign[i];
      for (const operand* o : {&xo[i], &yo[i], &zo[i]})
        for (const auto& pr : exponent_form(*o)) t.pos.push_back(pr);
      t.pos_c = -3;
      t.pos_min = 0;
      t.pos_max = 3 * ((int64_t{1} << e) - 1) - 3;
      t.alts = {single_alternative(b, significand_product3(b, f, xo[i], yo[i], zo[i], regime), regime)};
      t.nonzero = b.and_({!xo[i].zero, !yo[i].zero, !zo[i].zero});
      terms.push_back(std::move(t));
    }
    acc = accumulate_window(b, f, terms, p0, xs.size(), params.alignment == float_sum_params::fusion::fused, regime);
  }
  return round_and_select(b, f, acc, sp, fuse_rounding(params, regime), regime);
}

bits float_dot_const(builder& b, const float_format& f, std::span<const bits> xs, std::span<const mpz_class> cs,
                     accumulation mode, weight_regime regime, const float_sum_params& params) {
  return dot_const_impl(b, f, xs, cs, nullptr, mode, regime, params);
}

bits float_dot_const(builder& b, const float_format& f, std::span<const bits> xs, std::span<const mpz_class> cs,
                     const mpz_class& bias, accumulation mode, weight_regime regime, const float_sum_params& params) {
  return dot_const_impl(b, f, xs, cs, &bias, mode, regime, params);
}

}  // namespace tc0::fp
