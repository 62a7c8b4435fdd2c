// The transformer of semantics.md section 4, written once against the arithmetic circuit: every
// rounding point there is one word-level node here. Both engines read what this builds.
#pragma once
#include "tc0/model/model.hpp"
#include "tc0/model/weights.hpp"
#include "tc0/word/word_circuit.hpp"

namespace tc0::model {

// Inputs x_I_J (floats) or t_I (token codes of ceil(log2 vocab) bits, at least 1); outputs y_I_J
// and, with a readout, class_I. Module paths: embed, layerL/ln1, layerL/attn/headH/{q,k,v,rope,
// scores,softmax,out}, layerL/attn/wo, layerL/attn/residual, layerL/ln2, layerL/mlp/{hidden,
// activation,out,residual}, final_ln, readout.
word::circuit build_transformer(const model_config& m, const model_weights& w);

// cos and sin of the RoPE angle i * base^(-2j/k), each rounded once to the format (MPFR with
// 2p + 128 bits, then one rounding of that value).
std::pair<mpz_class, mpz_class> rope_cos_sin(const model_config& m, int64_t position, uint32_t pair);
// base^(-2j/k) rounded once: the frequency the circuit multiplies by under --rope-angles circuit.
mpz_class rope_theta(const model_config& m, uint32_t pair);

}  // namespace tc0::model
