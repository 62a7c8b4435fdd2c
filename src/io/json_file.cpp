// JSON parsing with one-line, located errors.
#include "tc0/io/json_file.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "tc0/errors.hpp"

namespace tc0 {

nlohmann::json parse_json_text(std::string_view text, std::string_view where) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's text is "[json.exception.parse_error.101] parse error at line L, column C: why";
    // keep the why, with the byte offset in front.
    std::string why = e.what();
    if (auto col = why.find("column "); col != std::string::npos)
      if (auto colon = why.find(": ", col); colon != std::string::npos) why = why.substr(colon + 2);
    std::replace(why.begin(), why.end(), '\n', ' ');
    throw input_error(std::string(where), "malformed JSON at byte " + std::to_string(e.byte) + ": " + why);
  }
}

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(path.string(), "cannot open file");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw input_error(path.string(), "read error");
  return ss.str();
}

nlohmann::json read_json_file(const std::filesystem::path& path) {
  return parse_json_text(read_text_file(path), path.string());
}

}  // namespace tc0
