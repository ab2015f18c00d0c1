#pragma once
// Links, the outline (bookmarks) and page labels.
#include <string>
#include <vector>

#include "pdf/haru.hpp"
#include "typeset/frame.hpp"

namespace octavo::pdf::detail {

/// Link annotations of every page (all pages must exist, links may point forward).
bool add_links(HaruDoc& doc, const std::vector<HPDF_Page>& pages, const typeset::Document& src,
               std::string* error);

/// The outline: a deeper level nests under the last shallower entry; top-level entries
/// are open (their children shown), deeper ones closed.
bool add_outline(HaruDoc& doc, const std::vector<HPDF_Page>& pages,
                 const std::vector<typeset::OutlineEntry>& outline, double offset, std::string* error);

/// /PageLabels from the ranges, in page order.
bool add_page_labels(HaruDoc& doc, std::size_t page_count,
                     const std::vector<typeset::PageLabelRange>& labels, std::string* error);

}  // namespace octavo::pdf::detail
