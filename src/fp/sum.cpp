// fsum and fdot: specials as IEEE addition, then the exact or the window sum of the terms.
#include "tc0/fp/sum.hpp"

#include <string>
#include <vector>

#include "exact_sum.hpp"
#include "tc0/errors.hpp"

namespace tc0::fp {

namespace {

// Collects terms and the special-value state of a sum.
struct accumulator {
  std::vector<detail::term> terms;
  bool nan = false, pos_inf = false, neg_inf = false, all_neg_zero = true;

  void add(bool sign, float_class cls, mpz_class sig, mpz_class exp) {
    switch (cls) {
      case float_class::nan: nan = true; break;
      case float_class::infinite: (sign ? neg_inf : pos_inf) = true; break;
      case float_class::zero: break;
      default: terms.push_back({sign, std::move(sig), std::move(exp)});
    }
    if (!(cls == float_class::zero && sign)) all_neg_zero = false;
  }

  mpz_class result(const float_format& f, accumulation mode, size_t k) {
    if (nan || (pos_inf && neg_inf)) return quiet_nan(f);
    if (pos_inf || neg_inf) return infinity(f, neg_inf);
    auto r = mode == accumulation::exact ? detail::round_exact_sum(f, terms) : detail::round_window_sum(f, terms, k);
    if (r) return *r;
    return zero(f, k > 0 && all_neg_zero);
  }
};

}  // namespace

accumulation default_accumulation(const float_format& f) { return f.e <= 8 ? accumulation::exact : accumulation::window; }

int window_bits(const float_format& f, size_t k) {
  int lg = 0;
  while ((size_t{1} << lg) < k) ++lg;
  return 2 * f.p + lg + 3;
}

mpz_class fsum(const float_format& f, std::span<const mpz_class> xs, accumulation mode) {
  check_format(f);
  accumulator acc;
  for (const mpz_class& x : xs) {
    unpacked u = decode(f, x);
    acc.add(u.sign, u.cls, std::move(u.sig), std::move(u.exp));
  }
  return acc.result(f, mode, xs.size());
}

mpz_class fsum(const float_format& f, std::span<const mpz_class> xs) { return fsum(f, xs, default_accumulation(f)); }

mpz_class fdot(const float_format& f, std::span<const mpz_class> xs, std::span<const mpz_class> ys,
               accumulation mode) {
  check_format(f);
  if (xs.size() != ys.size())
    throw input_error("fdot", "operand lists of the same length; got " + std::to_string(xs.size()) + " and " +
                                  std::to_string(ys.size()));
  accumulator acc;
  for (size_t i = 0; i < xs.size(); ++i) {
    const unpacked a = decode(f, xs[i]), b = decode(f, ys[i]);
    const bool sign = a.sign != b.sign;
    if (a.cls == float_class::nan || b.cls == float_class::nan)
      acc.add(sign, float_class::nan, 0, 0);
    else if (a.cls == float_class::infinite || b.cls == float_class::infinite)
      acc.add(sign, (a.cls == float_class::zero || b.cls == float_class::zero) ? float_class::nan : float_class::infinite,
              0, 0);
    else if (a.cls == float_class::zero || b.cls == float_class::zero)
      acc.add(sign, float_class::zero, 0, 0);
    else
      acc.add(sign, float_class::normal, a.sig * b.sig, a.exp + b.exp);
  }
  return acc.result(f, mode, xs.size());
}

mpz_class fdot3(const float_format& f, std::span<const mpz_class> xs, std::span<const mpz_class> ys,
                std::span<const mpz_class> zs, accumulation mode) {
  check_format(f);
  if (xs.size() != ys.size() || xs.size() != zs.size())
    throw input_error("fdot3", "three operand lists of the same length; got " + std::to_string(xs.size()) + ", " +
                                   std::to_string(ys.size()) + " and " + std::to_string(zs.size()));
  accumulator acc;
  for (size_t i = 0; i < xs.size(); ++i) {
    const unpacked a = decode(f, xs[i]), b = decode(f, ys[i]), c = decode(f, zs[i]);
    const bool sign = a.sign != b.sign ? !c.sign : c.sign;
    auto any = [&](float_class k) { return a.cls == k || b.cls == k || c.cls == k; };
    if (any(float_class::nan))
      acc.add(sign, float_class::nan, 0, 0);
    else if (any(float_class::infinite))
      acc.add(sign, any(float_class::zero) ? float_class::nan : float_class::infinite, 0, 0);
    else if (any(float_class::zero))
      acc.add(sign, float_class::zero, 0, 0);
    else
      acc.add(sign, float_class::normal, a.sig * b.sig * c.sig, a.exp + b.exp + c.exp);
  }
  return acc.result(f, mode, xs.size());
}

mpz_class fdot(const float_format& f, std::span<const mpz_class> xs, std::span<const mpz_class> ys) {
  return fdot(f, xs, ys, default_accumulation(f));
}

}  // namespace tc0::fp
