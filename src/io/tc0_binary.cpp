// .tc0 reader and writer. The arrays of circuit_storage go to disk byte for byte (little-endian,
// every section padded to 8 bytes) so a load is bounds checks, bulk copies and one hash pass.
#include "tc0/io/tc0_binary.hpp"

#include <bit>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <type_traits>

#include "tc0/errors.hpp"
#include "tc0/io/atomic_write.hpp"
#include "tc0/version.hpp"

namespace tc0 {

static_assert(std::endian::native == std::endian::little, "the .tc0 format is written raw: little-endian hosts only");
static_assert(sizeof(node_kind) == 1 && sizeof(lit) == 4 && sizeof(thr_data) == 16 && sizeof(module_run) == 8,
              "the .tc0 layout assumes these record sizes");
static_assert(std::is_trivially_copyable_v<lit> && std::is_trivially_copyable_v<thr_data> &&
              std::is_trivially_copyable_v<module_run>);

namespace {

// PNG-style magic: the high byte and CR LF / ^Z catch text-mode and 7-bit mangling early.
constexpr char magic[8] = {'\x89', 'T', 'C', '0', '\r', '\n', '\x1a', '\n'};
// Written as a little-endian u32; read back any other way it shows a foreign byte order.
constexpr uint32_t byte_order_tag = 0x01020304u;
constexpr size_t fixed_header_bytes = 88;  // magic, version, tag, file size, 8 counts
constexpr size_t checksum_bytes = 8;

inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
constexpr uint64_t p1 = 0x9E3779B185EBCA87ull, p2 = 0xC2B2AE3D27D4EB4Full, p3 = 0x165667B19E3779F9ull,
                   p4 = 0x85EBCA77C2B2AE63ull, p5 = 0x27D4EB2F165667C5ull;
inline uint64_t hash_round(uint64_t acc, uint64_t w) { return rotl(acc + w * p2, 31) * p1; }
inline uint64_t load_u64(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

class byte_writer {
 public:
  explicit byte_writer(size_t reserve) { out_.reserve(reserve); }
  void u32(uint32_t x) { raw(&x, 4); }
  void u64(uint64_t x) { raw(&x, 8); }
  void raw(const void* p, size_t n) {
    if (n > 0) out_.append(static_cast<const char*>(p), n);
  }
  void pad() { out_.append((8 - out_.size() % 8) % 8, '\0'); }
  template <class T>
  void array(const std::vector<T>& v) {
    raw(v.data(), v.size() * sizeof(T));
    pad();
  }
  void str(std::string_view s) {
    u64(s.size());
    raw(s.data(), s.size());
    pad();
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

// A cursor over the sections. Every read checks the bytes left before it allocates, so a count
// from a forged header can never turn into a huge allocation.
class byte_reader {
 public:
  byte_reader(std::string_view bytes, size_t pos, size_t end, std::string_view where)
      : b_(bytes), pos_(pos), end_(end), where_(where) {}

  [[noreturn]] void fail(const std::string& what) const { throw input_error(std::string(where_), what); }
  size_t left() const { return end_ - pos_; }
  size_t pos() const { return pos_; }

  void need(uint64_t count, size_t item_bytes, const std::string& who, const std::string& what) const {
    uint64_t fit = left() / item_bytes;
    if (count > fit)
      fail("truncated: " + who + " says " + std::to_string(count) + " " + what + ", file ends after " +
           std::to_string(fit));
  }
  uint64_t u64(const std::string& what) {
    if (left() < 8) fail("truncated: file ends inside " + what);
    uint64_t x = load_u64(b_.data() + pos_);
    pos_ += 8;
    return x;
  }
  template <class T>
  void array(std::vector<T>& v, uint64_t count, const std::string& who, const std::string& what) {
    need(count, sizeof(T), who, what);
    v.resize(count);
    if (count > 0) std::memcpy(v.data(), b_.data() + pos_, count * sizeof(T));  // data() may be null when empty
    pos_ += count * sizeof(T);
    skip_pad(what);
  }
  std::string str(const std::string& what) {
    uint64_t n = u64("the length of " + what);
    need(n, 1, what + " length", "bytes");
    std::string s(b_.data() + pos_, n);
    pos_ += n;
    skip_pad(what);
    return s;
  }

 private:
  void skip_pad(const std::string& what) {
    size_t p = (8 - pos_ % 8) % 8;
    if (left() < p) fail("truncated: file ends inside the padding after " + what);
    pos_ += p;
  }
  std::string_view b_;
  size_t pos_, end_;
  std::string_view where_;
};

struct header {
  uint32_t version, tag;
  uint64_t file_size;
  uint64_t nodes, fanin, thr, weights, modules, module_runs, inputs, outputs;
};

// Magic, length and version first: a wrong file should be named as such, not as "corrupted".
header read_fixed_header(std::string_view bytes, std::string_view where) {
  auto fail = [&](const std::string& what) { throw input_error(std::string(where), what); };
  size_t m = std::min(bytes.size(), sizeof magic);
  if (std::memcmp(bytes.data(), magic, m) != 0) fail("wrong magic bytes: not a .tc0 circuit file");
  if (bytes.size() < fixed_header_bytes)
    fail("truncated: file ends after " + std::to_string(bytes.size()) + " bytes, inside the " +
         std::to_string(fixed_header_bytes) + "-byte header");
  header h;
  std::memcpy(&h.version, bytes.data() + 8, 4);
  std::memcpy(&h.tag, bytes.data() + 12, 4);
  if (h.version != tc0_format_version)
    fail("format version " + std::to_string(h.version) + " is not supported (expected " +
         std::to_string(tc0_format_version) + ")");
  if (h.tag != byte_order_tag) fail("bad byte-order tag (expected 04 03 02 01 after the version)");
  const char* p = bytes.data() + 16;
  h.file_size = load_u64(p);
  uint64_t* counts[] = {&h.nodes, &h.fanin, &h.thr, &h.weights, &h.modules, &h.module_runs, &h.inputs, &h.outputs};
  for (uint64_t* c : counts) *c = load_u64(p += 8);
  return h;
}

}  // namespace

uint64_t tc0_checksum(std::string_view bytes) {
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  uint64_t h;
  if (bytes.size() >= 32) {
    uint64_t v1 = p1 + p2, v2 = p2, v3 = 0, v4 = 0 - p1;
    for (; end - p >= 32; p += 32) {
      v1 = hash_round(v1, load_u64(p));
      v2 = hash_round(v2, load_u64(p + 8));
      v3 = hash_round(v3, load_u64(p + 16));
      v4 = hash_round(v4, load_u64(p + 24));
    }
    h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
    for (uint64_t v : {v1, v2, v3, v4}) h = (h ^ hash_round(0, v)) * p1 + p4;
  } else {
    h = p5;
  }
  h += bytes.size();
  for (; end - p >= 8; p += 8) h = rotl(h ^ hash_round(0, load_u64(p)), 27) * p1 + p4;
  for (; p < end; ++p) h = rotl(h ^ (static_cast<uint8_t>(*p) * p5), 11) * p1;
  h ^= h >> 33;
  h *= p2;
  h ^= h >> 29;
  h *= p3;
  h ^= h >> 32;
  return h;
}

std::string serialize_tc0(const circuit& c) {
  const circuit_storage& s = c.storage();
  size_t estimate = fixed_header_bytes + 64 + s.source.size() + s.name.size() + s.kind.size() * 13 +
                    s.fanin.size() * 4 + s.thr.size() * 16 + s.weights.size() * 8 + s.module_runs.size() * 8;
  byte_writer w(estimate);
  w.raw(magic, sizeof magic);
  w.u32(tc0_format_version);
  w.u32(byte_order_tag);
  w.u64(0);  // file size, patched below
  for (uint64_t n : {s.kind.size(), s.fanin.size(), s.thr.size(), s.weights.size(), s.modules.size(),
                     s.module_runs.size(), s.inputs.size(), s.outputs.size()})
    w.u64(n);
  w.str(version());
  w.str(commit());
  w.str(s.name);
  w.str(s.source);
  w.array(s.kind);
  w.array(s.fanin_begin);
  w.array(s.aux);
  w.array(s.fanin);
  w.array(s.thr);
  w.array(s.weights);
  std::vector<uint32_t> parents;
  parents.reserve(s.modules.size());
  for (const module_info& m : s.modules) parents.push_back(m.parent);
  w.array(parents);
  for (const module_info& m : s.modules) w.str(m.name);
  w.array(s.module_runs);
  for (const auto* buses : {&s.inputs, &s.outputs})
    for (const bus& b : *buses) {
      w.str(b.name);
      w.u64(b.lits.size());
      w.array(b.lits);
    }
  std::string& out = w.bytes();
  uint64_t size = out.size() + checksum_bytes;
  std::memcpy(out.data() + 16, &size, 8);
  w.u64(tc0_checksum(out));
  return std::move(out);
}

tc0_file_info read_tc0_info(std::string_view bytes, std::string_view where) {
  header h = read_fixed_header(bytes, where);
  tc0_file_info info;
  info.format_version = h.version;
  info.nodes = h.nodes;
  info.fanin_literals = h.fanin;
  info.thr_gates = h.thr;
  info.weights = h.weights;
  info.modules = h.modules;
  info.module_runs = h.module_runs;
  info.inputs = h.inputs;
  info.outputs = h.outputs;
  byte_reader r(bytes, fixed_header_bytes, bytes.size(), where);
  info.tc0_version = r.str("the tc0 version");
  info.tc0_commit = r.str("the tc0 commit");
  return info;
}

circuit deserialize_tc0(std::string_view bytes, std::string_view where) {
  auto fail = [&](const std::string& what) { throw input_error(std::string(where), what); };
  const header h = read_fixed_header(bytes, where);
  if (h.file_size > bytes.size())
    fail("truncated: header says " + std::to_string(h.file_size) + " bytes, file ends after " +
         std::to_string(bytes.size()));
  if (h.file_size < bytes.size())
    fail("header says " + std::to_string(h.file_size) + " bytes, but the file has " + std::to_string(bytes.size()) +
         " (trailing data)");
  if (bytes.size() < fixed_header_bytes + checksum_bytes)
    fail("truncated: file ends after " + std::to_string(bytes.size()) + " bytes, before the checksum");
  const size_t end = bytes.size() - checksum_bytes;
  const uint64_t stored = load_u64(bytes.data() + end), computed = tc0_checksum(bytes.substr(0, end));
  // The digests themselves are left out of the message: they change with every build's header.
  if (stored != computed) fail("checksum mismatch: the file is corrupted");

  // From here the bytes are what some writer wrote; the checks below guard against forged files.
  if (h.nodes > max_nodes)
    fail("header says " + std::to_string(h.nodes) + " nodes, more than the limit of " + std::to_string(max_nodes));
  byte_reader r(bytes, fixed_header_bytes, end, where);
  r.str("the tc0 version");
  r.str("the tc0 commit");
  circuit_storage s;
  s.name = r.str("the circuit name");
  s.source = r.str("the source JSON");
  r.need(h.nodes, 13, "header", "nodes");  // kind + offset + aux: checked together before any allocation
  r.array(s.kind, h.nodes, "header", "node kinds");
  r.array(s.fanin_begin, h.nodes + 1, "header", "fan-in offsets");
  r.array(s.aux, h.nodes, "header", "aux words");
  r.array(s.fanin, h.fanin, "header", "fan-in literals");
  r.array(s.thr, h.thr, "header", "thr gate records");
  r.array(s.weights, h.weights, "header", "weights");
  std::vector<uint32_t> parents;
  r.need(h.modules, 12, "header", "modules");  // parent + name length at least
  r.array(parents, h.modules, "header", "module parents");
  s.modules.resize(h.modules);
  for (uint64_t m = 0; m < h.modules; ++m) {
    s.modules[m].parent = parents[m];
    s.modules[m].name = r.str("the name of module " + std::to_string(m));
  }
  r.array(s.module_runs, h.module_runs, "header", "module runs");
  auto read_buses = [&](std::vector<bus>& buses, uint64_t count, const char* what) {
    r.need(count, 16, "header", std::string(what) + " buses");  // name length + width at least
    buses.resize(count);
    for (uint64_t i = 0; i < count; ++i) {
      const std::string id = std::string(what) + " " + std::to_string(i);
      buses[i].name = r.str("the name of " + id);
      uint64_t width = r.u64("the width of " + id);
      r.array(buses[i].lits, width, std::string(what) + " '" + buses[i].name + "'", "bits");
    }
  };
  read_buses(s.inputs, h.inputs, "input");
  read_buses(s.outputs, h.outputs, "output");
  if (r.pos() != end) fail(std::to_string(end - r.pos()) + " unexpected bytes after the last section");
  return circuit::from_storage(std::move(s), where);
}

void save_tc0(const circuit& c, const std::filesystem::path& path) { write_bytes_atomic(path, serialize_tc0(c)); }

circuit load_tc0(const std::filesystem::path& path) {
  const std::string where = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(where, std::string("cannot open file: ") + std::strerror(errno));
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) throw input_error(where, "cannot determine the file size");
  in.seekg(0);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in.read(bytes.data(), size)) throw input_error(where, "read failed");
  return deserialize_tc0(bytes, where);
}

}  // namespace tc0
