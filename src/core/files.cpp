#include "core/files.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace octavo::core {

// open, fstat and read rather than a stream: a book of hundreds of chapters is read on
// every rebuild of `octavo watch`, and a stream cost four times the system's own work
// per file (its buffer, its locale, two seeks).
std::optional<std::string> read_file(const fs::path& path, std::string* error) {
  const auto fail = [&](const char* why) -> std::optional<std::string> {
    if (error) *error = why;
    return std::nullopt;
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) return fail(std::strerror(errno));
  if (S_ISDIR(info.st_mode)) return fail("is a directory");
  // Its size, and then whatever else it gives (a file that grows, or one that does not
  // know its size): read up to the end.
  std::string bytes(static_cast<std::size_t>(std::max<off_t>(info.st_size, 0)) + 1, '\0');
  std::size_t done = 0;
  for (;;) {
    if (done == bytes.size()) bytes.resize(bytes.size() * 2);
    const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("read failed");
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

std::optional<FileState> file_state(const fs::path& path, int* error) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (error) *error = errno;
    return std::nullopt;
  }
  const auto ns = [](const timespec& t) { return std::int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec; };
  FileState s;
  s.device = info.st_dev;
  s.inode = info.st_ino;
  s.size = static_cast<std::uint64_t>(std::max<off_t>(info.st_size, 0));
  s.modified = ns(info.st_mtim);
  s.changed = ns(info.st_ctim);
  s.regular = S_ISREG(info.st_mode);
  // The file system stamps files from a coarse clock (a tick of a few milliseconds); a
  // second is ample.
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  const std::int64_t second = 1'000'000'000;
  s.settled = std::max(s.modified, s.changed) < ns(now) - second;
  return s;
}

FileStamp file_stamp(const fs::path& path) {
  std::error_code size_error, time_error;
  const auto size = fs::file_size(path, size_error);
  const auto time = fs::last_write_time(path, time_error);
  if (size_error || time_error) return {};
  return {size, time.time_since_epoch().count()};
}

bool is_inside(const fs::path& dir, const fs::path& path) { return Confinement(dir).contains(path); }

Confinement::Confinement(const fs::path& dir) {
  std::error_code ec;
  root_ = fs::weakly_canonical(dir, ec);
  if (ec) root_.clear();
}

bool Confinement::contains(const fs::path& path) const {
  if (root_.empty()) return false;
  const fs::path name = path.filename();
  struct stat info {};
  if (!name.empty() && name != "." && name != ".." && ::lstat(path.c_str(), &info) == 0 &&
      !S_ISLNK(info.st_mode)) {
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    const std::lock_guard<std::mutex> lock(mutex_);
    auto it = folders_.find(folder.string());
    if (it == folders_.end()) it = folders_.emplace(folder.string(), resolves_inside(folder)).first;
    return it->second;
  }
  return resolves_inside(path);
}

bool Confinement::resolves_inside(const fs::path& path) const {
  // An existing file resolves in one realpath(); weakly_canonical, for one that may not
  // exist, walks the path a component at a time (several times slower).
  std::error_code ec;
  fs::path full = fs::canonical(path, ec);
  if (ec) full = fs::weakly_canonical(path, ec);
  if (ec) return false;
  auto r = root_.begin();
  auto p = full.begin();
  for (; r != root_.end(); ++r, ++p) {
    if (r->empty()) continue;  // a trailing separator
    if (p == full.end() || *r != *p) return false;
  }
  return true;
}

namespace {

std::atomic<unsigned> temp_counter{0};

std::string errno_text() { return std::strerror(errno); }

}  // namespace

OutputFile::OutputFile(fs::path target, bool durable) : target_(std::move(target)), durable_(durable) {
  const fs::path dir = target_.parent_path().empty() ? fs::path(".") : target_.parent_path();
  named_ = dir / ("." + target_.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                  std::to_string(temp_counter++));
  fd_ = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
  unnamed_ = fd_ >= 0;
  if (!unnamed_) fd_ = ::open(named_.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && (!unnamed_ || written_)) {
    std::error_code ec;
    fs::remove(named_, ec);  // a named stand-in, or a link made by a commit that failed
  }
}

bool OutputFile::write(std::string_view bytes, std::string* error) {
  const auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return false;
  };
  if (fd_ < 0) return fail("cannot create a file in " + target_.parent_path().string() + ": " + errno_text());
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(errno_text());
    }
    done += static_cast<std::size_t>(n);
  }
  // On the disk before it has a name: a crash after the rename finds the whole file.
  if (durable_ && ::fsync(fd_) != 0) return fail(errno_text());
  written_ = true;
  return true;
}

bool OutputFile::commit(std::string* error, fs::path* kept_old) {
  const auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return false;
  };
  if (!written_) return fail("nothing was written");
  if (unnamed_) {
    // linkat through /proc names an O_TMPFILE file without the privilege AT_EMPTY_PATH
    // needs (open(2)); a link cannot replace a file, so the rename below does.
    const std::string self = "/proc/self/fd/" + std::to_string(fd_);
    if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, named_.c_str(), AT_SYMLINK_FOLLOW) != 0)
      return fail(errno_text());
  }
  fs::path old;
  if (kept_old) {
    old = named_;
    old += ".old";
    if (::link(target_.c_str(), old.c_str()) != 0) old.clear();  // none there, or no links here
  }
  if (::rename(named_.c_str(), target_.c_str()) != 0) {
    const std::string why = errno_text();
    if (!old.empty()) ::unlink(old.c_str());
    return fail(why);
  }
  committed_ = true;
  if (kept_old) *kept_old = std::move(old);
  return true;
}

bool write_file_atomically(const fs::path& target, std::string_view bytes, std::string* error) {
  OutputFile out(target);
  return out.write(bytes, error) && out.commit(error);
}

bool is_writable_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return false;
  return ::access(dir.c_str(), W_OK | X_OK) == 0;
}

}  // namespace octavo::core
