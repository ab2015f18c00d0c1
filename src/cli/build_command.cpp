#include "cli/build_command.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <sys/stat.h>

#include "cli/report.hpp"
#include "cli/resources.hpp"
#include "core/files.hpp"
#include "core/timings.hpp"
#include "epub/epub_writer.hpp"
#include "manuscript/manuscript.hpp"
#include "pdf/pdf_writer.hpp"
#include "style/style.hpp"
#include "typeset/typeset.hpp"

namespace octavo::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The output's base name: the book folder's name, lowercased, other runs → '-'.
std::string slug_of(const fs::path& book_dir) {
  auto name = fs::weakly_canonical(book_dir).filename().string();
  std::string slug;
  for (unsigned char c : name) {
    if (std::isalnum(c)) {
      slug += static_cast<char>(std::tolower(c));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "book" : slug;
}

// dcterms:modified: SOURCE_DATE_EPOCH when set, else the newest input file's time,
// so that building the same files twice gives the same bytes.
std::string modified_stamp(const doc::Book& book) {
  std::time_t when = 0;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    when = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
  } else {
    for (std::size_t id = 1; id < book.sources.size(); ++id) {
      struct stat info {};
      if (::stat(book.sources.path(static_cast<core::FileId>(id)).c_str(), &info) == 0)
        when = std::max(when, info.st_mtime);
    }
  }
  char buffer[32];
  std::tm tm{};
  gmtime_r(&when, &tm);
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

struct Loaded {
  doc::Book book;
  style::Styles styles;  ///< resolved for each output
};

// The layout cache as the reader's chapter store: the trees it keeps are the ones the
// next build can take instead of parsing.
class KeptChapters final : public manuscript::ChapterStore {
public:
  KeptChapters(typeset::LayoutCache& cache, const fs::path& book_dir) : cache_(cache) {
    cache_.begin_read(book_dir);
  }
  bool unchanged(const std::string& name, const core::FileState& state) const override {
    return cache_.unchanged(name, state);
  }
  std::optional<doc::Chapter> take(const std::string& name, std::string_view text, core::FileId file,
                                   const std::optional<core::FileState>& state) override {
    return cache_.take(name, text, file, state);
  }
  std::optional<doc::Chapter> take_unchanged(const std::string& name, core::FileId file) override {
    return cache_.take_unchanged(name, file);
  }
  void parsed(const doc::Chapter& chapter, std::string_view text,
              const std::optional<core::FileState>& state) override {
    cache_.parsed(chapter, text, state);
  }
  void renumbered(const doc::Chapter& chapter) override { cache_.renumbered(chapter); }
  void give_back(doc::Chapter&& chapter) override { cache_.give_back(std::move(chapter)); }

private:
  typeset::LayoutCache& cache_;
};

std::optional<Loaded> load(const fs::path& book_dir, const std::string& style_override,
                           core::Diagnostics& diags, typeset::LayoutCache* cache = nullptr, unsigned jobs = 0) {
  std::optional<core::timings::Stage> stage(std::in_place, "book read");
  std::optional<KeptChapters> kept;
  if (cache) kept.emplace(*cache, book_dir);
  auto book = manuscript::read_book(book_dir, diags, kept ? &*kept : nullptr, jobs);
  if (!book) return std::nullopt;
  stage.emplace("style read");
  const auto resources = find_resources();
  std::optional<style::Styles> style;
  if (!style_override.empty()) {
    style = style::load_style(style_override, fs::current_path(), resources,
                              {"--style", 0, 0}, diags, book_dir / "book.toml", true);
  } else {
    style = style::load_style(book->style, book_dir, resources, book->sources.locate(book->style_span),
                              diags, book_dir / "book.toml");
  }
  if (!style) {
    if (cache)
      for (auto& chapter : book->chapters) cache->give_back(std::move(chapter));
    return std::nullopt;
  }
  return Loaded{std::move(*book), std::move(*style)};
}

double millis_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

epub::PageMark::Kind page_kind(typeset::PageKind kind) {
  using K = epub::PageMark::Kind;
  switch (kind) {
    case typeset::PageKind::half_title:
      return K::half_title;
    case typeset::PageKind::title_page:
      return K::title_page;
    case typeset::PageKind::copyright_page:
      return K::copyright_page;
    case typeset::PageKind::contents:
      return K::contents;
    case typeset::PageKind::text:
      break;
  }
  return K::text;
}

// The EPUB carries the print edition's page numbers: where each page begins.
std::optional<std::string> make_epub(const Loaded& in, const std::vector<typeset::PageStart>& page_starts,
                                     core::Diagnostics& diags, epub::EpubSummary& summary,
                                     epub::EpubCache* cache) {
  epub::EpubOptions options;
  options.modified = modified_stamp(in.book);
  for (const auto& p : page_starts)
    options.pages.push_back({p.label, p.text, p.offset, page_kind(p.kind), p.heading});
  return epub::make_epub(in.book, in.styles.epub, options, diags, &summary, cache);
}

/// One output: made in memory, then written beside its target, then put in its place.
struct Output {
  fs::path target;
  std::optional<std::string> bytes;
  std::string what;     ///< for the summary line: "9 files", "372 pages"
  double millis = 0;    ///< making it
  /// Its file, written (not yet in place) by the thread that made the bytes, as soon as
  /// they are made; the error when that failed.
  std::unique_ptr<core::OutputFile> file;
  std::string write_error;

  void write(const char* stage_name, bool durable) {
    if (!bytes) return;
    core::timings::Stage stage(stage_name);
    file = std::make_unique<core::OutputFile>(target, durable);
    if (!file->write(*bytes, &write_error)) file.reset();
  }
};

// Puts every output, written whole, in place of the earlier ones, and only when all are:
// a full disk or a failed write leaves the earlier pair as it was.
bool write_outputs(const std::vector<Output>& outputs, core::Diagnostics& diags, bool summaries,
                   std::vector<fs::path>* replaced) {
  std::string error;
  for (const auto& out : outputs)
    if (!out.file) {
      diags.error({out.target.string(), 0, 0}, "cannot write: " + out.write_error);
      return false;
    }
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    fs::path old;
    if (!outputs[i].file->commit(&error, replaced ? &old : nullptr)) {
      diags.error({outputs[i].target.string(), 0, 0}, "cannot write: " + error);
      return false;
    }
    if (!old.empty()) replaced->push_back(std::move(old));
  }
  if (summaries)
    for (const auto& out : outputs) print_summary(out.target, out.what, out.millis);
  return true;
}

// --jobs, else OCTAVO_JOBS, else 0 (one per core).
unsigned job_count(unsigned option) {
  if (option > 0) return option;
  if (const char* env = std::getenv("OCTAVO_JOBS"); env && *env) {
    const long n = std::strtol(env, nullptr, 10);
    if (n > 0) return static_cast<unsigned>(n);
  }
  return 0;
}

}  // namespace

