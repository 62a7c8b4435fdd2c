// Output and JSON-input helpers shared by the subcommands.
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "tc0/errors.hpp"
#include "tc0/io/atomic_write.hpp"

namespace tc0::cli {

void write_text_output(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return;
  }
  write_file_atomic(path, [&](std::ostream& os) { os << text; });
}

nlohmann::json read_json_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(path.string(), "cannot open file");
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    return nlohmann::json::parse(ss.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw input_error(path.string(), "malformed JSON at byte " + std::to_string(e.byte));
  }
}

}  // namespace tc0::cli
