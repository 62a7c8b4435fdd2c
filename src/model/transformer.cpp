// The transformer's forward pass as word-level nodes, op by op as semantics.md section 4 writes it.
#include "tc0/model/transformer.hpp"

#include <mpfr.h>

#include "tc0/errors.hpp"
#include "tc0/fp/arithmetic.hpp"
#include "tc0/fp/convert.hpp"

namespace tc0::model {
namespace {

using word::node_id;
using word::op;
using row = std::vector<node_id>;
using matrix = std::vector<row>;

// An MPFR value rounded once to the format, through its exact rational value.
mpz_class round_mpfr(const fp::float_format& f, mpfr_t x) {
  if (mpfr_zero_p(x)) return fp::zero(f, mpfr_signbit(x));
  mpz_class m;
  mpfr_exp_t e = mpfr_get_z_2exp(m.get_mpz_t(), x);
  if (e >= 0) return fp::from_rational(f, m << e, 1);
  return fp::from_rational(f, m, mpz_class(1) << -e);
}

class transformer_builder {
 public:
  transformer_builder(const model_config& m, const model_weights& w)
      : m_(m), w_(w), f_(m.format), c_(m.format, m.accumulation()) {}

  word::circuit build() {
    matrix x = input();
    c_.name_tensor("x", {m_.seq_len, m_.d_model}, flatten(x));
    for (uint32_t l = 0; l < m_.layers; ++l) x = layer(l, x);
    if (m_.layer_norm == norm_position::pre) {
      auto s = c_.scope("final_ln");
      x = layer_norm(x, "final_ln");
    }
    c_.name_tensor("y", {m_.seq_len, m_.d_model}, flatten(x));
    for (uint32_t i = 0; i < m_.seq_len; ++i)
      for (uint32_t j = 0; j < m_.d_model; ++j) c_.output("y_" + std::to_string(i) + "_" + std::to_string(j), x[i][j]);
    if (m_.readout_classes) {
      auto s = c_.scope("readout");
      const tensor& wr = w_.get("readout.w");
      const tensor& br = w_.get("readout.b");
      for (uint32_t i = 0; i < m_.seq_len; ++i) {
        row logits = affine(x[i], wr, &br);
        c_.output("class_" + std::to_string(i), c_.argmax(logits));
      }
    }
    return std::move(c_);
  }

 private:
  node_id k(const mpz_class& v) { return c_.constant(v); }
  node_id k_int(long v) { return c_.constant(fp::from_integer(f_, v)); }
  node_id k_text(const char* text) { return c_.constant(fp::parse_float(f_, text).bits); }

  static row flatten(const matrix& x) {
    row out;
    for (const row& r : x) out.insert(out.end(), r.begin(), r.end());
    return out;
  }

  matrix input() {
    matrix x(m_.seq_len, row(m_.d_model));
    if (!m_.tokens) {
      for (uint32_t i = 0; i < m_.seq_len; ++i)
        for (uint32_t j = 0; j < m_.d_model; ++j) x[i][j] = c_.input_float("x_" + std::to_string(i) + "_" + std::to_string(j));
      return x;
    }
    uint32_t width = 1;
    while ((uint64_t{1} << width) < m_.vocab) ++width;
    std::vector<node_id> tokens;
    for (uint32_t i = 0; i < m_.seq_len; ++i) tokens.push_back(c_.input_int("t_" + std::to_string(i), width));
    auto s = c_.scope("embed");
    const tensor& embed = w_.get("embed");
    for (uint32_t i = 0; i < m_.seq_len; ++i)
      for (uint32_t j = 0; j < m_.d_model; ++j) {
        std::vector<mpz_class> column;
        for (uint32_t t = 0; t < m_.vocab; ++t) column.push_back(embed.at({t, j}));
        x[i][j] = c_.lookup(tokens[i], column);
      }
    return x;
  }

