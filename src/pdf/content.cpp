#include "pdf/content.hpp"

#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <zlib.h>

namespace octavo::pdf::detail {
namespace {

/// zlib level for page contents: on a novel's pages level 4 deflates in about 60% of
/// the time of the default level 6 for a stream 3% larger (measured on War and Peace,
/// 1,245 pages); level 1 saves little more time and grows the stream by 13%.
constexpr int content_level = 4;

bool page_failed(HaruDoc& doc, int page_number, std::string* error) {
  if (error) *error = doc.message("cannot draw page " + std::to_string(page_number + 1));
  return false;
}

bool draw_images(HaruDoc& doc, HPDF_Page page, const typeset::Page& src, int page_number,
                 ImageTable& images, std::string* error) {
  for (const auto& placed : src.images) {
    HPDF_Image image = images.image(placed.path, error);
    if (!image) return false;
    HPDF_Page_DrawImage(page, image, static_cast<HPDF_REAL>(placed.x),
                        static_cast<HPDF_REAL>(placed.y), static_cast<HPDF_REAL>(placed.width),
                        static_cast<HPDF_REAL>(placed.height));
    if (doc.failed()) return page_failed(doc, page_number, error);
  }
  return true;
}

bool draw_rules(HaruDoc& doc, HPDF_Page page, const typeset::Page& src, int page_number,
                std::string* error) {
  if (src.rules.empty()) return true;
  // One path of rectangles, filled once.
  for (const auto& rule : src.rules)
    HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(rule.x), static_cast<HPDF_REAL>(rule.y),
                        static_cast<HPDF_REAL>(rule.width), static_cast<HPDF_REAL>(rule.height));
  HPDF_Page_Fill(page);
  return doc.failed() ? page_failed(doc, page_number, error) : true;
}

HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream out) {
  return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/// Takes out of the page's content stream what libharu's own calls wrote there.
void take_haru_part(HPDF_Page page, std::string& out) {
  HPDF_Stream stream = static_cast<HPDF_PageAttr>(page->attr)->stream;
  out.clear();
  if (const HPDF_UINT chunks = HPDF_MemStream_GetBufCount(stream); chunks > 0) {
    for (HPDF_UINT i = 0; i < chunks; ++i) {
      HPDF_UINT length = 0;
      const HPDF_BYTE* bytes = HPDF_MemStream_GetBufPtr(stream, i, &length);
      if (bytes) out.append(reinterpret_cast<const char*>(bytes), length);
    }
    HPDF_MemStream_FreeData(stream);
  }
}

}  // namespace

bool prepare_page(HaruDoc& doc, HPDF_Page page, const typeset::Page& src, int page_number, double offset,
                  FontTable& fonts, ImageTable& images, PageContent& content, std::string* error,
                  const std::vector<int>* known_fonts) {
  if (offset > 0) {
    const auto b = static_cast<HPDF_REAL>(offset);
    HPDF_Page_Concat(page, 1, 0, 0, 1, b, b);
  }
  if (!draw_images(doc, page, src, page_number, images, error) ||
      !draw_rules(doc, page, src, page_number, error))
    return false;
  if (known_fonts ? !register_known_fonts(page, *known_fonts, page_number, fonts, content.fonts, error)
                  : !register_page_fonts(page, src.runs, page_number, fonts, content.fonts, error))
    return false;
  if (doc.failed()) return page_failed(doc, page_number, error);
  take_haru_part(page, content.haru);
  return true;
}

bool write_page(const typeset::Page& src, int page_number, const FontTable& fonts, TextScratch& scratch,
                ContentBuffers& buffers, PageContent& content, std::string* error) {
  buffers.text.clear();
  content.glyphs.clear();
  const bool written = write_text_object(src.runs, page_number, fonts, content.fonts, scratch,
                                         content.glyphs, buffers.text, error);
  scratch.end_page(content.glyphs);
  if (!written) return false;
  const std::string* source = &buffers.text;
  if (!content.haru.empty()) {
    buffers.raw.assign(content.haru);
    buffers.raw += buffers.text;
    source = &buffers.raw;
    std::string().swap(content.haru);
  }
  content.packed.reset();
  if (source->empty()) return true;  // an empty stream, unfiltered
  uLongf packed_size = compressBound(static_cast<uLong>(source->size()));
  std::string packed(packed_size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                reinterpret_cast<const Bytef*>(source->data()), static_cast<uLong>(source->size()),
                content_level) != Z_OK) {
    if (error) *error = "cannot deflate page " + std::to_string(page_number + 1);
    return false;
  }
  packed.resize(packed_size);
  packed.shrink_to_fit();  // held until saved: every page's at once
  content.packed = std::make_shared<const std::string>(std::move(packed));
  return true;
}

// libharu deflates every stream at zlib's default level when saving and offers no other;
// page contents are most of a book's file and that deflate was most of the time spent
// writing it. So the stream gets filter NONE (libharu then copies its bytes as they are
// and drops any /Filter key, hpdf_dict.c HPDF_Dict_Write) and a write hook (the
// dictionary's write_fn, which HPDF_Dict_Write calls after the dictionary's own keys)
// that adds /Filter /FlateDecode for the data deflated in write_page.
// The data itself is not copied into libharu's memory stream but read from `packed` when
// saving (streams.hpp): the page's own stream, emptied by prepare_page, is replaced by a
// reader. Nothing writes to it after: prepare_page leaves no path, text object or saved
// graphics state open, which Page_BeforeWrite (hpdf_pages.c) would close in the stream.
bool finish_page(HaruDoc& doc, HPDF_Page page, int page_number, FontTable& fonts, PageContent& content,
                 std::string* error) {
  auto* attr = static_cast<HPDF_PageAttr>(page->attr);
  attr->contents->filter = HPDF_STREAM_FILTER_NONE;
  bool ok = true;
  if (content.packed && !content.packed->empty()) {
    attr->contents->write_fn = write_flate_filter;
    content.source.bytes = content.packed.get();
    if (HPDF_Stream reader = new_reader(doc.get(), content.source)) {
      HPDF_Stream_Free(attr->contents->stream);
      attr->contents->stream = reader;
      attr->stream = reader;
    } else {
      ok = false;
    }
  }
  for (const auto& use : content.glyphs) fonts.mark_drawn(use.slot, use.cp);
  std::string().swap(content.haru);
  std::vector<PageFont>().swap(content.fonts);
  std::vector<GlyphUse>().swap(content.glyphs);
  if (ok && !doc.failed()) return true;
  return page_failed(doc, page_number, error);
}

void set_trim_box(HPDF_Page page, double bleed, double width, double height) {
  // libharu sets only the MediaBox; the boxes of the PDF reference (14.11.2) are added
  // to the page dictionary here. The BleedBox is the MediaBox, the TrimBox the page.
  const auto r = [](double v) { return static_cast<HPDF_REAL>(v); };
  HPDF_Dict_Add(page, "TrimBox",
                HPDF_Box_Array_New(page->mmgr, HPDF_Box{r(bleed), r(bleed), r(bleed + width), r(bleed + height)}));
  HPDF_Dict_Add(page, "BleedBox",
                HPDF_Box_Array_New(page->mmgr, HPDF_Box{0, 0, r(width + 2 * bleed), r(height + 2 * bleed)}));
}

}  // namespace octavo::pdf::detail
