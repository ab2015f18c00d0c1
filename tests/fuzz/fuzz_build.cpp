// libFuzzer target: a whole build in memory from one fuzzed chapter, in the classic
// style: the tree, the page layout, the EPUB (with the print page list) and the PDF.
#include <optional>

#include "epub/epub_writer.hpp"
#include "fuzz_support.hpp"
#include "pdf/pdf_writer.hpp"
#include "typeset/typeset.hpp"

namespace {

const octavo::style::Styles& styles() {
  static const octavo::style::Styles loaded = [] {
    octavo::core::Diagnostics diags;
    auto s = octavo::style::load_style("classic", octavo::fuzz::scratch(), octavo::fuzz::resources(), {}, diags);
    if (!s) __builtin_trap();
    return *s;
  }();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 20000) return 0;  // a long chapter lays out slowly and finds nothing new
  octavo::doc::Book book;
  octavo::core::Diagnostics diags;
  if (!octavo::fuzz::parse(data, size, book, diags) || diags.has_errors()) return 0;
  const auto document = octavo::typeset::typeset(book, styles().pdf, diags);
  if (!document) return 0;
  octavo::epub::EpubOptions options;
  for (const auto& p : document->page_starts) options.pages.push_back({p.label, p.text, p.offset});
  (void)octavo::epub::make_epub(book, styles().epub, options, diags);
  std::string error;
  (void)octavo::pdf::make_pdf(*document, &error);
  return 0;
}
