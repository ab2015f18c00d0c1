#pragma once
// libharu streams over octavo's own memory, for the bulk of a PDF's bytes.
//
// libharu's memory streams hold data in blocks of 4 kB, each one allocated on its own,
// and copy into and out of them one byte at a time (hpdf_utils.c HPDF_MemCpy is a loop
// over bytes). A book's deflated page contents went through that four times: into each
// page's stream, out of it and into the document's stream while saving, and out of that
// into the caller's buffer; on War and Peace (4.3 MB) a sixth of the time the libharu
// thread spent. Through these streams libharu reads the deflated pages where write_page
// left them and writes the file straight into a std::string. libharu's HPDF_Stream_Write
// still counts the bytes (stream->size), which is all the cross-reference table and the
// streams' /Length need: the file is the same.
#include <cstddef>
#include <string>

#include "pdf/haru.hpp"

namespace octavo::pdf::detail {

/// Bytes a reader stream gives, and how far it has read. `bytes` must outlive every read
/// (for a page's content stream: until the document is saved).
struct ByteSource {
  const std::string* bytes = nullptr;
  std::size_t pos = 0;
};

/// A libharu stream reading `source` (seekable, with a size), nullptr when libharu cannot
/// allocate it. Freed with the object it is given to (HPDF_Stream_Free); `source` is not.
HPDF_Stream new_reader(HPDF_Doc pdf, ByteSource& source);

/// A libharu stream appending what is written to `out`, which must outlive it.
HPDF_Stream new_string_writer(HPDF_Doc pdf, std::string& out);

}  // namespace octavo::pdf::detail
