// A large zero-filled array straight from mmap: no memset (the kernel hands out zero pages lazily)
// and transparent huge pages advised, so random access over hundreds of MB does not thrash the TLB.
#pragma once
#include <cstddef>
#include <new>
#include <utility>

#include <sys/mman.h>

namespace tc0 {

template <class T>
class zeroed_buffer {
 public:
  zeroed_buffer() = default;
  explicit zeroed_buffer(size_t n) : size_(n) {
    if (n == 0) return;
    void* p = ::mmap(nullptr, bytes(), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    ::madvise(p, bytes(), MADV_HUGEPAGE);
#endif
    data_ = static_cast<T*>(p);
  }
  zeroed_buffer(zeroed_buffer&& o) noexcept : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)) {}
  zeroed_buffer& operator=(zeroed_buffer&& o) noexcept {
    if (this != &o) {
      release();
      data_ = std::exchange(o.data_, nullptr);
      size_ = std::exchange(o.size_, 0);
    }
    return *this;
  }
  zeroed_buffer(const zeroed_buffer&) = delete;
  zeroed_buffer& operator=(const zeroed_buffer&) = delete;
  ~zeroed_buffer() { release(); }

  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T* data() { return data_; }
  size_t size() const { return size_; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }

 private:
  size_t bytes() const { return size_ * sizeof(T); }
  void release() {
    if (data_) ::munmap(data_, bytes());
    data_ = nullptr;
    size_ = 0;
  }
  T* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace tc0
