#include "pdf/pdf_writer.hpp"

#include <hpdf_objects.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <utility>
#include <vector>

#include "core/files.hpp"
#include "core/timings.hpp"
#include "pdf/codes.hpp"
#include "pdf/content.hpp"
#include "pdf/fonts.hpp"
#include "pdf/haru.hpp"
#include "pdf/images.hpp"
#include "pdf/navigation.hpp"
#include "pdf/streams.hpp"

namespace octavo::pdf {
namespace {

using detail::HaruDoc;

}  // namespace

/// One page as the last PDF wrote it: what its stream was made from, and the stream.
struct PageCache::Impl {
  struct Kept {
    std::string haru;                    ///< libharu's part of the stream (images, rules)
    std::uint64_t drawing = 0;           ///< typeset::Page::drawing
    typeset::RunList runs;
    std::vector<int> fonts;              ///< Document::fonts registered, in order
    detail::Packed packed;
    std::vector<detail::GlyphUse> glyphs;
  };
  /// The document's fonts the pages were made with, and their files' sizes and times.
  std::vector<typeset::FontFile> fonts;
  std::vector<core::FileStamp> stamps;
  std::vector<Kept> pages;
  std::vector<detail::KeptSubset> subsets;  ///< of the fonts, from the files as `stamps` saw them
  std::vector<detail::KeptStream> font_streams;  ///< the fonts' maps, deflated
  std::size_t reused = 0;
  std::size_t reused_subsets = 0;

  /// The pages this PDF's replaced: freed with its document (their runs are thousands of
  /// blocks, a few milliseconds to give back).
  std::vector<Kept> replaced;

  /// Frees the last PDF's libharu document, and the pages it replaced, on a thread of
  /// their own.
  void retire(std::unique_ptr<detail::HaruDoc> doc) {
    wait_retired();
    disposer = std::thread([retired = std::move(doc), pages = std::move(replaced)]() mutable {
      retired.reset();
      pages.clear();
    });
    replaced.clear();
  }
  void wait_retired() {
    if (disposer.joinable()) disposer.join();
  }
  ~Impl() { wait_retired(); }
  std::thread disposer;
};

PageCache::PageCache() : impl_(std::make_unique<Impl>()) {}
PageCache::~PageCache() = default;
std::size_t PageCache::last_reused() const { return impl_->reused; }
std::size_t PageCache::last_reused_subsets() const { return impl_->reused_subsets; }

namespace {

bool fail(const HaruDoc& doc, std::string_view what, std::string* error) {
  if (error) *error = doc.message(what);
  return false;
}

/// Settings that hold for every octavo PDF.
bool set_up(HaruDoc& doc, const typeset::Document& src, std::string* error) {
  HPDF_Doc pdf = doc.get();
  // 1.4 for /Lang and the soft masks of libharu's alpha PNGs; libharu starts at 1.2.
  pdf->pdf_version = HPDF_VER_14;
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  // Document info strings go through the current encoder: UTF-8 makes libharu write
  // them as UTF-16BE with a byte order mark. No dates: the same input gives the same bytes.
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  if (!src.outline.empty()) HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
  return doc.failed() ? fail(doc, "cannot set up the PDF", error) : true;
}

bool set_info(HaruDoc& doc, const typeset::Document& src, std::string* error) {
  HPDF_Doc pdf = doc.get();
  std::string cleaned;
  detail::CodePointSet unused;
  const std::pair<HPDF_InfoType, const std::string*> fields[] = {{HPDF_INFO_TITLE, &src.title},
                                                                 {HPDF_INFO_AUTHOR, &src.author},
                                                                 {HPDF_INFO_SUBJECT, &src.subject}};
  for (const auto& [type, value] : fields) {
    if (value->empty()) continue;
    const char* text = value->c_str();
    if (!detail::drawable_text(*value, cleaned, unused)) text = cleaned.c_str();
    HPDF_SetInfoAttr(pdf, type, text);
  }
  if (!src.language.empty()) {
    // libharu has no call for the catalog's /Lang (PDF 32000-1 §14.9.2.1).
    HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, src.language.c_str(), nullptr));
  }
  return doc.failed() ? fail(doc, "cannot set the document information", error) : true;
}

