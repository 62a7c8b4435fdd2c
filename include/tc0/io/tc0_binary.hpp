// The native circuit file (.tc0): the flat arrays of circuit_storage written raw, so loading is a
// few bulk copies plus one checksum pass. Layout: docs/formats.md.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "tc0/circuit/circuit.hpp"

namespace tc0 {

inline constexpr uint32_t tc0_format_version = 1;

// Writes `c` to `path` atomically (temporary file + rename).
void save_tc0(const circuit& c, const std::filesystem::path& path);
// Reads and validates a .tc0 file. Any defect (wrong magic or version, truncation, checksum
// mismatch, counts that do not fit the file, structural errors) is a tc0::input_error whose
// one-line message starts with the path.
circuit load_tc0(const std::filesystem::path& path);

// The same in memory; `where` prefixes every error message (usually the file name).
std::string serialize_tc0(const circuit& c);
circuit deserialize_tc0(std::string_view bytes, std::string_view where);

// What a .tc0 file says about itself, read without building the circuit (header only; the
// checksum is not verified).
struct tc0_file_info {
  uint32_t format_version = 0;
  std::string tc0_version;  // of the tc0 that wrote it
  std::string tc0_commit;
  uint64_t nodes = 0, fanin_literals = 0, thr_gates = 0, weights = 0, modules = 0, module_runs = 0,
           inputs = 0, outputs = 0;
};
tc0_file_info read_tc0_info(std::string_view bytes, std::string_view where);

// The checksum stored in the last 8 bytes of a .tc0 file: a word-wise 64-bit multiply-rotate hash
// (xxHash64's round function) over all bytes before it. Exposed so tests can forge files.
uint64_t tc0_checksum(std::string_view bytes);

}  // namespace tc0