  // out[o] = fdot(x, W[:, o]) (+ b[o] as one more term): the affine rounding point.
  row affine(const row& x, const tensor& w, const tensor* b, uint32_t head = 0, bool per_head = false) {
    uint32_t outs = per_head ? w.shape[2] : w.shape[1];
    row out(outs);
    std::vector<mpz_class> column(x.size());
    for (uint32_t o = 0; o < outs; ++o) {
      for (uint32_t r = 0; r < x.size(); ++r) column[r] = per_head ? w.at({head, r, o}) : w.at({r, o});
      out[o] = c_.dot_const(x, column, b ? &b->values[o] : nullptr);
    }
    return out;
  }

  // mu = fsum(x) / d; c = x - mu; var = fdot(c, c) / d; r = frsqrt(var + eps); y = c r gamma + beta.
  matrix layer_norm(const matrix& x, const std::string& name) {
    const tensor& gamma = w_.get(name + ".gamma");
    const tensor& beta = w_.get(name + ".beta");
    node_id d = k_int(m_.d_model), eps = k(ln_eps(m_));
    matrix y(x.size(), row(m_.d_model));
    for (size_t i = 0; i < x.size(); ++i) {
      node_id mu = c_.binary(op::fdiv, c_.sum(x[i]), d);
      row centered(m_.d_model);
      for (uint32_t j = 0; j < m_.d_model; ++j) centered[j] = c_.binary(op::fsub, x[i][j], mu);
      node_id var = c_.binary(op::fdiv, c_.dot(centered, centered), d);
      node_id r = c_.unary(op::frsqrt, c_.binary(op::fadd, var, eps));
      for (uint32_t j = 0; j < m_.d_model; ++j) {
        node_id scaled = c_.binary(op::fmul, c_.binary(op::fmul, centered[j], r), k(gamma.values[j]));
        y[i][j] = c_.binary(op::fadd, scaled, k(beta.values[j]));
      }
    }
    return y;
  }

  // The rotation of one query or key row at `position` (may be negative in the relative form).
  row rotate(const row& q, int64_t position) {
    row out(q.size());
    uint32_t half = static_cast<uint32_t>(q.size() / 2);
    for (uint32_t j = 0; j < half; ++j) {
      uint32_t a = m_.pairing == rope_pairing::interleaved ? 2 * j : j;
      uint32_t b = m_.pairing == rope_pairing::interleaved ? 2 * j + 1 : j + half;
      row pair = {q[a], q[b]};
      if (m_.angles == rope_angles::constant) {
        auto [cos, sin] = rope_cos_sin(m_, position, j);
        mpz_class minus_sin = fp::fneg(f_, sin);
        std::vector<mpz_class> first = {cos, minus_sin}, second = {sin, cos};
        out[a] = c_.dot_const(pair, first, nullptr);
        out[b] = c_.dot_const(pair, second, nullptr);
      } else {
        node_id angle = c_.binary(op::fmul, k_int(position), k(rope_theta(m_, j)));
        node_id cos = c_.unary(op::fcos, angle), sin = c_.unary(op::fsin, angle);
        row first = {cos, c_.unary(op::fneg, sin)}, second = {sin, cos};
        out[a] = c_.dot(pair, first);
        out[b] = c_.dot(pair, second);
      }
    }
    return out;
  }

  matrix project(const matrix& a, const char* name, const tensor& w, uint32_t head) {
    auto s = c_.scope(name);
    matrix out(a.size());
    for (size_t i = 0; i < a.size(); ++i) out[i] = affine(a[i], w, nullptr, head, true);
    return out;
  }

