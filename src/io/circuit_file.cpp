// Dispatch on the file extension (or an explicit format name) to the readers in io/.
#include "tc0/io/circuit_file.hpp"

#include "tc0/errors.hpp"
#include "tc0/io/json_format.hpp"
#include "tc0/io/tc0_binary.hpp"

namespace tc0 {

circuit load_circuit_file(const std::filesystem::path& path, const std::string& format) {
  std::string f = format;
  if (f.empty()) {
    std::string ext = path.extension().string();
    if (ext == ".tc0") f = "tc0";
    else if (ext == ".json") f = "json";
    else throw input_error(path.string(), "unknown circuit file extension '" + ext + "' (expected .tc0 or .json)");
  }
  if (f == "tc0") return load_tc0(path);
  if (f == "json") return load_json_circuit(path);
  throw input_error(path.string(), "unknown circuit format '" + f + "' (expected tc0 or json)");
}

void save_circuit_file(const circuit& c, const std::filesystem::path& path) { save_tc0(c, path); }

}  // namespace tc0
