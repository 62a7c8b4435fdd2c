// Build and reference functions of the gen ops, one pair per op; the table in op_table.cpp lists them.
#pragma once
#include "tc0/gen/gen_op.hpp"

namespace tc0::gen_ops {

// Helpers for reference functions.
mpz_class mask(uint32_t width);                       // 2^width - 1
mpz_class to_signed(const mpz_class& v, uint32_t width);  // two's complement pattern -> value
mpz_class from_signed(const mpz_class& v, uint32_t width);  // value -> pattern mod 2^width

void build_and(builder& b, const gen_options& o);
void build_or(builder& b, const gen_options& o);
void build_maj(builder& b, const gen_options& o);
void build_thr(builder& b, const gen_options& o);
void build_parity(builder& b, const gen_options& o);
void build_popcount(builder& b, const gen_options& o);
void build_cmp(builder& b, const gen_options& o);

bus_values ref_and(const gen_options& o, const bus_values& in);
bus_values ref_or(const gen_options& o, const bus_values& in);
bus_values ref_maj(const gen_options& o, const bus_values& in);
bus_values ref_thr(const gen_options& o, const bus_values& in);
bus_values ref_parity(const gen_options& o, const bus_values& in);
bus_values ref_popcount(const gen_options& o, const bus_values& in);
bus_values ref_cmp(const gen_options& o, const bus_values& in);

// adders ops (src/gen/ops_adders.cpp)
void build_add(builder& b, const gen_options& o);
bus_values ref_add(const gen_options& o, const bus_values& in);
void build_sub(builder& b, const gen_options& o);
bus_values ref_sub(const gen_options& o, const bus_values& in);
void build_neg(builder& b, const gen_options& o);
bus_values ref_neg(const gen_options& o, const bus_values& in);
void build_abs(builder& b, const gen_options& o);
bus_values ref_abs(const gen_options& o, const bus_values& in);
void build_mux(builder& b, const gen_options& o);
bus_values ref_mux(const gen_options& o, const bus_values& in);
void build_shift(builder& b, const gen_options& o);
bus_values ref_shift(const gen_options& o, const bus_values& in);
void build_lzc(builder& b, const gen_options& o);
bus_values ref_lzc(const gen_options& o, const bus_values& in);
void build_normalize(builder& b, const gen_options& o);
bus_values ref_normalize(const gen_options& o, const bus_values& in);

// sums ops (src/gen/ops_sums.cpp)
void build_sum(builder& b, const gen_options& o);
bus_values ref_sum(const gen_options& o, const bus_values& in);
void build_mul(builder& b, const gen_options& o);
bus_values ref_mul(const gen_options& o, const bus_values& in);
void build_square(builder& b, const gen_options& o);
bus_values ref_square(const gen_options& o, const bus_values& in);
void build_mulc(builder& b, const gen_options& o);
bus_values ref_mulc(const gen_options& o, const bus_values& in);
void build_max(builder& b, const gen_options& o);
bus_values ref_max(const gen_options& o, const bus_values& in);

// crr ops (src/gen/ops_crr.cpp)
void build_prod(builder& b, const gen_options& o);
bus_values ref_prod(const gen_options& o, const bus_values& in);
void build_pow(builder& b, const gen_options& o);
bus_values ref_pow(const gen_options& o, const bus_values& in);
void build_div(builder& b, const gen_options& o);
bus_values ref_div(const gen_options& o, const bus_values& in);
void build_recip(builder& b, const gen_options& o);
void build_fadd(builder& b, const gen_options& o);
bus_values ref_fadd(const gen_options& o, const bus_values& in);
void build_fsub(builder& b, const gen_options& o);
bus_values ref_fsub(const gen_options& o, const bus_values& in);
void build_fmul(builder& b, const gen_options& o);
bus_values ref_fmul(const gen_options& o, const bus_values& in);
void build_fcmp(builder& b, const gen_options& o);
bus_values ref_fcmp(const gen_options& o, const bus_values& in);
void build_fmax(builder& b, const gen_options& o);
bus_values ref_fmax(const gen_options& o, const bus_values& in);
bus_values ref_recip(const gen_options& o, const bus_values& in);

// float ops that round one exact integer (src/gen/ops_float_unary.cpp)
void build_fdiv(builder& b, const gen_options& o);
bus_values ref_fdiv(const gen_options& o, const bus_values& in);
void build_fsqrt(builder& b, const gen_options& o);
bus_values ref_fsqrt(const gen_options& o, const bus_values& in);
void build_fexp(builder& b, const gen_options& o);
bus_values ref_fexp(const gen_options& o, const bus_values& in);
void build_frsqrt(builder& b, const gen_options& o);
bus_values ref_frsqrt(const gen_options& o, const bus_values& in);
void build_fsin(builder& b, const gen_options& o);
bus_values ref_fsin(const gen_options& o, const bus_values& in);
void build_fcos(builder& b, const gen_options& o);
bus_values ref_fcos(const gen_options& o, const bus_values& in);

// fsum, fdot: K floats rounded once (src/gen/ops_float_sum.cpp)
void build_fsum(builder& b, const gen_options& o);
bus_values ref_fsum(const gen_options& o, const bus_values& in);
void build_fdot(builder& b, const gen_options& o);
bus_values ref_fdot(const gen_options& o, const bus_values& in);

void check_thr(const gen_options& o);

}  // namespace tc0::gen_ops
