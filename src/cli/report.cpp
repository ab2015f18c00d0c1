#include "cli/report.hpp"

#include <cstdio>
#include <system_error>
#include <unistd.h>

namespace octavo::cli {

// Warnings shown at most: a table ten thousand columns wide makes as many overfull
// cells, and the errors after them would be lost in the flood. Errors always show.
constexpr std::size_t kMaxWarnings = 100;

int report(const core::Diagnostics& diags) {
  const bool colour = ::isatty(STDERR_FILENO) != 0;
  std::size_t warnings = 0;
  for (const auto& d : diags.all()) {
    if (d.severity != core::Severity::error && ++warnings > kMaxWarnings) continue;
    auto text = core::format(d);
    if (colour) {
      const char* paint = d.severity == core::Severity::error ? "\033[1;31m" : "\033[1;35m";
      const auto at = text.find(d.severity == core::Severity::error ? ": error:" : ": warning:");
      if (at != std::string::npos) {
        const auto end = text.find(':', at + 2);
        text = text.substr(0, at + 2) + paint + text.substr(at + 2, end - at - 2) + "\033[0m" +
               text.substr(end);
      }
    }
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  if (warnings > kMaxWarnings)
    std::fprintf(stderr, "octavo: %zu more warnings not shown\n", warnings - kMaxWarnings);
  return diags.has_errors() ? 1 : 0;
}

void print_summary(const std::filesystem::path& path, const std::string& what, double millis) {
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  char size[32];
  if (bytes >= 1024 * 1024) {
    std::snprintf(size, sizeof size, "%.1f MB", double(bytes) / (1024 * 1024));
  } else {
    std::snprintf(size, sizeof size, "%.0f kB", double(bytes) / 1024);
  }
  std::printf("wrote %s: %s, %s, %.0f ms\n", path.string().c_str(), what.c_str(), size, millis);
  std::fflush(stdout);
}

}  // namespace octavo::cli
