// Weights: the tensor list of a model, seeded generation, loading by name, and the file layout.
#include "tc0/model/weights.hpp"

#include <functional>

#include "tc0/errors.hpp"
#include "tc0/fp/convert.hpp"
#include "tc0/io/json_file.hpp"

namespace tc0::model {
namespace {

uint64_t splitmix(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

uint64_t name_hash(const std::string& s) {  // FNV-1a: each tensor draws from its own stream
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

// An approximately standard normal number, exactly: (sum of 12 uniform 16-bit integers - 6 * 2^16)
// / 2^16 (Irwin-Hall), so every machine draws the same rational.
mpq_class irwin_hall(uint64_t& state) {
  int64_t total = 0;
  for (int word = 0; word < 3; ++word) {
    uint64_t r = splitmix(state);
    for (int i = 0; i < 4; ++i) total += static_cast<int64_t>((r >> (16 * i)) & 0xffff);
  }
  return mpq_class(mpz_class(static_cast<long>(total - 6 * 65536)), mpz_class(65536));
}

mpz_class round_rational(const fp::float_format& f, const mpq_class& q) {
  return fp::from_rational(f, q.get_num(), q.get_den());
}

std::vector<std::string> split_name(const std::string& name) {
  std::vector<std::string> parts;
  for (size_t s = 0; s <= name.size();) {
    size_t e = name.find('.', s);
    if (e == std::string::npos) e = name.size();
    parts.push_back(name.substr(s, e - s));
    s = e + 1;
  }
  return parts;
}

bool is_index(const std::string& part) { return !part.empty() && part.find_first_not_of("0123456789") == std::string::npos; }

const nlohmann::json* find_tensor(const nlohmann::json& root, const std::string& name) {
  const nlohmann::json* j = &root;
  for (const std::string& part : split_name(name)) {
    if (is_index(part)) {
      size_t i = std::stoul(part);
      if (!j->is_array() || i >= j->size()) return nullptr;
      j = &(*j)[i];
    } else {
      if (!j->is_object() || !j->contains(part)) return nullptr;
      j = &(*j)[part];
    }
  }
  return j;
}

void read_values(const fp::float_format& f, const nlohmann::json& j, const std::vector<uint32_t>& shape, size_t dim,
                 const std::string& where, tensor& out, uint64_t& inexact) {
  if (dim == shape.size()) {
    std::string text;
    if (j.is_string()) text = j.get<std::string>();
    else if (j.is_number()) text = j.dump();
    else throw input_error(where, "expected a number");
    fp::parsed_float v;
    try {
      v = fp::parse_float(f, text);
    } catch (const input_error&) {
      throw input_error(where, "expected a number, got \"" + text + "\"");
    }
    inexact += !v.exact;
    out.values.push_back(v.bits);
    return;
  }
  if (!j.is_array() || j.size() != shape[dim])
    throw input_error(where, "expected an array of " + std::to_string(shape[dim]) + " entries at dimension " +
                                 std::to_string(dim));
  for (size_t i = 0; i < j.size(); ++i) read_values(f, j[i], shape, dim + 1, where, out, inexact);
}

}  // namespace

const mpz_class& tensor::at(std::initializer_list<uint32_t> index) const {
  size_t flat = 0, dim = 0;
  for (uint32_t i : index) flat = flat * shape[dim++] + i;
  return values[flat];
}

const tensor& model_weights::get(const std::string& name) const {
  auto it = tensors.find(name);
  if (it == tensors.end()) throw input_error("weights", "missing tensor " + name);
  return it->second;
}

std::vector<std::pair<std::string, std::vector<uint32_t>>> required_tensors(const model_config& m) {
  std::vector<std::pair<std::string, std::vector<uint32_t>>> t;
  uint32_t d = m.d_model, hk = m.heads * m.d_head;
  if (m.tokens) t.push_back({"embed", {m.vocab, d}});
  for (uint32_t l = 0; l < m.layers; ++l) {
    std::string p = "layers." + std::to_string(l) + ".";
    if (m.layer_norm != norm_position::none) t.push_back({p + "ln1.gamma", {d}}), t.push_back({p + "ln1.beta", {d}});
    for (const char* w : {"wq", "wk", "wv"}) t.push_back({p + "attn." + w, {m.heads, d, m.d_head}});
    if (m.is_tensor())
      for (const char* w : {"wk2", "wv2"}) t.push_back({p + "attn." + w, {m.heads, d, m.d_head}});
    t.push_back({p + "attn.wo", {hk, d}});
    if (m.layer_norm != norm_position::none) t.push_back({p + "ln2.gamma", {d}}), t.push_back({p + "ln2.beta", {d}});
    t.push_back({p + "mlp.w1", {d, m.mlp_hidden}});
    t.push_back({p + "mlp.b1", {m.mlp_hidden}});
    t.push_back({p + "mlp.w2", {m.mlp_hidden, d}});
    t.push_back({p + "mlp.b2", {d}});
  }
  if (m.layer_norm == norm_position::pre) t.push_back({"final_ln.gamma", {d}}), t.push_back({"final_ln.beta", {d}});
  if (m.readout_classes) t.push_back({"readout.w", {d, m.readout_classes}}), t.push_back({"readout.b", {m.readout_classes}});
  return t;
}

model_weights make_weights(const model_config& m) {
  model_weights w;
  const fp::float_format& f = m.format;
  nlohmann::json loaded;
  std::string source;
  if (!m.weights_file.empty()) {
    source = m.weights_file.string();
    loaded = parse_json_keep_numbers(read_text_file(m.weights_file), source);
  } else if (!m.weights_inline.is_null()) {
    source = "weights.inline";
    loaded = m.weights_inline;
  }
  mpq_class scale = *fp::to_rational(f, fp::parse_float(f, m.scale_text).bits);
  for (const auto& [name, shape] : required_tensors(m)) {
    tensor& t = w.tensors[name];
    t.shape = shape;
    if (!loaded.is_null()) {
      const nlohmann::json* j = find_tensor(loaded, name);
      if (!j) throw input_error(source + ": " + name, "missing tensor");
      read_values(f, *j, shape, 0, source + ": " + name, t, w.inexact);
      continue;
    }
    size_t count = 1;
    for (uint32_t s : shape) count *= s;
    uint64_t state = m.seed ^ name_hash(name);
    bool is_norm = name.find("ln") != std::string::npos && name.find(".gamma") != std::string::npos;
    bool is_shift = name.find("ln") != std::string::npos && name.find(".beta") != std::string::npos;
    for (size_t i = 0; i < count; ++i) {
      mpq_class v;
      if (m.init == weight_init::normal) {
        mpq_class z = irwin_hall(state);
        // Norm gains near 1 and shifts near 0, small enough to keep the model well conditioned.
        v = scale * z;
        if (is_norm || is_shift) v /= 4;
        if (is_norm) v += 1;
      } else if (is_norm || is_shift) {
        v = is_norm ? 1 : 0;
      } else {
        uint64_t r = splitmix(state);
        int sign = (r & 1) ? -1 : 1;
        v = sign * scale;
        if (m.init == weight_init::ternary && (r >> 1) % 3 == 0) v = 0;
      }
      v.canonicalize();
      t.values.push_back(round_rational(f, v));
    }
  }
  return w;
}

nlohmann::json weights_to_json(const model_config& m, const model_weights& w) {
  nlohmann::json root = nlohmann::json::object();
  for (const auto& [name, shape] : required_tensors(m)) {
    const tensor& t = w.get(name);
    // Nested arrays of hex strings, then placed at the dotted path.
    std::function<nlohmann::json(size_t, size_t&)> build = [&](size_t dim, size_t& next) -> nlohmann::json {
      if (dim == shape.size()) return fp::to_hex(m.format, t.values[next++]);
      nlohmann::json a = nlohmann::json::array();
      for (uint32_t i = 0; i < shape[dim]; ++i) a.push_back(build(dim + 1, next));
      return a;
    };
    size_t next = 0;
    nlohmann::json* j = &root;
    for (const std::string& part : split_name(name)) {
      if (is_index(part)) {
        size_t i = std::stoul(part);
        if (!j->is_array()) *j = nlohmann::json::array();
        while (j->size() <= i) j->push_back(nlohmann::json::object());
        j = &(*j)[i];
      } else {
        j = &(*j)[part];
      }
    }
    *j = build(0, next);
  }
  return root;
}

}  // namespace tc0::model
