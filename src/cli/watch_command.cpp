#include "cli/watch_command.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "cli/resources.hpp"
#include "epub/epub_writer.hpp"
#include "pdf/pdf_writer.hpp"

namespace octavo::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

volatile std::sig_atomic_t stop_requested = 0;
extern "C" void request_stop(int) { stop_requested = 1; }

// A file whose change can change the outputs; an editor's swap, backup and lock files
// (".x.md.swp", "x.md~", "4913") cannot.
bool relevant(const fs::path& path) {
  const std::string name = path.filename().string();
  if (name.empty() || name[0] == '.' || name[0] == '#') return false;
  std::string ext = path.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::set<std::string> kinds = {".md", ".toml", ".png", ".jpg", ".jpeg", ".ttf", ".otf"};
  return kinds.count(ext) > 0;
}

// Folders watched with inotify; a change is any file written, moved in or out, created
// or deleted in one of them. Editors that save by writing a new file and renaming it
// over the old one are seen by the move.
class Watcher {
public:
  explicit Watcher(fs::path skip) : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)), skip_(std::move(skip)) {}
  ~Watcher() {
    if (fd_ >= 0) ::close(fd_);
  }
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  bool ok() const { return fd_ >= 0; }

  /// Watches `dir` and, when `recursive`, every folder under it but hidden ones and the
  /// output folder (writing the outputs must not start another build).
  bool add(const fs::path& dir, bool recursive) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(dir, ec);
    if (ec || canonical == skip_) return false;
    constexpr std::uint32_t mask =
        IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ONLYDIR;
    const int wd = ::inotify_add_watch(fd_, canonical.c_str(), mask);
    if (wd < 0) return false;
    folders_[wd] = {canonical, recursive};
    if (recursive) {
      for (fs::directory_iterator it(canonical, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] != '.' && it->is_directory(ec)) add(it->path(), true);
      }
    }
    return true;
  }

  /// Waits for changes, and returns them once none has come for `settle` (an editor's
  /// save, or a `git checkout`, is several events): the changed files, or nothing when
  /// a stop was asked for. `open` is the signal mask under which a stop can arrive.
  std::set<fs::path> wait(std::chrono::milliseconds settle, const sigset_t& open) {
    std::set<fs::path> changed;
    alignas(inotify_event) char buffer[64 * 1024];
    while (!stop_requested) {
      pollfd p{fd_, POLLIN, 0};
      timespec quiet{0, static_cast<long>(settle.count()) * 1000000L};
      const int ready = ::ppoll(&p, 1, changed.empty() ? nullptr : &quiet, &open);
      if (ready < 0) {
        if (errno == EINTR) continue;
        break;
      }
      if (ready == 0) return changed;
      for (;;) {
        const ssize_t n = ::read(fd_, buffer, sizeof buffer);
        if (n <= 0) break;
        for (ssize_t at = 0; at < n;) {
          const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
          at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
          take(*e, changed);
        }
      }
    }
    return {};
  }

private:
  void take(const inotify_event& e, std::set<fs::path>& changed) {
    if (e.mask & IN_Q_OVERFLOW) {  // events were lost: build anyway
      changed.insert(fs::path());
      return;
    }
    const auto it = folders_.find(e.wd);
    if (it == folders_.end()) return;
    if (e.mask & IN_IGNORED) {  // the folder is gone
      folders_.erase(it);
      return;
    }
    if (e.len == 0) return;
    const fs::path path = it->second.first / e.name;
    if (e.mask & IN_ISDIR) {
      if ((e.mask & (IN_CREATE | IN_MOVED_TO)) && it->second.second) {
        add(path, true);
        changed.insert(path);  // a folder of chapters moved in
      } else if (e.mask & (IN_DELETE | IN_MOVED_FROM)) {
        changed.insert(path);
      }
      return;
    }
    if (relevant(path)) changed.insert(path);
  }

  int fd_;
  fs::path skip_;
  std::map<int, std::pair<fs::path, bool>> folders_;  ///< watch descriptor → folder, recursive
};

