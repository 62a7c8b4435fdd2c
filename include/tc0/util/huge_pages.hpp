// Transparent huge pages for large std::vectors: with 4 KiB pages every first touch of a fresh page
// is a page fault (microseconds each on a VM) and random reads over hundreds of MB miss the TLB.
#pragma once
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

#include <sys/mman.h>

namespace tc0 {

inline constexpr size_t huge_page_bytes = size_t{2} << 20;

// Advises huge pages for the whole 2 MiB pages inside [p, p + bytes); pages already touched keep
// their size. A hint only: nothing happens where the kernel does not support it.
inline void advise_huge_pages(const void* p, size_t bytes) {
#ifdef MADV_HUGEPAGE
  const uintptr_t b = reinterpret_cast<uintptr_t>(p);
  const uintptr_t first = (b + huge_page_bytes - 1) & ~(uintptr_t{huge_page_bytes} - 1);
  const uintptr_t last = (b + bytes) & ~(uintptr_t{huge_page_bytes} - 1);
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

// v.reserve(n), with the new storage advised huge before the elements are copied into it (the copy
// is the first touch). Small vectors are reserved as usual.
template <class T>
void reserve_huge(std::vector<T>& v, size_t n) {
  if (n <= v.capacity()) return;
  if (n * sizeof(T) < 2 * huge_page_bytes) {
    v.reserve(n);
    return;
  }
  std::vector<T> fresh;
  fresh.reserve(n);
  advise_huge_pages(fresh.data(), n * sizeof(T));
  fresh.insert(fresh.end(), std::make_move_iterator(v.begin()), std::make_move_iterator(v.end()));
  v.swap(fresh);
}

// v.shrink_to_fit(), the exact-size copy advised huge in the same way.
template <class T>
void shrink_to_fit_huge(std::vector<T>& v) {
  if (v.capacity() == v.size()) return;
  if (v.size() * sizeof(T) < 2 * huge_page_bytes) {
    v.shrink_to_fit();
    return;
  }
  std::vector<T> fresh;
  fresh.reserve(v.size());
  advise_huge_pages(fresh.data(), v.size() * sizeof(T));
  fresh.insert(fresh.end(), std::make_move_iterator(v.begin()), std::make_move_iterator(v.end()));
  v.swap(fresh);
}

}  // namespace tc0
