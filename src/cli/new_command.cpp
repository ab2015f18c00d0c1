#include "cli/new_command.hpp"

#include <cstdio>
#include <random>
#include <string>

#include "cli/report.hpp"
#include "core/files.hpp"

namespace octavo::cli {
namespace {

namespace fs = std::filesystem;

// A random (version 4) UUID: every new book gets its own identifier.
std::string new_uuid() {
  std::random_device device;
  std::mt19937_64 rng((std::uint64_t(device()) << 32) ^ device());
  unsigned char b[16];
  for (auto& byte : b) byte = static_cast<unsigned char>(rng());
  b[6] = (b[6] & 0x0F) | 0x40;
  b[8] = (b[8] & 0x3F) | 0x80;
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[b[i] >> 4];
    out += hex[b[i] & 15];
  }
  return out;
}

// TOML basic string: quote and escape.
std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

}  // namespace

int run_new(const fs::path& dir) {
  core::Diagnostics diags;
  std::error_code ec;
  if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec))) {
    diags.error({dir.string(), 0, 0}, "already exists and is not empty; choose a new folder");
    return report(diags);
  }
  fs::create_directories(dir / "chapters", ec);
  if (ec) {
    diags.error({dir.string(), 0, 0}, "cannot create the folder: " + ec.message());
    return report(diags);
  }
  auto title = fs::weakly_canonical(dir).filename().string();
  if (!title.empty()) title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  const std::pair<const char*, std::string> files[] = {
      {"book.toml",
       "[book]\n"
       "title = " + toml_string(title) + "\n"
       "author = \"Your Name\"\n"
       "language = \"en\"\n"
       "identifier = \"urn:uuid:" + new_uuid() + "\"\n"
       "date = \"2026\"\n"
       "\n"
       "[build]\n"
       "chapters = [\"chapters/01-beginning.md\", \"chapters/02-middle.md\"]\n"
       "style = \"style.toml\"\n"},
      {"style.toml",
       "# This book's style: the shipped `classic`, with your changes below.\n"
       "# `octavo styles` lists the shipped styles.\n"
       "extends = \"classic\"\n"
       "description = \"classic, for this book\"\n"
       "\n"
       "[body]\n"
       "size = \"11pt\"\n"
       "\n"
       "# Keys under [epub] or [pdf] change that output only, e.g. ragged right in the\n"
       "# e-book: docs/styles.md lists every key.\n"
       "# [epub.body]\n"
       "# align = \"left\"\n"},
      {"chapters/01-beginning.md",
       "# The Beginning\n\n"
       "Write your first chapter here. Paragraphs are separated by a blank line; *italics* "
       "and **bold** work as in any Markdown.[^1]\n\n"
       "* * *\n\n"
       "Three asterisks make a scene break.\n\n"
       "[^1]: Footnotes go to the foot of the printed page and pop up in the e-book.\n"},
      {"chapters/02-middle.md",
       "# The Middle\n\n"
       "> A block quote, for letters and epigraphs.\n\n"
       "Verse keeps its lines when each ends with a backslash:\\\n"
       "like this one,\\\n"
       "and this.\n"},
  };
  for (const auto& [name, text] : files) {
    std::string error;
    if (!core::write_file_atomically(dir / name, text, &error)) {
      diags.error({(dir / name).string(), 0, 0}, "cannot write: " + error);
      return report(diags);
    }
  }
  std::printf("created %s: book.toml, style.toml and two chapters; build it with `octavo build %s`\n",
              dir.string().c_str(), dir.string().c_str());
  return 0;
}

}  // namespace octavo::cli
