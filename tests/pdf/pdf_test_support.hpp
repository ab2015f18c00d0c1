#pragma once
// Helpers for the PDF tests: running the real validators, making images, reading the
// streams of a written PDF.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace octavo::pdf::test {

namespace fs = std::filesystem;

inline const std::string gentium = OCTAVO_SOURCE_DIR "/fonts/GentiumBookPlus-Regular.ttf";
inline const std::string gentium_italic = OCTAVO_SOURCE_DIR "/fonts/GentiumBookPlus-Italic.ttf";
inline const std::string charis = OCTAVO_SOURCE_DIR "/fonts/CharisSIL-Regular.ttf";
// A progressive JPEG from the shared corpus, which sits beside the checkout.
inline const std::string jpeg_sample =
    OCTAVO_SOURCE_DIR "/../shared/corpus/notes/images/illustration-2.jpg";

/// A fresh folder under the system's temporary folder, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

struct Run {
  int status = -1;  ///< the command's exit code
  std::string out;
  std::string err;
};

/// Runs `command` through the shell, capturing its standard output and error.
Run run(const std::string& command);

/// The file's bytes ("" when unreadable).
std::string slurp(const fs::path& path);

/// One 16-bit or 8-bit sample value per channel for pixel (x, y).
using PixelFn = std::function<std::vector<unsigned>(unsigned x, unsigned y)>;

/// Writes a PNG with libpng. `colour_type` is PNG_COLOR_TYPE_*, `bit_depth` 8 or 16.
void write_png(const fs::path& path, unsigned width, unsigned height, int bit_depth,
               int colour_type, bool interlaced, const PixelFn& pixel);

/// Every stream of the PDF at `path` that inflates (Flate), decompressed, in file order,
/// including objects nothing refers to.
std::vector<std::string> inflated_streams(const fs::path& path);

/// An RGB raster read from a binary PPM (P6), as pdftoppm writes.
struct Raster {
  unsigned width = 0, height = 0;
  std::vector<std::uint8_t> rgb;
  const std::uint8_t* at(unsigned x, unsigned y) const {
    return &rgb[(std::size_t(y) * width + x) * 3];
  }
};
Raster read_ppm(const fs::path& path);

}  // namespace octavo::pdf::test
