// Temporary file + fsync + rename: the only way tc0 writes output files.
#include "tc0/io/atomic_write.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include "tc0/errors.hpp"

namespace tc0 {

namespace {

// pid + a process-wide counter: concurrent writers (threads or processes) never share a temp name.
std::filesystem::path temp_path_for(const std::filesystem::path& path) {
  static std::atomic<uint64_t> counter{0};
  std::filesystem::path dir = path.parent_path();
  std::string name = "." + path.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                     std::to_string(counter.fetch_add(1));
  return dir.empty() ? std::filesystem::path(name) : dir / name;
}

std::string errno_text(int err) { return err == 0 ? "I/O error" : std::strerror(err); }

// Removes the temporary file unless release() was called: covers every exit path at once.
class temp_file_guard {
 public:
  explicit temp_file_guard(std::filesystem::path p) : path_(std::move(p)) {}
  ~temp_file_guard() {
    if (!path_.empty()) {
      std::error_code ec;
      std::filesystem::remove(path_, ec);
    }
  }
  void release() { path_.clear(); }

 private:
  std::filesystem::path path_;
};

// Without fsync a crash right after the rename can leave an empty file under the final name.
bool sync_file(const std::filesystem::path& p) {
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

void write_file_atomic(const std::filesystem::path& path, const std::function<void(std::ostream&)>& body) {
  const std::filesystem::path tmp = temp_path_for(path);
  temp_file_guard guard(tmp);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw input_error(path.string(), "cannot create a temporary file next to it: " + errno_text(errno));
    body(out);
    out.flush();
    if (!out) throw input_error(path.string(), "write failed: " + errno_text(errno));
    out.close();
    if (out.fail()) throw input_error(path.string(), "write failed on close: " + errno_text(errno));
  }
  if (!sync_file(tmp)) throw input_error(path.string(), "cannot flush the written data to disk: " + errno_text(errno));
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw input_error(path.string(), "cannot rename the temporary file into place: " + ec.message());
  guard.release();
}

void write_bytes_atomic(const std::filesystem::path& path, std::string_view bytes) {
  write_file_atomic(path, [&](std::ostream& os) { os.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); });
}

}  // namespace tc0
