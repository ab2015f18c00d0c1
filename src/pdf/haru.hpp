#pragma once
// libharu's document handle with its errors caught. libharu reports an error by calling
// the handler given to HPDF_New (its default handler prints; some builds' examples
// longjmp); ours only records the first error, and every libharu call's failure is then
// seen through `failed()` and turned into a message by the caller.
#include <hpdf.h>

#include <memory>
#include <string>
#include <string_view>

#include "pdf/haru_memory.hpp"

namespace octavo::pdf::detail {

class HaruDoc {
 public:
  HaruDoc();
  ~HaruDoc();
  HaruDoc(const HaruDoc&) = delete;
  HaruDoc& operator=(const HaruDoc&) = delete;

  HPDF_Doc get() const { return doc_; }
  /// True once libharu has reported an error (or the document could not be created).
  bool failed() const { return status_ != HPDF_OK || doc_ == nullptr; }
  /// "libharu error 0x1017 (cannot open a file), detail 2".
  std::string error_text() const;
  /// `what` followed by ": " and the error text, for the caller's `error`.
  std::string message(std::string_view what) const;

 private:
  static void HPDF_STDCALL on_error(HPDF_STATUS status, HPDF_STATUS detail, void* self);

  std::unique_ptr<HaruMemory> memory_;  // outlives doc_: HPDF_Free still reads it
  HPDF_Doc doc_ = nullptr;
  HPDF_STATUS status_ = HPDF_OK;
  HPDF_STATUS detail_ = 0;
};

}  // namespace octavo::pdf::detail
