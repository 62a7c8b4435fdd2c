// Internal: exact and window sums of signed terms, rounded once.
#include "exact_sum.hpp"

#include <algorithm>

#include "tc0/fp/round.hpp"
#include "tc0/fp/sum.hpp"

namespace tc0::fp::detail {

namespace {

// Terms spanning at most this many bits are summed directly.
constexpr long direct_span = 1L << 12;

// The signed sum of terms [first, last) as an integer times 2^low.
mpz_class cluster_sum(const std::vector<term>& terms, size_t first, size_t last, const mpz_class& low) {
  mpz_class acc;
  for (size_t i = first; i < last; ++i) {
    const mpz_class v = terms[i].sig << mpz_class(terms[i].exp - low).get_ui();
    if (terms[i].sign)
      acc -= v;
    else
      acc += v;
  }
  return acc;
}

std::optional<mpz_class> encode_signed(const float_format& f, const mpz_class& v, const mpz_class& exp) {
  if (sgn(v) == 0) return std::nullopt;
  return encode(f, sgn(v) < 0, abs(v), exp);
}

}  // namespace

std::optional<mpz_class> round_exact_sum(const float_format& f, std::vector<term>& terms) {
  if (terms.empty()) return std::nullopt;
  mpz_class lo = terms[0].exp, hi = terms[0].exp + bitlen(terms[0].sig);
  for (const term& t : terms) {
    if (t.exp < lo) lo = t.exp;
    const mpz_class top = t.exp + bitlen(t.sig);
    if (top > hi) hi = top;
  }
  if (hi - lo <= direct_span) return encode_signed(f, cluster_sum(terms, 0, terms.size(), lo), lo);

  std::sort(terms.begin(), terms.end(), [](const term& a, const term& b) {
    return a.exp + bitlen(a.sig) > b.exp + bitlen(b.sig);
  });
  const long gap = f.p + 5 + bitlen(mpz_class(static_cast<unsigned long>(terms.size())));
  struct cluster {
    size_t first, last;
    mpz_class low, sum;
  };
  std::vector<cluster> clusters;
  for (size_t i = 0; i < terms.size(); ++i) {
    const mpz_class top = terms[i].exp + bitlen(terms[i].sig);
    if (clusters.empty() || top <= clusters.back().low - gap) {
      clusters.push_back({i, i + 1, terms[i].exp, 0});
    } else {
      clusters.back().last = i + 1;
      if (terms[i].exp < clusters.back().low) clusters.back().low = terms[i].exp;
    }
  }
  for (cluster& c : clusters) c.sum = cluster_sum(terms, c.first, c.last, c.low);
  size_t j = 0;
  while (j < clusters.size() && sgn(clusters[j].sum) == 0) ++j;
  if (j == clusters.size()) return std::nullopt;
  int rest = 0;  // sign of everything below cluster j: the first nonzero cluster below dominates
  for (size_t l = j + 1; l < clusters.size() && rest == 0; ++l) rest = sgn(clusters[l].sum);
  // The rest is below 2^(low - p - 5) in magnitude: replacing it by its sign times that much
  // crosses no rounding boundary (docs/floats.md).
  const long guard = f.p + 5;
  const mpz_class v = (clusters[j].sum << guard) + rest;
  return encode_signed(f, v, clusters[j].low - guard);
}

std::optional<mpz_class> round_window_sum(const float_format& f, const std::vector<term>& terms, size_t k) {
  if (terms.empty()) return std::nullopt;
  mpz_class top = terms[0].exp + bitlen(terms[0].sig);
  for (const term& t : terms) {
    const mpz_class h = t.exp + bitlen(t.sig);
    if (h > top) top = h;
  }
  const mpz_class low = top - window_bits(f, k);
  mpz_class s;
  bool sticky = false;
  for (const term& t : terms) {
    mpz_class v;
    bool dropped = false;
    if (t.exp >= low) {
      v = t.sig << mpz_class(t.exp - low).get_ui();
    } else {
      const mpz_class shift = low - t.exp;
      if (shift >= bitlen(t.sig)) {
        dropped = true;  // the whole term is below the window (sig > 0)
      } else {
        const unsigned long sh = shift.get_ui();
        mpz_fdiv_q_2exp(v.get_mpz_t(), t.sig.get_mpz_t(), sh);
        dropped = mpz_scan1(t.sig.get_mpz_t(), 0) < sh;
      }
    }
    if (t.sign)
      s -= v + (dropped ? 1 : 0);  // floor of a negative term
    else
      s += v;
    sticky = sticky || dropped;
  }
  const mpz_class v = (s << 1) + (sticky ? 1 : 0);
  return encode_signed(f, v, low - 1);
}

}  // namespace tc0::fp::detail
