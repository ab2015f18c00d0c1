#include "pdf/haru_memory.hpp"

#include <array>
#include <atomic>
#include <cstdlib>
#include <utility>

namespace octavo::pdf::detail {
namespace {

/// Blocks of 64 KiB; a request of more than a quarter of that gets a block of its own,
/// so that a block is never left more than a quarter unused.
constexpr std::size_t block_size = std::size_t{1} << 16;
constexpr std::size_t alignment = alignof(std::max_align_t);

std::array<std::atomic<HaruMemory*>, HaruMemory::slots> bound{};

template <int Slot>
void* HPDF_STDCALL allocate_in(HPDF_UINT size) {
  return bound[Slot].load(std::memory_order_acquire)->allocate(size);
}

// Nothing is given back before the document goes (see haru_memory.hpp).
void HPDF_STDCALL keep(void*) {}

template <std::size_t... Slot>
constexpr std::array<HPDF_Alloc_Func, sizeof...(Slot)> allocators(std::index_sequence<Slot...>) {
  return {&allocate_in<static_cast<int>(Slot)>...};
}
constexpr auto allocate_fns = allocators(std::make_index_sequence<HaruMemory::slots>());

}  // namespace

std::unique_ptr<HaruMemory> HaruMemory::take() {
  std::unique_ptr<HaruMemory> memory(new HaruMemory());
  for (int slot = 0; slot < slots; ++slot) {
    HaruMemory* none = nullptr;
    if (bound[slot].compare_exchange_strong(none, memory.get(), std::memory_order_acq_rel)) {
      memory->slot_ = slot;
      return memory;
    }
  }
  return nullptr;
}

HaruMemory::~HaruMemory() {
  for (void* block : blocks_) std::free(block);
  if (slot_ >= 0) bound[slot_].store(nullptr, std::memory_order_release);
}

HPDF_Alloc_Func HaruMemory::alloc_fn() const {
  return allocate_fns[slot_];
}
HPDF_Free_Func HaruMemory::free_fn() const {
  return keep;
}

void* HaruMemory::allocate(std::size_t size) {
  size = (size + alignment - 1) & ~(alignment - 1);
  if (size == 0) size = alignment;
  if (size > block_size / 4) {
    void* own = std::malloc(size);
    if (!own) return nullptr;
    blocks_.push_back(own);
    reserved_ += size;
    return own;
  }
  if (size > left_) {
    void* block = std::malloc(block_size);
    if (!block) return nullptr;
    blocks_.push_back(block);
    reserved_ += block_size;
    next_ = static_cast<char*>(block);
    left_ = block_size;
  }
  void* at = next_;
  next_ += size;
  left_ -= size;
  return at;
}

}  // namespace octavo::pdf::detail