// "chapters/03.md", "chapters/03.md and book.toml", "chapters/03.md and 4 more files".
std::string describe(const std::set<fs::path>& changed, const fs::path& book_dir) {
  std::vector<std::string> names;
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(book_dir, ec);
  for (const auto& p : changed) {
    if (p.empty()) continue;
    const fs::path relative = p.lexically_relative(base);
    names.push_back(!relative.empty() && *relative.begin() != ".." ? relative.generic_string() : p.string());
  }
  if (names.empty()) return "files";
  if (names.size() == 1) return names[0];
  if (names.size() == 2) return names[0] + " and " + names[1];
  return names[0] + " and " + std::to_string(names.size() - 1) + " more files";
}

double millis_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int run_watch(const BuildOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(options.book_dir, ec)) {
    std::fprintf(stderr, "%s: error: no such book folder\n", options.book_dir.string().c_str());
    return 1;
  }
  // SIGINT and SIGTERM are held while a build runs (it finishes and writes whole
  // outputs) and taken while waiting, where they end the watch.
  sigset_t stops, open;
  sigemptyset(&stops);
  sigaddset(&stops, SIGINT);
  sigaddset(&stops, SIGTERM);
  sigprocmask(SIG_BLOCK, &stops, &open);
  sigdelset(&open, SIGINT);
  sigdelset(&open, SIGTERM);
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);

  fs::create_directories(options.out_dir, ec);
  Watcher watcher(fs::weakly_canonical(options.out_dir, ec));
  const auto resources = find_resources();
  bool watching = watcher.ok() && watcher.add(options.book_dir, true);
  if (!watching) {
    std::fprintf(stderr, "%s: error: cannot watch the book folder: %s\n", options.book_dir.string().c_str(),
                 std::strerror(errno));
    return 1;
  }
  watcher.add(resources.styles_dir, false);
  watcher.add(resources.fonts_dir, false);
  if (!options.style.empty() && fs::is_regular_file(options.style, ec))
    watcher.add(fs::absolute(options.style, ec).parent_path(), false);

  typeset::LayoutCache cache;
  epub::EpubCache epub_cache;
  pdf::PageCache pdf_cache;
  Rebuild first{&cache, true, {}, &epub_cache, &pdf_cache, {}};
  const auto start = Clock::now();
  const int status = build_once(options, &first);
  std::printf("%s in %.0f ms; watching %s for changes (Ctrl-C stops)\n", status == 0 ? "built" : "build failed",
              millis_since(start), options.book_dir.string().c_str());
  std::fflush(stdout);
  // The files the outputs replaced, once the line says they are in place.
  const auto remove_replaced = [](Rebuild& done) {
    std::error_code ignored;
    for (const auto& old : done.replaced) fs::remove(old, ignored);
  };
  remove_replaced(first);

  for (;;) {
    // An editor's save is a few events within a millisecond (a swap file, a rename, the
    // write); a checkout of many files, a burst with no gap over a third of a millisecond
    // (git checkout of 100 of War and Peace's chapters: 300 events in 21 ms, the longest
    // gap 0.3 ms). Every millisecond waited is one more before the new book is there:
    // 3 ms, ten times the longest gap seen.
    const auto changed = watcher.wait(std::chrono::milliseconds(3), open);
    if (changed.empty()) break;  // asked to stop
    Rebuild again{&cache, false, {}, &epub_cache, &pdf_cache, {}};
    const auto begin = Clock::now();
    const int result = build_once(options, &again);
    const double ms = millis_since(begin);
    const auto counts = cache.last_counts();
    const std::string what = describe(changed, options.book_dir);
    if (result == 0) {
      std::printf("%s changed: rebuilt in %.0f ms (%zu of %zu chapters laid out again)\n", what.c_str(), ms,
                  counts.laid_out, counts.laid_out + counts.reused);
    } else {
      std::printf("%s changed: the build failed (above); the last outputs are kept\n", what.c_str());
    }
    std::fflush(stdout);
    remove_replaced(again);
  }
  std::printf("stopped watching %s\n", options.book_dir.string().c_str());
  return 0;
}

}  // namespace octavo::cli
