// Version strings; the commit comes from a file regenerated at every build.
#include "tc0/version.hpp"

#include "version_commit.inc"

namespace tc0 {
std::string version() { return TC0_VERSION; }
std::string commit() { return TC0_COMMIT; }
std::string version_line() { return "tc0 " + version() + " (commit " + commit() + ")"; }
}  // namespace tc0
