#pragma once
// Frames → PDF through libharu. The only code in octavo that includes hpdf.h.
#include <filesystem>
#include <optional>
#include <string>

#include "typeset/frame.hpp"

namespace octavo::pdf {

/// The PDF of `doc` as bytes; nothing, with `error` set, when libharu fails (a font or
/// an image it cannot load).
/// Text goes through libharu's UTF-8 path, which can only draw the Basic Multilingual
/// Plane: characters above U+FFFF (and control characters) are skipped, not drawn.
/// The same document always gives the same bytes (no dates, no IDs), whatever `jobs`:
/// how many threads may write pages (0: one per core; 1: only the caller's).
std::optional<std::string> make_pdf(const typeset::Document& doc, std::string* error, unsigned jobs = 1);
/// The same, giving back each page's text runs as soon as the page is drawn: a long
/// book's runs are most of the memory the build holds, and libharu keeps only the
/// page's deflated content stream. `doc` keeps its pages' links, rules and images.
std::optional<std::string> make_pdf(typeset::Document&& doc, std::string* error, unsigned jobs = 1);

/// Writes the PDF of `doc` to `path`, replacing a file there only once it is whole.
bool write_pdf(const typeset::Document& doc, const std::filesystem::path& path, std::string* error);
bool write_pdf(typeset::Document&& doc, const std::filesystem::path& path, std::string* error);

}  // namespace octavo::pdf
