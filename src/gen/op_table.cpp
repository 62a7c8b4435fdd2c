// The gen op table. Adding an op: one line here plus its build/reference functions (ops.hpp).
#include "ops.hpp"

namespace tc0 {

namespace {
using namespace gen_ops;
constexpr gen_op table[] = {
    {"and", "AND of the B bits of x: z (1 bit)", 0, build_and, ref_and},
    {"or", "OR of the B bits of x: z (1 bit)", 0, build_or, ref_or},
    {"maj", "majority [popcount(x) >= floor(B/2) + 1]: z (1 bit)", 0, build_maj, ref_maj},
    {"thr", "[sum w_i x_i >= t] with --weights-list and --threshold: z (1 bit)", gen_uses_threshold, build_thr, ref_thr,
     check_thr},
    {"parity", "parity of x: z (1 bit)", 0, build_parity, ref_parity},
    {"popcount", "number of ones in x: z (ceil(log2(B+1)) bits)", 0, build_popcount, ref_popcount},
    {"cmp", "compare x, y (--signed: two's complement): lt, le, eq", 0, build_cmp, ref_cmp},
    {"add", "x + y: z (B+1 bits)", 0, build_add, ref_add},
    {"sub", "x - y mod 2^B: z", 0, build_sub, ref_sub},
    {"neg", "-x mod 2^B: z", 0, build_neg, ref_neg},
    {"abs", "|x| of two's complement x, mod 2^B: z", 0, build_abs, ref_abs},
    {"mux", "s ? y : x: z", 0, build_mux, ref_mux},
    {"shift", "x by s: shl, shr, sar, rol", 0, build_shift, ref_shift},
    {"lzc", "leading zeros of x: z (L bits)", 0, build_lzc, ref_lzc},
    {"normalize", "x shifted left until its top bit is 1: z, n (the shift)", 0, build_normalize, ref_normalize},
    {"sum", "x0 + .. + x{K-1}: z (B + ceil(log2 K) bits)", gen_uses_count, build_sum, ref_sum},
    {"mul", "x * y: z (2B bits)", 0, build_mul, ref_mul},
    {"square", "x * x: z (2B bits)", 0, build_square, ref_square},
    {"mulc", "x * C (--constant): z", gen_uses_constant, build_mulc, ref_mulc},
    {"max", "max of x0..x{K-1}: z, i (argmax, lowest index on ties)", gen_uses_count, build_max, ref_max},
    {"prod", "x0 * .. * x{K-1}: z (K*B bits)", gen_uses_count, build_prod, ref_prod},
    {"pow", "x^1 .. x^K: z1..zK", gen_uses_count, build_pow, ref_pow},
    {"div", "x / y: q, r (y = 0: q = 2^B - 1, r = x)", 0, build_div, ref_div},
    {"recip", "floor(2^F / y) (--bits F): z", gen_uses_frac_bits, build_recip, ref_recip},
    {"fadd", "float x + y (--p P --e E), round to nearest even: z", gen_uses_float, build_fadd, ref_fadd},
    {"fsub", "float x - y (--p P --e E), round to nearest even: z", gen_uses_float, build_fsub, ref_fsub},
    {"fmul", "float x * y (--p P --e E), round to nearest even: z", gen_uses_float, build_fmul, ref_fmul},
    {"fcmp", "float compare (--p P --e E): lt, le, eq, un", gen_uses_float, build_fcmp, ref_fcmp},
    {"fmax", "float IEEE maximum (--p P --e E): z", gen_uses_float, build_fmax, ref_fmax},
    {"fsum", "float x0 + .. + x{K-1} rounded once (--accumulate exact|window): z", gen_uses_float | gen_uses_count | gen_uses_accumulate, build_fsum, ref_fsum},
    {"fdot", "float x0 y0 + .. + x{K-1} y{K-1} rounded once (--accumulate exact|window): z", gen_uses_float | gen_uses_count | gen_uses_accumulate, build_fdot, ref_fdot},
    {"fdiv", "float x / y (--p P --e E), round to nearest even: z", gen_uses_float, build_fdiv, ref_fdiv},
    {"fsqrt", "float sqrt(x) (--p P --e E), round to nearest even: z", gen_uses_float, build_fsqrt, ref_fsqrt},
    {"fexp", "float exp(x) (--p P --e E), as fp::fexp: z", gen_uses_float, build_fexp, ref_fexp},
    {"frsqrt", "float 1/sqrt(x) (--p P --e E), as fp::frsqrt: z", gen_uses_float, build_frsqrt, ref_frsqrt},
    {"fsin", "float sin(x) (--p P --e E), as fp::fsin: z", gen_uses_float, build_fsin, ref_fsin},
    {"fcos", "float cos(x) (--p P --e E), as fp::fcos: z", gen_uses_float, build_fcos, ref_fcos},
};
}  // namespace

std::span<const gen_op> gen_op_table() { return table; }

const gen_op* find_gen_op(std::string_view name) {
  for (const gen_op& op : table)
    if (op.name == name) return &op;
  return nullptr;
}

}  // namespace tc0
