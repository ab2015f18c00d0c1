#include "pdf_test_support.hpp"

#include <png.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace octavo::pdf::test {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          ("octavo-test-pdf-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Run run(const std::string& command) {
  TempDir dir;
  const fs::path out = dir / "out", err = dir / "err";
  const std::string full = command + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int raw = std::system(full.c_str());
  Run result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  result.out = slurp(out);
  result.err = slurp(err);
  return result;
}

void write_png(const fs::path& path, unsigned width, unsigned height, int bit_depth,
               int colour_type, bool interlaced, const PixelFn& pixel) {
  FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) throw std::runtime_error("cannot create " + path.string());
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_init_io(png, file);
  png_set_IHDR(png, info, width, height, bit_depth, colour_type,
               interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  const int channels = png_get_channels(png, info);
  const std::size_t bytes = bit_depth / 8;
  std::vector<std::vector<png_byte>> rows(height, std::vector<png_byte>(width * channels * bytes));
  for (unsigned y = 0; y < height; ++y)
    for (unsigned x = 0; x < width; ++x) {
      const auto samples = pixel(x, y);
      for (int c = 0; c < channels; ++c) {
        png_byte* p = &rows[y][(x * channels + c) * bytes];
        if (bytes == 2) {
          p[0] = static_cast<png_byte>(samples[c] >> 8);  // PNG samples are big-endian
          p[1] = static_cast<png_byte>(samples[c] & 0xFF);
        } else {
          p[0] = static_cast<png_byte>(samples[c]);
        }
      }
    }
  std::vector<png_bytep> pointers;
  for (auto& row : rows) pointers.push_back(row.data());
  png_write_image(png, pointers.data());  // handles the Adam7 passes itself
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  std::fclose(file);
}

std::vector<std::string> inflated_streams(const fs::path& path) {
  const std::string pdf = slurp(path);
  std::vector<std::string> streams;
  std::size_t at = 0;
  while ((at = pdf.find("stream", at)) != std::string::npos) {
    if (at >= 3 && pdf.compare(at - 3, 3, "end") == 0) {
      at += 6;
      continue;
    }
    std::size_t data = at + 6;
    if (data < pdf.size() && pdf[data] == '\r') ++data;
    if (data < pdf.size() && pdf[data] == '\n') ++data;
    const std::size_t end = pdf.find("endstream", data);
    if (end == std::string::npos) break;
    z_stream z{};
    inflateInit(&z);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(pdf.data() + data));
    z.avail_in = static_cast<uInt>(end - data);
    std::string out;
    char buf[65536];
    int status = Z_OK;
    while (status == Z_OK) {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      status = inflate(&z, Z_NO_FLUSH);
      out.append(buf, sizeof buf - z.avail_out);
    }
    inflateEnd(&z);
    if (status == Z_STREAM_END) streams.push_back(std::move(out));
    at = end + 9;
  }
  return streams;
}

Raster read_ppm(const fs::path& path) {
  const std::string bytes = slurp(path);
  std::istringstream in(bytes);
  std::string magic;
  unsigned max = 0;
  Raster r;
  in >> magic >> r.width >> r.height >> max;
  if (magic != "P6" || max != 255)
    throw std::runtime_error("not an 8-bit P6 PPM: " + path.string());
  const std::size_t start = static_cast<std::size_t>(in.tellg()) + 1;  // one whitespace byte
  r.rgb.assign(bytes.begin() + static_cast<std::ptrdiff_t>(start), bytes.end());
  if (r.rgb.size() != std::size_t(r.width) * r.height * 3) throw std::runtime_error("short PPM");
  return r;
}

}  // namespace octavo::pdf::test
