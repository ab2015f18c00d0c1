#include "core/image_info.hpp"

#include <cstdint>

namespace octavo::core {
namespace {

std::uint32_t be32(std::string_view b, std::size_t at) {
  return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}
unsigned be16(std::string_view b, std::size_t at) {
  return (unsigned(std::uint8_t(b[at])) << 8) | unsigned(std::uint8_t(b[at + 1]));
}

std::optional<ImageInfo> probe_png(std::string_view b, std::string* error) {
  // Signature (8), IHDR length (4) "IHDR" (4), width, height, depth, colour type,
  // compression, filter, interlace; then at least an IDAT and IEND must follow.
  if (b.size() < 33 || b.substr(12, 4) != "IHDR" || be32(b, 8) != 13) {
    *error = "corrupt PNG: no IHDR header";
    return std::nullopt;
  }
  ImageInfo info;
  info.format = ImageFormat::png;
  info.width = be32(b, 16);
  info.height = be32(b, 20);
  info.bit_depth = std::uint8_t(b[24]);
  const unsigned colour = std::uint8_t(b[25]);
  info.interlaced = b[28] != 0;
  switch (colour) {
    case 0: info.channels = 1; break;
    case 2: info.channels = 3; break;
    case 3: info.channels = 3; info.palette = true; break;
    case 4: info.channels = 2; break;
    case 6: info.channels = 4; break;
    default: *error = "corrupt PNG: unknown colour type"; return std::nullopt;
  }
  if (info.width == 0 || info.height == 0) {
    *error = "corrupt PNG: zero width or height";
    return std::nullopt;
  }
  if (b.find("IDAT") == std::string_view::npos || b.find("IEND") == std::string_view::npos) {
    *error = "corrupt PNG: image data missing or truncated";
    return std::nullopt;
  }
  return info;
}

std::optional<ImageInfo> probe_jpeg(std::string_view b, std::string* error) {
  // Walk the marker segments up to a start-of-frame (SOF0..SOF15 but DHT, JPG, DAC).
  std::size_t at = 2;
  while (at + 4 <= b.size()) {
    if (std::uint8_t(b[at]) != 0xFF) break;
    const unsigned marker = std::uint8_t(b[at + 1]);
    if (marker == 0xFF) { ++at; continue; }
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { at += 2; continue; }
    const unsigned length = be16(b, at + 2);
    if (length < 2) break;
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (at + 10 > b.size()) break;
      ImageInfo info;
      info.format = ImageFormat::jpeg;
      info.bit_depth = std::uint8_t(b[at + 4]);
      info.height = be16(b, at + 5);
      info.width = be16(b, at + 7);
      info.channels = std::uint8_t(b[at + 9]);
      if (info.width == 0 || info.height == 0 || info.channels == 0) break;
      return info;
    }
    at += 2 + length;
  }
  *error = "corrupt JPEG: no frame header";
  return std::nullopt;
}

}  // namespace

std::optional<ImageInfo> probe_image(std::string_view bytes, std::string* error) {
  std::string scratch;
  if (!error) error = &scratch;
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8))
    return probe_png(bytes, error);
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xFF\xD8\xFF") return probe_jpeg(bytes, error);
  *error = "not a PNG or JPEG image";
  return std::nullopt;
}

}  // namespace octavo::core
