// Progress on stderr for long work: shown only when stderr is a terminal and --quiet is off.
#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include <unistd.h>

namespace tc0::cli {

class progress_line {
 public:
  progress_line(std::string what, bool quiet) : what_(std::move(what)), on_(!quiet && ::isatty(2)) {}
  ~progress_line() {
    if (shown_) std::fprintf(stderr, "\r%*s\r", static_cast<int>(what_.size()) + 8, "");
  }
  // Redraws at most every 0.2 s, and only after the work has run for 2 s.
  void operator()(uint64_t done, uint64_t total) {
    if (!on_ || total == 0) return;
    auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(2) || now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    shown_ = true;
    std::fprintf(stderr, "\r%s %3d%%", what_.c_str(), static_cast<int>(100 * done / total));
    std::fflush(stderr);
  }

 private:
  std::string what_;
  bool on_, shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
};

}  // namespace tc0::cli
