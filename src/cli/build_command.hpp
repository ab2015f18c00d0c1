#pragma once
// `octavo build` and `octavo check`: read, validate, render, write atomically.
#include <filesystem>
#include <string>
#include <vector>

#include "typeset/typeset.hpp"

namespace octavo::pdf {
class PageCache;
}

namespace octavo::epub {
class EpubCache;
}

namespace octavo::cli {

struct BuildOptions {
  std::filesystem::path book_dir;
  std::filesystem::path out_dir = "out";
  bool epub = false;     ///< neither set: both
  bool pdf = false;
  std::string style;     ///< --style: a name or a file; overrides book.toml
  /// --jobs: threads for layout and for writing the two outputs side by side; 0: the
  /// OCTAVO_JOBS environment variable, else one per core. The bytes written are the
  /// same whatever the number.
  unsigned jobs = 0;
  /// --timings: print where the time went, stage by stage, once the build is done.
  bool timings = false;
};

/// Exit status: 0 success, 1 bad input or failed output.
int run_build(const BuildOptions& options);

/// What `octavo watch` gives a build and learns from it.
struct Rebuild {
  typeset::LayoutCache* cache = nullptr;  ///< chapter layouts kept between builds
  bool summaries = true;                  ///< print a "wrote …" line per output
  std::vector<std::filesystem::path> written;  ///< the outputs put in place
  epub::EpubCache* epub_cache = nullptr;       ///< the last EPUB, its entries reused
  pdf::PageCache* pdf_cache = nullptr;         ///< the last PDF's pages, their streams reused
  /// The files they replaced, under hidden names, for the caller to remove once it has
  /// said they are there (core::OutputFile::commit).
  std::vector<std::filesystem::path> replaced;
};

/// run_build with a Rebuild (null: as run_build).
int build_once(const BuildOptions& options, Rebuild* rebuild);
int run_check(const std::filesystem::path& book_dir, const std::string& style);

/// The book folder used when none is given: "." when it holds a book.toml, else the
/// sample book "manuscript".
std::filesystem::path default_book_dir();

}  // namespace octavo::cli
