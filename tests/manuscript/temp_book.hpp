#pragma once
// A throw-away book folder under the system temp directory, and tiny valid images.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <doctest/doctest.h>

#include "core/diagnostics.hpp"

namespace octavo::manuscript::testing {

namespace fs = std::filesystem;

class TempBook {
 public:
  TempBook() {
    static std::atomic<unsigned> counter{0};
    dir = fs::temp_directory_path() /
          ("octavo-manuscript-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~TempBook() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  TempBook(const TempBook&) = delete;
  TempBook& operator=(const TempBook&) = delete;

  /// Writes `bytes` to `rel` (relative to the book folder), creating folders.
  void write(const std::string& rel, const std::string& bytes) const {
    const fs::path p = dir / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
  }

  /// The location prefix a diagnostic about `rel` starts with: "<dir>/<rel>".
  std::string path(const std::string& rel) const { return (dir / rel).string(); }

  fs::path dir;
};

/// The smallest PNG header probe_image accepts: signature, IHDR, an IDAT and IEND
/// (CRCs are not checked by the probe, so they are zero).
inline std::string png(unsigned width, unsigned height) {
  const auto be32 = [](unsigned v) {
    return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
  };
  std::string out("\x89PNG\r\n\x1a\n", 8);
  out += be32(13) + "IHDR" + be32(width) + be32(height) + std::string("\x08\x02\x00\x00\x00", 5) +
         be32(0);
  out += be32(0) + "IDAT" + be32(0);
  out += be32(0) + "IEND" + be32(0);
  return out;
}

/// SOI, a baseline SOF0 segment for 3 components, EOI.
inline std::string jpeg(unsigned width, unsigned height) {
  std::string out("\xFF\xD8", 2);
  out += std::string("\xFF\xC0\x00\x11\x08", 5);
  out += char(height >> 8);
  out += char(height);
  out += char(width >> 8);
  out += char(width);
  out += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  out += std::string("\xFF\xD9", 2);
  return out;
}

/// Each diagnostic as `path:line:col: severity: message`, hints left out.
inline std::vector<std::string> messages(const core::Diagnostics& diags) {
  std::vector<std::string> out;
  for (auto d : diags.all()) {
    d.hints.clear();
    out.push_back(core::format(d));
  }
  return out;
}

}  // namespace octavo::manuscript::testing

// Failed comparisons of message lists print the lists, one item per line.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const auto& item : items) out += "\n  \"" + item + "\"";
    out += "\n}";
    return out.c_str();
  }
};
