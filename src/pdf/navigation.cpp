#include "pdf/navigation.hpp"

#include <hpdf_objects.h>

#include <algorithm>

#include "pdf/codes.hpp"
#include "pdf/syntax.hpp"

namespace octavo::pdf::detail {
namespace {

/// [page /XYZ null y null]: show `page` with `y` at the top, keeping the reader's
/// horizontal position and zoom. HPDF_Destination_SetXYZ insists on numbers for left
/// and zoom (a zoom of 0.08–32), so the array is written here.
HPDF_Destination destination(HaruDoc& doc, HPDF_Page page, double y) {
  HPDF_Destination dst = HPDF_Page_CreateDestination(page);
  if (!dst) return nullptr;
  HPDF_MMgr mmgr = doc.get()->mmgr;
  HPDF_Array_Clear(dst);
  HPDF_Array_Add(dst, page);
  HPDF_Array_AddName(dst, "XYZ");
  HPDF_Array_Add(dst, HPDF_Null_New(mmgr));
  HPDF_Array_AddReal(dst, static_cast<HPDF_REAL>(y));
  HPDF_Array_Add(dst, HPDF_Null_New(mmgr));
  return doc.failed() ? nullptr : dst;
}

std::string page_name(long long index) {
  return "page " + std::to_string(index + 1);
}

}  // namespace

bool add_links(HaruDoc& doc, const std::vector<HPDF_Page>& pages, const typeset::Document& src,
               std::string* error) {
  for (std::size_t i = 0; i < src.pages.size(); ++i) {
    for (const auto& link : src.pages[i].links) {
      const double b = src.bleed;  // positions are on the trimmed page
      HPDF_Rect rect{static_cast<HPDF_REAL>(b + link.x), static_cast<HPDF_REAL>(b + link.y),
                     static_cast<HPDF_REAL>(b + link.x + link.width),
                     static_cast<HPDF_REAL>(b + link.y + link.height)};
      HPDF_Annotation annot = nullptr;
      if (link.page >= 0) {
        if (static_cast<std::size_t>(link.page) >= pages.size()) {
          if (error)
            *error = page_name(i) + ": a link points to " + page_name(link.page) + " of " +
                     std::to_string(pages.size());
          return false;
        }
        HPDF_Destination dst = destination(doc, pages[link.page], b + link.target_y);
        if (dst) annot = HPDF_Page_CreateLinkAnnot(pages[i], rect, dst);
      } else if (!link.uri.empty()) {
        annot = HPDF_Page_CreateURILinkAnnot(pages[i], rect, ascii_uri(link.uri).c_str());
      } else {
        continue;  // a link to nowhere: nothing to click
      }
      if (annot) HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
      if (!annot || doc.failed()) {
        if (error) *error = doc.message("cannot add a link on " + page_name(i));
        return false;
      }
    }
  }
  return true;
}

bool add_outline(HaruDoc& doc, const std::vector<HPDF_Page>& pages,
                 const std::vector<typeset::OutlineEntry>& outline, double offset, std::string* error) {
  if (outline.empty()) return true;
  // Titles go through the UTF-8 encoder, which libharu's HPDF_String_Write turns into
  // UTF-16BE with a byte order mark; like text, it cannot take code points above U+FFFF.
  HPDF_Encoder utf8 = HPDF_GetEncoder(doc.get(), "UTF-8");
  struct Open {
    int level;
    HPDF_Outline item;
  };
  std::vector<Open> ancestors;
  std::string cleaned;
  CodePointSet unused;
  for (const auto& entry : outline) {
    if (entry.page < 0 || static_cast<std::size_t>(entry.page) >= pages.size()) {
      if (error)
        *error = "outline entry \"" + entry.title + "\" points to " + page_name(entry.page) +
                 " of " + std::to_string(pages.size());
      return false;
    }
    while (!ancestors.empty() && ancestors.back().level >= entry.level) ancestors.pop_back();
    const bool top = ancestors.empty();
    const char* title = entry.title.c_str();
    if (!drawable_text(entry.title, cleaned, unused)) title = cleaned.c_str();
    HPDF_Outline item =
        HPDF_CreateOutline(doc.get(), top ? nullptr : ancestors.back().item, title, utf8);
    HPDF_Destination dst = item ? destination(doc, pages[entry.page], offset + entry.y) : nullptr;
    if (dst) {
      // libharu gives every item /Type /Outlines, which only the root may have.
      HPDF_Dict_RemoveElement(item, "Type");
      HPDF_Outline_SetOpened(item, top ? HPDF_TRUE : HPDF_FALSE);
      HPDF_Outline_SetDestination(item, dst);
    }
    if (!dst || doc.failed()) {
      if (error) *error = doc.message("cannot add outline entry \"" + entry.title + "\"");
      return false;
    }
    ancestors.push_back({entry.level, item});
  }
  return true;
}

bool add_page_labels(HaruDoc& doc, std::size_t page_count,
                     const std::vector<typeset::PageLabelRange>& labels, std::string* error) {
  if (labels.empty()) return true;
  std::vector<typeset::PageLabelRange> ranges;
  for (const auto& range : labels) {
    if (range.first_page < 0 || range.start < 1) {
      if (error)
        *error = "invalid page label range (first page " + std::to_string(range.first_page) +
                 ", start " + std::to_string(range.start) + ")";
      return false;
    }
    if (static_cast<std::size_t>(range.first_page) < page_count) ranges.push_back(range);
  }
  // /Nums must be in ascending page order and, per PDF 32000-1 §12.4.2, start at page 0;
  // for one page the last range given wins.
  std::stable_sort(ranges.begin(), ranges.end(),
                   [](const auto& a, const auto& b) { return a.first_page < b.first_page; });
  if (ranges.empty() || ranges.front().first_page != 0)
    ranges.insert(ranges.begin(), typeset::PageLabelRange{});
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    if (i + 1 < ranges.size() && ranges[i + 1].first_page == ranges[i].first_page) continue;
    const auto style = ranges[i].style == typeset::PageLabelRange::Style::roman_lower
                           ? HPDF_PAGE_NUM_STYLE_LOWER_ROMAN
                           : HPDF_PAGE_NUM_STYLE_DECIMAL;
    HPDF_AddPageLabel(doc.get(), static_cast<HPDF_UINT>(ranges[i].first_page), style,
                      static_cast<HPDF_UINT>(ranges[i].start), nullptr);
    if (doc.failed()) {
      if (error) *error = doc.message("cannot add page labels");
      return false;
    }
  }
  return true;
}

}  // namespace octavo::pdf::detail
