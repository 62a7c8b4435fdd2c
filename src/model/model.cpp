// Parsing and validating tc0-model/1: one reader per JSON object that knows its allowed keys.
#include "tc0/model/model.hpp"

#include <set>

#include "tc0/errors.hpp"
#include "tc0/fp/convert.hpp"
#include "tc0/io/json_file.hpp"

namespace tc0::model {
namespace {

// Reads the keys of one object; unknown keys are an error (a typo must not pass silently).
class object_reader {
 public:
  object_reader(const nlohmann::json& j, std::string path, std::set<std::string> allowed)
      : j_(j), path_(std::move(path)) {
    if (!j.is_object()) throw input_error(path_, "expected an object");
    for (auto it = j.begin(); it != j.end(); ++it)
      if (!allowed.count(it.key())) throw input_error(key_path(it.key()), "unknown key");
  }
  std::string key_path(const std::string& k) const { return path_.empty() ? k : path_ + "." + k; }
  bool has(const std::string& k) const { return j_.contains(k); }
  const nlohmann::json& at(const std::string& k) const {
    if (!j_.contains(k)) throw input_error(key_path(k), "required key is missing");
    return j_.at(k);
  }
  uint32_t count(const std::string& k, uint32_t lo, uint32_t hi, std::optional<uint32_t> fallback = {}) const {
    if (!has(k)) {
      if (fallback) return *fallback;
      at(k);
    }
    const nlohmann::json& v = j_.at(k);
    if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi)
      throw input_error(key_path(k), "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return v.get<uint32_t>();
  }
  bool flag(const std::string& k, bool fallback) const {
    if (!has(k)) return fallback;
    if (!j_.at(k).is_boolean()) throw input_error(key_path(k), "expected true or false");
    return j_.at(k).get<bool>();
  }
  std::string word(const std::string& k, std::initializer_list<const char*> choices, const char* fallback) const {
    if (!has(k)) return fallback;
    const nlohmann::json& v = j_.at(k);
    std::string list;
    for (const char* c : choices) {
      if (v.is_string() && v.get<std::string>() == c) return c;
      list += (list.empty() ? "" : " | ") + std::string("\"") + c + "\"";
    }
    throw input_error(key_path(k), "expected one of " + list);
  }
  // A real number given as a JSON number (kept as its text) or a decimal / hex string.
  std::string number_text(const std::string& k, const char* fallback) const {
    if (!has(k)) return fallback;
    const nlohmann::json& v = j_.at(k);
    std::string text = v.is_string() ? v.get<std::string>() : v.is_number() ? v.dump() : "";
    try {
      fp::parse_float(fp::binary64, text);
    } catch (const input_error&) {
      throw input_error(key_path(k), "expected a number");
    }
    return text;
  }