  // One head of matrix attention: O = softmax(scale Q K^T (+ mask)) V.
  matrix head(uint32_t l, uint32_t h, const matrix& a) {
    std::string p = "layers." + std::to_string(l) + ".attn.";
    auto s = c_.scope("head" + std::to_string(h));
    matrix q = project(a, "q", w_.get(p + "wq"), h);
    matrix kk = project(a, "k", w_.get(p + "wk"), h);
    matrix v = project(a, "v", w_.get(p + "wv"), h);
    uint32_t n = m_.seq_len;
    bool relative = m_.uses_rope() && m_.form == rope_form::relative;
    if (m_.uses_rope() && !relative) {
      auto r = c_.scope("rope");
      for (uint32_t i = 0; i < n; ++i) q[i] = rotate(q[i], i), kk[i] = rotate(kk[i], i);
    }
    matrix scores(n, row(n));
    {
      auto sc = c_.scope("scores");
      node_id scale = k(score_scale(m_)), minus_inf = k(fp::infinity(f_, true));
      for (uint32_t i = 0; i < n; ++i)
        for (uint32_t j = 0; j < n; ++j) {
          if (m_.causal && j > i) {
            scores[i][j] = minus_inf;
            continue;
          }
          row qi = q[i];
          if (relative) {
            // q_i R_(j-i) k_j: q_i rotated by (i - j) theta, so that exact arithmetic gives the
            // absolute form's (R_i q_i) . (R_j k_j).
            auto r = c_.scope("rope");
            qi = rotate(q[i], static_cast<int64_t>(i) - static_cast<int64_t>(j));
          }
          scores[i][j] = scaled(c_.dot(qi, kk[j]), scale);
        }
    }
    matrix probs = softmax(scores);
    matrix out(n, row(m_.d_head));
    auto o = c_.scope("out");
    for (uint32_t i = 0; i < n; ++i)
      for (uint32_t col = 0; col < m_.d_head; ++col) {
        row vc(n);
        for (uint32_t j = 0; j < n; ++j) vc[j] = v[j][col];
        out[i][col] = c_.dot(probs[i], vc);
      }
    return out;
  }

  // x * scale, or x itself when the scale is 1 (exact: x is a rounded op result, so its NaN is
  // already the canonical one).
  node_id scaled(node_id x, node_id scale) {
    return c_.constants(scale)[0] == fp::one(f_) ? x : c_.binary(op::fmul, x, scale);
  }

  // Row-wise softmax: max-subtracted ("stable") or plain, then fexp, fsum, fdiv.
  matrix softmax(const matrix& scores) {
    auto sm = c_.scope("softmax");
    matrix probs(scores.size());
    for (size_t i = 0; i < scores.size(); ++i) {
      size_t len = scores[i].size();
      row e(len);
      node_id mx = m_.softmax == softmax_kind::stable ? c_.max(scores[i]) : 0;
      for (size_t j = 0; j < len; ++j)
        e[j] = c_.unary(op::fexp, m_.softmax == softmax_kind::stable ? c_.binary(op::fsub, scores[i][j], mx) : scores[i][j]);
      node_id z = c_.sum(e);
      probs[i].resize(len);
      for (size_t j = 0; j < len; ++j) probs[i][j] = c_.binary(op::fdiv, e[j], z);
    }
    return probs;
  }

