// The EPUB cache of `octavo watch`: an archive made with it has the bytes of one made
// without it, whatever changed since the last (a file's bytes, the date, files added,
// removed or renamed), and it deflates again only the entries that changed.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "epub/container.hpp"
#include "epub/epub_writer.hpp"
#include "epub/zip.hpp"
#include "sample_book.hpp"

using namespace octavo;
using namespace octavo::epub;
using namespace octavo::epub::test;

namespace {

// make_epub's bytes (with `cache`, or none), which must be made.
std::string epub_bytes(const doc::Book& book, const style::Style& style, const EpubOptions& options,
                       EpubCache* cache) {
  core::Diagnostics diags;
  auto bytes = make_epub(book, style, options, diags, nullptr, cache);
  REQUIRE(bytes);
  return *bytes;
}

// Text that deflates to something of its own, `size` bytes long.
std::string prose(const std::string& seed, std::size_t size) {
  std::string out;
  unsigned x = 2166136261u;
  for (char c : seed) x = (x ^ static_cast<unsigned char>(c)) * 16777619u;
  static const char* const words[] = {"the", "count", "said",  "Natasha", "Moscow",
                                      "and", "war",   "peace", "of"};
  while (out.size() < size) {
    x = x * 1103515245u + 12345u;
    out += words[(x >> 16) % 9];
    out += (x >> 8) % 11 == 0 ? ".\n" : " ";
  }
  out.resize(size);
  return out;
}

std::vector<ContainerFile> sample_files() {
  return {
      {"mimetype", "application/epub+zip", false},
      {"META-INF/container.xml", prose("container", 250)},
      {"EPUB/package.opf", prose("package", 3000)},
      {"EPUB/text/chapter-001.xhtml", prose("one", 40000)},
      {"EPUB/text/chapter-002.xhtml", prose("two", 150000)},  // more than one deflate block
      {"EPUB/text/caf\xc3\xa9.xhtml", prose("three", 5000)},  // a UTF-8 name: flag bit 11
      {"EPUB/text/empty.xhtml", ""},
      {"EPUB/fonts/font.ttf", prose("font", 20000)},
  };
}

std::string zip(const std::vector<ContainerFile>& files, detail::ZipCache* cache = nullptr,
                const std::string& modified = "2024-05-06T07:08:09Z") {
  core::Diagnostics diags;
  auto bytes = detail::zip_bytes(files, modified, {}, diags, cache);
  REQUIRE(bytes);
  CHECK(diags.error_count() == 0);
  return *bytes;
}

ContainerFile* find(std::vector<ContainerFile>& files, const std::string& name) {
  for (auto& f : files)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("zip cache: the same files zipped again give the same bytes, every entry reused") {
  const auto files = sample_files();
  const std::string fresh = zip(files);
  detail::ZipCache cache;
  CHECK(zip(files, &cache) == fresh);
  CHECK(cache.last_counts().reused == 0);
  CHECK(cache.last_counts().deflated == files.size() - 1);  // all but the stored mimetype
  CHECK(zip(files, &cache) == fresh);
  CHECK(cache.last_counts().reused == files.size() - 1);
  CHECK(cache.last_counts().deflated == 0);
  CHECK(zip(files, &cache) == fresh);  // copied from a copy
  CHECK(cache.last_counts().reused == files.size() - 1);
}

TEST_CASE("zip cache: a changed file is deflated again, the others reused") {
  detail::ZipCache cache;
  auto files = sample_files();
  zip(files, &cache);

  SUBCASE("a file's bytes") {
    find(files, "EPUB/text/chapter-002.xhtml")->bytes[70000] = '!';
    CHECK(zip(files, &cache) == zip(files));
    CHECK(cache.last_counts().reused == files.size() - 2);
    CHECK(cache.last_counts().deflated == 1);
  }
  SUBCASE("a file's length") {
    find(files, "EPUB/package.opf")->bytes += "\n";
    find(files, "EPUB/text/empty.xhtml")->bytes = "now something";
    CHECK(zip(files, &cache) == zip(files));
    CHECK(cache.last_counts().deflated == 2);
  }
  SUBCASE("the date: headers change, no entry's data does") {
    const std::string later = "2025-01-02T03:04:06Z";
    CHECK(zip(files, &cache, later) == zip(files, nullptr, later));
    CHECK(zip(files, &cache, later) != zip(files));
    CHECK(cache.last_counts().deflated == 0);
  }
  SUBCASE("a file added") {
    files.insert(files.begin() + 4, {"EPUB/text/chapter-001a.xhtml", prose("new", 9000)});
    CHECK(zip(files, &cache) == zip(files));
    CHECK(cache.last_counts().deflated == 1);
    CHECK(cache.last_counts().reused == files.size() - 2);
  }
  SUBCASE("a file removed") {
    files.erase(files.begin() + 3);
    CHECK(zip(files, &cache) == zip(files));
    CHECK(cache.last_counts().deflated == 0);
  }
  SUBCASE("a file renamed, and two swapped") {
    find(files, "EPUB/text/chapter-001.xhtml")->name = "EPUB/text/chapter-one.xhtml";
    std::swap(find(files, "EPUB/package.opf")->bytes, find(files, "EPUB/fonts/font.ttf")->bytes);
    CHECK(zip(files, &cache) == zip(files));
    CHECK(cache.last_counts().deflated == 3);
  }
  SUBCASE("a file now stored, not deflated") {
    find(files, "EPUB/fonts/font.ttf")->compress = false;
    CHECK(zip(files, &cache) == zip(files));
    CHECK(cache.last_counts().reused == files.size() - 2);
    CHECK(cache.last_counts().deflated == 0);
  }
  SUBCASE("the order of the files") {
    std::swap(files[3], files[4]);
    CHECK(zip(files, &cache) == zip(files));
    CHECK(cache.last_counts().deflated == 0);
  }
}

namespace {

// The sample book and style, made into an EPUB with or without a cache.
struct SampleEpub {
  style::Style style = sample_style();
  doc::Book book = sample_book();
  EpubOptions options;
  SampleEpub() { options.modified = "2024-05-06T07:08:09Z"; }
  std::string make(EpubCache* cache) { return epub_bytes(book, style, options, cache); }
};

// The last paragraph of a chapter.
doc::Paragraph* last_paragraph(doc::Chapter& chapter) {
  doc::Paragraph* paragraph = nullptr;
  for (auto& block : chapter.blocks)
    if (auto* p = std::get_if<doc::Paragraph>(&block.node)) paragraph = p;
  return paragraph;
}

}  // namespace

TEST_CASE("make_epub with a cache: the bytes of a fresh build, and only what changed deflated") {
  SampleEpub sample;
  auto& options = sample.options;
  const auto make = [&](EpubCache* cache) { return sample.make(cache); };
  EpubCache cache;
  CHECK(make(&cache) == make(nullptr));
  CHECK(cache.last_counts().reused == 0);
  const auto entries = cache.last_counts().deflated;
  CHECK(entries == 17);  // the 18 files but the stored mimetype

  CHECK(make(&cache) == make(nullptr));
  CHECK(cache.last_counts().reused == entries);

  // A word of the last chapter and the date: its file and the package change, so do the
  // navigation documents if the word is in a heading; here it is not.
  doc::Paragraph* paragraph = last_paragraph(sample.book.chapters.back());
  REQUIRE(paragraph);
  paragraph->content.push_back(text(" Indeed."));
  options.modified = "2024-05-06T07:10:00Z";
  CHECK(make(&cache) == make(nullptr));
  CHECK(cache.last_counts().deflated == 2);
  CHECK(cache.last_counts().reused == entries - 2);
}

TEST_CASE("make_epub with a cache: a font is subset again only for characters it has not drawn") {
  SampleEpub sample;
  const auto make = [&](EpubCache* cache) { return sample.make(cache); };
  EpubCache cache;
  CHECK(make(&cache) == make(nullptr));
  const auto fonts = cache.last_counts().fonts_subset;
  CHECK(fonts >= 2);  // the sample's roman and italic at least
  CHECK(make(&cache) == make(nullptr));
  CHECK(cache.last_counts().fonts_subset == 0);

  doc::Paragraph* paragraph = last_paragraph(sample.book.chapters.back());
  REQUIRE(paragraph);
  paragraph->content.push_back(text(" Indeed."));  // letters the book has
  CHECK(make(&cache) == make(nullptr));
  CHECK(cache.last_counts().fonts_subset == 0);
  paragraph->content.push_back(text(" Жир."));  // a letter it has not: the roman's subset grows
  CHECK(make(&cache) == make(nullptr));
  CHECK(cache.last_counts().fonts_subset == 1);
  paragraph->content.pop_back();  // and shrinks back
  CHECK(make(&cache) == make(nullptr));
  CHECK(cache.last_counts().fonts_subset == 1);
}

namespace {

// The first Text node of a chapter's paragraphs (inside emphasis too).
const doc::Text* first_text(const doc::Inlines& inlines) {
  for (const auto& in : inlines) {
    if (const auto* t = std::get_if<doc::Text>(&in.node)) return t;
    if (const auto* e = std::get_if<doc::Emphasis>(&in.node))
      if (const auto* t = first_text(e->children)) return t;
  }
  return nullptr;
}
const doc::Text* first_text(const doc::Chapter& chapter) {
  for (const auto& block : chapter.blocks)
    if (const auto* p = std::get_if<doc::Paragraph>(&block.node))
      if (const auto* t = first_text(p->content)) return t;
  return nullptr;
}

}  // namespace

TEST_CASE("make_epub with a cache: chapters of the same revision are not walked or written again") {
  auto style = sample_style();
  auto book = sample_book();
  for (auto& chapter : book.chapters) chapter.revision = doc::new_revision();
  const std::size_t n = book.chapters.size();
  REQUIRE(n >= 3);
  EpubOptions options;
  options.modified = "2024-05-06T07:08:09Z";
  const doc::Text* first = first_text(book.chapters[0]);
  const doc::Text* last = first_text(book.chapters[n - 1]);
  REQUIRE(first);
  REQUIRE(last);
  options.pages = {{"1", first, 0, PageMark::Kind::text, nullptr}, {"2", last, 0, PageMark::Kind::text, nullptr}};
  const auto make = [&](EpubCache* cache) { return epub_bytes(book, style, options, cache); };
  EpubCache cache;
  CHECK(make(&cache) == make(nullptr));
  CHECK(cache.last_counts().chapters_walked == n);
  CHECK(cache.last_counts().chapters_written == n);

  CHECK(make(&cache) == make(nullptr));
  CHECK(cache.last_counts().chapters_walked == 0);
  CHECK(cache.last_counts().chapters_written == 0);

  SUBCASE("a chapter changed, with a new revision: it alone is walked and written") {
    doc::Paragraph* paragraph = last_paragraph(book.chapters[n - 1]);
    REQUIRE(paragraph);
    paragraph->content.push_back(text(" Indeed."));
    book.chapters[n - 1].revision = doc::new_revision();
    options.pages[1].text = first_text(book.chapters[n - 1]);  // its nodes may have moved
    CHECK(make(&cache) == make(nullptr));
    CHECK(cache.last_counts().chapters_walked == 1);
    CHECK(cache.last_counts().chapters_written == 1);
  }
  SUBCASE("a page that begins elsewhere: its chapter is written again, not walked") {
    options.pages[1].label = "3";
    options.pages[1].offset = 2;
    CHECK(make(&cache) == make(nullptr));
    CHECK(cache.last_counts().chapters_walked == 0);
    CHECK(cache.last_counts().chapters_written == 1);
    options.pages.pop_back();  // and none there
    CHECK(make(&cache) == make(nullptr));
    CHECK(cache.last_counts().chapters_written == 1);
  }
  SUBCASE("the book's language: every chapter written again") {
    book.meta.language = "fr";
    CHECK(make(&cache) == make(nullptr));
    CHECK(cache.last_counts().chapters_written == n);
  }
  SUBCASE("another style: every chapter walked again") {
    style.endnotes = !style.endnotes;
    CHECK(make(&cache) == make(nullptr));
    CHECK(cache.last_counts().chapters_walked == n);
  }
  SUBCASE("a chapter taken out: the others' files are renamed, so written again") {
    book.chapters.erase(book.chapters.begin());
    CHECK(make(&cache) == make(nullptr));
    CHECK(cache.last_counts().chapters_walked == 0);
    CHECK(cache.last_counts().chapters_written == n - 1);
  }
}
