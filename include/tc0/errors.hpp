// The one exception type for bad input: the CLI turns it into one line on stderr and exit 2.
#pragma once
#include <stdexcept>
#include <string>

namespace tc0 {

// Bad input from outside (a file, a flag, a JSON key) or a refused limit.
// `where` names the place (file:line, key path, node index); `what()` is the whole one-line message.
class input_error : public std::runtime_error {
 public:
  input_error(std::string where, const std::string& expected)
      : std::runtime_error(where.empty() ? expected : where + ": " + expected), where_(std::move(where)) {}
  const std::string& where() const noexcept { return where_; }

 private:
  std::string where_;
};

}  // namespace tc0
