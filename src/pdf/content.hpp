#pragma once
// One page's content stream: images, then rules, then all text in one text object;
// deflated here rather than by libharu (see content.cpp).
#include <string>

#include "pdf/fonts.hpp"
#include "pdf/haru.hpp"
#include "pdf/images.hpp"
#include "typeset/frame.hpp"

namespace octavo::pdf::detail {

/// Buffers reused from page to page.
struct ContentBuffers {
  std::string text;    // the text object
  std::string raw;     // what libharu wrote, then the text
  std::string packed;  // deflated
};

/// Draws `src` on `page`; false with `error` set when a font or image cannot be loaded,
/// a run names a font the document does not list, or libharu or zlib fails.
/// `offset`: where the trimmed page's origin is (the bleed).
/// Adds the TrimBox (the page, `bleed` in from the media's edges) and the BleedBox.
void set_trim_box(HPDF_Page page, double bleed, double width, double height);

bool draw_page(HaruDoc& doc, HPDF_Page page, const typeset::Page& src, int page_number, double offset,
               FontTable& fonts, ImageTable& images, ContentBuffers& buffers, std::string* error);

}  // namespace octavo::pdf::detail
