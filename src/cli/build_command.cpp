#include "cli/build_command.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>

#include <sys/stat.h>

#include "cli/report.hpp"
#include "cli/resources.hpp"
#include "core/files.hpp"
#include "epub/epub_writer.hpp"
#include "manuscript/manuscript.hpp"
#include "pdf/pdf_writer.hpp"
#include "style/style.hpp"
#include "typeset/typeset.hpp"

namespace octavo::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The output's base name: the book folder's name, lowercased, other runs → '-'.
std::string slug_of(const fs::path& book_dir) {
  auto name = fs::weakly_canonical(book_dir).filename().string();
  std::string slug;
  for (unsigned char c : name) {
    if (std::isalnum(c)) {
      slug += static_cast<char>(std::tolower(c));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "book" : slug;
}

// dcterms:modified: SOURCE_DATE_EPOCH when set, else the newest input file's time,
// so that building the same files twice gives the same bytes.
std::string modified_stamp(const doc::Book& book) {
  std::time_t when = 0;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    when = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
  } else {
    for (std::size_t id = 1; id < book.sources.size(); ++id) {
      struct stat info {};
      if (::stat(book.sources.path(static_cast<core::FileId>(id)).c_str(), &info) == 0)
        when = std::max(when, info.st_mtime);
    }
  }
  char buffer[32];
  std::tm tm{};
  gmtime_r(&when, &tm);
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

struct Loaded {
  doc::Book book;
  style::Styles styles;  ///< resolved for each output
};

std::optional<Loaded> load(const fs::path& book_dir, const std::string& style_override,
                           core::Diagnostics& diags) {
  auto book = manuscript::read_book(book_dir, diags);
  if (!book) return std::nullopt;
  const auto resources = find_resources();
  std::optional<style::Styles> style;
  if (!style_override.empty()) {
    style = style::load_style(style_override, fs::current_path(), resources,
                              {"--style", 0, 0}, diags, book_dir / "book.toml");
  } else {
    style = style::load_style(book->style, book_dir, resources, book->sources.locate(book->style_span),
                              diags, book_dir / "book.toml");
  }
  if (!style) return std::nullopt;
  return Loaded{std::move(*book), std::move(*style)};
}

double millis_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

epub::PageMark::Kind page_kind(typeset::PageKind kind) {
  using K = epub::PageMark::Kind;
  switch (kind) {
    case typeset::PageKind::half_title:
      return K::half_title;
    case typeset::PageKind::title_page:
      return K::title_page;
    case typeset::PageKind::copyright_page:
      return K::copyright_page;
    case typeset::PageKind::contents:
      return K::contents;
    case typeset::PageKind::text:
      break;
  }
  return K::text;
}

// The EPUB carries the print edition's page numbers: where each page of `print` begins.
bool build_epub(const Loaded& in, const typeset::Document& print, const fs::path& target,
                core::Diagnostics& diags) {
  const auto start = Clock::now();
  core::PendingFile pending(target);
  epub::EpubOptions options;
  options.modified = modified_stamp(in.book);
  for (const auto& p : print.page_starts)
    options.pages.push_back({p.label, p.text, p.offset, page_kind(p.kind), p.heading});
  epub::EpubSummary summary;
  if (!epub::write_epub(in.book, in.styles.epub, options, pending.temp_path(), diags, &summary)) return false;
  std::string error;
  if (!pending.commit(&error)) {
    diags.error({target.string(), 0, 0}, "cannot write: " + error);
    return false;
  }
  print_summary(target, std::to_string(summary.files) + " files", millis_since(start));
  return true;
}

bool build_pdf(const typeset::Document& document, const fs::path& target, double layout_ms,
               core::Diagnostics& diags) {
  const auto start = Clock::now();
  core::PendingFile pending(target);
  std::string error;
  if (!pdf::write_pdf(document, pending.temp_path(), &error)) {
    diags.error({target.string(), 0, 0}, "cannot write the PDF: " + error);
    return false;
  }
  if (!pending.commit(&error)) {
    diags.error({target.string(), 0, 0}, "cannot write: " + error);
    return false;
  }
  print_summary(target, std::to_string(document.pages.size()) + " pages", layout_ms + millis_since(start));
  return true;
}

}  // namespace

fs::path default_book_dir() {
  std::error_code ec;
  return fs::is_regular_file("book.toml", ec) ? fs::path(".") : fs::path("manuscript");
}

int run_build(const BuildOptions& options) {
  core::Diagnostics diags;
  auto loaded = load(options.book_dir, options.style, diags);
  if (!loaded) return report(diags);

  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (!core::is_writable_dir(options.out_dir)) {
    diags.error({options.out_dir.string(), 0, 0}, "output directory cannot be written");
    return report(diags);
  }
  const bool both = !options.epub && !options.pdf;
  const auto base = options.out_dir / slug_of(options.book_dir);
  // The pages are laid out whichever outputs are asked for: the EPUB marks where each
  // printed page begins.
  const auto layout_start = Clock::now();
  const auto document = typeset::typeset(loaded->book, loaded->styles.pdf, diags);
  if (!document) {
    report(diags);
    return 1;
  }
  const double layout_ms = millis_since(layout_start);
  bool ok = true;
  if (both || options.epub) ok = build_epub(*loaded, *document, fs::path(base) += ".epub", diags) && ok;
  if (ok && (both || options.pdf)) ok = build_pdf(*document, fs::path(base) += ".pdf", layout_ms, diags) && ok;
  const int status = report(diags);
  return ok ? status : 1;
}

int run_check(const fs::path& book_dir, const std::string& style) {
  core::Diagnostics diags;
  const auto loaded = load(book_dir, style, diags);
  const int status = report(diags);
  if (loaded && status == 0) {
    std::printf("%s: %zu chapters, style %s: no problems found\n", book_dir.string().c_str(),
                loaded->book.chapters.size(), loaded->styles.pdf.name.c_str());
  }
  return status;
}

}  // namespace octavo::cli