/// Threads for writing `pages` pages' text: `jobs`, 0 for one per core, but no more
/// than the pages keep busy (a thread costs about as much to start as a few pages).
unsigned writer_count(std::size_t pages, unsigned jobs) {
  const unsigned wanted = jobs > 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
  const auto useful = static_cast<unsigned>(std::max<std::size_t>(1, pages / 8));
  return std::min({wanted, 8u, useful});
}

/// The content of every page (content.hpp): prepare_page on this thread, page after
/// page, while up to `jobs` - 1 other threads, and this one once it is done preparing,
/// take the pages prepared in turn and write them. The error is that of the first page
/// that fails. `owned`: as in make.
// With a cache, a page equal to the last PDF's page of the same number takes its stream,
// and every page is kept for the next (`next`, filled here, replaces the cache's pages).
// Whether a page is equal is known once it is prepared (its runs, and libharu's part of
// its stream); taking the last stream is a few pointers, done here on this thread, and
// the writers skip the page. Since they then have nothing to do for most pages of a
// rebuild, they are woken only for a page to write, or every `wake_every` pages, rather
// than for each: a woken thread takes a core from the EPUB's thread beside this one.
bool make_contents(HaruDoc& doc, const std::vector<HPDF_Page>& pages, const typeset::Document& src,
                   typeset::Document* owned, detail::FontTable& fonts, detail::ImageTable& images,
                   std::vector<detail::PageContent>& contents, unsigned jobs, std::string* error,
                   PageCache::Impl* last, std::vector<PageCache::Impl::Kept>* next) {
  const std::size_t n = pages.size();
  // How many pages are prepared; `stop` is added once preparing has failed, after which
  // no more will be.
  constexpr std::uint32_t stop = 0x80000000u;
  constexpr std::size_t wake_every = 64;
  if (n >= stop) {
    if (error) *error = "too many pages";
    return false;
  }
  std::atomic<std::uint32_t> prepared{0};
  std::atomic<std::size_t> next_page{0};
  std::vector<std::string> errors(n);
  std::vector<char> failed(n, 0);
  std::vector<char> reused(next ? n : 0, 0);  // set before the page counts as prepared
  std::size_t reused_count = 0;
  auto work = [&] {
    detail::TextScratch scratch(fonts);
    detail::ContentBuffers buffers;
    for (std::size_t i = next_page++; i < n; i = next_page++) {
      for (std::uint32_t state = prepared.load(std::memory_order_acquire); (state & ~stop) <= i;
           state = prepared.load(std::memory_order_acquire)) {
        if (state & stop) return;
        prepared.wait(state, std::memory_order_acquire);
      }
      if (next && reused[i]) continue;
      if (!detail::write_page(src.pages[i], static_cast<int>(i), fonts, scratch, buffers, contents[i],
                              &errors[i])) {
        failed[i] = 1;
      }
      if (next) {
        auto& kept = (*next)[i];
        kept.runs = std::move(owned->pages[i].runs);
        kept.packed = contents[i].packed;
        kept.glyphs = contents[i].glyphs;
      } else if (owned) {
        owned->pages[i].runs.release();
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < writer_count(n, jobs); ++t)
    threads.emplace_back([&work] {
      core::timings::Stage stage("PDF: page contents");
      work();
    });
  std::string prepare_error;
  std::size_t prepared_pages = 0;
  std::optional<core::timings::Stage> preparing(std::in_place, "PDF: pages prepared");
  for (; prepared_pages < n; ++prepared_pages) {
    const std::size_t i = prepared_pages;
    // The runs of the last PDF's page: its fonts are known (register_known_fonts).
    // The same drawing (the fonts are the same as the last PDF's, or its pages would be
    // gone) says so at once; other pages are compared.
    const bool same_runs =
        last && i < last->pages.size() &&
        ((src.pages[i].drawing != 0 && last->pages[i].drawing == src.pages[i].drawing) ||
         last->pages[i].runs == src.pages[i].runs);
    const std::vector<int>* known = same_runs ? &last->pages[i].fonts : nullptr;
    if (!detail::prepare_page(doc, pages[i], src.pages[i], static_cast<int>(i), src.bleed, fonts, images,
                              contents[i], &prepare_error, known))
      break;
    if (next) {
      auto& kept = (*next)[i];
      auto& content = contents[i];
      for (const auto& f : content.fonts) kept.fonts.push_back(f.index);
      kept.drawing = src.pages[i].drawing;
      if (same_runs && last->pages[i].haru == content.haru) {
        auto& was = last->pages[i];
        content.packed = was.packed;
        content.glyphs = was.glyphs;
        kept.haru = std::move(content.haru);
        kept.runs = std::move(owned->pages[i].runs);
        kept.packed = std::move(was.packed);
        kept.glyphs = std::move(was.glyphs);
        reused[i] = 1;
        ++reused_count;
      } else {
        kept.haru = content.haru;
      }
    }
    prepared.store(static_cast<std::uint32_t>(i + 1), std::memory_order_release);
    if (!next || !reused[i] || (i + 1) % wake_every == 0) prepared.notify_all();
  }
  prepared.store(static_cast<std::uint32_t>(prepared_pages) | (prepared_pages < n ? stop : 0),
                 std::memory_order_release);
  prepared.notify_all();
  preparing.reset();
  {
    core::timings::Stage stage("PDF: page contents");
    work();
  }
  for (auto& t : threads) t.join();
  if (last) last->reused = reused_count;
  for (std::size_t i = 0; i < prepared_pages; ++i)
    if (failed[i]) {
      if (error) *error = std::move(errors[i]);
      return false;
    }
  if (prepared_pages < n) {
    if (error) *error = std::move(prepare_error);
    return false;
  }
  return true;
}

// `owned`: the same document, when its pages' runs may be freed once drawn (or kept in
// `cache`, which needs `owned`).
std::optional<std::string> make_in(HaruDoc& doc, const typeset::Document& src, typeset::Document* owned,
                                   unsigned jobs, std::string* error, PageCache* cache) {
  std::optional<core::timings::Stage> stage(std::in_place, "PDF: pages added");
  if (doc.failed()) return fail(doc, "cannot start a PDF", error), std::nullopt;
  if (!set_up(doc, src, error)) return std::nullopt;

  // Every page first, so that links can point forward.
  std::vector<HPDF_Page> pages;
  pages.reserve(src.pages.size());
  for (const auto& page : src.pages) {
    HPDF_Page p = HPDF_AddPage(doc.get());
    if (p) {
      const double b = src.bleed;
      HPDF_Page_SetWidth(p, static_cast<HPDF_REAL>(page.width + 2 * b));
      HPDF_Page_SetHeight(p, static_cast<HPDF_REAL>(page.height + 2 * b));
      if (b > 0) detail::set_trim_box(p, b, page.width, page.height);
    }
    if (!p || doc.failed())
      return fail(doc, "cannot add page " + std::to_string(pages.size() + 1), error), std::nullopt;
    pages.push_back(p);
  }

  // The pages' content streams (content.hpp): made on up to `jobs` threads, then handed
  // to libharu in page order.
  detail::FontTable fonts(doc, src.fonts);
  detail::ImageTable images(doc);
  std::vector<detail::PageContent> contents(pages.size());
  PageCache::Impl* last = cache && owned ? &cache->impl() : nullptr;
  if (last) last->reused_subsets = 0;
  std::vector<core::FileStamp> stamps;
  if (last)
    for (const auto& f : src.fonts) stamps.push_back(core::file_stamp(f.path));
  // Other fonts, or the same files changed: the widths the streams were written with
  // may be other ones.
  if (last && (last->fonts != src.fonts || last->stamps != stamps)) {
    last->pages.clear();
    last->subsets.clear();
  }
  std::vector<PageCache::Impl::Kept> kept(last ? pages.size() : 0);
  stage.reset();
  const bool made = make_contents(doc, pages, src, owned, fonts, images, contents, jobs, error, last,
                                  last ? &kept : nullptr);
  if (last) {
    // Only a PDF made whole is kept: a failed page would leave a stream unwritten.
    if (made) {
      last->replaced = std::exchange(last->pages, std::move(kept));
      last->fonts = src.fonts;
      last->stamps = std::move(stamps);
    } else {
      last->pages.clear();
    }
  }
  if (!made) return std::nullopt;
  stage.emplace("PDF: pages finished");
  for (std::size_t i = 0; i < pages.size(); ++i)
    if (!detail::finish_page(doc, pages[i], static_cast<int>(i), fonts, contents[i], error))
      return std::nullopt;

  stage.emplace("PDF: links, outline, labels, ToUnicode maps");
  if (!detail::add_links(doc, pages, src, error) ||
      !detail::add_outline(doc, pages, src.outline, src.bleed, error) ||
      !detail::add_page_labels(doc, pages.size(), src.labels, error) ||
      !set_info(doc, src, error) || !fonts.write_to_unicode_maps(error))
    return std::nullopt;
  stage.emplace("PDF: font subsets");
  if (!fonts.pack_font_files(jobs, error, last ? &last->subsets : nullptr, last ? &last->font_streams : nullptr))
    return std::nullopt;
  if (last) last->reused_subsets = fonts.reused_subsets();

  // Into memory, so that the PDF reaches the disk in one write (see core::OutputFile):
  // straight into `bytes` rather than through libharu's memory stream (streams.hpp).
  stage.emplace("PDF: saved");
  std::string bytes;
  std::size_t expected = 1 << 20;  // the objects around the page contents, roughly
  for (const auto& content : contents) expected += content.packed ? content.packed->size() : 0;
  bytes.reserve(expected);
  HPDF_Doc pdf = doc.get();
  HPDF_Stream out = detail::new_string_writer(pdf, bytes);
  if (!out) return fail(doc, "cannot make the PDF", error), std::nullopt;
  if (pdf->stream) HPDF_Stream_Free(pdf->stream);
  pdf->stream = out;  // HPDF_SaveToStream writes to the document's stream, made if there is none
  HPDF_SaveToStream(pdf);
  if (doc.failed()) return fail(doc, "cannot make the PDF", error), std::nullopt;
  return bytes;
}

std::optional<std::string> make(const typeset::Document& src, typeset::Document* owned, unsigned jobs,
                                std::string* error, PageCache* cache = nullptr) {
  if (src.pages.empty()) {
    if (error) *error = "the document has no pages";  // readers reject a PDF without any
    return std::nullopt;
  }
  if (cache) cache->impl().wait_retired();
  auto doc = std::make_unique<HaruDoc>();
  auto bytes = make_in(*doc, src, owned, jobs, error, cache);
  // Freeing libharu's objects (one per page and more) takes a while; in a watch it is
  // done beside the writing of the outputs, and over before the next PDF starts.
  if (cache) cache->impl().retire(std::move(doc));
  return bytes;
}

}  // namespace

std::optional<std::string> make_pdf(const typeset::Document& doc, std::string* error, unsigned jobs) {
  return make(doc, nullptr, jobs, error);
}

std::optional<std::string> make_pdf(typeset::Document&& doc, std::string* error, unsigned jobs) {
  return make(doc, &doc, jobs, error);
}

std::optional<std::string> make_pdf(typeset::Document&& doc, std::string* error, unsigned jobs, PageCache* cache) {
  return make(doc, &doc, jobs, error, cache);
}

bool write_pdf(const typeset::Document& doc, const std::filesystem::path& path, std::string* error) {
  const auto bytes = make_pdf(doc, error);
  return bytes && core::write_file_atomically(path, *bytes, error);
}

bool write_pdf(typeset::Document&& doc, const std::filesystem::path& path, std::string* error) {
  const auto bytes = make_pdf(std::move(doc), error);
  return bytes && core::write_file_atomically(path, *bytes, error);
}

}  // namespace octavo::pdf
