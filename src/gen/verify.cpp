// verify: simulate the circuit on exhaustive or random + corner vectors and compare every output
// bus with the GMP reference of its gen record.
#include "tc0/gen/verify.hpp"

#include <random>
#include <sstream>

#include "tc0/errors.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/sim/simulator.hpp"

namespace tc0 {

namespace {

struct bus_layout {
  std::vector<uint32_t> first, width;
  uint32_t total = 0;
};

bus_layout layout_of(const std::vector<bus>& buses) {
  bus_layout l;
  for (const bus& b : buses) {
    l.first.push_back(l.total);
    l.width.push_back(static_cast<uint32_t>(b.lits.size()));
    l.total += static_cast<uint32_t>(b.lits.size());
  }
  return l;
}

// Random vectors, then corner cases, in one pattern set.
pattern_set wide_inputs(const circuit& c, const bus_layout& in, uint64_t random_vectors, uint64_t seed) {
  std::vector<bus_values> corners;
  const size_t nb = in.width.size();
  auto filled = [&](auto value_of) {
    bus_values v(nb);
    for (size_t i = 0; i < nb; ++i) v[i] = value_of(i);
    return v;
  };
  auto max_of = [&](size_t i) { return mpz_class((mpz_class(1) << in.width[i]) - 1); };
  corners.push_back(filled([](size_t) { return mpz_class(0); }));
  corners.push_back(filled(max_of));
  for (size_t i = 0; i < nb; ++i) {
    const uint32_t w = in.width[i];
    std::vector<mpz_class> special = {0, 1, max_of(i)};
    for (uint32_t k = 1; k < w; ++k) special.push_back(mpz_class(1) << k);
    if (w > 1) special.push_back((mpz_class(1) << (w - 1)) - 1);  // signed max (signed min is 2^(w-1))
    for (const mpz_class& s : special) {
      for (int others = 0; others < 3; ++others)
        corners.push_back(filled([&](size_t j) {
          if (j == i) return s;
          if (others == 0) return mpz_class(0);
          if (others == 1) return max_of(j);
          mpz_class same = s & max_of(j);
          return same;
        }));
    }
  }
  // Near-equal vectors: every bus the same random value (truncated), half with one bit flipped.
  const uint64_t near = random_vectors / 4, plain = random_vectors - near;
  std::mt19937_64 rng(seed ^ 0x5eed5eed5eed5eedull);
  gmp_randclass grng(gmp_randinit_default);
  grng.seed(static_cast<unsigned long>(seed));
  uint32_t widest = 0;
  for (uint32_t w : in.width) widest = std::max(widest, w);
  for (uint64_t k = 0; k < near; ++k) {
    const mpz_class v = grng.get_z_bits(widest);
    bus_values vals = filled([&](size_t j) { return mpz_class(v & max_of(j)); });
    if (nb > 0 && (k & 1)) {
      const size_t j = rng() % nb;
      if (in.width[j] > 0) mpz_combit(vals[j].get_mpz_t(), rng() % in.width[j]);
    }
    corners.push_back(std::move(vals));
  }
  pattern_set r = random_inputs(in.total, plain, seed);
  pattern_set p(in.total, plain + corners.size());
  for (uint32_t bit = 0; bit < in.total; ++bit)
    for (uint64_t q = 0; q < plain; ++q) p.set(bit, q, r.get(bit, q));
  for (size_t k = 0; k < corners.size(); ++k)
    for (size_t i = 0; i < nb; ++i) p.set_value(in.first[i], in.width[i], plain + k, corners[k][i]);
  return p;
}

}  // namespace

verify_result verify_circuit(const circuit& c, uint64_t random_vectors, uint64_t seed) {
  nlohmann::json source = nlohmann::json::parse(c.source(), nullptr, false);
  if (c.source().empty() || source.is_discarded() || !source.is_object() || source.value("kind", "") != "gen")
    throw input_error("verify", "circuit records no reference (source)");
  // The recorded options must rebuild the same bus layout, or the reference would be fed the
  // wrong buses.
  const circuit fresh = generate(gen_options_from_source(source));
  auto same_shape = [](const std::vector<bus>& a, const std::vector<bus>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i].name != b[i].name || a[i].lits.size() != b[i].lits.size()) return false;
    return true;
  };
  if (!same_shape(c.inputs(), fresh.inputs()) || !same_shape(c.outputs(), fresh.outputs()))
    throw input_error("verify", "the circuit's buses do not match its recorded source " + c.source());

  const bus_layout in = layout_of(c.inputs()), out = layout_of(c.outputs());
  const pattern_set inputs = in.total <= 16 ? exhaustive_inputs(in.total) : wide_inputs(c, in, random_vectors, seed);
  const pattern_set outputs = simulate(c, inputs);
  verify_result r;
  r.vectors = inputs.num_patterns;
  bus_values in_vals(in.width.size());
  for (uint64_t p = 0; p < inputs.num_patterns; ++p) {
    for (size_t i = 0; i < in_vals.size(); ++i) in_vals[i] = inputs.get_value(in.first[i], in.width[i], p);
    const bus_values expected = gen_reference(source, in_vals);
    bool bad = false;
    for (size_t o = 0; o < out.width.size() && !bad; ++o)
      bad = outputs.get_value(out.first[o], out.width[o], p) != expected[o];
    if (!bad) continue;
    if (r.mismatches++ > 0) continue;
    std::ostringstream s;
    s << "inputs";
    for (size_t i = 0; i < in_vals.size(); ++i) s << ' ' << c.inputs()[i].name << '=' << in_vals[i].get_str();
    s << ": expected";
    for (size_t o = 0; o < out.width.size(); ++o) s << ' ' << c.outputs()[o].name << '=' << expected[o].get_str();
    s << ", got";
    for (size_t o = 0; o < out.width.size(); ++o)
      s << ' ' << c.outputs()[o].name << '=' << outputs.get_value(out.first[o], out.width[o], p).get_str();
    r.first_mismatch = s.str();
  }
  return r;
}

}  // namespace tc0
