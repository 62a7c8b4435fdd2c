// JSON parsing with one-line, located errors.
#include "tc0/io/json_file.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "tc0/errors.hpp"

namespace tc0 {

namespace {

// A DOM builder for sax_parse that keeps each non-integer number as its source text (a string).
class number_text_builder {
 public:
  nlohmann::json root;
  bool null() { return put(nullptr); }
  bool boolean(bool v) { return put(v); }
  bool number_integer(nlohmann::json::number_integer_t v) { return put(v); }
  bool number_unsigned(nlohmann::json::number_unsigned_t v) { return put(v); }
  bool number_float(nlohmann::json::number_float_t, const std::string& text) { return put(text); }
  bool string(std::string& v) { return put(v); }
  bool binary(nlohmann::json::binary_t& v) { return put(nlohmann::json::binary(v)); }
  bool start_object(std::size_t) { return open(nlohmann::json::object()); }
  bool key(std::string& k) {
    key_ = k;
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(nlohmann::json::array()); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
    throw e;
  }

 private:
  nlohmann::json* place(nlohmann::json v) {
    if (stack_.empty()) {
      root = std::move(v);
      return &root;
    }
    nlohmann::json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
      return &top.back();
    }
    return &(top[key_] = std::move(v));
  }
  bool put(nlohmann::json v) {
    place(std::move(v));
    return true;
  }
  bool open(nlohmann::json v) {
    stack_.push_back(place(std::move(v)));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }
  std::vector<nlohmann::json*> stack_;
  std::string key_;
};

template <class Parse>
nlohmann::json parse_located(Parse parse, std::string_view where) {
  try {
    return parse();
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

}  // namespace

nlohmann::json parse_json_text(std::string_view text, std::string_view where) {
  return parse_located([&] { return nlohmann::json::parse(text); }, where);
}

nlohmann::json parse_json_keep_numbers(std::string_view text, std::string_view where) {
  return parse_located(
      [&] {
        number_text_builder sax;
        nlohmann::json::sax_parse(text, &sax);
        return std::move(sax.root);
      },
      where);
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
