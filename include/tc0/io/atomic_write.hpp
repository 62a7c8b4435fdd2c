// Atomic file output: every file tc0 writes goes through here, so a failed or interrupted command
// never leaves a half-written output behind (the spec's rule for every command).
#pragma once
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string_view>

namespace tc0 {

// Runs `body` on a stream over a temporary file in the same folder as `path` (so the rename stays
// within one file system), flushes it to disk and renames it over `path`. The stream is binary
// (no newline translation), so text and bytes both work. If `body` throws, or opening, writing or
// renaming fails, the temporary file is removed; the body's exception is rethrown unchanged, I/O
// failures become tc0::input_error naming `path`.
void write_file_atomic(const std::filesystem::path& path, const std::function<void(std::ostream&)>& body);

// The same for a ready buffer (binary formats serialize to memory first).
void write_bytes_atomic(const std::filesystem::path& path, std::string_view bytes);

}  // namespace tc0
