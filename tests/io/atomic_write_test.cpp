// Atomic writes: the file appears whole or not at all.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io/storage_equal.hpp"
#include "tc0/errors.hpp"
#include "tc0/io/atomic_write.hpp"

using namespace tc0;

namespace {
std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_SUITE("fast") {
TEST_CASE("write_file_atomic: the body's text lands under the name and no temporary file remains") {
  testing::temp_dir dir("atomic1");
  write_file_atomic(dir.path / "out.txt", [](std::ostream& os) { os << "hello\nworld\n"; });
  CHECK(read_all(dir.path / "out.txt") == "hello\nworld\n");
  CHECK(dir.count() == 1);
}

TEST_CASE("write_file_atomic: a throwing body leaves no file and rethrows its own exception") {
  testing::temp_dir dir("atomic2");
  CHECK_THROWS_WITH_AS(write_file_atomic(dir.path / "out.txt",
                                         [](std::ostream& os) {
                                           os << std::string(1 << 20, 'x');  // part of it may be on disk already
                                           throw std::runtime_error("boom");
                                         }),
                       "boom", std::runtime_error);
  CHECK(dir.count() == 0);
}

TEST_CASE("write_file_atomic: a throwing body keeps the previous file intact") {
  testing::temp_dir dir("atomic3");
  write_bytes_atomic(dir.path / "out.bin", "old");
  CHECK_THROWS_AS(write_file_atomic(dir.path / "out.bin", [](std::ostream& os) {
                    os << "new, half";
                    throw input_error("x", "half-way failure");
                  }),
                  input_error);
  CHECK(read_all(dir.path / "out.bin") == "old");
  CHECK(dir.count() == 1);
}

TEST_CASE("write_bytes_atomic: bytes round-trip exactly / NULs and CR LF included") {
  testing::temp_dir dir("atomic4");
  std::string bytes("a\0b\r\nc\x89\x1a", 8);
  write_bytes_atomic(dir.path / "x.bin", bytes);
  CHECK(read_all(dir.path / "x.bin") == bytes);
  write_bytes_atomic(dir.path / "x.bin", "replaced");
  CHECK(read_all(dir.path / "x.bin") == "replaced");
  CHECK(dir.count() == 1);
}

TEST_CASE("write_file_atomic: a missing folder is an input_error naming the path") {
  testing::temp_dir dir("atomic5");
  std::filesystem::path p = dir.path / "no_such_dir" / "out.txt";
  CHECK_THROWS_WITH_AS(write_bytes_atomic(p, "x"),
                       (p.string() + ": cannot create a temporary file next to it: No such file or directory").c_str(),
                       input_error);
}
}
