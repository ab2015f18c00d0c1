#include "pdf/content.hpp"

#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <zlib.h>

#include "pdf/text_object.hpp"

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

/// Replaces the page's content stream by what libharu's own calls wrote there, then the
/// text, deflated at `content_level`.
///
/// libharu deflates every stream at zlib's default level when saving and offers no
/// other; page contents are most of a book's file and that deflate was most of the
/// time spent writing it. So the stream gets filter NONE (libharu then copies its bytes
/// as they are and drops any /Filter key, hpdf_dict.c HPDF_Dict_Write) and a write hook
/// (the dictionary's write_fn, which HPDF_Dict_Write calls after the dictionary's own
/// keys) that adds /Filter /FlateDecode for the data deflated here.
bool pack_content(HPDF_Page page, ContentBuffers& buffers) {
  auto* attr = static_cast<HPDF_PageAttr>(page->attr);
  HPDF_Stream stream = attr->stream;
  const std::string* source = &buffers.text;
  if (const HPDF_UINT chunks = HPDF_MemStream_GetBufCount(stream); chunks > 0) {
    buffers.raw.clear();
    for (HPDF_UINT i = 0; i < chunks; ++i) {
      HPDF_UINT length = 0;
      const HPDF_BYTE* bytes = HPDF_MemStream_GetBufPtr(stream, i, &length);
      if (bytes) buffers.raw.append(reinterpret_cast<const char*>(bytes), length);
    }
    buffers.raw += buffers.text;
    source = &buffers.raw;
    HPDF_MemStream_FreeData(stream);
  }
  attr->contents->filter = HPDF_STREAM_FILTER_NONE;
  if (source->empty()) return true;  // an empty stream, unfiltered

  uLongf packed_size = compressBound(static_cast<uLong>(source->size()));
  buffers.packed.resize(packed_size);
  if (compress2(reinterpret_cast<Bytef*>(buffers.packed.data()), &packed_size,
                reinterpret_cast<const Bytef*>(source->data()), static_cast<uLong>(source->size()),
                content_level) != Z_OK)
    return false;
  attr->contents->write_fn = write_flate_filter;
  return HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(buffers.packed.data()),
                           static_cast<HPDF_UINT>(packed_size)) == HPDF_OK;
}

}  // namespace

bool draw_page(HaruDoc& doc, HPDF_Page page, const typeset::Page& src, int page_number, double offset,
               FontTable& fonts, ImageTable& images, ContentBuffers& buffers, std::string* error) {
  if (offset > 0) {
    const auto b = static_cast<HPDF_REAL>(offset);
    HPDF_Page_Concat(page, 1, 0, 0, 1, b, b);
  }
  if (!draw_images(doc, page, src, page_number, images, error) ||
      !draw_rules(doc, page, src, page_number, error))
    return false;
  buffers.text.clear();
  if (!write_text_object(page, src.runs, page_number, fonts, buffers.text, error)) return false;
  if (pack_content(page, buffers) && !doc.failed()) return true;
  if (doc.failed()) return page_failed(doc, page_number, error);
  if (error) *error = "cannot deflate page " + std::to_string(page_number + 1);
  return false;
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
