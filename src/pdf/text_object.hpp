#pragma once
// A page's glyph runs as one PDF text object, written directly (not through libharu's
// text calls): one `TJ` array per line and font, literal strings of CIDs, kerning and
// justification as TJ displacements.
#include <string>
#include <vector>

#include "pdf/fonts.hpp"
#include "pdf/haru.hpp"
#include "typeset/frame.hpp"

namespace octavo::pdf::detail {

/// Appends `BT … ET` for `runs` to `out`; false with `error` set when a run names a font
/// the document does not list, its font cannot be loaded, or a number is unusable.
bool write_text_object(HPDF_Page page, const typeset::RunList& runs, int page_number,
                       FontTable& fonts, std::string& out, std::string* error);

}  // namespace octavo::pdf::detail
