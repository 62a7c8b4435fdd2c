// Formulas over Z_q (bfvp, afe): grammar, stack evaluator, text, generator, and the log-depth
// evaluation circuit (chain composition over dyadic segments; see formula.hpp).
#include "tc0/problems/formula.hpp"

#include <algorithm>
#include <bit>

#include "problems_internal.hpp"
#include "tc0/arith/compare.hpp"
#include "tc0/arith/gates.hpp"
#include "tc0/arith/add.hpp"
#include "tc0/errors.hpp"

namespace tc0 {

// ---------------------------------------------------------------------------------------------
// Grammar

formula_token formula_grammar::kind(uint32_t c) const {
  if (c < modulus) return formula_token::constant;
  const uint32_t k = c - modulus;
  if (boolean) {
    static const formula_token t[] = {formula_token::op_and, formula_token::op_or, formula_token::op_not,
                                      formula_token::open, formula_token::close};
    return k < 5 ? t[k] : formula_token::pad;
  }
  static const formula_token t[] = {formula_token::op_plus, formula_token::op_times, formula_token::open,
                                    formula_token::close};
  return k < 4 ? t[k] : formula_token::pad;
}

uint32_t formula_grammar::code(formula_token t) const {
  for (uint32_t c = modulus; c < num_codes(); ++c)
    if (kind(c) == t) return c;
  return pad();
}

std::string formula_grammar::text(uint32_t c) const {
  switch (kind(c)) {
    case formula_token::constant: return std::to_string(c);
    case formula_token::op_and: return "&";
    case formula_token::op_or: return "|";
    case formula_token::op_plus: return "+";
    case formula_token::op_times: return "*";
    case formula_token::op_not: return "!";
    case formula_token::open: return "(";
    case formula_token::close: return ")";
    case formula_token::pad: return "_";
  }
  return "?";
}

formula_grammar bfvp_grammar() { return formula_grammar{"bfvp", 2, true}; }

formula_grammar afe_grammar(uint32_t q) {
  bool prime = q >= 2;
  for (uint32_t d = 2; d * d <= q; ++d) prime = prime && q % d != 0;
  if (!prime || q > 61)
    throw input_error("--modulus", "expected a prime 2..61 (products go through discrete logarithms), got " + std::to_string(q));
  return formula_grammar{"afe", q, false};
}

namespace {

uint32_t apply_op(const formula_grammar& g, formula_token op, uint32_t x, uint32_t y) {
  switch (op) {
    case formula_token::op_and: return x & y;
    case formula_token::op_or: return x | y;
    case formula_token::op_plus: return (x + y) % g.modulus;
    case formula_token::op_times: return (x * y) % g.modulus;
    default: return 0;
  }
}

std::string found(const formula_grammar& g, std::span<const uint32_t> t, size_t i) {
  if (i >= t.size()) return "the end of the input";
  if (t[i] == g.pad()) return "pad (the formula is cut short)";
  return "'" + g.text(t[i]) + "'";
}

struct parse_result {
  uint32_t value = 0;
  uint32_t depth = 0;  // most nodes open at once
};

// Iterative shift-reduce evaluation (no recursion: chains of 65536 negations are fine).
parse_result parse(const formula_grammar& g, std::span<const uint32_t> t) {
  for (size_t i = 0; i < t.size(); ++i)
    if (t[i] >= g.num_codes())
      throw input_error("position " + std::to_string(i), "unknown token code " + std::to_string(t[i]) + " (" + g.name +
                                                             " codes 0.." + std::to_string(g.num_codes() - 1) + ")");
  struct frame {
    formula_token kind;  // op_not, open (left pending), or a binary op (right pending)
    uint32_t left = 0;
  };
  std::vector<frame> stack;
  parse_result r;
  const std::string expr = g.boolean ? "a constant, '!' or '('" : "a constant or '('";
  const std::string ops = g.boolean ? "an operator ('&' or '|')" : "an operator ('+' or '*')";
  size_t i = 0;
  for (;;) {
    // Expect an expression.
    if (i >= t.size() || g.kind(t[i]) == formula_token::pad || g.kind(t[i]) == formula_token::close ||
        g.kind(t[i]) == formula_token::op_and || g.kind(t[i]) == formula_token::op_or ||
        g.kind(t[i]) == formula_token::op_plus || g.kind(t[i]) == formula_token::op_times)
      throw input_error("position " + std::to_string(i), "expected " + expr + ", found " + found(g, t, i));
    const formula_token k = g.kind(t[i]);
    if (k == formula_token::op_not || k == formula_token::open) {
      stack.push_back({k, 0});
      r.depth = std::max<uint32_t>(r.depth, static_cast<uint32_t>(stack.size()));
      ++i;
      continue;
    }
    uint32_t v = t[i++];  // a constant
    // Reduce.
    bool more = false;
    while (!stack.empty()) {
      frame& f = stack.back();
      if (f.kind == formula_token::op_not) {
        v = 1 - v;
        stack.pop_back();
        continue;
      }
      if (f.kind == formula_token::open) {
        const formula_token op = i < t.size() ? g.kind(t[i]) : formula_token::pad;
        if (op != formula_token::op_and && op != formula_token::op_or && op != formula_token::op_plus &&
            op != formula_token::op_times)
          throw input_error("position " + std::to_string(i), "expected " + ops + ", found " + found(g, t, i));
        f.kind = op;
        f.left = v;
        ++i;
        more = true;
        break;
      }
      if (i >= t.size() || g.kind(t[i]) != formula_token::close)
        throw input_error("position " + std::to_string(i), "expected ')', found " + found(g, t, i));
      v = apply_op(g, f.kind, f.left, v);
      stack.pop_back();
      ++i;
    }
    if (more) continue;
    r.value = v;
    for (; i < t.size(); ++i)
      if (t[i] != g.pad())
        throw input_error("position " + std::to_string(i),
                          "expected the end of the formula (pad), found '" + g.text(t[i]) + "'");
    return r;
  }
}

}  // namespace

uint32_t evaluate_formula(const formula_grammar& g, std::span<const uint32_t> tokens) { return parse(g, tokens).value; }

uint32_t formula_depth(const formula_grammar& g, std::span<const uint32_t> tokens) { return parse(g, tokens).depth; }

std::vector<uint32_t> parse_formula_text(const formula_grammar& g, std::string_view text) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (c >= '0' && c <= '9') {
      uint64_t v = 0;
      size_t j = i;
      // bfvp constants are single digits; afe constants are decimal numbers.
      do v = v * 10 + (text[j++] - '0');
      while (!g.boolean && j < text.size() && text[j] >= '0' && text[j] <= '9' && v < 1000000);
      if (v >= g.modulus)
        throw input_error("position " + std::to_string(i), "constant " + std::string(text.substr(i, j - i)) +
                                                               " is outside Z_" + std::to_string(g.modulus) + " (0.." +
                                                               std::to_string(g.modulus - 1) + ")");
      out.push_back(static_cast<uint32_t>(v));
      i = j;
      continue;
    }
    uint32_t code = g.num_codes();
    for (uint32_t k = g.modulus; k + 1 < g.num_codes(); ++k)
      if (g.text(k) == std::string(1, c)) code = k;
    if (code == g.num_codes())
      throw input_error("position " + std::to_string(i), "unexpected character '" + std::string(1, c) + "' in a " +
                                                             g.name + " formula");
    out.push_back(code);
    ++i;
  }
  return out;
}

