#pragma once
// PNGs that libharu 2.3's loader gets wrong, decoded with libpng instead.
//
// hpdf_image_png.c strips 16-bit samples to 8 but still declares /BitsPerComponent 16,
// reads alpha images with png_read_image without turning on interlace handling, and
// handles tRNS only for palette images. Such files are decoded here to 8-bit grey or
// RGB, transparency composited over white (the page), and given to libharu raw.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace octavo::pdf::detail {

struct RawImage {
  unsigned width = 0;
  unsigned height = 0;
  bool grey = false;                 ///< one sample per pixel, else RGB
  std::vector<std::uint8_t> pixels;  ///< rows top to bottom, no padding
};

/// True when the PNG in `bytes` is one libharu cannot load faithfully: 16-bit samples,
/// Adam7 interlacing, an alpha channel or a tRNS chunk.
bool png_needs_decoding(std::string_view bytes);

/// Decodes a PNG to 8-bit grey or RGB over white; nothing (with `error`) when corrupt.
/// 16-bit files without gAMA/sRGB are taken as sRGB-encoded, as browsers show them.
std::optional<RawImage> decode_png(std::string_view bytes, std::string* error);

}  // namespace octavo::pdf::detail
