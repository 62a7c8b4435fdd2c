// Iterated sums: the blocked depth-3 column sum (exp) and block-save + lookahead (majority).
#include "tc0/arith/iterated_sum.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tc0/arith/gates.hpp"
#include "tc0/errors.hpp"

namespace tc0 {

namespace {

using lin = linear_form;

constexpr uint32_t max_exp_block = 15;  // V weights 2^(w_{b-1} + w_b) - 1 < 2^30

lit emit(builder& b, const lin& f, int64_t t, weight_regime r) { return at_least(b, f, t, r); }

void add_to(lin& f, const lin& g, int64_t c) {
  for (const auto& [l, w] : g) f.emplace_back(l, w * c);
}

// The terms as columns: col[p] lists the literals whose (merged) weight has bit p set.
class columns {
 public:
  columns(std::span<const weighted_term> terms, uint32_t width) : width_(width), col_(width) {
    std::map<uint32_t, std::pair<mpz_class, uint32_t>> merged;  // literal -> weight, group
    mpz_class m = (mpz_class(1) << width) - 1;
    for (const weighted_term& t : terms) {
      if (t.l == lit_false || t.weight == 0) continue;
      if (t.weight < 0) throw input_error("weighted_sum", "term weights must be non-negative");
      auto [it, fresh] = merged.try_emplace(t.l.v, t.weight, t.group);
      if (fresh) continue;
      it->second.first += t.weight;
      // A literal promised exclusive in two different groups is counted as independent (sound).
      if (it->second.second != t.group) it->second.second = 0;
    }
    for (auto& [v, wg] : merged) {
      mpz_class r = wg.first & m;
      if (r == 0) continue;
      const uint32_t idx = static_cast<uint32_t>(lits_.size());
      lits_.push_back(lit{v});
      weight_.push_back(r);
      if (wg.second != 0) group_of_.emplace(v, wg.second);
      for (mp_bitcnt_t p = mpz_scan1(r.get_mpz_t(), 0); p < width; p = mpz_scan1(r.get_mpz_t(), p + 1))
        col_[p].push_back(idx);
    }
    coef_.assign(lits_.size(), 0);
  }

  uint32_t width() const { return width_; }

  // sum_{lo <= p < hi} 2^(p - lo + shift) col_p, one entry per literal.
  lin form(uint32_t lo, uint32_t hi, uint32_t shift) {
    lin f;
    touched_.clear();
    for (uint32_t p = lo; p < hi; ++p)
      for (uint32_t i : col_[p]) {
        if (coef_[i] == 0) touched_.push_back(i);
        coef_[i] += int64_t{1} << (p - lo + shift);
      }
    std::sort(touched_.begin(), touched_.end());
    for (uint32_t i : touched_) {
      f.emplace_back(lits_[i], coef_[i]);
      coef_[i] = 0;
    }
    return f;
  }

  // The largest value of a linear form with positive coefficients: the sum of the coefficients,
  // except that each exclusive group contributes only its largest one.
  int64_t max_value(const lin& f) const {
    int64_t m = 0;
    std::map<uint32_t, int64_t> grouped;  // a literal may occur twice (two blocks of one form)
    for (const auto& [l, w] : f) {
      if (group_of_.count(l.v)) {
        grouped[l.v] += w;
      } else {
        m += w;
      }
    }
    std::map<uint32_t, int64_t> group_max;
    for (const auto& [v, w] : grouped) {
      int64_t& gm = group_max[group_of_.at(v)];
      gm = std::max(gm, w);
    }
    for (const auto& [g, w] : group_max) m += w;
    return m;
  }