std::string formula_text(const formula_grammar& g, std::span<const uint32_t> tokens) {
  std::string s;
  for (uint32_t t : tokens)
    if (t != g.pad()) s += g.text(t);
  return s;
}

const char* formula_shape_name(formula_shape s) {
  switch (s) {
    case formula_shape::balanced: return "balanced";
    case formula_shape::left: return "deep-left";
    case formula_shape::right: return "deep-right";
    case formula_shape::zigzag: return "zigzag";
    case formula_shape::random: return "random";
    case formula_shape::nots: return "not-chain";
    case formula_shape::short_: return "short";
  }
  return "?";
}

uint32_t formula_fit_length(const formula_grammar& g, uint32_t max_len) {
  if (max_len == 0) return 0;
  if (g.boolean) return max_len;
  return 1 + 4 * ((max_len - 1) / 4);
}

std::vector<uint32_t> random_formula(const formula_grammar& g, uint32_t len, formula_shape shape, std::mt19937_64& rng) {
  if (len == 0 || formula_fit_length(g, len) != len)
    throw input_error("generator", "no " + g.name + " formula has " + std::to_string(len) + " tokens");
  auto below = [&](uint64_t n) { return n == 0 ? 0 : rng() % n; };
  const uint32_t op1 = g.code(g.boolean ? formula_token::op_and : formula_token::op_plus);
  const uint32_t op2 = g.code(g.boolean ? formula_token::op_or : formula_token::op_times);
  // Work stack: a pending formula of length `len` (depth for zigzag), or a token to emit.
  struct item {
    uint32_t len;  // 0: emit `code`
    uint32_t code;
    uint32_t depth;
  };
  std::vector<item> work{{len, 0, 0}};
  std::vector<uint32_t> out;
  out.reserve(len);
  while (!work.empty()) {
    const item it = work.back();
    work.pop_back();
    if (it.len == 0) {
      out.push_back(it.code);
      continue;
    }
    const uint32_t n = it.len;
    if (n == 1) {
      out.push_back(static_cast<uint32_t>(below(g.modulus)));
      continue;
    }
    bool use_not = false;
    if (g.boolean) {
      const uint64_t percent = shape == formula_shape::nots ? 100 : shape == formula_shape::balanced ? 12 : 8;
      use_not = n < 5 || below(100) < percent;
    }
    if (use_not) {
      out.push_back(g.code(formula_token::op_not));
      work.push_back({n - 1, 0, it.depth + 1});
      continue;
    }
    // ( A op B ): |A| + |B| = n - 3, both of allowed lengths.
    uint32_t a = 0;
    const uint32_t rest = n - 3;
    const uint32_t unit = g.boolean ? 1 : 4;  // afe lengths are 1 mod 4
    const uint32_t slots = (rest - 2) / unit;  // |A| = 1 + unit * s, s in 0..slots
    formula_shape s = shape;
    if (s == formula_shape::zigzag) s = it.depth % 2 ? formula_shape::right : formula_shape::left;
    switch (s) {
      case formula_shape::balanced: a = 1 + unit * ((slots + below(2)) / 2); break;
      case formula_shape::left: a = 1 + unit * slots; break;
      case formula_shape::right: a = 1; break;
      default: a = 1 + unit * static_cast<uint32_t>(below(slots + 1)); break;
    }
    a = std::min(a, rest - 1);
    out.push_back(g.code(formula_token::open));
    work.push_back({0, g.code(formula_token::close), 0});
    work.push_back({rest - a, 0, it.depth + 1});
    work.push_back({0, below(2) ? op1 : op2, 0});
    work.push_back({a, 0, it.depth + 1});
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The circuit

namespace {

using problems_detail::onehot;

struct zq_tables {
  uint32_t q = 2, g = 1;
  std::vector<uint32_t> pw;   // pw[k] = g^k mod q, k = 0..q-2
};

zq_tables make_tables(uint32_t q) {
  zq_tables z;
  z.q = q;
  if (q == 2) {
    z.pw = {1};
    return z;
  }
  for (uint32_t g = 2; g < q; ++g) {
    std::vector<uint32_t> pw{1};
    while (pw.size() < q - 1) pw.push_back(pw.back() * g % q);
    std::vector<uint8_t> seen(q, 0);
    bool ok = true;
    for (uint32_t v : pw) ok = ok && !seen[v]++;
    if (ok) {
      z.g = g;
      z.pw = pw;
      return z;
    }
  }
  return z;
}

class formula_builder {
 public:
  formula_builder(builder& b, const formula_grammar& g, std::span<const bits> tokens, weight_regime regime)
      : b_(b), g_(g), regime_(regime), n_(tokens.size()), q_(g.modulus), z_(make_tables(g.modulus)) {
    decode(tokens);
  }

  onehot run(formula_circuit_stats* stats) {
    {
      auto scope = b_.scope("depths");
      depths();
    }
    if (g_.boolean) {
      auto scope = b_.scope("negation_runs");
      negation_tables();
    }
    uint32_t levels = 0;
    while ((size_t{1} << levels) < n_) ++levels;
    for (uint32_t level = 1; level <= levels; ++level) {
      auto scope = b_.scope("level" + std::to_string(level));
      const size_t seg = size_t{1} << level, half = seg / 2;
      std::vector<std::pair<size_t, stored>> fresh;
      for (size_t l = 0; l + half < n_; l += seg) segment(l, l + half, std::min(n_, l + seg), fresh);
      for (auto& [pos, terms] : fresh)
        for (uint32_t r = 0; r < q_; ++r) ev_terms_[pos][r].insert(ev_terms_[pos][r].end(), terms[r].begin(), terms[r].end());
    }
    if (stats) stats->levels = levels;
    return ev(0);
  }

 private:
  // The value of the expression starting at a position, as it becomes known: per r the
  // literals (AND gates of the levels so far) whose OR is [value = r]. Reading it is one OR.
  using stored = std::vector<std::vector<lit>>;

  onehot ev(size_t x) {
    onehot v(q_, lit_false);
    if (x < n_)
      for (uint32_t r = 0; r < q_; ++r) v[r] = b_.or_(ev_terms_[x][r]);
    return v;
  }

  lit code_equals(const bits& t, uint32_t c) {
    std::vector<lit> in;
    for (size_t i = 0; i < t.size(); ++i) in.push_back(((c >> i) & 1u) ? t[i] : !t[i]);
    return b_.and_(in);
  }

  void decode(std::span<const bits> tokens) {
    auto scope = b_.scope("decode");
    is_open_.resize(n_);
    is_close_.resize(n_);
    is_not_.assign(n_, lit_false);
    starts_.resize(n_);
    is_op_[0].resize(n_);
    is_op_[1].resize(n_);
    any_op_.resize(n_);
    is_const_.assign(n_, std::vector<lit>(q_));
    ev_terms_.assign(n_, stored(q_));
    const uint32_t op1 = g_.code(g_.boolean ? formula_token::op_and : formula_token::op_plus);
    const uint32_t op2 = g_.code(g_.boolean ? formula_token::op_or : formula_token::op_times);
    for (size_t i = 0; i < n_; ++i) {
      for (uint32_t c = 0; c < q_; ++c) is_const_[i][c] = code_equals(tokens[i], c);
      is_open_[i] = code_equals(tokens[i], g_.code(formula_token::open));
      is_close_[i] = code_equals(tokens[i], g_.code(formula_token::close));
      if (g_.boolean) is_not_[i] = code_equals(tokens[i], g_.code(formula_token::op_not));
      is_op_[0][i] = code_equals(tokens[i], op1);
      is_op_[1][i] = code_equals(tokens[i], op2);
      any_op_[i] = b_.or_({is_op_[0][i], is_op_[1][i]});
      std::vector<lit> st(is_const_[i]);
      st.push_back(is_open_[i]);
      st.push_back(is_not_[i]);
      starts_[i] = b_.or_(st);
      // Level 0: a constant is its own value.
      for (uint32_t c = 0; c < q_; ++c) ev_terms_[i][c].push_back(is_const_[i][c]);
    }
  }

  // D'(i) = D(i) + n (paren depth before token i, made non-negative), i = 0..n.
  void depths() {
    const uint32_t width = static_cast<uint32_t>(std::bit_width(3 * n_ + 1));
    const std::vector<bits> opens = problems_detail::prefix_counts(b_, is_open_, n_, width, regime_);
    const std::vector<bits> closes = problems_detail::prefix_counts(b_, is_close_, 0, width, regime_);
    depth_.resize(n_ + 1);
    for (size_t i = 0; i <= n_; ++i) depth_[i] = subtract(b_, opens[i], closes[i], regime_).z;
    rel_done_.assign((n_ + 1) * (n_ + 1), 0);
    rel_.resize((n_ + 1) * (n_ + 1));
  }

  // For x < y: [D(y) >= D(x) + k] for k = 0, 1 and [D(y) = D(x)].
  struct relation {
    lit ge0, ge1, eq;
  };
  const relation& rel(size_t x, size_t y) {
    const size_t key = x * (n_ + 1) + y;
    if (rel_done_[key]) return rel_[key];
    rel_done_[key] = 1;
    relation& r = rel_[key];
    if (regime_ == weight_regime::exp) {
      // One weighted gate each: [sum 2^j D'(y)_j - sum 2^j D'(x)_j >= k].
      std::vector<lit> in;
      std::vector<int64_t> w;
      for (size_t j = 0; j < depth_[x].size(); ++j) {
        in.push_back(depth_[y][j]);
        w.push_back(int64_t{1} << j);
        in.push_back(depth_[x][j]);
        w.push_back(-(int64_t{1} << j));
      }
      r.ge0 = threshold(b_, in, w, 0, regime_);
      r.ge1 = threshold(b_, in, w, 1, regime_);
      r.eq = b_.and_({r.ge0, !r.ge1});
    } else {
      const compare_result c = compare(b_, depth_[y], depth_[x], false, regime_);
      r.ge0 = !c.lt;
      r.ge1 = !c.le;
      r.eq = c.eq;
    }
    return r;
  }
  // [D(b) >= D(a) + k] for any a, b (k = 0, 1).
  lit ge(size_t a, size_t b, int k) {
    if (a == b) return k == 0 ? lit_true : lit_false;
    if (a < b) return k == 0 ? rel(a, b).ge0 : rel(a, b).ge1;
    // D(b) >= D(a) + k  <=>  not D(a) >= D(b) + (1 - k).
    const relation& r = rel(b, a);
    return k == 0 ? !r.ge1 : !r.ge0;
  }
  lit same_depth(size_t a, size_t b) {
    if (a == b) return lit_true;
    return a < b ? rel(a, b).eq : rel(b, a).eq;
  }

  // all of [a, b) are '!' (true for an empty range), from AND tables over power-of-two ranges.
  lit all_not(size_t a, size_t b) {
    if (b <= a) return lit_true;
    const unsigned k = static_cast<unsigned>(std::bit_width(b - a) - 1);
    return b_.and_({not_table_[k][a], not_table_[k][b - (size_t{1} << k)]});
  }

  void negation_tables() {
    not_table_.clear();
    for (size_t k = 0; (size_t{1} << k) <= n_; ++k) {
      std::vector<lit> row(n_, lit_false);
      const size_t len = size_t{1} << k;
      for (size_t a = 0; a + len <= n_; ++a) row[a] = b_.and_(std::span<const lit>(is_not_.data() + a, len));
      not_table_.push_back(std::move(row));
    }
  }

  // The affine map x -> a x + b of a chain node with operator kind k whose other operand is c.
  void op_map(int k, const onehot& c, onehot& a, onehot& b) const {
    a.assign(q_, lit_false);
    b.assign(q_, lit_false);
    if (g_.boolean) {
      if (k == 0) {  // x and c = c x
        a = c;
        b[0] = lit_true;
      } else {  // x or c = (1 - c) x + c
        a[0] = c[1];
        a[1] = c[0];
        b = c;
      }
    } else if (k == 0) {  // x + c
      a[1] = lit_true;
      b = c;
    } else {  // x * c
      a = c;
      b[0] = lit_true;
    }
  }

  // One aligned segment [l, r) with midpoint m: every node whose span contains m-1 and m (the
  // chain) gets its value, stored (in `fresh`) where the node lies inside [l, r).
  void segment(size_t l, size_t m, size_t r, std::vector<std::pair<size_t, stored>>& fresh) {
    const size_t h = m - l;
    // ---- Static: the chain's '(' (open_chain), its operators (op_*), its closers.
    std::vector<lit> open_chain(h);
    std::vector<std::vector<lit>> op_left(2, std::vector<lit>(h)), op_right(2, std::vector<lit>(r - m));
    std::vector<lit> close_chain(r - m), in;
    for (size_t x = l; x < m; ++x) {
      in.assign({is_open_[x]});
      for (size_t z = x + 1; z <= m; ++z) in.push_back(ge(x, z, 1));  // depth stays above D(x) up to m
      open_chain[x - l] = b_.and_(in);
      in.clear();
      for (size_t z = x + 1; z <= m; ++z) in.push_back(ge(x, z, 0));  // the operator's node is still open at m
      for (int k = 0; k < 2; ++k) {
        in.push_back(is_op_[k][x]);
        op_left[k][x - l] = b_.and_(in);
        in.pop_back();
      }
    }
    for (size_t y = m; y < r; ++y) {
      in.clear();
      for (size_t z = m; z < y; ++z) in.push_back(ge(y, z, 0));  // the node was open at m
      in.push_back(is_close_[y]);
      close_chain[y - m] = b_.and_(in);
      in.pop_back();
      for (int k = 0; k < 2; ++k) {
        in.push_back(is_op_[k][y]);
        op_right[k][y - m] = b_.and_(in);
        in.pop_back();
      }
    }
    // complete[x]: the node starting at x is on the chain and ends before r (its value is final here).
    std::vector<lit> complete(h, lit_false), not_chain(h, lit_false);
    for (size_t s = l; s < m; ++s) {
      std::vector<lit> any;
      for (size_t y = m; y < r; ++y) any.push_back(b_.and_({open_chain[s - l], close_chain[y - m], same_depth(s + 1, y)}));
      complete[s - l] = b_.or_(any);
    }
    if (g_.boolean) {
      // A '!' is on the chain when the '!' run after it reaches m or a chain '('; it is complete
      // when that '(' is, or when the expression starting at m ends before r.
      std::vector<lit> ends;
      for (size_t c = m; c < r; ++c) {
        std::vector<lit> closes;
        for (size_t z = c + 1; z <= r; ++z) closes.push_back(!ge(c, z, 1));
        std::vector<lit> core(is_const_[c]);
        core.push_back(b_.and_({is_open_[c], b_.or_(closes)}));
        ends.push_back(b_.and_({all_not(m, c), b_.or_(core)}));
      }
      const lit ends_before_r = b_.or_(ends);
      const std::vector<lit> complete_open(complete);
      for (size_t x = l; x < m; ++x) {
        std::vector<lit> chain_terms, complete_terms;
        for (size_t c = x + 1; c < m; ++c) {
          chain_terms.push_back(b_.and_({all_not(x + 1, c), open_chain[c - l]}));
          complete_terms.push_back(b_.and_({all_not(x + 1, c), complete_open[c - l]}));
        }
        chain_terms.push_back(all_not(x + 1, m));
        complete_terms.push_back(b_.and_({all_not(x + 1, m), ends_before_r}));
        not_chain[x - l] = b_.and_({is_not_[x], b_.or_(chain_terms)});
        complete[x - l] = b_.or_({complete[x - l], b_.and_({is_not_[x], b_.or_(complete_terms)})});
      }
    }

    // ---- Maps a x + b at l..m-1 and the constant map of the child adjacent to m (at index h).
    // A chain '(' at x with operator o: the other child is the left one, starting at x + 1, when o
    // is left of m, else the right one, starting at o + 1.
    std::vector<onehot> ma(h + 1, onehot(q_)), mb(h + 1, onehot(q_));
    std::vector<onehot> right_side(r - m);
    for (size_t o = m; o < r; ++o) right_side[o - m] = ev(o + 1);
    for (size_t x = l; x < m; ++x) {
      std::vector<std::vector<lit>> ta(q_), tb(q_);
      const lit chain = b_.or_({open_chain[x - l], not_chain[x - l]});
      ta[1].push_back(!chain);  // identity off the chain
      tb[0].push_back(!chain);
      if (g_.boolean) {
        ta[1].push_back(not_chain[x - l]);  // not: x + 1
        tb[1].push_back(not_chain[x - l]);
      }
      auto add_terms = [&](lit sel, int k, const onehot& side) {
        onehot a, bb;
        op_map(k, side, a, bb);
        for (uint32_t v = 0; v < q_; ++v) {
          if (a[v] != lit_false) ta[v].push_back(b_.and_({sel, a[v]}));
          if (bb[v] != lit_false) tb[v].push_back(b_.and_({sel, bb[v]}));
        }
      };
      const onehot left_child = ev(x + 1);
      for (int k = 0; k < 2; ++k) {
        std::vector<lit> left_sel;
        for (size_t o = x + 2; o < m; ++o)
          left_sel.push_back(b_.and_({open_chain[x - l], same_depth(x + 1, o), op_left[k][o - l]}));
        add_terms(b_.or_(left_sel), k, left_child);
        for (size_t o = std::max(m, x + 2); o < r; ++o)
          add_terms(b_.and_({open_chain[x - l], same_depth(x + 1, o), op_right[k][o - m]}), k, right_side[o - m]);
      }
      for (uint32_t v = 0; v < q_; ++v) {
        ma[x - l][v] = b_.or_(ta[v]);
        mb[x - l][v] = b_.or_(tb[v]);
      }
    }
    {
      // The child adjacent to m: it starts at m, or it ends at m - 1 and is the left child of the
      // node whose operator is at m (it starts after that node's '('), or the right child of the
      // node closed at m (it starts after that node's operator).
      ma[h].assign(q_, lit_false);
      ma[h][0] = lit_true;
      std::vector<std::vector<lit>> tc(q_);
      const onehot at_m = ev(m);
      for (uint32_t v = 0; v < q_; ++v) tc[v].push_back(b_.and_({starts_[m], at_m[v]}));
      for (size_t x = l; x + 1 < m; ++x) {
        const lit sel = b_.and_({open_chain[x - l], any_op_[m], same_depth(x + 1, m)});
        const onehot child = ev(x + 1);
        for (uint32_t v = 0; v < q_; ++v) tc[v].push_back(b_.and_({sel, child[v]}));
      }
      for (size_t o = l; o + 1 < m; ++o) {
        const lit sel = b_.and_({b_.or_({op_left[0][o - l], op_left[1][o - l]}), is_close_[m], same_depth(o, m)});
        const onehot child = ev(o + 1);
        for (uint32_t v = 0; v < q_; ++v) tc[v].push_back(b_.and_({sel, child[v]}));
      }
      for (uint32_t v = 0; v < q_; ++v) mb[h][v] = b_.or_(tc[v]);
    }

    // ---- w*(v), the first constant map at or below v: OR tables of a = 0 over power-of-two ranges.
    std::vector<lit> zero(h + 1);
    for (size_t i = 0; i <= h; ++i) zero[i] = ma[i][0];
    std::vector<std::vector<lit>> zt;
    for (size_t k = 0; (size_t{1} << k) <= h + 1; ++k) {
      const size_t len = size_t{1} << k;
      std::vector<lit> row(h + 1, lit_false);
      for (size_t i = 0; i + len <= h + 1; ++i) row[i] = b_.or_(std::span<const lit>(zero.data() + i, len));
      zt.push_back(std::move(row));
    }
    // The literals whose AND says "w is the first constant map at or below v" (v <= w, local).
    auto first_zero = [&](size_t v, size_t w) -> std::vector<lit> {
      if (v == w) return {zero[w]};
      const unsigned k = static_cast<unsigned>(std::bit_width(w - v) - 1);
      return {zero[w], !zt[k][v], !zt[k][w - (size_t{1} << k)]};
    };

    // ---- Prefix sums: Lambda (discrete logs of a, mod q-1) and T (b g^Lambda, mod q).
    std::vector<onehot> lambda;
    const uint32_t lq = q_ > 2 ? q_ - 1 : 1;
    if (q_ > 2) {
      std::vector<onehot> logs(h);
      for (size_t i = 0; i < h; ++i) {
        logs[i].assign(q_ - 1, lit_false);
        for (uint32_t k = 1; k + 1 < q_; ++k) logs[i][k] = ma[i][z_.pw[k]];
      }
      lambda = problems_detail::prefix_sums_mod(b_, logs, q_ - 1, regime_);
    }
    // b_y g^Lambda(y) enters the sum as its exclusive (b, Lambda) pairs, weight b g^Lambda mod q.
    std::vector<std::vector<problems_detail::linear_term>> t(h + 1);
    for (size_t i = 0; i <= h; ++i)
      for (uint32_t v = 1; v < q_; ++v)
        for (uint32_t k = 0; k < lq; ++k) {
          const lit term = q_ == 2 ? mb[i][v] : b_.and_({mb[i][v], lambda[i][k]});
          t[i].push_back({term, static_cast<int64_t>(v * z_.pw[k] % q_)});
        }
    const std::vector<onehot> tp = problems_detail::prefix_sums_mod(b_, t, q_ - 1, q_, regime_, q_ == 2);

    // ---- Values: val(v) = g^(-Lambda(v)) (T(w*+1) - T(v)), kept where the node is complete.
    for (size_t v = 0; v < h; ++v) {
      stored val(q_);
      if (q_ == 2) {
        // One AND per (w, T(w*+1), T(v)): first-zero test, both parities and completeness.
        for (size_t w = v; w <= h; ++w) {
          std::vector<lit> base = first_zero(v, w);
          base.push_back(complete[v]);
          for (uint32_t t1 = 0; t1 < 2; ++t1)
            for (uint32_t t0 = 0; t0 < 2; ++t0) {
              std::vector<lit> in(base);
              in.push_back(tp[w + 1][t1]);
              in.push_back(tp[v][t0]);
              val[t1 ^ t0].push_back(b_.and_(in));
            }
        }
      } else {
        // T(w*+1): one AND per (w, value) with the first-zero test folded in.
        onehot tw(q_);
        for (uint32_t x = 0; x < q_; ++x) {
          std::vector<lit> terms;
          for (size_t w = v; w <= h; ++w) {
            std::vector<lit> in = first_zero(v, w);
            in.push_back(tp[w + 1][x]);
            terms.push_back(b_.and_(in));
          }
          tw[x] = b_.or_(terms);
        }
        for (uint32_t k = 0; k < lq; ++k)
          for (uint32_t t1 = 0; t1 < q_; ++t1)
            for (uint32_t t0 = 0; t0 < q_; ++t0) {
              const uint32_t res = (t1 + q_ - t0) % q_ * z_.pw[(lq - k) % lq] % q_;
              val[res].push_back(b_.and_({complete[v], lambda[v][k], tw[t1], tp[v][t0]}));
            }
      }
      fresh.push_back({l + v, std::move(val)});
    }
  }

  builder& b_;
  const formula_grammar& g_;
  weight_regime regime_;
  size_t n_;
  uint32_t q_;
  zq_tables z_;
  std::vector<lit> is_open_, is_close_, is_not_, any_op_, starts_;
  std::vector<lit> is_op_[2];
  std::vector<std::vector<lit>> is_const_;
  std::vector<bits> depth_;
  std::vector<uint8_t> rel_done_;
  std::vector<relation> rel_;
  std::vector<std::vector<lit>> not_table_;
  std::vector<stored> ev_terms_;
};

}  // namespace

std::vector<lit> formula_value(builder& b, const formula_grammar& g, std::span<const bits> tokens,
                               weight_regime regime, formula_circuit_stats* stats) {
  if (tokens.empty()) throw input_error("formula", "needs at least one token");
  formula_builder fb(b, g, tokens, regime);
  return fb.run(stats);
}

}  // namespace tc0
