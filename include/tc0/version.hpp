// The version and commit recorded by `tc0 --version` and in every report and export.
#pragma once
#include <string>

namespace tc0 {
std::string version();       // e.g. "0.1.0"
std::string commit();        // git describe of the build tree, or "unknown"
std::string version_line();  // "tc0 0.1.0 (commit abc123)"
}  // namespace tc0
