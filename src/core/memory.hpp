#pragma once
// Giving freed memory back to the system while a long book is laid out.

namespace octavo::core {

/// Returns the pages of freed heap memory to the system (glibc's malloc_trim; nothing
/// elsewhere). Layout frees many small blocks, some in worker threads' arenas, while it
/// allocates larger ones that cannot reuse them: without this the process keeps both,
/// and its resident size is the sum. Costs a walk over the heap: call it between large
/// steps, not per item.
void release_free_memory();

}  // namespace octavo::core
