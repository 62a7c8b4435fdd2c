// Checking problem circuits against the reference solvers, and the size/depth sweep with its fits.
#include "tc0/problems/report.hpp"

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "tc0/analysis/stats.hpp"
#include "tc0/errors.hpp"
#include "tc0/sim/simulator.hpp"
#include "tc0/version.hpp"

namespace tc0 {

check_result check_circuit(const problem& p, const circuit& c, const std::vector<std::vector<uint32_t>>& words) {
  const uint32_t w = p.token_width();
  const size_t n = c.inputs().size();
  if (c.num_input_bits() != n * w) throw input_error("check", "the circuit's inputs are not " + p.name() + " tokens");
  check_result r;
  const size_t chunk = 1 << 16;
  for (size_t first = 0; first < words.size(); first += chunk) {
    const size_t count = std::min(chunk, words.size() - first);
    pattern_set in(c.num_input_bits(), count);
    for (size_t k = 0; k < count; ++k) {
      const std::vector<uint32_t>& word = words[first + k];
      if (word.size() != n)
        throw input_error("check", "instance has " + std::to_string(word.size()) + " tokens, the circuit takes " +
                                       std::to_string(n));
      for (size_t i = 0; i < n; ++i)
        for (uint32_t bit = 0; bit < w; ++bit) in.set(static_cast<uint32_t>(i * w + bit), k, (word[i] >> bit) & 1u);
    }
    const pattern_set out = simulate(c, in);
    for (size_t k = 0; k < count; ++k) {
      const std::vector<named_value> want = p.solve(words[first + k]);
      std::vector<uint64_t> got;
      uint32_t bit = 0;
      for (const bus& b : c.outputs()) {
        uint64_t v = 0;
        for (uint32_t j = 0; j < b.lits.size(); ++j) v |= uint64_t{out.get(bit + j, k)} << j;
        got.push_back(v);
        bit += static_cast<uint32_t>(b.lits.size());
      }
      ++r.instances;
      bool same = got.size() == want.size();
      for (size_t j = 0; same && j < want.size(); ++j) same = got[j] == want[j].value;
      if (same) continue;
      if (r.mismatches++ == 0) {
        std::string e, g;
        for (size_t j = 0; j < want.size(); ++j) e += (j ? " " : "") + want[j].name + "=" + std::to_string(want[j].value);
        for (size_t j = 0; j < got.size() && j < c.outputs().size(); ++j)
          g += (j ? " " : "") + c.outputs()[j].name + "=" + std::to_string(got[j]);
        r.first_mismatch = "'" + p.text_of(words[first + k]) + "': expected " + e + ", got " + g;
      }
    }
  }
  return r;
}

check_result verify_problem_circuit(const circuit& c, uint64_t count, uint64_t seed) {
  const nlohmann::json source = nlohmann::json::parse(c.source(), nullptr, false);
  uint32_t size = 0;
  weight_regime regime = weight_regime::exp;
  std::unique_ptr<problem> p = problem_from_source(source, &size, &regime);
  if (c.inputs().size() != size) throw input_error("verify", "the circuit's inputs do not match its recorded size");
  std::vector<std::vector<uint32_t>> words;
  for (const instance& i : p->generate(size, count, seed)) words.push_back(i.tokens);
  return check_circuit(*p, c, words);
}

namespace {

// Least squares y = s x + t; returns (s, t, r^2).
std::array<double, 3> linear_fit(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  if (x.size() < 2) return {0, y.empty() ? 0 : y[0], 1};
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sx += x[i];
    sy += y[i];
    sxx += x[i] * x[i];
    sxy += x[i] * y[i];
  }
  const double den = n * sxx - sx * sx;
  const double s = den == 0 ? 0 : (n * sxy - sx * sy) / den, t = (sy - s * sx) / n;
  double ss_res = 0, ss_tot = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    ss_res += (y[i] - s * x[i] - t) * (y[i] - s * x[i] - t);
    ss_tot += (y[i] - sy / n) * (y[i] - sy / n);
  }
  return {s, t, ss_tot == 0 ? 1 : 1 - ss_res / ss_tot};
}

}  // namespace

sweep_fit fit_sweep(const std::vector<sweep_point>& points) {
  std::vector<double> lx, ld, lg, le;
  for (const sweep_point& p : points) {
    lx.push_back(std::log2(static_cast<double>(p.size)));
    ld.push_back(static_cast<double>(p.depth));
    lg.push_back(std::log2(static_cast<double>(std::max<uint64_t>(p.gates, 1))));
    le.push_back(std::log2(static_cast<double>(std::max<uint64_t>(p.edges, 1))));
  }
  sweep_fit f;
  const auto d = linear_fit(lx, ld), g = linear_fit(lx, lg), e = linear_fit(lx, le);
  f.a = d[0];
  f.b = d[1];
  f.depth_r2 = d[2];
  f.k = g[0];
  f.c = std::exp2(g[1]);
  f.size_r2 = g[2];
  f.edges_k = e[0];
  f.edges_c = std::exp2(e[1]);
  const size_t half = points.size() / 2;
  const std::vector<double> tx(lx.begin() + static_cast<std::ptrdiff_t>(half), lx.end()),
      tg(lg.begin() + static_cast<std::ptrdiff_t>(half), lg.end());
  const auto t = linear_fit(tx, tg);
  f.tail_k = t[0];
  f.tail_c = std::exp2(t[1]);
  f.tail_from = points.empty() ? 0 : points[half].size;
  return f;
}

