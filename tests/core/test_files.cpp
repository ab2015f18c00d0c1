#include <doctest/doctest.h>

#include <fstream>

#include "core/files.hpp"

using namespace octavo::core;

namespace {
fs::path fresh_dir(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("octavo-test-files-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
}  // namespace

TEST_CASE("is_inside resolves .. and symlinks") {
  const auto dir = fresh_dir("inside");
  fs::create_directories(dir / "book" / "chapters");
  std::ofstream(dir / "secret.txt") << "x";
  CHECK(is_inside(dir / "book", dir / "book" / "chapters" / "a.md"));
  CHECK_FALSE(is_inside(dir / "book", dir / "book" / ".." / "secret.txt"));
  CHECK_FALSE(is_inside(dir / "book", dir / "bookshelf" / "a.md"));
  fs::create_symlink(dir / "secret.txt", dir / "book" / "link.md");
  CHECK_FALSE(is_inside(dir / "book", dir / "book" / "link.md"));
  fs::remove_all(dir);
}

TEST_CASE("a pending file replaces the target only on commit") {
  const auto dir = fresh_dir("pending");
  const auto target = dir / "book.epub";
  std::ofstream(target) << "old";
  {
    PendingFile pending(target);
    std::ofstream(pending.temp_path()) << "half-written";
    // destroyed without commit
  }
  CHECK(*read_file(target) == "old");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}) == 1);
  CHECK(write_file_atomically(target, "new"));
  CHECK(*read_file(target) == "new");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}) == 1);
  fs::remove_all(dir);
}

TEST_CASE("read_file reports a missing file") {
  std::string error;
  CHECK_FALSE(read_file("/nonexistent/octavo/file", &error));
  CHECK_FALSE(error.empty());
}
