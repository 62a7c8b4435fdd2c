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

}  // namespace tc0::cli