sweep_result sweep_problem(const problem& p, std::span<const uint32_t> sizes, const sweep_params& params) {
  sweep_result r;
  r.problem = p.describe();
  r.weights = regime_name(params.regime);
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (params.progress) params.progress(sizes[i], i, sizes.size());
    const auto t0 = std::chrono::steady_clock::now();
    const circuit c = p.build(sizes[i], params.regime);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const circuit_stats s = compute_stats(c);
    sweep_point pt;
    pt.size = sizes[i];
    pt.gates = s.gates;
    pt.edges = s.edges;
    pt.weighted_edges = s.weighted_edges;
    pt.depth = s.depth;
    pt.build_seconds = secs;
    if (params.check > 0) {
      std::vector<std::vector<uint32_t>> words;
      for (const instance& inst : p.generate(sizes[i], params.check, params.seed + sizes[i])) words.push_back(inst.tokens);
      pt.check = check_circuit(p, c, words);
    }
    r.points.push_back(pt);
  }
  r.fit = fit_sweep(r.points);
  return r;
}

nlohmann::json sweep_to_json(const sweep_result& r) {
  nlohmann::json points = nlohmann::json::array();
  for (const sweep_point& p : r.points) {
    nlohmann::json j = {{"size", p.size},   {"gates", p.gates}, {"edges", p.edges}, {"weighted_edges", p.weighted_edges},
                        {"depth", p.depth}, {"build_seconds", p.build_seconds}};
    if (p.check.instances > 0) {
      j["checked"] = p.check.instances;
      j["mismatches"] = p.check.mismatches;
    }
    points.push_back(j);
  }
  return {{"format", "tc0-problem-sweep/1"},
          {"version", version_line()},
          {"problem", r.problem},
          {"weights", r.weights},
          {"points", points},
          {"fit",
           {{"depth", {{"a", r.fit.a}, {"b", r.fit.b}, {"r2", r.fit.depth_r2}, {"formula", "depth = a * log2(N) + b"}}},
            {"gates", {{"c", r.fit.c}, {"k", r.fit.k}, {"r2", r.fit.size_r2}, {"formula", "gates = c * N^k"}}},
            {"edges", {{"c", r.fit.edges_c}, {"k", r.fit.edges_k}, {"formula", "edges = c * N^k"}}},
            {"gates_upper_half", {{"c", r.fit.tail_c}, {"k", r.fit.tail_k}, {"from", r.fit.tail_from}}}}}};
}

std::string format_sweep_table(const sweep_result& r) {
  std::ostringstream s;
  char line[256];
  std::snprintf(line, sizeof line, "%8s %12s %14s %7s %9s\n", "N", "gates", "edges", "depth", "build s");
  s << line;
  for (const sweep_point& p : r.points) {
    std::snprintf(line, sizeof line, "%8u %12llu %14llu %7u %9.2f", p.size, static_cast<unsigned long long>(p.gates),
                  static_cast<unsigned long long>(p.edges), p.depth, p.build_seconds);
    s << line;
    if (p.check.instances > 0) s << "  checked " << p.check.instances << ", mismatches " << p.check.mismatches;
    s << "\n";
  }
  std::snprintf(line, sizeof line, "depth = %.2f * log2(N) + %.2f (r^2 %.3f); gates = %.3g * N^%.2f (r^2 %.3f)\n", r.fit.a,
                r.fit.b, r.fit.depth_r2, r.fit.c, r.fit.k, r.fit.size_r2);
  s << line;
  std::snprintf(line, sizeof line, "gates over N >= %u: %.3g * N^%.2f\n", r.fit.tail_from, r.fit.tail_c, r.fit.tail_k);
  s << line;
  return s.str();
}

std::vector<uint32_t> parse_size_list(std::string_view text) {
  std::vector<uint32_t> out;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find(',', i);
    if (j == std::string_view::npos) j = text.size();
    const std::string item(text.substr(i, j - i));
    uint64_t v = 0;
    bool ok = !item.empty() && item.size() <= 6;
    for (char c : item) {
      ok = ok && c >= '0' && c <= '9';
      if (ok) v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    if (!ok || v == 0 || v > max_problem_size)
      throw input_error("--sweep", "expected sizes 1.." + std::to_string(max_problem_size) +
                                       " separated by commas, got '" + item + "'");
    out.push_back(static_cast<uint32_t>(v));
    i = j + 1;
  }
  return out;
}

}  // namespace tc0
