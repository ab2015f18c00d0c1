// libFuzzer target: book.toml and style files. The first byte chooses: even, the input
// is a book.toml (read and checked in memory); odd, a style file, loaded as a user's
// style that may extend a shipped one (written to the scratch folder, since styles are
// read by path, then resolved for both outputs).
#include <fstream>

#include "fuzz_support.hpp"
#include "manuscript/book_toml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool style = data[0] & 1;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  octavo::core::Diagnostics diags;
  if (!style) {
    octavo::doc::Book book;
    book.root = octavo::fuzz::scratch();
    const auto file = book.sources.add((octavo::fuzz::scratch() / "book.toml").string());
    (void)octavo::manuscript::detail::read_book_toml(text, file, book, diags);
  } else {
    const auto path = octavo::fuzz::scratch() / "mine.toml";
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(text.data(), static_cast<std::streamsize>(text.size()));
    (void)octavo::style::load_style(path.string(), octavo::fuzz::scratch(), octavo::fuzz::resources(), {}, diags);
  }
  for (const auto& d : diags.all()) (void)octavo::core::format(d);
  return 0;
}
