#include "pdf/streams.hpp"

#include <hpdf_streams.h>

#include <algorithm>
#include <cstring>

namespace octavo::pdf::detail {
namespace {

ByteSource& source_of(HPDF_Stream stream) {
  return *static_cast<ByteSource*>(stream->attr);
}

// The read contract of libharu's own streams (hpdf_streams.c HPDF_MemStream_ReadFunc):
// `*size` bytes wanted, `*size` set to those given; HPDF_STREAM_EOF when fewer were left.
HPDF_STATUS read_bytes(HPDF_Stream stream, HPDF_BYTE* out, HPDF_UINT* size) {
  ByteSource& source = source_of(stream);
  const std::size_t left = source.bytes->size() - source.pos;
  const std::size_t wanted = *size;
  const std::size_t given = std::min(wanted, left);
  if (given > 0) std::memcpy(out, source.bytes->data() + source.pos, given);
  source.pos += given;
  *size = static_cast<HPDF_UINT>(given);
  return given < wanted ? HPDF_STREAM_EOF : HPDF_OK;
}

HPDF_STATUS seek_bytes(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
  ByteSource& source = source_of(stream);
  const auto size = static_cast<long long>(source.bytes->size());
  long long to = pos;
  if (mode == HPDF_SEEK_CUR) to += static_cast<long long>(source.pos);
  if (mode == HPDF_SEEK_END) to = size - pos;  // as HPDF_MemStream_SeekFunc counts it
  if (to < 0 || to > size) return HPDF_SetError(stream->error, HPDF_STREAM_EOF, 0);
  source.pos = static_cast<std::size_t>(to);
  return HPDF_OK;
}

HPDF_INT32 tell_bytes(HPDF_Stream stream) {
  return static_cast<HPDF_INT32>(source_of(stream).pos);
}

HPDF_UINT32 size_of_bytes(HPDF_Stream stream) {
  return static_cast<HPDF_UINT32>(source_of(stream).bytes->size());
}

HPDF_STATUS append_bytes(HPDF_Stream stream, const HPDF_BYTE* bytes, HPDF_UINT size) {
  static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(bytes), size);
  return HPDF_OK;
}

}  // namespace

HPDF_Stream new_reader(HPDF_Doc pdf, ByteSource& source) {
  source.pos = 0;
  return HPDF_CallbackReader_New(pdf->mmgr, read_bytes, seek_bytes, tell_bytes, size_of_bytes,
                                 &source);
}

HPDF_Stream new_string_writer(HPDF_Doc pdf, std::string& out) {
  return HPDF_CallbackWriter_New(pdf->mmgr, append_bytes, &out);
}

}  // namespace octavo::pdf::detail
