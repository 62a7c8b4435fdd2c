// Reading JSON documents with errors that name the file and the byte where parsing stopped.
#pragma once
#include <filesystem>
#include <string_view>

#include <nlohmann/json.hpp>

namespace tc0 {

// Throws input_error("<where>: malformed JSON at byte B: <why>").
nlohmann::json parse_json_text(std::string_view text, std::string_view where);
// As parse_json_text, but every number that is not an integer (and every integer too large for 64
// bits) is kept as a string of its source text, so it can be rounded from its decimal digits.
nlohmann::json parse_json_keep_numbers(std::string_view text, std::string_view where);
nlohmann::json read_json_file(const std::filesystem::path& path);
std::string read_text_file(const std::filesystem::path& path);  // input_error if it cannot be read

}  // namespace tc0
