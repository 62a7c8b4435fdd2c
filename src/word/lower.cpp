// Lowering the arithmetic circuit to gates: one block per node, module scopes from the node's path.
#include "tc0/word/lower.hpp"

#include <map>
#include <mutex>
#include <tuple>

#include "tc0/analysis/levels.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/arith/max.hpp"
#include "tc0/errors.hpp"
#include "tc0/fp/convert.hpp"
#include "tc0/fp/float_blocks.hpp"
#include "lower_float_ops.hpp"

namespace tc0::word {
namespace {

bits constant_bits(const mpz_class& v, uint32_t width) {
  bits out(width);
  for (uint32_t i = 0; i < width; ++i) out[i] = constant_lit(mpz_tstbit(v.get_mpz_t(), i));
  return out;
}

// a xor b as two layers of and/or (both regimes).
lit xor2(builder& b, lit x, lit y) { return b.and_({b.or_({x, y}), !b.and_({x, y})}); }

struct float_fields {
  lit sign, nan, zero;  // zero: +0 or -0
};

float_fields fields(builder& b, const fp::float_format& f, const bits& x, weight_regime regime) {
  bits exponent(x.begin() + (f.p - 1), x.begin() + (f.p - 1 + f.e));
  bits fraction(x.begin(), x.begin() + (f.p - 1));
  bits magnitude(x.begin(), x.end() - 1);
  lit exp_ones = and_all(b, exponent, regime);
  lit frac_any = or_any(b, fraction, regime);
  return {x.back(), b.and_({exp_ones, frac_any}), !or_any(b, magnitude, regime)};
}

// table[index] (table[0] past the end): one AND per index value, one OR per output bit.
bits lower_lookup(builder& b, const bits& index, std::span<const mpz_class> table, uint32_t width) {
  std::vector<lit> hit(table.size());
  for (size_t t = 0; t < table.size(); ++t) {
    bits terms(index.size());
    for (size_t i = 0; i < index.size(); ++i) terms[i] = index[i] ^ !((t >> i) & 1u);
    hit[t] = b.and_(terms);
  }
  std::vector<lit> others(hit.begin() + 1, hit.end());
  lit past_end_or_zero = !b.or_(others);  // index 0 or past the table: table[0]
  bits out(width);
  for (uint32_t j = 0; j < width; ++j) {
    std::vector<lit> terms;
    if (mpz_tstbit(table[0].get_mpz_t(), j)) terms.push_back(past_end_or_zero);
    for (size_t t = 1; t < table.size(); ++t)
      if (mpz_tstbit(table[t].get_mpz_t(), j)) terms.push_back(hit[t]);
    out[j] = b.or_(terms);
  }
  return out;
}

// IEEE maximum of k floats: the largest in the total order (-0 below +0) by the integer maximum of
// sign-folded keys, unfolded again; the canonical NaN if any operand is NaN.
bits lower_max_k(builder& b, const fp::float_format& f, std::span<const bits> xs, weight_regime regime) {
  int w = fp::width(f);
  std::vector<bits> keys;
  std::vector<lit> nans;
  for (const bits& x : xs) {
    bits k(w);
    for (int i = 0; i < w - 1; ++i) k[i] = xor2(b, x[i], x.back());
    k[w - 1] = !x.back();
    keys.push_back(std::move(k));
    nans.push_back(fields(b, f, x, regime).nan);
  }
  bits z = maximum(b, keys, regime).z;
  lit any_nan = b.or_(nans);
  lit sign = !z[w - 1];
  bits nan = constant_bits(fp::quiet_nan(f), w);
  bits out(w);
  for (int i = 0; i < w; ++i) {
    lit v = i == w - 1 ? sign : xor2(b, z[i], sign);
    out[i] = nan[i] == lit_true ? b.or_({v, any_nan}) : b.and_({v, !any_nan});
  }
  return out;
}

// argmax in word::argmax_key's order (NaN on top, -0 = +0), the lowest index on ties.
bits lower_argmax(builder& b, const fp::float_format& f, std::span<const bits> xs, weight_regime regime) {
  int w = fp::width(f);
  std::vector<bits> keys;
  for (const bits& x : xs) {
    float_fields fl = fields(b, f, x, regime);
    lit neg_zero = b.and_({fl.zero, fl.sign});
    bits k(w + 1);
    for (int i = 0; i < w - 1; ++i) k[i] = b.and_({!fl.nan, !neg_zero, xor2(b, x[i], fl.sign)});
    k[w - 1] = b.and_({!fl.nan, b.or_({!fl.sign, neg_zero})});
    k[w] = fl.nan;
    keys.push_back(std::move(k));
  }
  if (xs.size() == 1) return {lit_false};
  return maximum(b, keys, regime).idx;
}

bits lower_node(builder& b, const circuit& c, node_id n, const std::vector<bits>& values, weight_regime regime) {
  const node& nd = c.at(n);
  const fp::float_format& f = c.format();
  auto ops = c.operands(n);
  std::vector<bits> in;
  in.reserve(ops.size());
  for (node_id a : ops) in.push_back(values[a]);
  switch (nd.kind) {
    case op::input_float:
    case op::input_int: throw input_error("lower", "inputs are built by lower()");
    case op::constant: return constant_bits(c.constants(n)[0], nd.width);
    case op::lookup: return lower_lookup(b, in[0], c.constants(n), nd.width);
    case op::fneg: {
      bits out = in[0];
      out.back() = !out.back();
      return out;
    }
    case op::fadd: return fp::float_add(b, f, in[0], in[1], false, regime);
    case op::fsub: return fp::float_add(b, f, in[0], in[1], true, regime);
    case op::fmul: return fp::float_multiply(b, f, in[0], in[1], regime);
    case op::fmax: return fp::float_max(b, f, in[0], in[1], regime);
    case op::fmax_k:
      if (in.size() == 1) return fp::float_max(b, f, in[0], in[0], regime);
      return lower_max_k(b, f, in, regime);
    case op::argmax: return lower_argmax(b, f, in, regime);
    default: return lower_float_op(b, c, n, in, regime);
  }
}

}  // namespace

void lower(const circuit& c, builder& b, const lower_params& params) {
  std::vector<bits> values(c.size());
  for (const port& p : c.inputs()) values[p.node] = b.input(p.name, c.at(p.node).width);
  // Module scopes follow the node's path: close to the common prefix, open the rest.
  std::vector<std::string> open_names;
  std::vector<tc0::module_scope> open_scopes;
  uint32_t current = 0;
  for (node_id n = 0; n < c.size(); ++n) {
    const node& nd = c.at(n);
    if (nd.kind == op::input_float || nd.kind == op::input_int) continue;
    if (nd.module != current) {
      current = nd.module;
      std::vector<std::string> parts;
      const std::string& path = c.modules()[current];
      for (size_t s = 0; s < path.size();) {
        size_t e = path.find('/', s);
        if (e == std::string::npos) e = path.size();
        parts.push_back(path.substr(s, e - s));
        s = e + 1;
      }
      size_t common = 0;
      while (common < open_names.size() && common < parts.size() && open_names[common] == parts[common]) ++common;
      while (open_names.size() > common) {
        open_scopes.pop_back();
        open_names.pop_back();
      }
      for (size_t i = common; i < parts.size(); ++i) {
        open_scopes.push_back(b.scope(parts[i]));
        open_names.push_back(parts[i]);
      }
    }
    values[n] = lower_node(b, c, n, values, params.regime);
    if (params.progress && (n & 1023) == 0) params.progress(n, c.size());
  }
  while (!open_scopes.empty()) open_scopes.pop_back();
  for (const port& p : c.outputs()) b.output(p.name, values[p.node]);
}

block_cost measure_block(op kind, const fp::float_format& f, fp::accumulation acc, uint32_t arity, weight_regime regime) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  static std::map<std::tuple<int, int, int, int, uint32_t, int>, block_cost> cache;
  auto key = std::make_tuple(static_cast<int>(kind), f.p, f.e, static_cast<int>(acc), arity, static_cast<int>(regime));
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  circuit w(f, acc);
  std::vector<node_id> xs, ys;
  node_id out = 0;
  if (kind == op::lookup) {
    // A token lookup: an index of ceil(log2 arity) bits and a table of arity generic entries.
    uint32_t width = 1;
    while ((uint64_t{1} << width) < arity) ++width;
    std::vector<mpz_class> table;
    for (uint32_t i = 0; i < arity; ++i) table.push_back(fp::from_integer(f, i + 1));
    out = w.lookup(w.input_int("t", width), table);
  }
  for (uint32_t i = 0; i < (kind == op::lookup ? 0 : arity); ++i) xs.push_back(w.input_float("x" + std::to_string(i)));
  switch (kind) {
    case op::lookup: break;
    case op::fneg: case op::fexp: case op::frsqrt: case op::fsin: case op::fcos: out = w.unary(kind, xs[0]); break;
    case op::fadd: case op::fsub: case op::fmul: case op::fdiv: case op::fmax:
      out = w.binary(kind, xs[0], w.input_float("y"));
      break;
    case op::fsum: out = w.sum(xs); break;
    case op::fmax_k: out = w.max(xs); break;
    case op::argmax: out = w.argmax(xs); break;
    case op::fdot:
      for (uint32_t i = 0; i < arity; ++i) ys.push_back(w.input_float("y" + std::to_string(i)));
      out = w.dot(xs, ys);
      break;
    case op::fdot3: {
      std::vector<node_id> zs;
      for (uint32_t i = 0; i < arity; ++i) ys.push_back(w.input_float("y" + std::to_string(i)));
      for (uint32_t i = 0; i < arity; ++i) zs.push_back(w.input_float("z" + std::to_string(i)));
      out = w.dot3(xs, ys, zs);
      break;
    }
    case op::fdot_const: {
      // Generic constants: distinct normal numbers with full significands, so no term folds away.
      std::vector<mpz_class> cs;
      for (uint32_t i = 0; i < arity; ++i)
        cs.push_back(fp::pack(f, i & 1, fp::bias(f) - 1 - (i % 3), ((mpz_class(1) << (f.p - 1)) - 1 - i) & ((mpz_class(1) << (f.p - 1)) - 1)));
      out = w.dot_const(xs, cs, nullptr);
      break;
    }
    default: throw input_error("block_depth", std::string("no block for ") + op_name(kind));
  }
  w.output("z", out);
  builder b("block");
  lower(w, b, {regime, {}});
  tc0::circuit g = std::move(b).finish();
  block_cost cost{circuit_depth(g, compute_levels(g)), g.num_gates(), g.num_edges()};
  cache.emplace(key, cost);
  return cost;
}

}  // namespace tc0::word
