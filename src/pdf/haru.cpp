#include "pdf/haru.hpp"

#include <cstdio>

namespace octavo::pdf::detail {
namespace {

/// Plain words for the errors a book can run into (hpdf_error.h); the rest keep
/// only their number.
const char* describe(HPDF_STATUS status) {
  switch (status) {
    case HPDF_FAILD_TO_ALLOC_MEM:
      return "out of memory";
    case HPDF_FILE_IO_ERROR:
      return "cannot read or write a file";
    case HPDF_FILE_OPEN_ERROR:
      return "cannot open a file";
    case HPDF_INVALID_FONTDEF_DATA:
      return "unusable font data";
    case HPDF_INVALID_JPEG_DATA:
      return "invalid JPEG data";
    case HPDF_INVALID_PNG_IMAGE:
      return "invalid PNG image";
    case HPDF_INVALID_IMAGE:
      return "invalid image";
    case HPDF_LIBPNG_ERROR:
      return "libpng error";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT:
      return "the font does not allow embedding";
    case HPDF_TTF_INVALID_CMAP:
      return "the font has no usable Unicode cmap";
    case HPDF_TTF_INVALID_FOMAT:
      return "not a TrueType font";
    case HPDF_TTF_MISSING_TABLE:
      return "the font lacks a required table (CFF outlines?)";
    case HPDF_UNSUPPORTED_JPEG_FORMAT:
      return "unsupported JPEG format";
    case HPDF_PAGE_INVALID_SIZE:
      return "invalid page size";
    case HPDF_PAGE_INVALID_FONT_SIZE:
      return "invalid font size";
    case HPDF_INVALID_PARAMETER:
      return "invalid parameter";
    case HPDF_REAL_OUT_OF_RANGE:
      return "number out of range";
    case HPDF_STRING_OUT_OF_RANGE:
      return "string too long";
    case HPDF_ZLIB_ERROR:
      return "zlib error";
    default:
      return nullptr;
  }
}

}  // namespace

HaruDoc::HaruDoc() : memory_(HaruMemory::take()) {
  doc_ = memory_ ? HPDF_NewEx(&HaruDoc::on_error, memory_->alloc_fn(), memory_->free_fn(), 0, this)
                 : HPDF_New(&HaruDoc::on_error, this);
  if (!doc_) status_ = HPDF_FAILD_TO_ALLOC_MEM;
}

HaruDoc::~HaruDoc() {
  if (doc_) HPDF_Free(doc_);
}

void HPDF_STDCALL HaruDoc::on_error(HPDF_STATUS status, HPDF_STATUS detail, void* self) {
  // The first error is the cause; later ones are libharu failing on after it.
  auto* doc = static_cast<HaruDoc*>(self);
  if (doc->status_ != HPDF_OK) return;
  doc->status_ = status;
  doc->detail_ = detail;
}

std::string HaruDoc::error_text() const {
  char number[64];
  std::snprintf(number, sizeof number, "libharu error 0x%04X", static_cast<unsigned>(status_));
  std::string text = number;
  if (const char* words = describe(status_)) {
    text += " (";
    text += words;
    text += ')';
  }
  if (detail_ != 0) text += ", detail " + std::to_string(detail_);
  return text;
}

std::string HaruDoc::message(std::string_view what) const {
  std::string text(what);
  text += ": ";
  text += error_text();
  return text;
}

}  // namespace octavo::pdf::detail