  // One head of tensor attention: scores over key pairs (j1, j2) as one fdot3 each, softmax over
  // the n^2 pairs, outputs from the Hadamard products V1[j1] * V2[j2] (semantics.md section 4).
  matrix tensor_head(uint32_t l, uint32_t h, const matrix& a) {
    std::string p = "layers." + std::to_string(l) + ".attn.";
    auto s = c_.scope("head" + std::to_string(h));
    matrix q = project(a, "q", w_.get(p + "wq"), h);
    matrix k1 = project(a, "k", w_.get(p + "wk"), h);
    matrix k2 = project(a, "k2", w_.get(p + "wk2"), h);
    matrix v1 = project(a, "v", w_.get(p + "wv"), h);
    matrix v2 = project(a, "v2", w_.get(p + "wv2"), h);
    uint32_t n = m_.seq_len;
    if (m_.uses_rope()) {
      auto r = c_.scope("rope");
      for (uint32_t i = 0; i < n; ++i) q[i] = rotate(q[i], i), k1[i] = rotate(k1[i], i), k2[i] = rotate(k2[i], i);
    }
    matrix scores(n, row(n * n));
    {
      auto sc = c_.scope("scores");
      node_id scale = k(score_scale(m_)), minus_inf = k(fp::infinity(f_, true));
      for (uint32_t i = 0; i < n; ++i)
        for (uint32_t j1 = 0; j1 < n; ++j1)
          for (uint32_t j2 = 0; j2 < n; ++j2)
            scores[i][j1 * n + j2] = m_.causal && (j1 > i || j2 > i) ? minus_inf
                                                                      : scaled(c_.dot3(q[i], k1[j1], k2[j2]), scale);
    }
    matrix probs = softmax(scores);
    matrix out(n, row(m_.d_head));
    auto o = c_.scope("out");
    for (uint32_t col = 0; col < m_.d_head; ++col) {
      row a1(n * n), a2(n * n);
      for (uint32_t j1 = 0; j1 < n; ++j1)
        for (uint32_t j2 = 0; j2 < n; ++j2) a1[j1 * n + j2] = v1[j1][col], a2[j1 * n + j2] = v2[j2][col];
      for (uint32_t i = 0; i < n; ++i) out[i][col] = c_.dot3(probs[i], a1, a2);
    }
    return out;
  }

  matrix attention(uint32_t l, const matrix& a) {
    auto s = c_.scope("attn");
    std::vector<matrix> heads;
    for (uint32_t h = 0; h < m_.heads; ++h) heads.push_back(m_.is_tensor() ? tensor_head(l, h, a) : head(l, h, a));
    auto wo_scope = c_.scope("wo");
    const tensor& wo = w_.get("layers." + std::to_string(l) + ".attn.wo");
    matrix out(m_.seq_len);
    for (uint32_t i = 0; i < m_.seq_len; ++i) {
      row concat;
      for (const matrix& o : heads) concat.insert(concat.end(), o[i].begin(), o[i].end());
      out[i] = affine(concat, wo, nullptr);
    }
    return out;
  }

  node_id gelu_tanh(node_id x) {
    // 0.5 x (1 + tanh(u)), u = sqrt(2/pi) (x + 0.044715 x^3), tanh(u) = 1 - 2 / (exp(2u) + 1).
    node_id one = k(fp::one(f_)), two = k_int(2);
    node_id x3 = c_.binary(op::fmul, c_.binary(op::fmul, x, x), x);
    node_id inner = c_.binary(op::fadd, x, c_.binary(op::fmul, k_text("0.044715"), x3));
    mpfr_t t;
    mpfr_init2(t, 2 * f_.p + 128);
    mpfr_const_pi(t, MPFR_RNDN);
    mpfr_ui_div(t, 2, t, MPFR_RNDN);
    mpfr_sqrt(t, t, MPFR_RNDN);
    node_id sqrt_2_over_pi = k(round_mpfr(f_, t));
    mpfr_clear(t);
    node_id u = c_.binary(op::fmul, sqrt_2_over_pi, inner);
    node_id e2 = c_.unary(op::fexp, c_.binary(op::fmul, two, u));
    node_id tanh = c_.binary(op::fsub, one, c_.binary(op::fdiv, two, c_.binary(op::fadd, e2, one)));
    return c_.binary(op::fmul, c_.binary(op::fmul, k_text("0.5"), x), c_.binary(op::fadd, one, tanh));
  }

