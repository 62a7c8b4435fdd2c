// Dispatch on the file extension (or an explicit format name) to the readers in io/.
#include "tc0/io/circuit_file.hpp"

#include "tc0/errors.hpp"
#include "tc0/io/aiger.hpp"
#include "tc0/io/blif.hpp"
#include "tc0/io/bristol.hpp"
#include "tc0/io/json_format.hpp"
#include "tc0/io/tc0_binary.hpp"

namespace tc0 {

circuit load_circuit_file(const std::filesystem::path& path, const std::string& format) {
  std::string f = format;
  if (f.empty()) {
    std::string ext = path.extension().string();
    if (ext == ".tc0") f = "tc0";
    else if (ext == ".json") f = "json";
    else if (ext == ".aig" || ext == ".aag") f = "aiger";
    else if (ext == ".blif") f = "blif";
    else if (ext == ".txt" || ext == ".bristol") f = "bristol";
    else
      throw input_error(path.string(), "unknown circuit file extension '" + ext +
                                           "' (expected .tc0, .json, .aig, .aag, .blif, .txt or .bristol)");
  }
  if (f == "tc0") return load_tc0(path);
  if (f == "json") return load_json_circuit(path);
  // The AIGER reader tells binary from ASCII by the header, so both names read either.
  if (f == "aiger" || f == "aag") return load_aiger(path);
  if (f == "blif") return load_blif(path);
  if (f == "bristol") return load_bristol(path);
  throw input_error(path.string(), "unknown circuit format '" + f + "' (expected tc0, json, aiger, aag, blif or bristol)");
}

void save_circuit_file(const circuit& c, const std::filesystem::path& path) { save_tc0(c, path); }

}  // namespace tc0
