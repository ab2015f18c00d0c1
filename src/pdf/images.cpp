#include "pdf/images.hpp"

#include "core/files.hpp"
#include "core/image_info.hpp"
#include "pdf/png_decode.hpp"

namespace octavo::pdf::detail {

HPDF_Image ImageTable::image(const std::string& path, std::string* error) {
  if (auto it = loaded_.find(path); it != loaded_.end()) return it->second;
  HPDF_Image image = load(path, error);
  if (image) loaded_.emplace(path, image);
  return image;
}

HPDF_Image ImageTable::load(const std::string& path, std::string* error) {
  std::string why;
  const auto bytes = core::read_file(path, &why);
  if (!bytes) {
    if (error) *error = "cannot read image " + path + ": " + why;
    return nullptr;
  }
  const auto info = core::probe_image(*bytes, &why);
  if (!info) {
    if (error) *error = "cannot use image " + path + ": " + why;
    return nullptr;
  }
  const auto* data = reinterpret_cast<const HPDF_BYTE*>(bytes->data());
  const auto size = static_cast<HPDF_UINT>(bytes->size());
  HPDF_Image image = nullptr;
  if (info->format == core::ImageFormat::jpeg) {
    // Passed through as DCT data.
    image = HPDF_LoadJpegImageFromMem(doc_.get(), data, size);
  } else if (!png_needs_decoding(*bytes)) {
    image = HPDF_LoadPngImageFromMem(doc_.get(), data, size);
  } else {
    const auto raw = decode_png(*bytes, &why);
    if (!raw) {
      if (error) *error = "cannot use image " + path + ": " + why;
      return nullptr;
    }
    image = HPDF_LoadRawImageFromMem(doc_.get(), raw->pixels.data(), raw->width, raw->height,
                                     raw->grey ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
  }
  if (!image || doc_.failed()) {
    if (error) *error = doc_.message("cannot load image " + path);
    return nullptr;
  }
  return image;
}

}  // namespace octavo::pdf::detail