  matrix mlp(uint32_t l, const matrix& b) {
    std::string p = "layers." + std::to_string(l) + ".mlp.";
    auto s = c_.scope("mlp");
    matrix out(b.size());
    for (size_t i = 0; i < b.size(); ++i) {
      row hidden;
      {
        auto hs = c_.scope("hidden");
        hidden = affine(b[i], w_.get(p + "w1"), &w_.get(p + "b1"));
      }
      if (m_.mlp_activation != activation::none) {
        auto as = c_.scope("activation");
        node_id zero = k(fp::zero(f_));
        for (node_id& v : hidden) v = m_.mlp_activation == activation::relu ? c_.binary(op::fmax, v, zero) : gelu_tanh(v);
      }
      auto os = c_.scope("out");
      out[i] = affine(hidden, w_.get(p + "w2"), &w_.get(p + "b2"));
    }
    return out;
  }

  matrix residual(const matrix& x, const matrix& y) {
    auto s = c_.scope("residual");
    matrix out(x.size(), row(m_.d_model));
    for (size_t i = 0; i < x.size(); ++i)
      for (uint32_t j = 0; j < m_.d_model; ++j) out[i][j] = c_.binary(op::fadd, x[i][j], y[i][j]);
    return out;
  }

  matrix layer(uint32_t l, matrix x) {
    std::string name = "layer" + std::to_string(l);
    std::string p = "layers." + std::to_string(l) + ".";
    auto s = c_.scope(name);
    bool pre = m_.layer_norm == norm_position::pre, post = m_.layer_norm == norm_position::post;
    auto norm = [&](const matrix& v, const char* which) {
      auto ns = c_.scope(which);
      return layer_norm(v, p + which);
    };
    matrix a = pre ? norm(x, "ln1") : x;
    matrix attn = attention(l, a);
    {
      auto as = c_.scope("attn");
      x = residual(x, attn);
    }
    if (post) x = norm(x, "ln1");
    matrix b = pre ? norm(x, "ln2") : x;
    matrix mo = mlp(l, b);
    {
      auto ms = c_.scope("mlp");
      x = residual(x, mo);
    }
    if (post) x = norm(x, "ln2");
    c_.name_tensor(name + ".out", {m_.seq_len, m_.d_model}, flatten(x));
    return x;
  }

  const model_config& m_;
  const model_weights& w_;
  fp::float_format f_;
  word::circuit c_;
};

}  // namespace

mpz_class rope_theta(const model_config& m, uint32_t pair) {
  mpfr_t t;
  mpfr_init2(t, 2 * m.format.p + 128);
  mpfr_set_d(t, m.rope_base, MPFR_RNDN);
  mpfr_pow_si(t, t, -2 * static_cast<long>(pair), MPFR_RNDN);  // base^(-2j)
  mpfr_rootn_ui(t, t, m.d_head, MPFR_RNDN);                     // ^(1/k)
  mpz_class out = round_mpfr(m.format, t);
  mpfr_clear(t);
  return out;
}

std::pair<mpz_class, mpz_class> rope_cos_sin(const model_config& m, int64_t position, uint32_t pair) {
  mpfr_prec_t prec = 2 * m.format.p + 128;
  mpfr_t theta, angle, s, c;
  mpfr_inits2(prec, theta, angle, s, c, static_cast<mpfr_ptr>(nullptr));
  mpfr_set_d(theta, m.rope_base, MPFR_RNDN);
  mpfr_pow_si(theta, theta, -2 * static_cast<long>(pair), MPFR_RNDN);
  mpfr_rootn_ui(theta, theta, m.d_head, MPFR_RNDN);
  mpfr_mul_si(angle, theta, static_cast<long>(position), MPFR_RNDN);
  mpfr_sin_cos(s, c, angle, MPFR_RNDN);
  std::pair<mpz_class, mpz_class> out{round_mpfr(m.format, c), round_mpfr(m.format, s)};
  mpfr_clears(theta, angle, s, c, static_cast<mpfr_ptr>(nullptr));
  return out;
}

word::circuit build_transformer(const model_config& m, const model_weights& w) {
  return transformer_builder(m, w).build();
}

}  // namespace tc0::model
