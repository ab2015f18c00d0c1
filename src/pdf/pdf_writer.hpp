#pragma once
// Frames → PDF through libharu. The only code in octavo that includes hpdf.h.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "typeset/frame.hpp"

namespace octavo::pdf {

/// The PDF of `doc` as bytes; nothing, with `error` set, when libharu fails (a font or
/// an image it cannot load).
/// Text goes through libharu's UTF-8 path, which can only draw the Basic Multilingual
/// Plane: characters above U+FFFF (and control characters) are skipped, not drawn.
/// The same document always gives the same bytes (no dates, no IDs), whatever `jobs`:
/// how many threads may write pages (0: one per core; 1: only the caller's).
std::optional<std::string> make_pdf(const typeset::Document& doc, std::string* error, unsigned jobs = 1);
/// The same, giving back each page's text runs as soon as the page is drawn: a long
/// book's runs are most of the memory the build holds, and libharu keeps only the
/// page's deflated content stream. `doc` keeps its pages' links, rules and images.
std::optional<std::string> make_pdf(typeset::Document&& doc, std::string* error, unsigned jobs = 1);

/// Page content streams kept from one PDF to the next, for `octavo watch`: a page whose
/// content (what libharu draws of it, and its glyph runs with their text) and fonts are
/// those of the same page of the last PDF takes that page's deflated stream instead of
/// being written and deflated again. The PDF is the same bytes as without the cache.
class PageCache {
public:
  PageCache();
  ~PageCache();
  PageCache(const PageCache&) = delete;
  PageCache& operator=(const PageCache&) = delete;
  /// Pages of the last PDF whose streams were reused.
  std::size_t last_reused() const;
  /// Embedded font subsets of the last PDF taken from the PDF before it.
  std::size_t last_reused_subsets() const;
  struct Impl;
  Impl& impl() { return *impl_; }

private:
  std::unique_ptr<Impl> impl_;
};

/// make_pdf(Document&&) with a cache (null: none): the pages' runs are kept in it rather
/// than given back.
std::optional<std::string> make_pdf(typeset::Document&& doc, std::string* error, unsigned jobs, PageCache* cache);

/// Writes the PDF of `doc` to `path`, replacing a file there only once it is whole.
bool write_pdf(const typeset::Document& doc, const std::filesystem::path& path, std::string* error);
bool write_pdf(typeset::Document&& doc, const std::filesystem::path& path, std::string* error);

}  // namespace octavo::pdf
