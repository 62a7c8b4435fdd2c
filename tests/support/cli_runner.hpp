// Running the tc0 executable from tests: exit code, stdout and stderr, in a scratch folder per process.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace tc0_test {

namespace fs = std::filesystem;

struct run_result {
  int code;
  std::string out, err;
};

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// One folder per test process, removed when the process ends.
struct scratch_folder {
  fs::path dir = fs::temp_directory_path() / ("tc0_cli_test_" + std::to_string(::getpid()));
  scratch_folder() { fs::create_directories(dir); }
  ~scratch_folder() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

inline fs::path scratch_dir() {
  static scratch_folder folder;
  return folder.dir;
}

inline std::string path(const std::string& name) { return (scratch_dir() / name).string(); }

// `tc0 ARGS`, stdin from /dev/null.
inline run_result run(const std::string& args) {
  fs::path out = scratch_dir() / "stdout.txt", err = scratch_dir() / "stderr.txt";
  std::string cmd = std::string(TC0_CLI_PATH) + " " + args + " >" + out.string() + " 2>" + err.string() + " </dev/null";
  int status = std::system(cmd.c_str());
  return {WEXITSTATUS(status), slurp(out), slurp(err)};
}

inline void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

inline size_t lines(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace tc0_test
