// The .tc0 format: exact round trips, and every damaged or forged file rejected with one line.
#include <doctest/doctest.h>

#include <cstring>
#include <fstream>
#include <set>

#include "graph/random_circuit.hpp"
#include "io/sample_circuits.hpp"
#include "io/storage_equal.hpp"
#include "support/input_error_of.hpp"
#include "tc0/errors.hpp"
#include "tc0/io/tc0_binary.hpp"
#include "tc0/version.hpp"

using namespace tc0;

namespace {

size_t pad8(size_t n) { return (n + 7) / 8 * 8; }

// A file with one u64 field replaced and a valid checksum again: only the structural checks
// stand between it and the loader.
std::string forge_u64(std::string bytes, size_t offset, uint64_t value) {
  std::memcpy(bytes.data() + offset, &value, 8);
  uint64_t h = tc0_checksum(std::string_view(bytes).substr(0, bytes.size() - 8));
  std::memcpy(bytes.data() + bytes.size() - 8, &h, 8);
  return bytes;
}
std::string forge_byte(std::string bytes, size_t offset, uint8_t value) {
  bytes[offset] = static_cast<char>(value);
  uint64_t h = tc0_checksum(std::string_view(bytes).substr(0, bytes.size() - 8));
  std::memcpy(bytes.data() + bytes.size() - 8, &h, 8);
  return bytes;
}

// Where the node kinds start: after the 88-byte fixed header and four length-prefixed strings.
size_t kinds_offset(const circuit& c) {
  return 88 + pad8(8 + version().size()) + pad8(8 + commit().size()) + pad8(8 + c.name().size()) +
         pad8(8 + c.source().size());
}

std::string error_of(std::string_view bytes) {
  return tc0_test::input_error_of([&] { deserialize_tc0(bytes, "c.tc0"); });
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("tc0 binary: all kinds / weights / modules / names and source round-trip array for array") {
  circuit c = testing::all_kinds_circuit();
  circuit d = deserialize_tc0(serialize_tc0(c), "mem");
  testing::check_same_storage(c, d);
  CHECK(d.name() == "all_kinds");
  CHECK(d.source() == R"({"op":"test","width":3})");
  CHECK(d.module_path(d.module_of(d.num_nodes() - 2)) == "layer0/attn");
}

TEST_CASE("tc0 binary: 150 random circuits round-trip through files exactly") {
  testing::temp_dir dir("tc0bin");
  for (uint64_t seed = 1; seed <= 150; ++seed) {
    CAPTURE(seed);
    circuit c = testing::random_circuit(seed);
    save_tc0(c, dir.path / "c.tc0");
    circuit d = load_tc0(dir.path / "c.tc0");
    testing::check_same_storage(c, d);
    CHECK(serialize_tc0(d) == serialize_tc0(c));
  }
  CHECK(dir.count() == 1);
}

TEST_CASE("tc0 binary: the empty circuit round-trips and the file is 8-byte aligned throughout") {
  circuit c;
  std::string bytes = serialize_tc0(c);
  CHECK(bytes.size() % 8 == 0);
  testing::check_same_storage(c, deserialize_tc0(bytes, "e.tc0"));
}

TEST_CASE("tc0 binary: the header records the tc0 version / commit and counts") {
  circuit c = testing::all_kinds_circuit();
  tc0_file_info info = read_tc0_info(serialize_tc0(c), "c.tc0");
  CHECK(info.format_version == 1);
  CHECK(info.tc0_version == version());
  CHECK(info.tc0_commit == commit());
  CHECK(info.nodes == c.num_nodes());
  CHECK(info.fanin_literals == c.num_edges());
  CHECK(info.thr_gates == 1);
  CHECK(info.weights == 3);
  CHECK(info.modules == 4);
  CHECK(info.inputs == 2);
  CHECK(info.outputs == 2);
}

TEST_CASE("tc0 binary: a file cut at every length is rejected as truncated") {
  circuit c = testing::all_kinds_circuit();
  const std::string bytes = serialize_tc0(c);
  const std::string full = std::to_string(bytes.size());
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    CAPTURE(cut);
    std::string msg = error_of(std::string_view(bytes).substr(0, cut));
    if (cut < 88)
      REQUIRE(msg == "c.tc0: truncated: file ends after " + std::to_string(cut) + " bytes, inside the 88-byte header");
    else
      REQUIRE(msg == "c.tc0: truncated: header says " + full + " bytes, file ends after " + std::to_string(cut));
  }
}

TEST_CASE("tc0 binary: flipping any byte of the file is caught") {
  circuit c = testing::all_kinds_circuit();
  const std::string bytes = serialize_tc0(c);
  const std::string full = std::to_string(bytes.size());
  std::set<std::string> seen;
  for (size_t pos = 0; pos < bytes.size(); ++pos)
    for (uint8_t mask : {0x01, 0x80, 0xff}) {
      CAPTURE(pos);
      CAPTURE(int(mask));
      std::string bad = bytes;
      bad[pos] = static_cast<char>(bad[pos] ^ mask);
      std::string msg = error_of(bad);
      if (pos < 8) REQUIRE(msg == "c.tc0: wrong magic bytes: not a .tc0 circuit file");
      else if (pos < 12) REQUIRE(msg.starts_with("c.tc0: format version "));
      else if (pos < 16) REQUIRE(msg == "c.tc0: bad byte-order tag (expected 04 03 02 01 after the version)");
      else if (pos < 24) REQUIRE((msg.starts_with("c.tc0: truncated: header says ") || msg.ends_with(" (trailing data)")));
      else REQUIRE(msg == "c.tc0: checksum mismatch: the file is corrupted");
      seen.insert(msg.substr(0, 20));
    }
  CHECK(seen.size() >= 5);
}

TEST_CASE("tc0 binary: wrong magic / wrong version and trailing data have their own messages") {
  const std::string bytes = serialize_tc0(testing::all_kinds_circuit());
  CHECK(error_of(R"({"format": "tc0-circuit/1"})") == "c.tc0: wrong magic bytes: not a .tc0 circuit file");
  CHECK(error_of("") == "c.tc0: truncated: file ends after 0 bytes, inside the 88-byte header");
  CHECK(error_of(bytes.substr(0, 3)) == "c.tc0: truncated: file ends after 3 bytes, inside the 88-byte header");
  std::string v2 = bytes;
  v2[8] = 2;
  CHECK(error_of(v2) == "c.tc0: format version 2 is not supported (expected 1)");
  std::string big_endian = bytes;
  std::reverse(big_endian.begin() + 12, big_endian.begin() + 16);
  CHECK(error_of(big_endian) == "c.tc0: bad byte-order tag (expected 04 03 02 01 after the version)");
  CHECK(error_of(bytes + "x") == "c.tc0: header says " + std::to_string(bytes.size()) + " bytes, but the file has " +
                                     std::to_string(bytes.size() + 1) + " (trailing data)");
}

TEST_CASE("tc0 binary: forged huge counts with a valid checksum are refused before allocating") {
  circuit c = testing::all_kinds_circuit();
  const std::string bytes = serialize_tc0(c);
  const uint64_t huge = uint64_t{1} << 40;
  CHECK(error_of(forge_u64(bytes, 24, huge)) == "c.tc0: header says 1099511627776 nodes, more than the limit of 2147483648");
  CHECK(error_of(forge_u64(bytes, 24, (uint64_t{1} << 31) - 1)) ==
        "c.tc0: truncated: header says 2147483647 nodes, file ends after 37");
  CHECK(error_of(forge_u64(bytes, 32, 1000)) == "c.tc0: truncated: header says 1000 fan-in literals, file ends after 86");
  CHECK(error_of(forge_u64(bytes, 32, UINT64_MAX)) ==
        "c.tc0: truncated: header says 18446744073709551615 fan-in literals, file ends after 86");
  CHECK(error_of(forge_u64(bytes, 40, huge)) == "c.tc0: truncated: header says 1099511627776 thr gate records, file ends after 18");
  CHECK(error_of(forge_u64(bytes, 48, huge)) == "c.tc0: truncated: header says 1099511627776 weights, file ends after 34");
  CHECK(error_of(forge_u64(bytes, 56, huge)) == "c.tc0: truncated: header says 1099511627776 modules, file ends after 20");
  CHECK(error_of(forge_u64(bytes, 64, huge)) == "c.tc0: truncated: header says 1099511627776 module runs, file ends after 22");
  CHECK(error_of(forge_u64(bytes, 72, huge)) == "c.tc0: truncated: header says 1099511627776 input buses, file ends after 9");
  CHECK(error_of(forge_u64(bytes, 80, huge)) == "c.tc0: truncated: header says 1099511627776 output buses, file ends after 4");
  // Node counts and sizes of all_kinds_circuit: 488 bytes follow the strings, 536 follow the name's length.
  const size_t name_len_at = 88 + pad8(8 + version().size()) + pad8(8 + commit().size());
  CHECK(error_of(forge_u64(bytes, name_len_at, huge)) ==
        "c.tc0: truncated: the circuit name length says 1099511627776 bytes, file ends after 536");
}

TEST_CASE("tc0 binary: a forged file that is well-formed but not a valid circuit fails validation") {
  circuit c = testing::all_kinds_circuit();
  const std::string bytes = serialize_tc0(c);
  const size_t kinds = kinds_offset(c);
  CHECK(error_of(forge_byte(bytes, kinds + 3, 9)) == "c.tc0: node 3: unknown kind 9");
  CHECK(error_of(forge_byte(bytes, kinds, 1)) == "c.tc0: node 0 must be the constant");
  CHECK(error_of(forge_byte(bytes, kinds + 2, 2)) == "c.tc0: input 'x': bit 4 is not a fresh input node");
}

TEST_CASE("tc0 binary: load_tc0 names the path when the file is missing") {
  testing::temp_dir dir("tc0missing");
  std::filesystem::path p = dir.path / "none.tc0";
  CHECK_THROWS_WITH_AS(load_tc0(p), (p.string() + ": cannot open file: No such file or directory").c_str(), input_error);
}
}
