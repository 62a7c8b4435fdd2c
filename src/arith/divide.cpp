// Reciprocal and division: series in the Chinese remainder representation, exact fixed-point floor.
#include "tc0/arith/divide.hpp"

#include <bit>
#include <string>
#include <vector>

#include "crr_core.hpp"
#include "tc0/arith/add.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/arith/iterated_sum.hpp"
#include "tc0/arith/normalize.hpp"
#include "tc0/errors.hpp"

namespace tc0 {

namespace {

constexpr uint32_t max_divide_width = 64;  // the primes cover about 2 B^2 bits

// P(u) = sum_{j<=n} u^j 2^(width (n - j)) mod p, for every residue u.
std::vector<uint32_t> series_table(uint32_t p, uint32_t width, uint32_t n) {
  uint64_t scale = 1;  // 2^width mod p
  for (uint32_t i = 0; i < width; ++i) scale = scale * 2 % p;
  std::vector<uint32_t> t(p);
  for (uint32_t u = 0; u < p; ++u) {
    uint64_t acc = 0;  // Horner: ((u + s) u + s^2) ... with s = 2^width
    uint64_t sp = 1;
    for (uint32_t j = 0; j <= n; ++j) {
      acc = (acc * u + sp) % p;  // after step j: sum_{i<=j} u^(j-i) s^i
      sp = sp * scale % p;
    }
    t[u] = static_cast<uint32_t>(acc);
  }
  return t;
}

bits complemented(const bits& x) {
  bits r(x.size());
  for (size_t i = 0; i < x.size(); ++i) r[i] = !x[i];
  return r;
}

// out_i = OR_j ([z = j] and value_{i + shift_base - j}) OR extra, for i < out_width (T5 decode in
// one layer, the OR in a second).
bits decoded_shift(builder& b, const bits& value, const bits& z, uint32_t zmax, uint32_t shift_base,
                   uint32_t out_width, lit extra, weight_regime regime) {
  bits out(out_width);
  for (uint32_t i = 0; i < out_width; ++i) {
    bits terms{extra};
    for (uint32_t j = 0; j <= zmax; ++j) {
      const int64_t idx = int64_t{i} + shift_base - j;
      if (idx < 0 || idx >= static_cast<int64_t>(value.size())) continue;
      if ((j >> z.size()) != 0) continue;
      bits in{value[idx]};
      std::vector<int64_t> w{1};
      int64_t ones = 0;
      for (size_t k = 0; k < z.size(); ++k) {
        in.push_back(z[k]);
        const bool set = (j >> k) & 1;
        w.push_back(set ? 1 : -1);
        ones += set;
      }
      terms.push_back(threshold(b, in, w, ones + 1, regime));
    }
    out[i] = or_any(b, terms, regime);
  }
  return out;
}

uint32_t log2_ceil(size_t m) { return m <= 1 ? 0 : static_cast<uint32_t>(std::bit_width(m - 1)); }

void check_width(const char* where, size_t width) {
  if (width == 0 || width > max_divide_width)
    throw input_error(where, "width must be 1.." + std::to_string(max_divide_width) + ", got " + std::to_string(width));
}

}  // namespace

bits reciprocal(builder& b, const bits& y, uint32_t frac_bits, weight_regime regime) {
  check_width("reciprocal", y.size());
  if (frac_bits == 0 || frac_bits > 256) throw input_error("reciprocal", "frac bits must be 1..256");
  const uint32_t width = static_cast<uint32_t>(y.size()), f = frac_bits;
  const lit saturate = !or_any(b, bits(y.begin() + 1, y.end()), regime);  // y <= 1
  if (width == 1) return bits(f, lit_true);
  const normalized nrm = normalize(b, y, regime);
  const uint32_t n = f + width + 2;
  const crr::plan pl = crr::make_plan(width * n + 1);
  const bits not_y = complemented(nrm.z);
  std::vector<bits> one_hots;
  for (const crr::prime_info& pi : pl.primes) {
    const crr::thermometer_code u = crr::residue_sum(b, not_y, pi.p, 1, regime);  // U = not Y + 1
    const std::vector<uint32_t> table = series_table(pi.p, width, n);
    const crr::factor fa{&u, [&table, p = pi.p](int64_t s) { return table[s % p]; }};
    one_hots.push_back(crr::residue_one_hot(b, pi, std::span<const crr::factor>(&fa, 1), regime));
  }
  const uint32_t g = width + 3 + log2_ceil(pl.primes.size());
  const int64_t shift = int64_t{f} + g - int64_t{width} * n;
  const bits qf = crr::scaled_value(b, pl, one_hots, shift, g, mpz_class(1) << (g - width - 1), f + 2, regime);
  return decoded_shift(b, qf, nrm.shift, width, width, f, saturate, regime);
}

quotient_remainder divide(builder& b, const bits& x, const bits& y, weight_regime regime) {
  check_width("divide", y.size());
  if (x.size() != y.size())
    throw input_error("divide", "x and y must have the same width (got " + std::to_string(x.size()) + " and " +
                                    std::to_string(y.size()) + " bits)");
  const uint32_t width = static_cast<uint32_t>(y.size());
  const lit y_zero = !or_any(b, y, regime);
  const normalized nrm = normalize(b, y, regime);
  const uint32_t n = 2 * width + 2;
  const crr::plan pl = crr::make_plan(width + width * n + 1);
  const bits not_y = complemented(nrm.z);
  std::vector<bits> one_hots;
  for (const crr::prime_info& pi : pl.primes) {
    const crr::thermometer_code xc = crr::residue_sum(b, x, pi.p, 0, regime);
    const crr::thermometer_code u = crr::residue_sum(b, not_y, pi.p, 1, regime);
    const std::vector<uint32_t> table = series_table(pi.p, width, n);
    const crr::factor fs[] = {{&xc, [p = pi.p](int64_t s) { return static_cast<uint32_t>(s % p); }},
                              {&u, [&table, p = pi.p](int64_t s) { return table[s % p]; }}};
    one_hots.push_back(crr::residue_one_hot(b, pi, fs, regime));
  }
  const uint32_t g = width + 3 + log2_ceil(pl.primes.size());
  const int64_t shift = int64_t{g} - int64_t{width} * n;
  const bits qx = crr::scaled_value(b, pl, one_hots, shift, g, mpz_class(1) << (g - width - 1), width + 2, regime);
  quotient_remainder res;
  res.q = decoded_shift(b, qx, nrm.shift, width, width, width, y_zero, regime);
  // r = x - q y = x + sum (2^B - 2^(i+l)) q_i y_l mod 2^B.
  std::vector<weighted_term> terms;
  const mpz_class mod = mpz_class(1) << width;
  for (uint32_t l = 0; l < width; ++l) terms.push_back({x[l], mpz_class(1) << l});
  for (uint32_t i = 0; i < width; ++i)
    for (uint32_t l = 0; i + l < width; ++l)
      terms.push_back({b.and_({res.q[i], y[l]}), mod - (mpz_class(1) << (i + l))});
  res.r = weighted_sum(b, terms, width, regime);
  return res;
}

quotient_remainder divide_signed(builder& b, const bits& x, const bits& y, weight_regime regime) {
  check_width("divide_signed", y.size());
  if (x.size() != y.size()) throw input_error("divide_signed", "x and y must have the same width");
  const lit sx = x.back(), sy = y.back();
  const quotient_remainder u = divide(b, absolute(b, x, regime), absolute(b, y, regime), regime);
  // Negate q when the signs differ and y != 0 (y = 0 keeps the all-ones quotient).
  const bits ny = bits(y.begin(), y.end());
  const lit y_nonzero = or_any(b, ny, regime);
  const lit differ_a = b.and_({sx, !sy, y_nonzero}), differ_b = b.and_({!sx, sy, y_nonzero});
  const lit negate_q = or_any(b, bits{differ_a, differ_b}, regime);
  return {conditional_negate(b, u.q, negate_q, regime), conditional_negate(b, u.r, sx, regime)};
}

}  // namespace tc0
