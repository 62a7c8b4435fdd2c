// Shared by the netlist readers and writers (AIGER, BLIF, Verilog, Bristol): single-bit names
// NAME[i] grouped into buses and back, and a line scanner whose errors carry the line number.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tc0/circuit/circuit.hpp"
#include "tc0/errors.hpp"

namespace tc0::netlist_detail {

// "NAME[i]": the name of bit i of a bus in the formats that name single bits (interfaces.md).
std::string bit_name(std::string_view bus, size_t i);

// Buses from single-bit names, in order of first appearance. Names "B[0]" .. "B[w-1]" (each once,
// and no plain name "B") form bus B of width w, bit i being the member named B[i]; any other name
// is a one-bit bus of that exact name. `members[i]` indexes `names`.
struct bus_group {
  std::string name;
  std::vector<uint32_t> members;  // LSB first
};
// Throws input_error(where, ...) if two resulting buses share a name.
std::vector<bus_group> group_bits(const std::vector<std::string>& names, const std::string& where,
                                  const char* what);

// The whole text as lines with 1-based numbers; '\r' before '\n' is dropped.
class line_scanner {
 public:
  line_scanner(std::string_view text, std::string where) : text_(text), where_(std::move(where)) {}

  bool at_end() const { return pos_ >= text_.size(); }
  // The next line (without its end); false at the end of the text.
  bool next(std::string_view& line);
  uint64_t line_number() const { return line_; }
  size_t offset() const { return pos_; }
  void set_offset(size_t pos) { pos_ = pos; }
  const std::string& where() const { return where_; }
  std::string here() const { return where_ + ":" + std::to_string(line_); }
  [[noreturn]] void fail(const std::string& what) const { throw input_error(here(), what); }
  // At the end of the text: names the line that is missing.
  [[noreturn]] void fail_missing(const std::string& what) const {
    throw input_error(where_ + ":" + std::to_string(line_ + 1), what);
  }

 private:
  std::string_view text_;
  std::string where_;
  size_t pos_ = 0;
  uint64_t line_ = 0;
};

// Whitespace-separated tokens of a line.
std::vector<std::string_view> split_tokens(std::string_view line);

// A decimal number without sign, below `limit`; false if the token is not one.
bool parse_decimal(std::string_view token, uint64_t limit, uint64_t& out);

// The token as shown in a message: at most 32 characters, non-printable bytes as '?'.
std::string quote(std::string_view token);

// Reads a whole file as bytes (input_error naming the file if it cannot be read).
std::string read_file_bytes(const std::string& path);

}  // namespace tc0::netlist_detail
