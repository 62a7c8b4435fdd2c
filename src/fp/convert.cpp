// Conversions: integers, rationals, decimal strings, exactly rounded constants.
#include "tc0/fp/convert.hpp"

#include <bit>
#include <cctype>
#include <cstdint>
#include <string>

#include "exact_sum.hpp"
#include "high_precision.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/round.hpp"

namespace tc0::fp {

namespace {

using detail::bitlen;

// Values are materialized as integers only up to this many bits (e = 254 allows 2^(2^253)).
constexpr long max_materialized_bits = 1L << 24;
constexpr long max_decimal_exponent = 10'000'000;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  return true;
}

// floor(c 2^n) for the named constants, from the exact floors of high_precision.hpp.
mpz_class constant_floor(real_constant c, long n) {
  using detail::real;
  switch (c) {
    case real_constant::pi: return detail::floor_scaled(real::pi, n);
    case real_constant::half_pi: return detail::floor_scaled(real::pi, n - 1);
    case real_constant::two_pi: return detail::floor_scaled(real::pi, n + 1);
    case real_constant::inv_pi: return detail::floor_inverse_scaled(real::pi, n);
    case real_constant::two_over_pi: return detail::floor_inverse_scaled(real::pi, n + 1);
    case real_constant::e: return detail::floor_scaled(real::e, n);
    case real_constant::ln2: return detail::floor_scaled(real::ln2, n);
    case real_constant::log2_e: return detail::floor_inverse_scaled(real::ln2, n);
    case real_constant::ln10: return detail::floor_scaled(real::ln10, n);
    case real_constant::sqrt2: return detail::floor_scaled(real::sqrt2, n);
    case real_constant::inv_sqrt2: return detail::floor_scaled(real::sqrt2, n - 1);
  }
  return 0;
}

}  // namespace

mpz_class from_integer(const float_format& f, const mpz_class& n) { return encode(f, sgn(n) < 0, abs(n), 0); }

mpz_class from_rational(const float_format& f, const mpz_class& num, const mpz_class& den) {
  check_format(f);
  if (sgn(den) == 0) throw input_error("from_rational", "a nonzero denominator");
  return encode_ratio(f, (sgn(num) < 0) != (sgn(den) < 0), abs(num), abs(den), 0);
}

