// libFuzzer target: one Markdown chapter → the document tree, and its dump (which walks
// every node).
#include "doc/dump.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  octavo::doc::Book book;
  octavo::core::Diagnostics diags;
  if (!octavo::fuzz::parse(data, size, book, diags)) return 0;
  for (const auto& chapter : book.chapters) (void)octavo::doc::dump(chapter);
  for (const auto& d : diags.all()) (void)octavo::core::format(d);
  return 0;
}
