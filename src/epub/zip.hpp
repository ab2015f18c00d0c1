#pragma once
// Writing the container with libzip.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "epub/container.hpp"

namespace octavo::epub::detail {

/// The last archive zip_bytes made, kept (by `octavo watch`, between builds) so that the
/// next one copies the deflated data of every entry whose bytes did not change instead
/// of deflating them again: most of a rebuild's EPUB time otherwise.
class ZipCache {
 public:
  /// Entries of the last archive: deflated data copied from the one before, deflated
  /// anew. (`mimetype`, stored, is neither.)
  struct Counts {
    std::size_t reused = 0;
    std::size_t deflated = 0;
  };

  ZipCache();
  ~ZipCache();
  ZipCache(const ZipCache&) = delete;
  ZipCache& operator=(const ZipCache&) = delete;

  Counts last_counts() const { return counts_; }

 private:
  friend std::optional<std::string> zip_bytes(std::vector<ContainerFile> files,
                                              const std::string& modified,
                                              const core::Location& where, core::Diagnostics& diags,
                                              ZipCache* cache);
  struct Last;  // the archive open in libzip, and the files it holds
  std::unique_ptr<Last> last_;
  Counts counts_;
};

/// The EPUB container as bytes: the files in order (`mimetype` first, stored), every
/// entry dated `modified` ("YYYY-MM-DDThh:mm:ssZ", written as that wall-clock time
/// whatever the machine's zone), so that the same files give the same bytes; nothing,
/// with an error at `where`, on failure. With a `cache`, the same bytes, sooner: it
/// keeps `files` and the archive for the next call.
std::optional<std::string> zip_bytes(std::vector<ContainerFile> files, const std::string& modified,
                                     const core::Location& where, core::Diagnostics& diags,
                                     ZipCache* cache = nullptr);

}  // namespace octavo::epub::detail
