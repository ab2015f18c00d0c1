#include "epub/zip.hpp"

#include <cstdio>
#include <ctime>
#include <optional>
#include <string_view>
#include <unordered_map>

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

struct ZipCache::Last {
  std::vector<ContainerFile> files;  ///< the entries of `archive`, in its order
  std::unordered_map<std::string_view, zip_uint64_t> index;  ///< name → entry (views into `files`)
  zip_t* archive = nullptr;  ///< open read-only on the bytes zip_close wrote; owns them
  ~Last() {
    if (archive) zip_discard(archive);
  }

  // The entry of the last archive that holds the same bytes under the same name, deflated.
  std::optional<zip_uint64_t> same_as(const ContainerFile& f) const {
    const auto it = index.find(f.name);
    if (it == index.end()) return std::nullopt;
    const ContainerFile& old = files[it->second];
    if (old.compress != f.compress || old.bytes != f.bytes) return std::nullopt;
    return it->second;
  }
};

ZipCache::ZipCache() = default;
ZipCache::~ZipCache() = default;

std::optional<std::string> zip_bytes(std::vector<ContainerFile> files, const std::string& modified,
                                     const core::Location& where, core::Diagnostics& diags,
                                     ZipCache* cache) {
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
  const ZipCache::Last* last = cache ? cache->last_.get() : nullptr;
  ZipCache::Counts counts;
  const auto fail = [&](const std::string& message) {
    diags.error(where, message + zip_error(za));
    zip_discard(za);  // the cache keeps the last archive, which is still whole
    zip_source_free(memory);
    return std::nullopt;
  };
  const time_t stamp = dos_stamp(modified);
  for (const auto& f : files) {
    // An entry the last archive holds with the same name and bytes: its deflated data is
    // copied (zip_source_zip of a whole entry reads it compressed, and zip_close does not
    // recompress data already in the entry's method). zip_close writes the headers anew
    // from this entry (name, date, sizes, CRC); the one thing it takes from the old entry
    // is its general-purpose flags, which say the deflate level, the same for every
    // entry. So the archive's bytes are the same as when every entry is deflated here.
    zip_source_t* src = nullptr;
    if (last && f.compress)
      if (const auto old = last->same_as(f))
        src = zip_source_zip(za, last->archive, *old, 0, 0, -1);
    if (src)
      ++counts.reused;
    else if (f.compress)
      ++counts.deflated;
    // The buffers stay alive until zip_close, which is when libzip reads them.
    if (!src) src = zip_source_buffer(za, f.bytes.data(), f.bytes.size(), 0);
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
  if (zip_source_stat(memory, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
      zip_source_open(memory) == 0) {
    bytes.resize(static_cast<std::size_t>(st.size));
    const zip_int64_t got = zip_source_read(memory, bytes.data(), st.size);
    zip_source_close(memory);
    if (got != static_cast<zip_int64_t>(st.size)) bytes.clear();
  }
  if (cache) {
    // This archive becomes the last: opened for reading on `memory`, which it then owns.
    // (The one before is read no more: zip_close is done with its sources.)
    cache->last_.reset();
    cache->counts_ = counts;
    zip_error_init(&ze);
    if (!bytes.empty())
      if (zip_t* made = zip_open_from_source(memory, ZIP_RDONLY, &ze)) {
        auto next = std::make_unique<ZipCache::Last>();
        next->archive = made;
        memory = nullptr;
        next->files = std::move(files);
        for (std::size_t i = 0; i < next->files.size(); ++i)
          next->index.emplace(next->files[i].name, i);
        cache->last_ = std::move(next);
      }
    zip_error_fini(&ze);
  }
  if (memory) zip_source_free(memory);
  if (bytes.empty()) {
    diags.error(where, "cannot make the EPUB: its archive could not be read back");
    return std::nullopt;
  }
  return bytes;
}

}  // namespace octavo::epub::detail
