#include "epub/zip.hpp"

#include <cstdio>
#include <ctime>
#include <optional>

#include <zip.h>

namespace octavo::epub::detail {
namespace {

// libzip stores MS-DOS dates, which it computes with localtime(): a time_t that is the
// wanted wall-clock time *in the local zone* comes out as exactly that date and time on
// every machine. mktime() gives such a time_t, except for a time that a daylight-saving
// jump skips; then noon of the same day (never skipped) is used.
time_t dos_stamp(const std::string& modified) {
  std::tm tm{};
  if (std::sscanf(modified.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
    return 0;
  // DOS dates start in 1980 and have two-second steps.
  if (tm.tm_year < 1980) {
    tm.tm_year = 1980;
    tm.tm_mon = tm.tm_mday = 1;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  tm.tm_sec -= tm.tm_sec % 2;
  tm.tm_isdst = -1;
  const std::tm wanted = tm;
  std::tm probe = tm;
  time_t t = std::mktime(&probe);
  std::tm back{};
  localtime_r(&t, &back);
  if (back.tm_hour != wanted.tm_hour || back.tm_min != wanted.tm_min ||
      back.tm_mday != wanted.tm_mday) {
    probe = wanted;
    probe.tm_hour = 12;
    probe.tm_min = probe.tm_sec = 0;
    t = std::mktime(&probe);
  }
  return t;
}

std::string zip_error(zip_t* za) {
  return zip_strerror(za);
}

}  // namespace

std::optional<std::string> zip_bytes(const std::vector<ContainerFile>& files, const std::string& modified,
                                     const core::Location& where, core::Diagnostics& diags) {
  // The archive is made in memory (libzip's in-memory source), so that the EPUB reaches
  // the disk in one write: see core::OutputFile.
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t* memory = zip_source_buffer_create(nullptr, 0, 0, &ze);
  zip_t* za = memory ? zip_open_from_source(memory, ZIP_TRUNCATE, &ze) : nullptr;
  if (!za) {
    diags.error(where, std::string("cannot create the EPUB: ") + zip_error_strerror(&ze));
    if (memory) zip_source_free(memory);
    zip_error_fini(&ze);
    return std::nullopt;
  }
  zip_error_fini(&ze);
  zip_source_keep(memory);  // zip_close frees the archive; the bytes stay in `memory`
  const auto fail = [&](const std::string& message) {
    diags.error(where, message + zip_error(za));
    zip_discard(za);
    zip_source_free(memory);
    return std::nullopt;
  };
  const time_t stamp = dos_stamp(modified);
  for (const auto& f : files) {
    // The buffers stay alive until zip_close, which is when libzip reads them.
    zip_source_t* src = zip_source_buffer(za, f.bytes.data(), f.bytes.size(), 0);
    if (!src) return fail("cannot add " + f.name + " to the EPUB: ");
    const zip_int64_t index = zip_file_add(za, f.name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(src);
      return fail("cannot add " + f.name + " to the EPUB: ");
    }
    const auto i = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(za, i, f.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) != 0 ||
        zip_file_set_mtime(za, i, stamp, 0) != 0)
      return fail("cannot set up " + f.name + " in the EPUB: ");
  }
  if (zip_close(za) != 0) return fail("cannot make the EPUB: ");
  std::string bytes;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(memory, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && zip_source_open(memory) == 0) {
    bytes.resize(static_cast<std::size_t>(st.size));
    const zip_int64_t got = zip_source_read(memory, bytes.data(), st.size);
    zip_source_close(memory);
    if (got != static_cast<zip_int64_t>(st.size)) bytes.clear();
  }
  zip_source_free(memory);
  if (bytes.empty()) {
    diags.error(where, "cannot make the EPUB: its archive could not be read back");
    return std::nullopt;
  }
  return bytes;
}

}  // namespace octavo::epub::detail
