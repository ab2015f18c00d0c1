#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <vector>

#include "pdf/haru.hpp"
#include "pdf/haru_memory.hpp"
#include "pdf/pdf_writer.hpp"
#include "pdf_test_support.hpp"

using namespace octavo;
using namespace octavo::pdf::test;
using octavo::pdf::detail::HaruMemory;

namespace {

/// Two pages of text in two fonts, a rule, a link.
typeset::Document small_book() {
  typeset::Document doc;
  doc.fonts = {{gentium}, {gentium_italic}};
  doc.title = "Memory";
  for (int i = 0; i < 2; ++i) {
    typeset::Page page;
    page.width = 432;
    page.height = 648;
    page.runs.add(0, 0, 11, 72, 600, "Война и мир, page " + std::to_string(i + 1));
    page.runs.add(1, 0, 11, 72, 580, "italic ﬁnal");
    page.rules.push_back({72, 40, 288, 0.5});
    doc.pages.push_back(std::move(page));
  }
  doc.pages[0].links.push_back({72, 600, 60, 12, 1, 600, ""});
  return doc;
}

}  // namespace

TEST_CASE("libharu's memory: aligned blocks, one slot per live arena, malloc once all are taken") {
  std::vector<std::unique_ptr<HaruMemory>> held;
  std::set<HPDF_Alloc_Func> functions;
  while (auto memory = HaruMemory::take()) {
    functions.insert(memory->alloc_fn());
    held.push_back(std::move(memory));
  }
  CHECK(held.size() == HaruMemory::slots);
  CHECK(functions.size() == HaruMemory::slots);  // each arena its own function
  // The functions allocate from their own arena, aligned; a large request gets a block.
  HaruMemory& first = *held.front();
  auto* a = static_cast<char*>(first.alloc_fn()(3));
  auto* b = static_cast<char*>(first.alloc_fn()(40));
  CHECK(reinterpret_cast<std::uintptr_t>(a) % alignof(std::max_align_t) == 0);
  CHECK(reinterpret_cast<std::uintptr_t>(b) % alignof(std::max_align_t) == 0);
  CHECK(b - a == static_cast<std::ptrdiff_t>(alignof(std::max_align_t)));
  CHECK(held.back()->reserved() == 0);
  const std::size_t before = first.reserved();
  CHECK(first.alloc_fn()(60 * 1024) != nullptr);
  CHECK(first.reserved() == before + 60 * 1024);
  // With every slot taken a document still works, through malloc, and writes the same
  // bytes: nothing libharu writes depends on where its objects are.
  std::string error;
  const auto with_malloc = pdf::make_pdf(small_book(), &error);
  REQUIRE_MESSAGE(with_malloc, error);
  held.pop_back();
  auto again = HaruMemory::take();
  CHECK(again != nullptr);  // a slot given back is taken again
  again.reset();
  held.clear();
  const auto with_arena = pdf::make_pdf(small_book(), &error);
  REQUIRE_MESSAGE(with_arena, error);
  CHECK(*with_arena == *with_malloc);
}
