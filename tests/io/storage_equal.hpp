// Array-by-array comparison of two circuits, so a round-trip test names the array that differs.
#pragma once
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "tc0/circuit/circuit.hpp"

namespace tc0::testing {

inline bool same_bytes(const auto& a, const auto& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(a[0])) == 0);
}

inline bool same_buses(const std::vector<bus>& a, const std::vector<bus>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].name != b[i].name || a[i].lits != b[i].lits) return false;
  return true;
}

inline bool same_modules(const std::vector<module_info>& a, const std::vector<module_info>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].name != b[i].name || a[i].parent != b[i].parent) return false;
  return true;
}

// Everything except module_runs, which JSON cannot carry for input nodes (see docs/formats.md).
inline void check_same_gates_and_buses(const circuit& x, const circuit& y) {
  const circuit_storage &a = x.storage(), &b = y.storage();
  CHECK(same_bytes(a.kind, b.kind));
  CHECK(same_bytes(a.fanin_begin, b.fanin_begin));
  CHECK(same_bytes(a.aux, b.aux));
  CHECK(same_bytes(a.fanin, b.fanin));
  CHECK(same_bytes(a.thr, b.thr));
  CHECK(same_bytes(a.weights, b.weights));
  CHECK(same_modules(a.modules, b.modules));
  CHECK(same_buses(a.inputs, b.inputs));
  CHECK(same_buses(a.outputs, b.outputs));
  CHECK(a.name == b.name);
  CHECK(a.source == b.source);
}

inline void check_same_storage(const circuit& x, const circuit& y) {
  check_same_gates_and_buses(x, y);
  CHECK(same_bytes(x.storage().module_runs, y.storage().module_runs));
}

// A fresh empty folder per test, removed at the end.
struct temp_dir {
  std::filesystem::path path;
  explicit temp_dir(const std::string& tag) {
    path = std::filesystem::temp_directory_path() / ("tc0_" + tag + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  size_t count() const {
    size_t n = 0;
    for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(path)) ++n;
    return n;
  }
};

}  // namespace tc0::testing
