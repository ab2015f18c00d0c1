#pragma once
// Resolving an image reference (a chapter's ![…](src) or book.toml's cover) to a file
// inside the book folder, and checking that it is a PNG or JPEG.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/image_info.hpp"

namespace octavo::manuscript::detail {

struct ImageCheck {
  bool ok = false;
  std::string path;  ///< relative to the book folder, '/'-separated
  core::ImageInfo info;
  std::string error;  ///< the diagnostic message when !ok
  std::vector<std::string> hints;
};

/// Resolves `src` (as written; percent-escapes decoded here) against `base_dir`,
/// confines it to `root`, and probes the file's header. `noun` names the image in
/// messages ("image", "cover image").
ImageCheck check_image(std::string_view src, const std::filesystem::path& base_dir,
                       const std::filesystem::path& root, std::string_view noun = "image");

/// "a%20b.png" → "a b.png"; malformed escapes stay as written.
std::string percent_decode(std::string_view text);

}  // namespace octavo::manuscript::detail
