// The model's weights by tensor name (interfaces.md "Weights by name"), as float patterns of the
// model's precision: generated from the seed, or read from a file or inline JSON, and dumped back.
#pragma once
#include <gmpxx.h>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tc0/model/model.hpp"

namespace tc0::model {

struct tensor {
  std::vector<uint32_t> shape;
  std::vector<mpz_class> values;  // row-major float patterns
  const mpz_class& at(std::initializer_list<uint32_t> index) const;
};

struct model_weights {
  std::map<std::string, tensor> tensors;  // "layers.0.attn.wq", "final_ln.gamma", ...
  uint64_t inexact = 0;                   // loaded values that were not representable (rounded)
  const tensor& get(const std::string& name) const;
};

// Every tensor the model needs, with its shape, in a fixed order.
std::vector<std::pair<std::string, std::vector<uint32_t>>> required_tensors(const model_config& m);

// The weights as the model's "weights" key says: init (deterministic in the seed and exactly
// representable: see docs/compiler.md), file or inline. A missing or misshaped tensor is an
// input_error naming it.
model_weights make_weights(const model_config& m);

// The `file` layout: dotted names nest as objects and arrays; values as exact hex-float strings.
nlohmann::json weights_to_json(const model_config& m, const model_weights& w);

}  // namespace tc0::model
