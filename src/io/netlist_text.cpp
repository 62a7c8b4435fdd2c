// Bit-name grouping and line scanning for the netlist formats.
#include "netlist_text.hpp"

#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace tc0::netlist_detail {

std::string bit_name(std::string_view bus, size_t i) {
  std::string s(bus);
  s += '[';
  s += std::to_string(i);
  s += ']';
  return s;
}

namespace {
// "B[i]" -> (B, i); false for any other shape (leading zeros are not an index).
bool split_bit_name(std::string_view name, std::string_view& base, uint64_t& index) {
  if (name.size() < 4 || name.back() != ']') return false;
  size_t open = name.rfind('[');
  if (open == std::string_view::npos || open == 0) return false;
  std::string_view digits = name.substr(open + 1, name.size() - open - 2);
  if (digits.empty() || (digits.size() > 1 && digits[0] == '0')) return false;
  if (!parse_decimal(digits, uint64_t{1} << 31, index)) return false;
  base = name.substr(0, open);
  return true;
}
}  // namespace

std::vector<bus_group> group_bits(const std::vector<std::string>& names, const std::string& where, const char* what) {
  struct candidate {
    std::vector<std::pair<uint64_t, uint32_t>> bits;  // (index, member)
    size_t first;
  };
  std::unordered_map<std::string_view, candidate> groups;
  std::unordered_set<std::string_view> plain;
  std::vector<std::string_view> order;  // group bases in order of first appearance
  for (uint32_t i = 0; i < names.size(); ++i) {
    std::string_view base;
    uint64_t index;
    if (split_bit_name(names[i], base, index)) {
      auto [it, fresh] = groups.try_emplace(base, candidate{{}, i});
      if (fresh) order.push_back(base);
      it->second.bits.push_back({index, i});
    } else {
      plain.insert(names[i]);
    }
  }
  // A group is a bus when its indices are exactly 0..w-1 and no plain name equals its base.
  std::unordered_map<std::string_view, std::vector<uint32_t>> bus_of;
  for (std::string_view base : order) {
    candidate& c = groups[base];
    if (plain.count(base)) continue;
    std::vector<uint32_t> members(c.bits.size(), UINT32_MAX);
    bool ok = true;
    for (auto [index, member] : c.bits) {
      if (index >= members.size() || members[index] != UINT32_MAX) {
        ok = false;
        break;
      }
      members[index] = member;
    }
    if (ok) bus_of[base] = std::move(members);
  }
  std::vector<bus_group> result;
  std::unordered_set<std::string> seen;
  auto add = [&](std::string name, std::vector<uint32_t> members) {
    if (!seen.insert(name).second)
      throw input_error(where, std::string(what) + " name '" + quote(name) + "' is used twice");
    result.push_back(bus_group{std::move(name), std::move(members)});
  };
  for (uint32_t i = 0; i < names.size(); ++i) {
    std::string_view base;
    uint64_t index;
    if (split_bit_name(names[i], base, index)) {
      auto it = bus_of.find(base);
      if (it != bus_of.end()) {
        if (groups[base].first == i) add(std::string(base), it->second);
        continue;
      }
    }
    add(names[i], {i});
  }
  return result;
}

bool line_scanner::next(std::string_view& line) {
  if (pos_ >= text_.size()) return false;
  size_t end = text_.find('\n', pos_);
  if (end == std::string_view::npos) end = text_.size();
  line = text_.substr(pos_, end - pos_);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  pos_ = end < text_.size() ? end + 1 : end;
  ++line_;
  return true;
}

std::vector<std::string_view> split_tokens(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
  while (i < line.size()) {
    while (i < line.size() && space(line[i])) ++i;
    size_t j = i;
    while (j < line.size() && !space(line[j])) ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

bool parse_decimal(std::string_view token, uint64_t limit, uint64_t& out) {
  if (token.empty() || token.size() > 19) return false;
  uint64_t v = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v >= limit) return false;
  out = v;
  return true;
}

std::string quote(std::string_view token) {
  std::string s;
  for (size_t i = 0; i < token.size() && i < 32; ++i) {
    unsigned char c = static_cast<unsigned char>(token[i]);
    s += (c >= 32 && c < 127) ? static_cast<char>(c) : '?';
  }
  if (token.size() > 32) s += "...";
  return s;
}

std::string read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(path, "cannot open file");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw input_error(path, "read error");
  return ss.str();
}

}  // namespace tc0::netlist_detail