 private:
  const nlohmann::json& j_;
  std::string path_;
};

template <class E>
E pick(const std::string& w, std::initializer_list<std::pair<const char*, E>> table) {
  for (const auto& [name, value] : table)
    if (w == name) return value;
  return table.begin()->second;
}

}  // namespace

const char* attention_name(attention_kind a) {
  switch (a) {
    case attention_kind::softmax: return "softmax";
    case attention_kind::rope: return "rope";
    case attention_kind::tensor: return "tensor";
    case attention_kind::rope_tensor: return "rope_tensor";
  }
  return "?";
}

fp::accumulation model_config::accumulation() const {
  if (accumulate == "exact") return fp::accumulation::exact;
  if (accumulate == "window") return fp::accumulation::window;
  return fp::default_accumulation(format);
}

model_config parse_model(const nlohmann::json& j, const std::string& where, const std::filesystem::path& base_dir) {
  auto located = [&](auto&& body) {
    try {
      body();
    } catch (const input_error& e) {
      std::string message = e.what();
      if (e.where().empty()) throw input_error(where, message);
      throw input_error(where + ": " + e.where(), message.substr(e.where().size() + 2));
    }
  };
  model_config m;
  located([&] {
    object_reader r(j, "", {"format", "name", "seq_len", "d_model", "layers", "heads", "d_head", "attention", "rope",
                            "causal", "score_scale", "softmax", "mlp", "layer_norm", "ln_eps", "input", "readout",
                            "precision", "accumulate", "weights"});
    if (!r.at("format").is_string() || r.at("format").get<std::string>() != "tc0-model/1")
      throw input_error("format", "expected \"tc0-model/1\"");
    if (r.has("name")) {
      if (!r.at("name").is_string()) throw input_error("name", "expected a string");
      m.name = r.at("name").get<std::string>();
    }
    m.seq_len = r.count("seq_len", 1, 4096);
    m.d_model = r.count("d_model", 1, 65536);
    m.layers = r.count("layers", 0, 1024);
    m.heads = r.count("heads", 1, 1024);
    m.d_head = r.count("d_head", 1, 65536);
    m.attention = pick<attention_kind>(r.word("attention", {"softmax", "rope", "tensor", "rope_tensor"}, "rope"),
                                       {{"softmax", attention_kind::softmax}, {"rope", attention_kind::rope},
                                        {"tensor", attention_kind::tensor}, {"rope_tensor", attention_kind::rope_tensor}});
    if (r.has("rope")) {
      object_reader rope(r.at("rope"), "rope", {"base", "pairing", "form", "angles"});
      m.rope_base = std::stod(rope.number_text("base", "10000"));
      if (!(m.rope_base > 1)) throw input_error("rope.base", "expected a number > 1");
      m.pairing = pick<rope_pairing>(rope.word("pairing", {"interleaved", "half"}, "interleaved"),
                                     {{"interleaved", rope_pairing::interleaved}, {"half", rope_pairing::half}});
      m.form = pick<rope_form>(rope.word("form", {"absolute", "relative"}, "absolute"),
                               {{"absolute", rope_form::absolute}, {"relative", rope_form::relative}});
      m.angles = pick<rope_angles>(rope.word("angles", {"constant", "circuit"}, "constant"),
                                   {{"constant", rope_angles::constant}, {"circuit", rope_angles::circuit}});
    }
    if (m.attention == attention_kind::rope_tensor && m.form == rope_form::relative)
      throw input_error("rope.form", "expected \"absolute\" for rope_tensor attention (the relative form is defined for matrix attention)");
    if (m.uses_rope() && m.d_head % 2 != 0) throw input_error("d_head", "expected an even number for RoPE attention");
    m.causal = r.flag("causal", false);
    if (r.has("score_scale")) {
      const nlohmann::json& s = r.at("score_scale");
      if (!(s.is_string() && s.get<std::string>() == "inv_sqrt_d_head"))
        m.score_scale_text = r.number_text("score_scale", "1");
    }
    m.softmax = pick<softmax_kind>(r.word("softmax", {"stable", "plain"}, "stable"),
                                   {{"stable", softmax_kind::stable}, {"plain", softmax_kind::plain}});
    m.mlp_hidden = 4 * m.d_model;
    if (r.has("mlp")) {
      object_reader mlp(r.at("mlp"), "mlp", {"hidden", "activation"});
      m.mlp_hidden = mlp.count("hidden", 1, 1 << 20, 4 * m.d_model);
      m.mlp_activation = pick<activation>(mlp.word("activation", {"relu", "gelu_tanh", "none"}, "relu"),
                                          {{"relu", activation::relu}, {"gelu_tanh", activation::gelu_tanh},
                                           {"none", activation::none}});
    }
    m.layer_norm = pick<norm_position>(r.word("layer_norm", {"pre", "post", "none"}, "pre"),
                                       {{"pre", norm_position::pre}, {"post", norm_position::post},
                                        {"none", norm_position::none}});
    m.ln_eps_text = r.number_text("ln_eps", "1e-5");
    if (r.has("input")) {
      object_reader in(r.at("input"), "input", {"kind", "vocab"});
      m.tokens = in.word("kind", {"vectors", "tokens"}, "vectors") == std::string("tokens");
      if (m.tokens) m.vocab = in.count("vocab", 1, 1 << 20);
      else if (in.has("vocab")) throw input_error("input.vocab", "only for \"kind\": \"tokens\"");
    }
    if (r.has("readout") && !r.at("readout").is_null()) {
      object_reader ro(r.at("readout"), "readout", {"classes"});
      m.readout_classes = ro.count("classes", 1, 1 << 20);
    }
    object_reader prec(r.at("precision"), "precision", {"p", "e"});
    m.format = {static_cast<int>(prec.count("p", 2, 254)), static_cast<int>(prec.count("e", 2, 254))};
    if (m.format.p + m.format.e > 256) throw input_error("precision", "expected p + e <= 256");
    m.accumulate = r.word("accumulate", {"auto", "exact", "window"}, "auto");
    const nlohmann::json& w = r.at("weights");
    if (!w.is_object()) throw input_error("weights", "expected an object");
    if (w.contains("file")) {
      object_reader wr(w, "weights", {"file"});
      if (!w.at("file").is_string()) throw input_error("weights.file", "expected a path string");
      std::filesystem::path p = w.at("file").get<std::string>();
      m.weights_file = p.is_absolute() ? p : base_dir / p;
    } else if (w.contains("inline")) {
      object_reader wr(w, "weights", {"inline"});
      m.weights_inline = w.at("inline");
      if (!m.weights_inline.is_object()) throw input_error("weights.inline", "expected an object of tensors");
    } else {
      object_reader wr(w, "weights", {"init", "seed", "scale"});
      m.init = pick<weight_init>(wr.word("init", {"normal", "binary", "ternary"}, "normal"),
                                 {{"normal", weight_init::normal}, {"binary", weight_init::binary},
                                  {"ternary", weight_init::ternary}});
      if (wr.has("seed")) {
        const nlohmann::json& s = w.at("seed");
        if (!s.is_number_unsigned() && !(s.is_number_integer() && s.get<int64_t>() >= 0))
          throw input_error("weights.seed", "expected a non-negative integer");
        m.seed = s.get<uint64_t>();
      }
      m.scale_text = wr.number_text("scale", "0.5");
    }
  });
  return m;
}

model_config load_model(const std::filesystem::path& path) {
  nlohmann::json j = parse_json_keep_numbers(read_text_file(path), path.string());
  return parse_model(j, path.string(), path.parent_path());
}

namespace {
nlohmann::json number_json(const std::string& text) {
  try {
    size_t used = 0;
    double d = std::stod(text, &used);
    if (used == text.size()) return d;
  } catch (...) {
  }
  return text;
}
}  // namespace

nlohmann::json model_to_json(const model_config& m) {
  static const char* pairings[] = {"interleaved", "half"};
  static const char* forms[] = {"absolute", "relative"};
  static const char* angle_names[] = {"constant", "circuit"};
  static const char* acts[] = {"relu", "gelu_tanh", "none"};
  static const char* norms[] = {"pre", "post", "none"};
  static const char* inits[] = {"normal", "binary", "ternary"};
  nlohmann::json j = {{"format", "tc0-model/1"}, {"name", m.name}, {"seq_len", m.seq_len}, {"d_model", m.d_model},
                      {"layers", m.layers}, {"heads", m.heads}, {"d_head", m.d_head},
                      {"attention", attention_name(m.attention)}};
  j["rope"] = {{"base", m.rope_base}, {"pairing", pairings[static_cast<int>(m.pairing)]},
               {"form", forms[static_cast<int>(m.form)]}, {"angles", angle_names[static_cast<int>(m.angles)]}};
  j["causal"] = m.causal;
  j["score_scale"] = m.score_scale_text ? number_json(*m.score_scale_text) : nlohmann::json("inv_sqrt_d_head");
  j["softmax"] = m.softmax == softmax_kind::stable ? "stable" : "plain";
  j["mlp"] = {{"hidden", m.mlp_hidden}, {"activation", acts[static_cast<int>(m.mlp_activation)]}};
  j["layer_norm"] = norms[static_cast<int>(m.layer_norm)];
  j["ln_eps"] = number_json(m.ln_eps_text);
  j["input"] = m.tokens ? nlohmann::json{{"kind", "tokens"}, {"vocab", m.vocab}} : nlohmann::json{{"kind", "vectors"}};
  j["readout"] = m.readout_classes ? nlohmann::json{{"classes", m.readout_classes}} : nlohmann::json(nullptr);
  j["precision"] = {{"p", m.format.p}, {"e", m.format.e}};
  j["accumulate"] = m.accumulate;
  if (!m.weights_file.empty()) j["weights"] = {{"file", m.weights_file.string()}};
  else if (!m.weights_inline.is_null()) j["weights"] = {{"inline", m.weights_inline}};
  else
    j["weights"] = {{"init", inits[static_cast<int>(m.init)]}, {"seed", m.seed}, {"scale", number_json(m.scale_text)}};
  return j;
}

mpz_class score_scale(const model_config& m) {
  if (m.score_scale_text) return fp::parse_float(m.format, *m.score_scale_text).bits;
  return fp::inv_sqrt_of_integer(m.format, m.d_head);
}

mpz_class ln_eps(const model_config& m) { return fp::parse_float(m.format, m.ln_eps_text).bits; }

}  // namespace tc0::model
