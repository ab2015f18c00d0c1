#pragma once
// Frames → PDF through libharu. The only code in octavo that includes hpdf.h.
#include <filesystem>
#include <string>

#include "typeset/frame.hpp"

namespace octavo::pdf {

/// Writes `doc` to `path` (the caller passes a temporary path and renames it). Returns
/// false and sets `error` when libharu fails (a font or an image it cannot load).
/// Text goes through libharu's UTF-8 path, which can only draw the Basic Multilingual
/// Plane: characters above U+FFFF (and control characters) are skipped, not drawn.
/// The same document always gives the same bytes (no dates, no IDs).
bool write_pdf(const typeset::Document& doc, const std::filesystem::path& path, std::string* error);
/// The same, giving back each page's text runs as soon as the page is drawn: a long
/// book's runs are most of the memory the build holds, and libharu keeps only the
/// page's deflated content stream. `doc` keeps its pages' links, rules and images.
bool write_pdf(typeset::Document&& doc, const std::filesystem::path& path, std::string* error);

}  // namespace octavo::pdf
