#pragma once
// Reading files, confining paths to a folder, and writing outputs atomically.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <map>
#include <mutex>
#include <string>

namespace octavo::core {

namespace fs = std::filesystem;

/// The whole file as bytes, or nothing when it cannot be read (`error` says why).
std::optional<std::string> read_file(const fs::path& path, std::string* error = nullptr);

/// True when `path`, with symlinks and `..` resolved, lies inside `dir` (also resolved).
bool is_inside(const fs::path& dir, const fs::path& path);

/// What tells whether a file changed between two builds without reading it: its size
/// and modification time, zeros when it cannot be read.
struct FileStamp {
  std::uintmax_t size = 0;
  std::int64_t time = 0;
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};
FileStamp file_stamp(const fs::path& path);

/// A file as stat(2) sees it: which file it is, its size, and when its bytes and its
/// inode last changed (nanoseconds). A file written since shows another size or other
/// times; one read while its times were still the clock's own (`settled` false) may be
/// written again within the clock's tick, so only a settled state vouches for the bytes
/// read with it (git's "racily clean" entries, the same care).
struct FileState {
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t modified = 0, changed = 0;
  bool regular = false;  ///< a regular file (not a folder, a device…)
  bool settled = false;  ///< both times over a second before the state was taken
  friend bool operator==(const FileState& a, const FileState& b) {
    return a.device == b.device && a.inode == b.inode && a.size == b.size && a.modified == b.modified &&
           a.changed == b.changed;
  }
};
/// The state of the file at `path` (symbolic links followed), or nothing when it cannot
/// be stat'ed (`error`: errno).
std::optional<FileState> file_state(const fs::path& path, int* error = nullptr);

/// A folder resolved once, for asking is_inside of many paths (a book's chapters), from
/// any thread.
class Confinement {
public:
  explicit Confinement(const fs::path& dir);
  bool contains(const fs::path& path) const;

private:
  bool resolves_inside(const fs::path& path) const;

  fs::path root_;  // resolved; empty when `dir` could not be
  // The folders of the files asked about, resolved, and whether each is inside: a book's
  // chapters are files of one or two folders, and a file that is not a symbolic link is
  // where its folder is (resolving each, a system call per component of its path, was
  // most of what reading a book of hundreds of chapters cost).
  mutable std::mutex mutex_;
  mutable std::map<std::string, bool> folders_;
};

/// An output written whole before it replaces its target. The bytes go to an unnamed
/// file in the target's folder (Linux's O_TMPFILE), which gets a name only in commit():
/// a build that fails, is killed (even by SIGKILL) or fills the disk leaves no temporary
/// file behind and the earlier target as it was. Where the file system has no unnamed
/// files, a hidden named one stands in, removed on any failure short of a kill.
class OutputFile {
public:
  /// `durable`: write() also flushes the file to the disk, so that a crash of the system
  /// after commit() finds it whole. Without, a reader still never sees it half written
  /// (`octavo watch`, which makes its outputs again at every save, does not wait for
  /// the disk: 6 ms of a 100 ms rebuild of War and Peace).
  explicit OutputFile(fs::path target, bool durable = true);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  const fs::path& target() const { return target_; }
  /// Writes the whole content (and flushes it to the disk, when durable); false (with
  /// `error`) when it cannot (a full disk, a file size limit).
  bool write(std::string_view bytes, std::string* error = nullptr);
  /// Gives the written file the target's name, replacing the earlier one at once.
  /// `kept_old`: the earlier file, if there is one, keeps a hidden name there (set to
  /// it) for the caller to remove later: a file replaced is freed, its pages and its
  /// blocks, within the rename (3 ms for a 4 MB PDF), and `octavo watch` removes it
  /// after saying the outputs are there.
  bool commit(std::string* error = nullptr, fs::path* kept_old = nullptr);

private:
  fs::path target_;
  fs::path named_;  ///< the hidden name it has while it is not yet the target's
  int fd_ = -1;
  bool durable_ = true;
  bool unnamed_ = false;
  bool written_ = false;
  bool committed_ = false;
};

/// Writes `bytes` to `target` through an OutputFile.
bool write_file_atomically(const fs::path& target, std::string_view bytes,
                           std::string* error = nullptr);

/// True when a file can be created in `dir` (it exists, is a folder and is writable).
bool is_writable_dir(const fs::path& dir);

}  // namespace octavo::core
