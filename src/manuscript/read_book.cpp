// read_book: book.toml → chapter list → each chapter read, checked and parsed → the
// book-wide passes.
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <thread>
#include <map>
#include <set>
#include <system_error>

#include "core/files.hpp"
#include "core/utf8.hpp"
#include "manuscript/book_toml.hpp"
#include "manuscript/finish.hpp"
#include "manuscript/manuscript.hpp"
#include "core/utf8.hpp"

namespace octavo::manuscript {
namespace {

namespace fs = std::filesystem;

// Without [build].chapters the chapters are chapters/*.md, sorted by file name (bytes,
// so "10-…" sorts after "09-…" only when numbers are zero-padded, as in the corpus).
std::vector<detail::ChapterEntry> glob_chapters(const fs::path& book_dir) {
  std::vector<detail::ChapterEntry> out;
  std::error_code ec;
  for (fs::directory_iterator it(book_dir / "chapters", ec), end; !ec && it != end;
       it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() == ".md" && it->is_regular_file(ec)) {
      out.push_back({"chapters/" + p.filename().string(), {}});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

class BookReader {
 public:
  BookReader(const fs::path& book_dir, core::Diagnostics& diags, ChapterStore* store, unsigned jobs)
      : dir_(book_dir), inside_(book_dir), diags_(diags), store_(store), jobs_(jobs) {
    book_.root = book_dir;
  }

  std::optional<doc::Book> read() {
    const std::size_t errors_before = diags_.error_count();
    const fs::path toml_path = dir_ / "book.toml";
    const core::FileId toml_file = book_.sources.add(toml_path.string());
    std::error_code ec;
    if (!fs::exists(toml_path, ec)) {
      diags_.error({toml_path.string(), 0, 0}, "no book.toml found",
                   {"a book folder holds book.toml and its chapters; `octavo new` makes one"});
      return std::nullopt;
    }
    std::string why;
    const auto text = core::read_file(toml_path, &why);
    if (!text) {
      diags_.error({toml_path.string(), 0, 0}, "cannot read book.toml: " + why);
      return std::nullopt;
    }
    auto config = detail::read_book_toml(*text, toml_file, book_, diags_);
    if (!config) return std::nullopt;

    std::vector<detail::ChapterEntry> entries =
        config->chapters_given ? std::move(config->chapters) : glob_chapters(dir_);
    if (entries.empty() && !config->chapters_malformed) {
      // A malformed list has its own errors already.
      const core::Location where = config->chapters_given
                                       ? book_.sources.locate(config->chapters_span)
                                       : core::Location{toml_path.string(), 0, 0};
      diags_.error(where, "the book has no chapters",
                   {"list them in [build] chapters = [\"chapters/01.md\", …], or put .md files "
                    "in chapters/"});
    }
    // The files are read and checked side by side, then admitted in book order (each
    // gets its file id), then parsed side by side; each chapter's diagnostics are kept
    // apart and given in book order, so that they come as from one pass whatever the
    // threads did.
    std::deque<Reading> readings(entries.size());
    load_all(entries, readings);
    for (std::size_t i = 0; i < entries.size(); ++i) admit_chapter(entries[i], readings[i]);
    parse_all(readings);
    for (auto& r : readings) {
      const bool clean = r.diags.count() == 0;
      for (auto& d : r.diags.all()) diags_.report(std::move(d));
      if (store_ && r.text && clean) store_->parsed(book_.chapters[r.chapter], *r.text, r.state);
    }
    const std::vector<char> changed = finish_book(book_);
    for (std::size_t i = 0; i < book_.chapters.size(); ++i)
      if (changed[i] || !taken_.count(i)) book_.chapters[i].revision = doc::new_revision();
    if (store_)
      for (std::size_t i = 0; i < book_.chapters.size(); ++i)
        if (changed[i] && taken_.count(i)) store_->renumbered(book_.chapters[i]);
    if (diags_.error_count() > errors_before) {
      if (store_)
        for (const std::size_t i : taken_) store_->give_back(std::move(book_.chapters[i]));
      return std::nullopt;
    }
    return std::move(book_);
  }

 private:
  core::Location where(const detail::ChapterEntry& entry, const fs::path& full) const {
    if (entry.span.line > 0) return book_.sources.locate(entry.span);
    return {full.string(), 0, 0};
  }

  /// One chapter file on its way: read and checked, then (unless taken from the store)
  /// parsed into book_.chapters[chapter].
  struct Reading {
    core::Diagnostics diags;
    core::Diagnostics loading;        ///< what load_chapter found, for admit_chapter
    bool outside = false;             ///< outside the book folder (reported first)
    std::optional<std::string> text;  ///< read and valid; then set when it is to be parsed
    std::optional<core::FileState> state;  ///< the file's, when it was looked at
    bool unchanged = false;           ///< not read: the store keeps its tree (ChapterStore::unchanged)
    std::string name;                 ///< the chapter's path, normalised
    fs::path full;
    core::FileId file = 0;
    std::size_t chapter = 0;
  };

  /// The files, read side by side (for War and Peace, 387 files: the system calls were
  /// most of what a rebuild spent reading the book); only what a chapter's file alone
  /// decides, so that admit_chapter, in book order, gives the diagnostics of one pass.
  void load_all(const std::vector<detail::ChapterEntry>& entries, std::deque<Reading>& readings) const {
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
      for (std::size_t i = next++; i < entries.size(); i = next++) load_chapter(entries[i], readings[i]);
    };
    run_beside(entries.size(), work);
  }

  // Reads book_.sources (to place diagnostics) but changes nothing shared.
  void load_chapter(const detail::ChapterEntry& entry, Reading& reading) const {
    core::Diagnostics& diags = reading.loading;
    reading.full = dir_ / fs::path(entry.path);
    reading.name = fs::path(entry.path).lexically_normal().generic_string();
    const fs::path& full = reading.full;
    if (!inside_.contains(full)) {
      reading.outside = true;
      diags.error(where(entry, full), "chapter path is outside the book folder: " + entry.path);
      return;
    }
    int error = 0;
    reading.state = core::file_state(full, &error);
    if (!reading.state) {
      if (error == ENOENT || error == ENOTDIR)
        diags.error(where(entry, full), "chapter file not found: " + entry.path);
      else
        diags.error(where(entry, full), "cannot read chapter " + entry.path + ": " + std::strerror(error));
      return;
    }
    if (!reading.state->regular) {
      diags.error(where(entry, full), "chapter is not a file: " + entry.path);
      return;
    }
    // A file the store read in this very state: its tree is taken without reading it
    // (War and Peace's 387 files, most of a rebuild's reading).
    if (store_ && store_->unchanged(reading.name, *reading.state)) {
      reading.unchanged = true;
      return;
    }
    read_text(entry, reading, diags);
  }

  void read_text(const detail::ChapterEntry& entry, Reading& reading, core::Diagnostics& diags) const {
    const fs::path& full = reading.full;
    std::string why;
    auto text = core::read_file(full, &why);
    if (!text) {
      diags.error(where(entry, full), "cannot read chapter " + entry.path + ": " + why);
      return;
    }
    if (!core::utf8::is_valid(*text)) {
      const auto bad = core::utf8::validate(*text);
      diags.error({full.string(), bad ? bad->line : 0u, bad ? bad->column : 0u}, "invalid UTF-8",
                   {"save the file as UTF-8"});
      return;
    }
    reading.text = std::move(text);
  }

  // In book order: each chapter gets its file id, and its place in book_.chapters.
  void admit_chapter(const detail::ChapterEntry& entry, Reading& reading) {
    const auto found = [&] {
      for (auto& d : reading.loading.all()) reading.diags.report(std::move(d));
    };
    if (reading.outside) return found();
    const std::string& name = reading.name;
    if (const auto [it, fresh] = listed_.emplace(name, entry.span.line); !fresh) {
      reading.text.reset();  // and what reading it found is not reported
      reading.unchanged = false;
      reading.diags.error(where(entry, reading.full), "chapter listed twice: " + entry.path,
                          {"first listed on line " + std::to_string(it->second)});
      return;
    }
    found();
    if (!reading.text && !reading.unchanged) return;  // its error is in reading.diags
    const core::FileId file = book_.sources.add(reading.full.string());
    if (store_) {
      auto kept = reading.unchanged ? store_->take_unchanged(name, file)
                                    : store_->take(name, *reading.text, file, reading.state);
      if (kept) {
        reading.text.reset();
        taken_.insert(book_.chapters.size());
        book_.chapters.push_back(std::move(*kept));
        return;
      }
    }
    if (reading.unchanged) {  // the store could not give its tree after all (an image changed)
      reading.unchanged = false;
      read_text(entry, reading, reading.diags);
      if (!reading.text) return;
    }
    reading.file = file;
    reading.chapter = book_.chapters.size();
    book_.chapters.emplace_back().source = name;
  }

  /// Runs `work` on this thread and up to jobs_ - 1 others, for `items` items: a few
  /// per thread at least, as a thread costs about as much to start.
  template <class Work>
  void run_beside(std::size_t items, const Work& work) const {
    const unsigned hardware = jobs_ > 0 ? jobs_ : std::max(1u, std::thread::hardware_concurrency());
    const auto threads = std::min<std::size_t>({hardware, 8, std::max<std::size_t>(1, items / 4)});
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
  }

  // Parsing reads book_ (its root, its sources) but changes only its own chapter.
  void parse_all(std::deque<Reading>& readings) {
    std::vector<Reading*> todo;
    for (auto& r : readings)
      if (r.text) todo.push_back(&r);
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
      for (std::size_t i = next++; i < todo.size(); i = next++) {
        Reading& r = *todo[i];
        parse_chapter(*r.text, r.full, r.file, book_, book_.chapters[r.chapter], r.diags);
      }
    };
    run_beside(todo.size(), work);
  }

  fs::path dir_;
  core::Confinement inside_;
  core::Diagnostics& diags_;
  doc::Book book_;
  std::map<std::string, std::uint32_t> listed_;  // normalised path → line in book.toml
  ChapterStore* store_;
  unsigned jobs_;
  std::set<std::size_t> taken_;  // chapters taken from the store
};

}  // namespace

std::optional<doc::Book> read_book(const fs::path& book_dir, core::Diagnostics& diags, ChapterStore* store,
                                   unsigned jobs) {
  return BookReader(book_dir, diags, store, jobs).read();
}

}  // namespace octavo::manuscript
