// Chinese-remainder machinery: primes and tables, thermometer codes, one-hot residues, readout.
#include "crr_core.hpp"

#include <bit>
#include <string>

#include "tc0/arith/gates.hpp"
#include "tc0/arith/iterated_sum.hpp"
#include "tc0/errors.hpp"

namespace tc0::crr {

namespace {

bool is_prime(uint32_t n) {
  if (n < 2) return false;
  for (uint32_t d = 2; d * d <= n; ++d)
    if (n % d == 0) return false;
  return true;
}

uint32_t primitive_root(uint32_t p) {
  if (p == 2) return 1;
  std::vector<uint32_t> factors;
  uint32_t n = p - 1;
  for (uint32_t d = 2; d * d <= n; ++d)
    if (n % d == 0) {
      factors.push_back(d);
      while (n % d == 0) n /= d;
    }
  if (n > 1) factors.push_back(n);
  for (uint32_t g = 2;; ++g) {
    bool ok = true;
    for (uint32_t q : factors) {
      mpz_class r;
      mpz_class base = g;
      mpz_powm_ui(r.get_mpz_t(), base.get_mpz_t(), (p - 1) / q, mpz_class(p).get_mpz_t());
      if (r == 1) ok = false;
    }
    if (ok) return g;
  }
}

// Limits that keep every table small and every gate's weights and wire counts in range.
constexpr uint32_t max_value_bits = 1u << 14;

}  // namespace

plan make_plan(uint32_t value_bits) {
  if (value_bits > max_value_bits)
    throw input_error("crr", "values of " + std::to_string(value_bits) + " bits exceed the supported " +
                                 std::to_string(max_value_bits));
  plan pl;
  const mpz_class need = mpz_class(1) << (value_bits + 1);
  pl.modulus = 1;
  std::vector<uint32_t> ps;
  for (uint32_t n = 2; pl.modulus < need; ++n)
    if (is_prime(n)) {
      ps.push_back(n);
      pl.modulus *= n;
    }
  for (uint32_t p : ps) {
    prime_info pi;
    pi.p = p;
    const uint32_t g = primitive_root(p);
    pi.power.resize(p - 1);
    pi.dlog.assign(p, 0);
    uint64_t acc = 1;
    for (uint32_t e = 0; e + 1 < p; ++e) {
      pi.power[e] = static_cast<uint32_t>(acc);
      pi.dlog[acc] = e;
      acc = acc * g % p;
    }
    pi.m_over_p = pl.modulus / p;
    const mpz_class r = pi.m_over_p % p;
    mpz_class inv;
    mpz_invert(inv.get_mpz_t(), r.get_mpz_t(), mpz_class(p).get_mpz_t());
    pi.crt_weight = p == 2 ? 1 : static_cast<uint32_t>(inv.get_ui());
    pl.primes.push_back(std::move(pi));
  }
  pl.frac_bits = static_cast<uint32_t>(std::bit_width(4 * pl.primes.size() - 1));
  return pl;
}

lit at_least(builder& b, const linear_form& f, int64_t constant, int64_t t, weight_regime regime) {
  return tc0::at_least(b, f, t - constant, regime);
}

thermometer_code thermometer_of(builder& b, const linear_form& f, int64_t constant, int64_t lo, int64_t hi,
                                weight_regime regime) {
  thermometer_code c;
  c.lo = lo;
  c.ge.reserve(static_cast<size_t>(hi - lo));
  for (int64_t t = lo + 1; t <= hi; ++t) c.ge.push_back(at_least(b, f, constant, t, regime));
  return c;
}

thermometer_code residue_sum(builder& b, const bits& x, uint32_t p, int64_t constant, weight_regime regime) {
  linear_form f;
  int64_t range = 0, r = 1 % p;
  for (const lit l : x) {
    if (r) f.emplace_back(l, r);
    range += r;
    r = r * 2 % p;
  }
  return thermometer_of(b, f, constant, constant, constant + range, regime);
}

void add_function(linear_form& f, int64_t& constant, const thermometer_code& c, const std::function<int64_t(int64_t)>& h,
                  int64_t scale) {
  int64_t prev = h(c.lo);
  constant += scale * prev;
  for (size_t i = 0; i < c.ge.size(); ++i) {
    const int64_t cur = h(c.lo + 1 + static_cast<int64_t>(i));
    if (cur != prev) f.emplace_back(c.ge[i], scale * (cur - prev));
    prev = cur;
  }
}

namespace {

bits one_hot_of(builder& b, uint32_t p, const thermometer_code& c, const std::function<uint32_t(int64_t)>& value,
                weight_regime regime) {
  bits o(p, lit_false);
  for (uint32_t v = 1; v < p; ++v) {
    linear_form f;
    int64_t constant = 0;
    add_function(f, constant, c, [&](int64_t s) { return value(s) == v ? 1 : 0; }, 1);
    o[v] = at_least(b, f, constant, 1, regime);
  }
  return o;
}

}  // namespace

bits residue_one_hot(builder& b, const prime_info& pi, std::span<const factor> fs, weight_regime regime) {
  const uint32_t p = pi.p, w = pi.crt_weight;
  if (fs.size() == 1) {
    const factor& f0 = fs[0];
    return one_hot_of(b, p, *f0.code, [&](int64_t s) { return uint32_t(uint64_t{f0.residue(s)} * w % p); }, regime);
  }
  // Log sum with a sentinel H larger than any sum of logs: Lambda >= H iff some factor is 0 mod p.
  const int64_t sentinel = static_cast<int64_t>(fs.size()) * (p - 2) + 1;
  linear_form f;
  int64_t constant = 0;
  for (const factor& fa : fs)
    add_function(f, constant, *fa.code,
                 [&](int64_t s) {
                   const uint32_t r = fa.residue(s);
                   return r ? int64_t{pi.dlog[r]} : sentinel;
                 },
                 1);
  const thermometer_code log_sum = thermometer_of(b, f, constant, 0, sentinel, regime);
  return one_hot_of(b, p, log_sum,
                    [&](int64_t lam) {
                      if (lam >= sentinel) return 0u;
                      return uint32_t(uint64_t{pi.power[lam % (p - 1)]} * w % p);
                    },
                    regime);
}

namespace {

// K_t = [K >= t], t = 1..m-1, with K = floor(sum_p c_p / p) (exact because X / M < 1/2).
bits k_thermometer(builder& b, const plan& pl, std::span<const bits> one_hots, weight_regime regime) {
  const uint32_t n = pl.frac_bits;
  linear_form q;
  for (size_t i = 0; i < pl.primes.size(); ++i) {
    const uint32_t p = pl.primes[i].p;
    for (uint32_t v = 1; v < p; ++v)
      if (one_hots[i][v] != lit_false) q.emplace_back(one_hots[i][v], (int64_t{v} << n) / p);
  }
  bits k;
  for (size_t t = 1; t < pl.primes.size(); ++t)
    k.push_back(at_least(b, q, int64_t{1} << (n - 2), static_cast<int64_t>(t) << n, regime));
  return k;
}

void check_codes(const plan& pl, std::span<const bits> one_hots) {
  if (one_hots.size() != pl.primes.size())
    throw input_error("crr", "one one-hot code per prime expected");
  for (size_t i = 0; i < one_hots.size(); ++i)
    if (one_hots[i].size() != pl.primes[i].p) throw input_error("crr", "one-hot code of the wrong size");
}

}  // namespace

bits exact_value(builder& b, const plan& pl, std::span<const bits> one_hots, uint32_t out_width,
                 weight_regime regime) {
  check_codes(pl, one_hots);
  const bits k = k_thermometer(b, pl, one_hots, regime);
  const mpz_class mod = mpz_class(1) << out_width;
  std::vector<weighted_term> terms;
  for (size_t i = 0; i < pl.primes.size(); ++i) {
    const prime_info& pi = pl.primes[i];
    for (uint32_t v = 1; v < pi.p; ++v)
      terms.push_back({one_hots[i][v], mpz_class(v * pi.m_over_p) % mod, static_cast<uint32_t>(i + 1)});
  }
  const mpz_class minus_m = (mod - pl.modulus % mod) % mod;
  for (const lit kt : k) terms.push_back({kt, minus_m, 0});
  return weighted_sum(b, terms, out_width, regime);
}

bits scaled_value(builder& b, const plan& pl, std::span<const bits> one_hots, int64_t shift, uint32_t frac,
                  const mpz_class& round_add, uint32_t out_width, weight_regime regime) {
  check_codes(pl, one_hots);
  const bits k = k_thermometer(b, pl, one_hots, regime);
  const uint32_t width = frac + out_width;
  const mpz_class mod = mpz_class(1) << width;
  auto scale_floor = [&](const mpz_class& v) {
    mpz_class r;
    if (shift >= 0) {
      r = v << static_cast<mp_bitcnt_t>(shift);
    } else {
      mpz_fdiv_q_2exp(r.get_mpz_t(), v.get_mpz_t(), static_cast<mp_bitcnt_t>(-shift));
    }
    return r;
  };
  mpz_class beta;  // ceil(M 2^shift)
  if (shift >= 0) {
    beta = pl.modulus << static_cast<mp_bitcnt_t>(shift);
  } else {
    mpz_cdiv_q_2exp(beta.get_mpz_t(), pl.modulus.get_mpz_t(), static_cast<mp_bitcnt_t>(-shift));
  }
  std::vector<weighted_term> terms;
  for (size_t i = 0; i < pl.primes.size(); ++i) {
    const prime_info& pi = pl.primes[i];
    for (uint32_t v = 1; v < pi.p; ++v)
      terms.push_back({one_hots[i][v], scale_floor(v * pi.m_over_p) % mod, static_cast<uint32_t>(i + 1)});
  }
  // -K beta = -(m-1) beta + sum_t (not K_t) beta keeps every weight non-negative.
  for (const lit kt : k) terms.push_back({!kt, beta % mod, 0});
  mpz_class constant = round_add - mpz_class(static_cast<unsigned long>(k.size())) * beta;
  constant %= mod;
  if (constant < 0) constant += mod;
  terms.push_back({lit_true, constant, 0});
  const bits all = weighted_sum(b, terms, width, regime);
  return bits(all.begin() + frac, all.end());
}

}  // namespace tc0::crr
