#include "cli/resources.hpp"

#include <cstdlib>
#include <system_error>

namespace octavo::cli {

namespace fs = std::filesystem;
namespace {

bool has_data(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "styles", ec) && fs::is_directory(dir / "fonts", ec);
}

style::Resources at(const fs::path& dir) { return {dir / "styles", dir / "fonts"}; }

}  // namespace

style::Resources find_resources() {
  if (const char* env = std::getenv("OCTAVO_DATA_DIR"); env && *env && has_data(env)) return at(env);
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "octavo";
    if (has_data(installed)) return at(installed);
  }
  return at(OCTAVO_SOURCE_DIR);
}

}  // namespace octavo::cli
