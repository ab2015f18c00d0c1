#pragma once
// Reads the header of a PNG or JPEG file: enough to reject a corrupt image early and
// to size it on the page. Decoding pixels is libharu's and the reader's job.
#include <optional>
#include <string>
#include <string_view>

namespace octavo::core {

enum class ImageFormat { png, jpeg };

struct ImageInfo {
  ImageFormat format = ImageFormat::png;
  unsigned width = 0;
  unsigned height = 0;
  unsigned bit_depth = 8;
  unsigned channels = 3;  ///< 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA (PNG) or CMYK (JPEG)
  bool palette = false;   ///< PNG colour type 3
  bool interlaced = false;
  const char* media_type() const { return format == ImageFormat::png ? "image/png" : "image/jpeg"; }
  friend bool operator==(const ImageInfo&, const ImageInfo&) = default;
};

/// Parses the header of `bytes`; on failure returns nothing and sets `error`.
std::optional<ImageInfo> probe_image(std::string_view bytes, std::string* error);

}  // namespace octavo::core
