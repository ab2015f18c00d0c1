#include "pdf/png_decode.hpp"

#include <png.h>

namespace octavo::pdf::detail {
namespace {

std::uint32_t be32(std::string_view b, std::size_t at) {
  return (std::uint32_t(std::uint8_t(b[at])) << 24) |
         (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}

/// Composites non-premultiplied 8-bit samples with alpha over white, in place:
/// c' = (c·a + 255·(255 − a)) / 255, rounded; the gamma-encoded blend PDF viewers and
/// browsers use for a soft mask. `channels` counts the colour samples (1 or 3).
void composite_over_white(std::vector<std::uint8_t>& px, std::size_t pixels, unsigned channels) {
  const std::size_t in_step = channels + 1;
  std::size_t out = 0;
  for (std::size_t i = 0; i < pixels; ++i) {
    const std::uint8_t* p = &px[i * in_step];
    const unsigned a = p[channels];
    for (unsigned c = 0; c < channels; ++c)
      px[out++] = static_cast<std::uint8_t>((p[c] * a + 255 * (255 - a) + 127) / 255);
  }
  px.resize(out);
}

}  // namespace

bool png_needs_decoding(std::string_view b) {
  // PNG spec §11.2.2: IHDR comes first; its bit depth, colour type and interlace method
  // are at fixed offsets. Ancillary chunks (tRNS among them) precede the first IDAT.
  if (b.size() < 33) return true;  // let the decoder report what is wrong
  const unsigned depth = std::uint8_t(b[24]);
  const unsigned colour = std::uint8_t(b[25]);
  const bool interlaced = b[28] != 0;
  if (depth == 16 || interlaced || (colour & 4) != 0) return true;
  std::size_t at = 8;
  while (at + 8 <= b.size()) {
    const std::uint32_t length = be32(b, at);
    const std::string_view type = b.substr(at + 4, 4);
    if (type == "tRNS") return true;
    if (type == "IDAT" || type == "IEND") break;
    if (length > b.size()) return true;
    at += 12 + std::size_t(length);
  }
  return false;
}

std::optional<RawImage> decode_png(std::string_view bytes, std::string* error) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) {
    if (error) *error = std::string("corrupt PNG: ") + image.message;
    png_image_free(&image);
    return std::nullopt;
  }
  // Without this libpng's simplified reader takes 16-bit samples lacking gAMA as linear
  // light and brightens them; image tools write them sRGB-encoded. (Read when finishing;
  // beginning the read resets the flags.)
  image.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
  RawImage raw;
  raw.width = image.width;
  raw.height = image.height;
  raw.grey = (image.format & PNG_FORMAT_FLAG_COLOR) == 0;
  // Always read with alpha (8-bit, sRGB, not premultiplied) and composite here, so the
  // blend is the same whatever the source's depth and kind of transparency.
  image.format = raw.grey ? PNG_FORMAT_GA : PNG_FORMAT_RGBA;
  raw.pixels.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, raw.pixels.data(), 0, nullptr)) {
    if (error) *error = std::string("corrupt PNG: ") + image.message;
    png_image_free(&image);
    return std::nullopt;
  }
  composite_over_white(raw.pixels, std::size_t(raw.width) * raw.height, raw.grey ? 1 : 3);
  return raw;
}

}  // namespace octavo::pdf::detail
