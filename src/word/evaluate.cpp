// The reference engine: one soft-float call per node, in node order (which is topological).
#include "tc0/word/evaluate.hpp"

#include "tc0/errors.hpp"
#include "tc0/fp/arithmetic.hpp"
#include "tc0/fp/sum.hpp"
#include "tc0/fp/transcendental.hpp"

namespace tc0::word {

mpz_class argmax_key(const fp::float_format& f, const mpz_class& x) {
  // Sign-magnitude to an unsigned order: negatives below 2^(w-1), reversed; NaN on top; -0 = +0.
  int w = fp::width(f);
  mpz_class top = mpz_class(1) << (w - 1);
  fp::float_class cls = fp::classify(f, x);
  if (cls == fp::float_class::nan) return mpz_class(1) << w;
  if (cls == fp::float_class::zero) return top;
  if (fp::sign_bit(f, x)) return top - 1 - (x - top);
  return top + x;
}

std::vector<mpz_class> evaluate(const circuit& c, const std::vector<mpz_class>& inputs) {
  if (inputs.size() != c.inputs().size())
    throw input_error("evaluate", "expected " + std::to_string(c.inputs().size()) + " input values");
  const fp::float_format& f = c.format();
  std::vector<mpz_class> v(c.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    node_id n = c.inputs()[i].node;
    if (inputs[i] < 0 || inputs[i] >= (mpz_class(1) << c.at(n).width))
      throw input_error("input " + c.inputs()[i].name, "value out of range for " + std::to_string(c.at(n).width) + " bits");
    v[n] = inputs[i];
  }
  std::vector<mpz_class> xs, ys;
  for (node_id n = 0; n < c.size(); ++n) {
    const node& nd = c.at(n);
    auto ops = c.operands(n);
    auto gather = [&](size_t from, size_t count, std::vector<mpz_class>& out) {
      out.clear();
      for (size_t i = 0; i < count; ++i) out.push_back(v[ops[from + i]]);
    };
    switch (nd.kind) {
      case op::input_float:
      case op::input_int: break;
      case op::constant: v[n] = c.constants(n)[0]; break;
      case op::lookup: {
        auto table = c.constants(n);
        const mpz_class& i = v[ops[0]];
        v[n] = i < static_cast<unsigned long>(table.size()) ? table[i.get_ui()] : table[0];
        break;
      }
      case op::fneg: v[n] = fp::fneg(f, v[ops[0]]); break;
      case op::fadd: v[n] = fp::fadd(f, v[ops[0]], v[ops[1]]); break;
      case op::fsub: v[n] = fp::fsub(f, v[ops[0]], v[ops[1]]); break;
      case op::fmul: v[n] = fp::fmul(f, v[ops[0]], v[ops[1]]); break;
      case op::fdiv: v[n] = fp::fdiv(f, v[ops[0]], v[ops[1]]); break;
      case op::fmax: v[n] = fp::fmax(f, v[ops[0]], v[ops[1]]); break;
      case op::fexp: v[n] = fp::fexp(f, v[ops[0]]); break;
      case op::frsqrt: v[n] = fp::frsqrt(f, v[ops[0]]); break;
      case op::fsin: v[n] = fp::fsin(f, v[ops[0]]); break;
      case op::fcos: v[n] = fp::fcos(f, v[ops[0]]); break;
      case op::fsum:
        gather(0, ops.size(), xs);
        v[n] = fp::fsum(f, xs, c.accumulate());
        break;
      case op::fdot:
        gather(0, ops.size() / 2, xs);
        gather(ops.size() / 2, ops.size() / 2, ys);
        v[n] = fp::fdot(f, xs, ys, c.accumulate());
        break;
      case op::fdot3: {
        size_t k = ops.size() / 3;
        std::vector<mpz_class> zs;
        gather(0, k, xs);
        gather(k, k, ys);
        gather(2 * k, k, zs);
        v[n] = fp::fdot3(f, xs, ys, zs, c.accumulate());
        break;
      }
      case op::fdot_const: {
        gather(0, ops.size(), xs);
        auto cs = c.constants(n);
        ys.assign(cs.begin(), cs.begin() + ops.size());
        if (nd.has_bias) {
          xs.push_back(fp::one(f));
          ys.push_back(cs[ops.size()]);
        }
        v[n] = fp::fdot(f, xs, ys, c.accumulate());
        break;
      }
      case op::fmax_k: {
        mpz_class m = v[ops[0]];
        for (size_t i = 1; i < ops.size(); ++i) m = fp::fmax(f, m, v[ops[i]]);
        v[n] = m;
        break;
      }
      case op::argmax: {
        size_t best = 0;
        mpz_class best_key = argmax_key(f, v[ops[0]]);
        for (size_t i = 1; i < ops.size(); ++i) {
          mpz_class k = argmax_key(f, v[ops[i]]);
          if (k > best_key) best = i, best_key = k;
        }
        v[n] = static_cast<unsigned long>(best);
        break;
      }
    }
  }
  return v;
}

}  // namespace tc0::word
