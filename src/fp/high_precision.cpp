// Internal: rigorous fixed-point approximations of real constants and their exact floors.
#include "high_precision.hpp"

#include <mutex>
#include <utility>

namespace tc0::fp::detail {

namespace {

// An approximation A of c 2^m with |A - c 2^m| <= err.
struct approximation {
  mpz_class value;
  mpz_class err;
};

struct pqt {
  mpz_class p, q, t;
};

// Chudnovsky binary splitting over terms [a, b).
pqt chudnovsky(unsigned long a, unsigned long b) {
  if (b - a == 1) {
    pqt r;
    if (a == 0) {
      r.p = 1;
      r.q = 1;
    } else {
      r.p = mpz_class(6 * a - 5) * (2 * a - 1) * (6 * a - 1);
      r.q = mpz_class(a) * a * a * mpz_class("10939058860032000");  // 640320^3 / 24
    }
    r.t = r.p * (mpz_class(13591409) + mpz_class(545140134) * a);
    if (a & 1) r.t = -r.t;
    return r;
  }
  const unsigned long mid = (a + b) / 2;
  pqt l = chudnovsky(a, mid), h = chudnovsky(mid, b);
  pqt r;
  r.p = l.p * h.p;
  r.q = l.q * h.q;
  r.t = l.t * h.q + l.p * h.t;
  return r;
}

// pi = 426880 sqrt(10005) Q / T; each term adds 47.11 bits. Error: the sqrt floor (< 0.01 after
// the scaling), the series tail (< 2^-m), the final floor (< 1).
approximation pi_approx(long m) {
  const unsigned long terms = static_cast<unsigned long>(m) / 47 + 2;
  const pqt s = chudnovsky(0, terms);
  mpz_class root;
  const mpz_class radicand = mpz_class(10005) << (2 * m);
  mpz_sqrt(root.get_mpz_t(), radicand.get_mpz_t());
  mpz_class v = mpz_class(426880) * root * s.q;
  mpz_fdiv_q(v.get_mpz_t(), v.get_mpz_t(), s.t.get_mpz_t());
  return {v, 2};
}

// sum_k floor(2^m / ((2k+1) q^(2k+1))) ~ atanh(1/q) 2^m, error <= number of terms + 1.
approximation atanh_inv_approx(unsigned long q, long m) {
  mpz_class sum, power = q, term;
  const mpz_class one = mpz_class(1) << m;
  unsigned long k = 0;
  for (;; ++k) {
    const mpz_class den = power * (2 * k + 1);
    mpz_fdiv_q(term.get_mpz_t(), one.get_mpz_t(), den.get_mpz_t());
    if (sgn(term) == 0) break;
    sum += term;
    power *= q * q;
  }
  return {sum, mpz_class(k + 2)};
}

approximation approx(real c, long m) {
  switch (c) {
    case real::pi: return pi_approx(m);
    case real::ln2: {  // 2 atanh(1/3)
      approximation a = atanh_inv_approx(3, m + 1);
      return {a.value, a.err};  // (value / 2^(m+1)) * 2 = value / 2^m
    }
    case real::ln10: {  // 3 ln 2 + 2 atanh(1/9)
      approximation a = atanh_inv_approx(3, m + 1), b = atanh_inv_approx(9, m + 1);
      return {3 * a.value + b.value, 3 * a.err + b.err};
    }
    case real::e: {  // sum 1/k!; each truncated term is off by < 2 (errors shrink by 1/k, plus < 1)
      mpz_class term = mpz_class(1) << m, sum;
      unsigned long k = 1;
      while (sgn(term) != 0) {
        sum += term;
        term /= k++;
      }
      return {sum, mpz_class(2 * k + 2)};
    }
    case real::sqrt2: {
      mpz_class r;
      const mpz_class radicand = mpz_class(2) << (2 * m);
      mpz_sqrt(r.get_mpz_t(), radicand.get_mpz_t());
      return {r, 1};
    }
  }
  return {0, 0};
}

mpz_class floor_div(const mpz_class& a, const mpz_class& b) {
  mpz_class q;
  mpz_fdiv_q(q.get_mpz_t(), a.get_mpz_t(), b.get_mpz_t());
  return q;
}

}  // namespace

mpz_class floor_scaled(real c, long n) {
  for (long g = 32;; g *= 2) {
    const approximation a = approx(c, n + g);
    mpz_class lo = a.value - a.err, hi = a.value + a.err;
    mpz_fdiv_q_2exp(lo.get_mpz_t(), lo.get_mpz_t(), g);
    mpz_fdiv_q_2exp(hi.get_mpz_t(), hi.get_mpz_t(), g);
    if (lo == hi) return lo;
  }
}

mpz_class floor_inverse_scaled(real c, long n) {
  for (long g = 32;; g *= 2) {
    const long m = n + g;
    const approximation a = approx(c, m);
    const mpz_class num = mpz_class(1) << (n + m);
    const mpz_class lo = floor_div(num, a.value + a.err), hi = floor_div(num, a.value - a.err);
    if (lo == hi) return lo;
  }
}

mpz_class two_over_pi_floor(long n) {
  static std::mutex lock;
  static long have = -1;
  static mpz_class cached;
  std::lock_guard<std::mutex> guard(lock);
  if (n > have) {
    const long want = std::max(n, 2 * have);
    // floor(2^(want+1) / pi): the inverse floor of pi at want + 1 bits.
    cached = floor_inverse_scaled(real::pi, want + 1);
    have = want;
  }
  mpz_class r;
  mpz_fdiv_q_2exp(r.get_mpz_t(), cached.get_mpz_t(), have - n);
  return r;
}

}  // namespace tc0::fp::detail
