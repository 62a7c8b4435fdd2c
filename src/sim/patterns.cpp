// Reading and writing multi-bit values in pattern sets.
#include "tc0/sim/patterns.hpp"

namespace tc0 {

mpz_class pattern_set::get_value(uint32_t first, uint32_t width, uint64_t p) const {
  mpz_class v = 0;
  for (uint32_t i = width; i-- > 0;) {
    v <<= 1;
    if (get(first + i, p)) v += 1;
  }
  return v;
}

void pattern_set::set_value(uint32_t first, uint32_t width, uint64_t p, const mpz_class& v) {
  for (uint32_t i = 0; i < width; ++i) set(first + i, p, mpz_tstbit(v.get_mpz_t(), i));
}

}  // namespace tc0