fs::path default_book_dir() {
  std::error_code ec;
  return fs::is_regular_file("book.toml", ec) ? fs::path(".") : fs::path("manuscript");
}

int run_build(const BuildOptions& options) { return build_once(options, nullptr); }

int build_once(const BuildOptions& options, Rebuild* rebuild) {
  if (options.timings) core::timings::enable();
  // Printed last, once every stage (the writing included) has ended.
  struct PrintTimings {
    bool on;
    ~PrintTimings() {
      if (on) core::timings::print(stderr);
    }
  } print_timings{options.timings};
  core::Diagnostics diags;
  // With a cache (octavo watch), the chapters that did not change get their kept trees,
  // and their layouts with them; the cache has them back when this build is done.
  typeset::LayoutCache* cache = rebuild ? rebuild->cache : nullptr;
  const unsigned jobs = job_count(options.jobs);
  auto loaded = load(options.book_dir, options.style, diags, cache, jobs);
  if (!loaded) return report(diags);
  if (cache) {
    core::timings::Stage stage("kept trees lent");
    cache->lend(loaded->book);
  }
  struct GiveBack {
    typeset::LayoutCache* cache;
    doc::Book& book;
    ~GiveBack() {
      if (cache) cache->take_back(book);
    }
  } give_back{cache, loaded->book};
  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (!core::is_writable_dir(options.out_dir)) {
    diags.error({options.out_dir.string(), 0, 0}, "output directory cannot be written");
    return report(diags);
  }
  const bool both = !options.epub && !options.pdf;
  const auto base = options.out_dir / slug_of(options.book_dir);
  // The pages are laid out whichever outputs are asked for: the EPUB marks where each
  // printed page begins.
  const auto layout_start = Clock::now();
  auto document = typeset::typeset(loaded->book, loaded->styles.pdf, diags, jobs, cache);
  if (!document) {
    report(diags);
    return 1;
  }
  const double layout_ms = millis_since(layout_start);
  const bool want_epub = both || options.epub, want_pdf = both || options.pdf;
  // Both outputs are made in memory. The EPUB needs only where the pages begin; the PDF
  // writer then takes the document (giving back its memory page by page). With more
  // than one job the two are made side by side: the EPUB reports into `diags` alone
  // (the PDF's error waits for the join).
  const std::vector<typeset::PageStart> page_starts = std::move(document->page_starts);
  Output epub_out{fs::path(base) += ".epub", std::nullopt, {}, 0, nullptr, {}};
  Output pdf_out{fs::path(base) += ".pdf", std::nullopt, std::to_string(document->pages.size()) + " pages", 0,
                 nullptr, {}};
  std::string pdf_error;
  // A rebuild of octavo watch makes its outputs again at the next save: it does not wait
  // for the disk (core::OutputFile).
  const bool durable = !rebuild;
  const auto make_epub_output = [&] {
    const auto start = Clock::now();
    epub::EpubSummary summary;
    epub_out.bytes = make_epub(*loaded, page_starts, diags, summary, rebuild ? rebuild->epub_cache : nullptr);
    epub_out.what = std::to_string(summary.files) + " files";
    epub_out.millis = millis_since(start);
    epub_out.write("EPUB: file written", durable);
  };
  const auto make_pdf_output = [&] {
    const auto start = Clock::now();
    pdf_out.bytes = pdf::make_pdf(std::move(*document), &pdf_error, jobs, rebuild ? rebuild->pdf_cache : nullptr);
    pdf_out.millis = layout_ms + millis_since(start);
    pdf_out.write("PDF: file written", durable);
  };
  const bool side_by_side = want_epub && want_pdf && jobs != 1 &&
                            (jobs > 1 || std::thread::hardware_concurrency() > 1);
  if (side_by_side) {
    std::thread epub_thread(make_epub_output);
    make_pdf_output();
    epub_thread.join();
  } else {
    if (want_epub) make_epub_output();
    if (want_pdf && (!want_epub || epub_out.bytes)) make_pdf_output();
  }
  bool ok = true;
  std::vector<Output> outputs;
  if (want_epub) {
    ok = epub_out.bytes.has_value();
    if (ok) outputs.push_back(std::move(epub_out));
  }
  if (want_pdf && ok) {
    if (!pdf_out.bytes) {
      diags.error({pdf_out.target.string(), 0, 0}, "cannot make the PDF: " + pdf_error);
      ok = false;
    } else {
      outputs.push_back(std::move(pdf_out));
    }
  }
  {
    core::timings::Stage stage("outputs put in place");
    ok = ok && write_outputs(outputs, diags, !rebuild || rebuild->summaries, rebuild ? &rebuild->replaced : nullptr);
  }
  if (rebuild && ok)
    for (const auto& out : outputs) rebuild->written.push_back(out.target);
  const int status = report(diags);
  return ok ? status : 1;
}

int run_check(const fs::path& book_dir, const std::string& style) {
  core::Diagnostics diags;
  const auto loaded = load(book_dir, style, diags);
  const int status = report(diags);
  if (loaded && status == 0) {
    std::printf("%s: %zu chapters, style %s: no problems found\n", book_dir.string().c_str(),
                loaded->book.chapters.size(), loaded->styles.pdf.name.c_str());
  }
  return status;
}

}  // namespace octavo::cli
