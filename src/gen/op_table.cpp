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
};
}  // namespace

std::span<const gen_op> gen_op_table() { return table; }

const gen_op* find_gen_op(std::string_view name) {
  for (const gen_op& op : table)
    if (op.name == name) return &op;
  return nullptr;
}

}  // namespace tc0
