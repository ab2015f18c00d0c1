#pragma once
// Raster images in libharu: each distinct path loaded once, the format taken from the
// file's contents (not its name).
#include <map>
#include <string>

#include "pdf/haru.hpp"

namespace octavo::pdf::detail {

class ImageTable {
 public:
  explicit ImageTable(HaruDoc& doc) : doc_(doc) {}

  /// The image at `path`, loaded on first use; nullptr with `error` set when it cannot
  /// be read or decoded.
  HPDF_Image image(const std::string& path, std::string* error);

 private:
  HPDF_Image load(const std::string& path, std::string* error);

  HaruDoc& doc_;
  std::map<std::string, HPDF_Image> loaded_;
};

}  // namespace octavo::pdf::detail