namespace {

// Whether the finite nonzero pattern x has the value n 2^E (n > 0).
bool has_value(const float_format& f, const mpz_class& x, mpz_class n, mpz_class E) {
  unpacked u = decode(f, x);
  if (!u.is_finite() || u.cls == float_class::zero) return false;
  const auto strip = [](mpz_class& m, mpz_class& e) {
    const mp_bitcnt_t z = mpz_scan1(m.get_mpz_t(), 0);
    m >>= z;
    e += static_cast<unsigned long>(z);
  };
  strip(u.sig, u.exp);
  strip(n, E);
  return u.sig == n && u.exp == E;
}

const std::string decimal_expected = "[+-]digits[.digits][e[+-]digits], inf or nan";
const std::string hex_expected = "[+-]0xhexdigits[.hexdigits][p[+-]digits], inf or nan";

// Reads [+-] and returns true for a special (inf, infinity, nan), with its pattern in `out`.
bool sign_and_special(const float_format& f, std::string_view& s, bool& negative, mpz_class& out) {
  negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (iequals(s, "inf") || iequals(s, "infinity")) {
    out = infinity(f, negative);
    return true;
  }
  if (iequals(s, "nan")) {
    out = quiet_nan(f);
    return true;
  }
  return false;
}

// digits [. digits] in the given base; the digits as an integer and the count after the point.
size_t read_mantissa(std::string_view s, int base, std::string& digits, long& frac_digits) {
  size_t i = 0;
  bool seen_point = false;
  frac_digits = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (base == 10 ? std::isdigit(static_cast<unsigned char>(c)) : std::isxdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
      if (seen_point) ++frac_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  return i;
}

// [+-] digits after the exponent letter at s[i]; saturates beyond 10^12.
bool read_exponent(std::string_view s, size_t i, long& out) {
  out = 0;
  ++i;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    if (out < 1'000'000'000'000L) out = out * 10 + (s[i] - '0');
  }
  if (negative) out = -out;
  return true;
}

parsed_float parse_decimal(const float_format& f, std::string_view text) {
  check_format(f);
  const std::string where = "decimal \"" + std::string(text) + "\"";
  std::string_view s = text;
  bool negative;
  parsed_float r;
  if (sign_and_special(f, s, negative, r.bits)) return r;
  std::string digits;
  long frac_digits = 0, exp10 = 0;
  const size_t i = read_mantissa(s, 10, digits, frac_digits);
  if (digits.empty()) throw input_error(where, decimal_expected);
  if (i < s.size() && ((s[i] != 'e' && s[i] != 'E') || !read_exponent(s, i, exp10)))
    throw input_error(where, decimal_expected);
  const long x = exp10 - frac_digits;
  const mpz_class d(digits, 10);
  if (sgn(d) == 0) {
    r.bits = zero(f, negative);
    return r;
  }
  r.exact = false;
  // 8^|x| <= 10^|x| < 16^|x| decides the far cases without the exact rational.
  if (x >= 0 && bitlen(d) - 1 + 3 * mpz_class(x) > bias(f) + 1) {
    r.bits = infinity(f, negative);
    return r;
  }
  if (x < 0 && bitlen(d) + 3 * mpz_class(x) <= quantum_min(f) - 1) {
    r.bits = zero(f, negative);
    return r;
  }
  if (x > max_decimal_exponent || x < -max_decimal_exponent)
    throw input_error(where, "a decimal exponent within +-" + std::to_string(max_decimal_exponent));
  mpz_class pow10;
  mpz_ui_pow_ui(pow10.get_mpz_t(), 10, static_cast<unsigned long>(x >= 0 ? x : -x));
  if (x >= 0) {
    const mpz_class n = d * pow10;
    r.bits = encode(f, negative, n, 0);
    r.exact = has_value(f, r.bits, n, 0);
    return r;
  }
  r.bits = encode_ratio(f, negative, d, pow10, 0);
  // d / 10^k is a binary fraction iff 5^k divides d; then it is (d / 5^k) 2^-k.
  mpz_class pow5, q, rem;
  mpz_ui_pow_ui(pow5.get_mpz_t(), 5, static_cast<unsigned long>(-x));
  mpz_fdiv_qr(q.get_mpz_t(), rem.get_mpz_t(), d.get_mpz_t(), pow5.get_mpz_t());
  r.exact = sgn(rem) == 0 && has_value(f, r.bits, q, mpz_class(x));
  return r;
}

parsed_float parse_hex(const float_format& f, std::string_view text) {
  check_format(f);
  const std::string where = "hex float \"" + std::string(text) + "\"";
  std::string_view s = text;
  bool negative;
  parsed_float r;
  if (sign_and_special(f, s, negative, r.bits)) return r;
  if (s.size() < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) throw input_error(where, hex_expected);
  s.remove_prefix(2);
  std::string digits;
  long frac_digits = 0, exp2 = 0;
  const size_t i = read_mantissa(s, 16, digits, frac_digits);
  if (digits.empty()) throw input_error(where, hex_expected);
  if (i < s.size() && ((s[i] != 'p' && s[i] != 'P') || !read_exponent(s, i, exp2))) throw input_error(where, hex_expected);
  const mpz_class h(digits, 16), E = mpz_class(exp2) - 4 * mpz_class(frac_digits);
  r.bits = encode(f, negative, h, E);
  r.exact = sgn(h) == 0 || has_value(f, r.bits, h, E);
  return r;
}

bool looks_hex(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  return s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

}  // namespace

mpz_class from_decimal(const float_format& f, std::string_view text) { return parse_decimal(f, text).bits; }

mpz_class from_hex(const float_format& f, std::string_view text) { return parse_hex(f, text).bits; }

parsed_float parse_float(const float_format& f, std::string_view text) {
  return looks_hex(text) ? parse_hex(f, text) : parse_decimal(f, text);
}

std::string to_hex(const float_format& f, const mpz_class& a) {
  const unpacked u = decode(f, a);
  if (u.cls == float_class::nan) return "nan";
  const std::string sign = u.sign ? "-" : "";
  if (u.cls == float_class::infinite) return sign + "inf";
  if (u.cls == float_class::zero) return sign + "0x0p+0";
  // value = 1.frac * 2^top, with frac the bits below the leading one, padded to whole hex digits
  const long n = bitlen(u.sig);
  const mpz_class top = u.exp + (n - 1);
  mpz_class frac = u.sig;
  mpz_clrbit(frac.get_mpz_t(), n - 1);
  std::string out = sign + "0x1";
  if (sgn(frac) != 0) {
    const long bits = n - 1, digits = (bits + 3) / 4;
    frac <<= (4 * digits - bits);
    std::string h = frac.get_str(16);
    h = std::string(static_cast<size_t>(digits) - h.size(), '0') + h;
    while (!h.empty() && h.back() == '0') h.pop_back();
    out += "." + h;
  }
  return out + "p" + (top >= 0 ? "+" : "") + top.get_str();
}

double to_double(const float_format& f, const mpz_class& a) {
  const unpacked u = decode(f, a);
  mpz_class bits64;
  if (u.cls == float_class::nan)
    bits64 = quiet_nan(binary64);
  else if (u.cls == float_class::infinite)
    bits64 = infinity(binary64, u.sign);
  else
    bits64 = encode(binary64, u.sign, u.sig, u.exp);
  uint64_t w = 0;
  for (int i = 63; i >= 0; --i) w = (w << 1) | (mpz_tstbit(bits64.get_mpz_t(), i) ? 1 : 0);
  return std::bit_cast<double>(w);
}

std::optional<mpz_class> to_integer(const float_format& f, const mpz_class& a, int_rounding mode) {
  const unpacked u = decode(f, a);
  if (!u.is_finite()) return std::nullopt;
  if (u.cls == float_class::zero) return mpz_class(0);
  mpz_class r;
  if (u.exp >= 0) {
    if (u.exp > max_materialized_bits)
      throw input_error("to_integer", "a value below 2^" + std::to_string(max_materialized_bits));
    r = u.sig << u.exp.get_ui();
  } else if (-u.exp > bitlen(u.sig) + 1) {
    r = 0;
  } else {
    const unsigned long s = mpz_class(-u.exp).get_ui();
    if (mode == int_rounding::nearest_even)
      r = round_nearest_even(u.sig, s);
    else
      mpz_fdiv_q_2exp(r.get_mpz_t(), u.sig.get_mpz_t(), s);
  }
  return u.sign ? mpz_class(-r) : r;
}

std::optional<mpq_class> to_rational(const float_format& f, const mpz_class& a) {
  const unpacked u = decode(f, a);
  if (!u.is_finite()) return std::nullopt;
  if (abs(u.exp) > max_materialized_bits)
    throw input_error("to_rational", "an exponent within +-2^24");
  mpq_class q(u.sign ? mpz_class(-u.sig) : u.sig);
  if (u.exp >= 0)
    mpq_mul_2exp(q.get_mpq_t(), q.get_mpq_t(), u.exp.get_ui());
  else
    mpq_div_2exp(q.get_mpq_t(), q.get_mpq_t(), mpz_class(-u.exp).get_ui());
  return q;
}

mpz_class constant(const float_format& f, real_constant c) {
  check_format(f);
  // Every constant lies in (1/4, 8) and is irrational: floor(c 2^n) with n = p + 8 has at least
  // p + 6 bits and the exact value lies strictly above it, so a sticky 1 below it is exact.
  const long n = f.p + 8;
  return encode(f, false, (constant_floor(c, n) << 1) + 1, mpz_class(-n - 1));
}

mpz_class inv_sqrt_of_integer(const float_format& f, const mpz_class& n) {
  check_format(f);
  if (sgn(n) <= 0) throw input_error("inv_sqrt_of_integer", "an integer n > 0");
  // q = floor(2^K / sqrt(n)) = isqrt(floor(2^(2K) / n)) with at least p + 2 bits.
  const long K = f.p + 3 + (bitlen(n) + 1) / 2;
  const mpz_class num = mpz_class(1) << (2 * K);
  mpz_class q = num / n, root;
  mpz_sqrt(root.get_mpz_t(), q.get_mpz_t());
  const bool exact = root * root * n == num;
  return encode(f, false, (root << 1) + (exact ? 0 : 1), mpz_class(-K - 1));
}

}  // namespace tc0::fp
