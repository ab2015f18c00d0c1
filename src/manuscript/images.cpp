#include "manuscript/images.hpp"

#include <cstdint>
#include <system_error>

#include "core/files.hpp"

namespace octavo::manuscript::detail {
namespace {

namespace fs = std::filesystem;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The URL scheme of `src` ("http", "data", …), or empty for a plain path
// (RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":").
std::string_view scheme_of(std::string_view src) {
  const auto colon = src.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = src[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
      return {};
    }
  }
  return src.substr(0, colon);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// The largest image read, in pixels: a page at 300 pixels per inch needs a few million;
// the PDF decodes each image whole, and 400 megapixels take minutes and gigabytes.
constexpr std::uint64_t kMaxImagePixels = 100'000'000;

ImageCheck fail(std::string message, std::vector<std::string> hints = {}) {
  ImageCheck check;
  check.error = std::move(message);
  check.hints = std::move(hints);
  return check;
}

// The path of `file` relative to `root`, as the author spelled it where possible
// (lexically), else through the resolved paths (symlinks, odd spellings of the root).
std::string relative_to_root(const fs::path& file, const fs::path& root) {
  fs::path rel = file.lexically_normal().lexically_relative(root.lexically_normal());
  if (rel.empty() || *rel.begin() == "..") {
    std::error_code ec;
    rel = fs::weakly_canonical(file, ec).lexically_relative(fs::weakly_canonical(root, ec));
  }
  return rel.generic_string();
}

}  // namespace

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int hi = hex_value(text[i + 1]);
      const int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

ImageCheck check_image(std::string_view src, const fs::path& base_dir, const fs::path& root,
                       std::string_view noun) {
  const std::string shown(src);
  const std::string what(noun);
  if (src.empty()) return fail(what + " has no path");
  const std::string_view scheme = scheme_of(src);
  if (src.starts_with("//") || iequals(scheme, "http") || iequals(scheme, "https")) {
    return fail("remote images are not fetched: " + shown,
                {"download the image into the book folder and link it by a relative path"});
  }
  if (!scheme.empty()) {
    return fail("unsupported " + what + " URL: " + shown,
                {"link an image file in the book folder by a relative path"});
  }
  const std::string decoded = percent_decode(src);
  if (decoded.find('\0') != std::string::npos) return fail("invalid " + what + " path: " + shown);
  const fs::path file = base_dir / fs::path(decoded);
  if (!core::is_inside(root, file)) {
    return fail(what + " path is outside the book folder: " + shown);
  }
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (!fs::exists(status)) return fail(what + " not found: " + shown);
  if (!fs::is_regular_file(status)) return fail(what + " is not a file: " + shown);
  std::string why;
  const auto bytes = core::read_file(file, &why);
  if (!bytes) return fail("cannot read " + what + " " + shown + ": " + why);
  const auto info = core::probe_image(*bytes, &why);
  if (!info) return fail("cannot use " + what + " " + shown + ": " + why);
  if (static_cast<std::uint64_t>(info->width) * info->height > kMaxImagePixels)
    return fail(what + " " + shown + " is " + std::to_string(info->width) + " \u00D7 " +
                    std::to_string(info->height) + " pixels, more than the 100 megapixels octavo reads",
                {"scale it down: 300 pixels per inch of its printed size is enough for print"});
  ImageCheck check;
  check.ok = true;
  check.path = relative_to_root(file, root);
  check.info = *info;
  return check;
}

}  // namespace octavo::manuscript::detail
