#pragma once
// Reading files, confining paths to a folder, and writing outputs atomically.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace octavo::core {

namespace fs = std::filesystem;

/// The whole file as bytes, or nothing when it cannot be read (`error` says why).
std::optional<std::string> read_file(const fs::path& path, std::string* error = nullptr);

/// True when `path`, with symlinks and `..` resolved, lies inside `dir` (also resolved).
bool is_inside(const fs::path& dir, const fs::path& path);

/// A temporary file beside `target`, removed on destruction unless `commit()` renamed
/// it over the target. An earlier target survives any failure before the commit.
class PendingFile {
public:
  explicit PendingFile(fs::path target);
  ~PendingFile();
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;

  const fs::path& temp_path() const { return temp_; }
  const fs::path& target() const { return target_; }
  /// Renames the temporary file over the target; false (with `error`) on failure.
  bool commit(std::string* error = nullptr);

private:
  fs::path target_;
  fs::path temp_;
  bool committed_ = false;
};

/// Writes `bytes` to `target` through a PendingFile.
bool write_file_atomically(const fs::path& target, std::string_view bytes,
                           std::string* error = nullptr);

/// True when a file can be created in `dir` (it exists, is a folder and is writable).
bool is_writable_dir(const fs::path& dir);

}  // namespace octavo::core
