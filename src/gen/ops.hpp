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

void check_thr(const gen_options& o);

}  // namespace tc0::gen_ops
