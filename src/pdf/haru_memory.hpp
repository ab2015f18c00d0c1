#pragma once
// libharu's memory for one document: taken from large blocks in turn and given back all
// at once, with the document.
//
// libharu allocates every object, list and name on its own (a page is some thirty
// blocks, a book tens of thousands) and frees them one by one in HPDF_Free; through
// malloc that was a fifth of the time the libharu thread spent in a watch rebuild of
// War and Peace, and HPDF_Free about 10 ms at the end of every build. What libharu
// frees before the document goes (a list outgrowing its array, a page's emptied stream)
// stays unused until then: the peak memory of a build of War and Peace did not change.
// The blocks are small enough (64 KiB) for malloc to take them from memory the earlier
// stages gave back rather than from new pages of the system's.
//
// HPDF_NewEx takes allocation functions without a context argument, so each document
// gets a pair of functions of its own: one of `slots` fixed pairs, each bound to one
// arena at a time. With every slot in use (more documents alive at once than any
// octavo run makes), a document falls back to malloc.
#include <hpdf.h>

#include <cstddef>
#include <memory>
#include <vector>

namespace octavo::pdf::detail {

class HaruMemory {
 public:
  /// An arena and its allocation functions; null when every slot is in use.
  static std::unique_ptr<HaruMemory> take();
  ~HaruMemory();
  HaruMemory(const HaruMemory&) = delete;
  HaruMemory& operator=(const HaruMemory&) = delete;

  HPDF_Alloc_Func alloc_fn() const;
  HPDF_Free_Func free_fn() const;
  /// Bytes taken from the system so far.
  std::size_t reserved() const { return reserved_; }

  /// The next `size` bytes, aligned for any type; null when the system has none.
  void* allocate(std::size_t size);

  static constexpr int slots = 16;

 private:
  HaruMemory() = default;

  int slot_ = -1;  // bound[slot_] is this arena's, once taken
  std::vector<void*> blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
  std::size_t reserved_ = 0;
};

}  // namespace octavo::pdf::detail
