#pragma once
// One page's content stream: images, then rules, then all text in one text object;
// deflated here rather than by libharu (see content.cpp).
//
// Made in three steps, so that the middle one, most of the work, can run on several
// threads while every libharu call stays on one (libharu is not thread-safe):
// prepare_page (libharu thread, pages in order) makes libharu's own part of the stream
// and registers the page's fonts; write_page (any thread) writes the text and deflates
// the whole stream; finish_page (libharu thread, pages in order) hands it to libharu.
// The libharu calls come in the order one pass over the pages would make them, so the
// file is the same whatever the threads did.
#include <memory>
#include <string>
#include <vector>

#include "pdf/fonts.hpp"
#include "pdf/haru.hpp"
#include "pdf/images.hpp"
#include "pdf/streams.hpp"
#include "pdf/text_object.hpp"
#include "typeset/frame.hpp"

namespace octavo::pdf::detail {

/// Buffers reused from page to page by one thread.
struct ContentBuffers {
  std::string text;  // the text object
  std::string raw;   // what libharu wrote, then the text
};

/// A page's deflated content stream; shared, so that `octavo watch` keeps it for the
/// next PDF without a copy.
using Packed = std::shared_ptr<const std::string>;

/// One page's content on its way from prepare_page to finish_page.
struct PageContent {
  std::string haru;                // what libharu's calls wrote (images, rules)
  std::vector<PageFont> fonts;     // in the page's resources
  Packed packed;                   // the deflated stream; null or empty for an empty one
  std::vector<GlyphUse> glyphs;    // first drawn on this page, in order
  ByteSource source;               // how libharu reads `packed`, from finish_page on
};

/// Adds the TrimBox (the page, `bleed` in from the media's edges) and the BleedBox.
void set_trim_box(HPDF_Page page, double bleed, double width, double height);

/// Draws `src`'s images and rules on `page` and registers its fonts, taking what libharu
/// wrote into `content`; false with `error` set when a font or image cannot be loaded, a
/// run names a font the document does not list, or libharu fails. `offset`: where the
/// trimmed page's origin is (the bleed).
/// `known_fonts`: the fonts's indices register_page_fonts gave for the same runs before
/// (register_known_fonts), null to go through the runs.
bool prepare_page(HaruDoc& doc, HPDF_Page page, const typeset::Page& src, int page_number, double offset,
                  FontTable& fonts, ImageTable& images, PageContent& content, std::string* error,
                  const std::vector<int>* known_fonts = nullptr);

/// Writes `src`'s text after libharu's part and deflates the stream into `content`;
/// false with `error` set when zlib fails. Calls no libharu function that changes
/// anything: pages prepared may be written on any thread, several at once.
bool write_page(const typeset::Page& src, int page_number, const FontTable& fonts, TextScratch& scratch,
                ContentBuffers& buffers, PageContent& content, std::string* error);

/// Replaces `page`'s content stream by `content`'s and records the glyphs it draws for
/// the fonts' subsets, giving back `content`'s memory but for `packed`: libharu reads it
/// from there when saving, so `content` must stay where it is until then.
bool finish_page(HaruDoc& doc, HPDF_Page page, int page_number, FontTable& fonts, PageContent& content,
                 std::string* error);

}  // namespace octavo::pdf::detail