  // The largest carry into column s: floor(max sum_i (weight_i mod 2^s) / 2^s), groups counted once.
  mpz_class carry_max(uint32_t s) const {
    const mpz_class mask = (mpz_class(1) << s) - 1;
    mpz_class acc = 0;
    std::map<uint32_t, mpz_class> group_max;
    for (size_t i = 0; i < lits_.size(); ++i) {
      const mpz_class low = weight_[i] & mask;
      const auto g = group_of_.find(lits_[i].v);
      if (g == group_of_.end()) {
        acc += low;
      } else {
        mpz_class& gm = group_max[g->second];
        if (low > gm) gm = low;
      }
    }
    for (const auto& [g, w] : group_max) acc += w;
    return acc >> s;
  }

  size_t height(uint32_t p) const { return col_[p].size(); }
  bool has_groups() const { return !group_of_.empty(); }
  lit literal(uint32_t p) const { return lits_[col_[p][0]]; }

 private:
  uint32_t width_;
  std::vector<lit> lits_;
  std::vector<mpz_class> weight_;                  // merged weight mod 2^width, per literal
  std::unordered_map<uint32_t, uint32_t> group_of_;  // literal -> exclusive group (absent: none)
  std::vector<std::vector<uint32_t>> col_;
  std::vector<int64_t> coef_;
  std::vector<uint32_t> touched_;
};

[[noreturn]] void too_tall(uint32_t s) {
  throw input_error("weighted_sum", "the carry into column " + std::to_string(s) +
                                        " exceeds 2^15 (too many terms per column)");
}

// Block starts s_0 = 0 < s_1 < .. < s_nb = W for the exp construction.
std::vector<uint32_t> exp_blocks(const columns& cs) {
  const uint32_t width = cs.width();
  // Blocks from the third on (their bits are at depth 3 whatever their width) as narrow as the
  // carries allow, down to pref: an output bit's q gates read ~h (k + w) terms (h: column height,
  // k: offset in the block, w: block width) and its lookahead gates ~4h per block below it, so
  // per bit the edges are about 3 h^2 w + 4 h W / w, least at w ~ sqrt(W / h). Measured: fdot of 8
  // at (8, 5) 938k -> 546k edges, mul 64 14.9M -> 6.6M, sum of 32 x 256 bits 22.2M -> 9.7M;
  // short wide sums (K = 2..4 at 1024 bits) keep w = 15. The model misjudges constant multiplies
  // at 64-128 bits (mulc: 8-20% more edges than at w = 15; docs/arithmetic.md).
  size_t entries = 0;
  for (uint32_t p = 0; p < width; ++p) entries += cs.height(p);
  const double mean_height = std::max(1.0, static_cast<double>(entries) / width);
  const uint32_t pref =
      static_cast<uint32_t>(std::clamp<long>(std::lround(std::sqrt(width / mean_height)), 1, max_exp_block));
  // The narrowest width >= pref whose block takes a carry of c (C_b <= 2^w_b), at most 15.
  auto fit = [&](const mpz_class& c) {
    uint32_t w = pref;
    while (w < max_exp_block && c > (mpz_class(1) << w)) ++w;
    return w;
  };
  const mpz_class limit = mpz_class(1) << max_exp_block;
  std::vector<uint32_t> s{0};
  uint32_t pos = 0;
  // Three or more blocks so the carry lookahead (and its depth) is present at every width;
  // preferably the top block starts at or below the highest non-empty column, so its low bit is
  // a genuine parity of the carry and the columns rather than the carry alone.
  uint32_t top = width;
  while (top > 0 && cs.height(top - 1) == 0) --top;
  for (uint32_t limit : {top, width}) {
    if (limit < 3 || pos > 0) continue;
    for (uint32_t w0 = std::min(max_exp_block, limit - 2); w0 >= 1; --w0) {
      const uint32_t w1 = std::min(max_exp_block, limit - 1 - w0);
      if (cs.carry_max(w0) <= (mpz_class(1) << w1)) {
        s.push_back(w0);
        s.push_back(w0 + w1);
        pos = w0 + w1;
        break;
      }
    }
  }
  while (pos < width) {
    const mpz_class carry = cs.carry_max(pos);
    const uint32_t w = std::min(fit(carry), width - pos);
    if (pos + w < width && pos > 0 && carry > limit) too_tall(pos);
    pos += w;
    s.push_back(pos);
  }
  return s;
}

bits sum_exp(builder& b, columns& cs) {
  const uint32_t width = cs.width();
  const std::vector<uint32_t> s = exp_blocks(cs);
  const size_t nb = s.size() - 1;
  auto wd = [&](size_t blk) { return s[blk + 1] - s[blk]; };
  const weight_regime r = weight_regime::exp;

  // V_b = 2^w_{b-1} Z_b(columns < hi) + Z_{b-1}.
  auto vform = [&](size_t blk, uint32_t hi) {
    lin v = cs.form(s[blk], hi, blk ? wd(blk - 1) : 0);
    if (blk) {
      lin low = cs.form(s[blk - 1], s[blk], 0);
      v.insert(v.end(), low.begin(), low.end());
    }
    return v;
  };

  // Generate / generate-or-propagate of the inner blocks as linear forms of layer-1 gates.
  std::vector<lin> gen(nb), kp(nb);
  for (size_t blk = 0; blk + 1 < nb; ++blk) {
    const uint32_t w = wd(blk), shift = blk ? wd(blk - 1) : 0;
    const lin z = cs.form(s[blk], s[blk + 1], 0);
    const lin v = vform(blk, s[blk + 1]);
    const int64_t zmax = cs.max_value(z), vmax = cs.max_value(v);
    lin h;
    for (int64_t t = 1; (t << w) <= zmax; ++t) h.emplace_back(emit(b, z, t << w, r), 1);
    const int64_t unit = int64_t{1} << (shift + w), one = int64_t{1} << shift;
    for (int64_t m = 1; m * unit <= vmax; ++m) gen[blk].emplace_back(emit(b, v, m * unit, r), 1);
    for (int64_t m = 1; m * unit - one <= vmax; ++m) kp[blk].emplace_back(emit(b, v, m * unit - one, r), 1);
    add_to(gen[blk], h, -1);
    add_to(kp[blk], h, -1);
  }

  // The carry e_b into block b >= 2: exclusive groups (linear form over layer 1, threshold).
  auto carry_terms = [&](size_t blk) {
    std::vector<std::pair<lin, int64_t>> groups;
    const size_t n = blk;
    const int g = std::max(1, 28 - static_cast<int>(std::bit_width(n + 1)));
    for (size_t a_hi = n; a_hi > 0;) {
      const size_t a_lo = a_hi > static_cast<size_t>(g) ? a_hi - g : 0;
      const size_t size = a_hi - a_lo, above = n - a_hi;
      lin f;
      int64_t t;
      if (size == 1) {
        add_to(f, gen[a_lo], 1);
        for (size_t x = a_hi; x < n; ++x) {
          add_to(f, kp[x], 1);
          add_to(f, gen[x], -1);
        }
        t = 1 + static_cast<int64_t>(above);
      } else {
        const int64_t m = int64_t{1} << size;
        for (size_t x = a_lo; x < a_hi; ++x) {
          add_to(f, gen[x], int64_t{1} << (x - a_lo));
          add_to(f, kp[x], int64_t{1} << (x - a_lo));
        }
        for (size_t x = a_hi; x < n; ++x) {
          add_to(f, kp[x], m);
          add_to(f, gen[x], -m);
        }
        t = m * static_cast<int64_t>(above + 1);
      }
      groups.emplace_back(std::move(f), t);
      a_hi = a_lo;
    }
    return groups;
  };

  bits z(width);
  for (size_t blk = 0; blk < nb; ++blk) {
    const uint32_t shift = blk ? wd(blk - 1) : 0;
    const bool has_e = blk >= 2;
    const auto groups = has_e ? carry_terms(blk) : std::vector<std::pair<lin, int64_t>>{};
    for (uint32_t j = s[blk]; j < s[blk + 1]; ++j) {
      const uint32_t k = j - s[blk];
      const lin v = vform(blk, j + 1);
      const int64_t fmax = cs.max_value(v) >> shift;
      auto q = [&](int64_t theta) {
        if (theta <= 0) return lit_true;
        if (theta > fmax) return lit_false;
        return emit(b, v, theta << shift, r);
      };
      lin out, zodd, zeven;
      const int64_t tmax = (fmax + (has_e ? 1 : 0)) >> k;
      for (int64_t t = 1; t <= tmax; ++t) {
        const int64_t theta = t << k;
        const int64_t sign = (t & 1) ? 1 : -1;
        const lit qt = q(theta);
        out.emplace_back(qt, sign);
        if (has_e) {
          lin& zz = (t & 1) ? zodd : zeven;
          zz.emplace_back(q(theta - 1), 1);
          zz.emplace_back(qt, -1);
        }
      }
      for (const auto& [f, t] : groups) {
        // T4: [f >= t] and z = [f + t z >= 2t] (f < 2t always).
        for (int parity = 0; parity < 2; ++parity) {
          lin g = f;
          add_to(g, parity ? zeven : zodd, t);
          out.emplace_back(emit(b, g, 2 * t, r), parity ? -1 : 1);
        }
      }
      z[j] = emit(b, out, 1, r);
    }
  }
  return z;
}

// Majority regime: block-save into A + C, then a blocked exclusive lookahead over linear forms.
bits sum_majority(builder& b, columns& cs) {
  const uint32_t width = cs.width();
  const weight_regime r = weight_regime::majority;
  // Block width: the high part of every block whose successor is inner must fit in w bits.
  uint32_t w = 1;
  for (;; ++w) {
    bool ok = true;
    for (uint32_t lo = 0; lo + 2 * w < width && ok; lo += w) {
      const lin z = cs.form(lo, lo + w, 0);
      if ((cs.max_value(z) >> w) >= (int64_t{1} << w)) ok = false;
    }
    if (ok || w >= 20) break;
  }
  std::vector<uint32_t> s;
  for (uint32_t p = 0; p < width; p += w) s.push_back(p);
  s.push_back(width);
  const size_t nb = s.size() - 1;
  auto wd = [&](size_t blk) { return s[blk + 1] - s[blk]; };

  // Layer 1: thermometers y[blk][t-1] = [Z_blk >= t].
  std::vector<bits> y(nb);
  for (size_t blk = 0; blk < nb; ++blk) {
    const lin z = cs.form(s[blk], s[blk + 1], 0);
    const int64_t zmax = cs.max_value(z);
    for (int64_t t = 1; t <= zmax; ++t) y[blk].push_back(emit(b, z, t, r));
  }
  // T2: f(Z_blk) as a linear form of the thermometer (f(0) = 0 for every f used here).
  auto fform = [&](lin& f, size_t blk, auto fn, int64_t c) {
    int64_t prev = 0;
    for (size_t t = 1; t <= y[blk].size(); ++t) {
      const int64_t cur = fn(static_cast<int64_t>(t));
      if (cur != prev) f.emplace_back(y[blk][t - 1], c * (cur - prev));
      prev = cur;
    }
  };
  // Bit k of block blk's A (low part of Z_blk) and C (high part of Z_{blk-1}).
  auto ac_bits = [&](lin& f, size_t blk, uint32_t k, int64_t c) {
    fform(f, blk, [k](int64_t v) { return (v >> k) & 1; }, c);
    if (blk) {
      const uint32_t sh = wd(blk - 1) + k;
      fform(f, blk - 1, [sh](int64_t v) { return (v >> sh) & 1; }, c);
    }
  };
  // Layer 2: segment [s_blk, s_blk + m) of A + C: generate and generate-or-propagate.
  std::map<std::pair<size_t, uint32_t>, std::pair<lit, lit>> seg;
  auto segment = [&](size_t blk, uint32_t m) {
    auto key = std::make_pair(blk, m);
    if (auto it = seg.find(key); it != seg.end()) return it->second;
    lin f;
    const int64_t mod = int64_t{1} << m;
    fform(f, blk, [mod](int64_t v) { return v % mod; }, 1);
    if (blk) {
      const uint32_t sh = wd(blk - 1);
      fform(f, blk - 1, [sh, mod](int64_t v) { return (v >> sh) % mod; }, 1);
    }
    auto gk = std::make_pair(emit(b, f, mod, r), emit(b, f, mod - 1, r));
    seg.emplace(key, gk);
    return gk;
  };
  // Layer 3: the carry into position i as exclusive terms.
  auto carry = [&](uint32_t i) {
    lin c;
    if (i == 0) return c;
    const size_t blk = std::upper_bound(s.begin(), s.end(), i) - s.begin() - 1;
    std::vector<std::pair<lit, lit>> segs;
    for (size_t a = 0; a < std::min(blk, nb); ++a) segs.push_back(segment(a, wd(a)));
    if (blk < nb && i > s[blk]) segs.push_back(segment(blk, i - s[blk]));
    for (size_t a = 0; a < segs.size(); ++a) {
      lin f{{segs[a].first, 1}};
      for (size_t x = a + 1; x < segs.size(); ++x) {
        f.emplace_back(segs[x].second, 1);
        f.emplace_back(segs[x].first, -1);
      }
      const lit tl = emit(b, f, 1 + static_cast<int64_t>(segs.size() - a - 1), r);
      if (tl != lit_false) c.emplace_back(tl, 1);
    }
    return c;
  };
  bits z(width);
  lin c_in = carry(0);
  for (uint32_t j = 0; j < width; ++j) {
    const size_t blk = std::upper_bound(s.begin(), s.end(), j) - s.begin() - 1;
    lin c_out = carry(j + 1);
    lin f = c_in;
    ac_bits(f, blk, j - s[blk], 1);
    add_to(f, c_out, -2);
    z[j] = emit(b, f, 1, r);
    c_in = std::move(c_out);
  }
  return z;
}

}  // namespace

bits weighted_sum(builder& b, std::span<const weighted_term> terms, uint32_t out_width, weight_regime regime) {
  if (out_width == 0) return {};
  columns cs(terms, out_width);
  // At most one term per column: no carries, the sum is a relabelling of the literals.
  bool plain = true;
  for (uint32_t p = 0; p < out_width && plain; ++p) plain = cs.height(p) <= 1;
  if (plain) {
    bits z(out_width, lit_false);
    for (uint32_t p = 0; p < out_width; ++p)
      if (cs.height(p) == 1) z[p] = cs.literal(p);
    return z;
  }
  return regime == weight_regime::exp ? sum_exp(b, cs) : sum_majority(b, cs);
}

uint32_t sum_width(uint32_t width, uint32_t count) {
  return width + static_cast<uint32_t>(count <= 1 ? 0 : std::bit_width(count - 1));
}

bits sum(builder& b, std::span<const bits> xs, weight_regime regime) {
  if (xs.empty()) throw input_error("sum", "needs at least one operand");
  const size_t width = xs[0].size();
  for (const bits& x : xs)
    if (x.size() != width || width == 0)
      throw input_error("sum", "operands must have the same width >= 1 (got " + std::to_string(x.size()) + " and " +
                                   std::to_string(width) + " bits)");
  std::vector<weighted_term> terms;
  terms.reserve(xs.size() * width);
  for (const bits& x : xs)
    for (size_t l = 0; l < width; ++l) terms.push_back({x[l], mpz_class(1) << static_cast<mp_bitcnt_t>(l)});
  return weighted_sum(b, terms, sum_width(static_cast<uint32_t>(width), static_cast<uint32_t>(xs.size())), regime);
}

}  // namespace tc0
