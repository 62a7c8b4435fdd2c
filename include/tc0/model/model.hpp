// The model description (`tc0-model/1`, interfaces.md "Model JSON"): parsed and validated with
// errors that name the key and what was expected; every optional key gets its documented default.
#pragma once
#include <gmpxx.h>

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "tc0/fp/format.hpp"
#include "tc0/fp/sum.hpp"

namespace tc0::model {

enum class attention_kind { softmax, rope, tensor, rope_tensor };
enum class rope_pairing { interleaved, half };
enum class rope_form { absolute, relative };
enum class rope_angles { constant, circuit };
enum class softmax_kind { stable, plain };
enum class activation { relu, gelu_tanh, none };
enum class norm_position { pre, post, none };
enum class weight_init { normal, binary, ternary };

struct model_config {
  std::string name;
  uint32_t seq_len = 0, d_model = 0, layers = 0, heads = 0, d_head = 0;
  attention_kind attention = attention_kind::rope;
  double rope_base = 10000;
  rope_pairing pairing = rope_pairing::interleaved;
  rope_form form = rope_form::absolute;
  rope_angles angles = rope_angles::constant;
  bool causal = false;
  std::optional<std::string> score_scale_text;  // a number; empty = 1/sqrt(d_head)
  softmax_kind softmax = softmax_kind::stable;
  uint32_t mlp_hidden = 0;  // default 4 * d_model
  activation mlp_activation = activation::relu;
  norm_position layer_norm = norm_position::pre;
  std::string ln_eps_text = "1e-5";
  bool tokens = false;
  uint32_t vocab = 0;
  uint32_t readout_classes = 0;  // 0: no readout
  fp::float_format format;
  std::string accumulate = "auto";
  // weights
  weight_init init = weight_init::normal;
  uint64_t seed = 1;
  std::string scale_text = "0.5";
  std::filesystem::path weights_file;  // resolved against the model file's folder
  nlohmann::json weights_inline;       // null unless "inline"

  fp::accumulation accumulation() const;
  bool uses_rope() const { return attention == attention_kind::rope || attention == attention_kind::rope_tensor; }
  bool is_tensor() const { return attention == attention_kind::tensor || attention == attention_kind::rope_tensor; }
};

// Validates `j` (the model object) and fills the defaults. `where` names the file for messages;
// `base_dir` resolves a relative weights file. input_error("<where>: <key>", expected) on any problem,
// including unknown keys.
model_config parse_model(const nlohmann::json& j, const std::string& where, const std::filesystem::path& base_dir);
model_config load_model(const std::filesystem::path& path);

// The model as JSON with every default written out (reports echo it; sweeps vary its keys).
nlohmann::json model_to_json(const model_config& m);

// The attention score scale as a float pattern: 1/sqrt(d_head) rounded once, or the given number.
mpz_class score_scale(const model_config& m);
mpz_class ln_eps(const model_config& m);

const char* attention_name(attention_kind a);

}  // namespace tc0::model
