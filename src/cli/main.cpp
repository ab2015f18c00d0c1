// octavo: one book manuscript → a valid EPUB 3 and a print-ready PDF.
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>

#include "cli/build_command.hpp"
#include "cli/new_command.hpp"
#include "cli/resources.hpp"
#include "cli/watch_command.hpp"
#include "style/style.hpp"

namespace {

constexpr int exit_usage = 2;

int list_styles(bool where) {
  const auto resources = octavo::cli::find_resources();
  if (where) {  // the folders the styles and fonts are read from
    std::printf("%s\n%s\n", resources.styles_dir.c_str(), resources.fonts_dir.c_str());
    return 0;
  }
  for (const auto& [name, description] : octavo::style::shipped_styles(resources))
    std::printf("%-14s %s\n", name.c_str(), description.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Past a file size limit (ulimit -f) a write fails with EFBIG and is reported, rather
  // than the process being killed by SIGXFSZ halfway through an output.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"octavo " OCTAVO_VERSION ": turns a book manuscript (book.toml + Markdown chapters) "
               "into an EPUB 3 and a print-ready PDF"};
  app.set_version_flag("--version", std::string("octavo ") + OCTAVO_VERSION);
  app.require_subcommand(1);
  app.footer("Exit status: 0 success, 1 bad input, 2 bad usage.");

  octavo::cli::BuildOptions build;
  std::string book_dir;
  auto* build_cmd = app.add_subcommand("build", "Build the EPUB and the PDF (both unless --epub or --pdf)");
  build_cmd->add_option("BOOK_DIR", book_dir, "book folder (default: . if it has book.toml, else manuscript)");
  build_cmd->add_option("-o,--out", build.out_dir, "output folder")->capture_default_str();
  build_cmd->add_flag("--epub", build.epub, "build the EPUB");
  build_cmd->add_flag("--pdf", build.pdf, "build the PDF");
  build_cmd->add_option("--style", build.style, "a shipped style name or a style file, over book.toml's");
  build_cmd->add_option("-j,--jobs", build.jobs,
                        "threads to use (default: OCTAVO_JOBS, else one per core); the output is the same");
  build_cmd->add_flag("--timings", build.timings, "print the time of each stage of the build (to stderr)");

  auto* watch_cmd = app.add_subcommand(
      "watch", "Build, then build again whenever a chapter, book.toml, a style, an image or a font changes");
  watch_cmd->add_option("BOOK_DIR", book_dir, "book folder (default: . if it has book.toml, else manuscript)");
  watch_cmd->add_option("-o,--out", build.out_dir, "output folder")->capture_default_str();
  watch_cmd->add_flag("--epub", build.epub, "build the EPUB");
  watch_cmd->add_flag("--pdf", build.pdf, "build the PDF");
  watch_cmd->add_option("--style", build.style, "a shipped style name or a style file, over book.toml's");
  watch_cmd->add_option("-j,--jobs", build.jobs, "threads to use (default: OCTAVO_JOBS, else one per core)");
  watch_cmd->add_flag("--timings", build.timings, "print the time of each stage of every build (to stderr)");

  std::string check_style;
  auto* check_cmd = app.add_subcommand("check", "Read and validate the book without writing anything");
  check_cmd->add_option("BOOK_DIR", book_dir, "book folder");
  check_cmd->add_option("--style", check_style, "a shipped style name or a style file");

  std::string new_dir;
  auto* new_cmd = app.add_subcommand("new", "Create a new book that builds at once");
  new_cmd->add_option("DIR", new_dir, "folder to create")->required();

  bool styles_where = false;
  auto* styles_cmd = app.add_subcommand("styles", "List the shipped styles");
  styles_cmd->add_flag("--path", styles_where, "print the folders of the shipped styles and fonts instead");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : exit_usage;
  }
  const auto dir = book_dir.empty() ? octavo::cli::default_book_dir() : std::filesystem::path(book_dir);
  if (build_cmd->parsed()) {
    build.book_dir = dir;
    return octavo::cli::run_build(build);
  }
  if (watch_cmd->parsed()) {
    build.book_dir = dir;
    return octavo::cli::run_watch(build);
  }
  if (check_cmd->parsed()) return octavo::cli::run_check(dir, check_style);
  if (new_cmd->parsed()) return octavo::cli::run_new(new_dir);
  if (styles_cmd->parsed()) return list_styles(styles_where);
  return exit_usage;
}
