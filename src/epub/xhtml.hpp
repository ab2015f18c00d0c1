#pragma once
// XHTML content documents: one per chapter (and the cover page), written from the tree
// and the Plan through Markup (tinyxml2), never by concatenating text into tags.
#include <cstddef>
#include <string>

#include "doc/tree.hpp"
#include "epub/markup.hpp"
#include "epub/plan.hpp"

namespace octavo::epub {

/// The XHTML of `plan.files[index]`.
std::string chapter_xhtml(const doc::Book& book, const Plan& plan, std::size_t index);

/// text/cover.xhtml: the cover image, its alt text the book's title.
std::string cover_xhtml(const Plan& plan);

/// text/titlepage.xhtml: title, subtitle, authors and publisher, as the printed title
/// page has them, opened by the markers of the half-title and the title page.
std::string title_page_xhtml(const doc::Metadata& meta, const Plan& plan);

/// text/copyright.xhtml: the printed copyright page's lines (doc::copyright_lines).
std::string copyright_xhtml(const doc::Metadata& meta, const Plan& plan);

namespace detail {

/// Writes the prolog, opens <html> (XHTML and epub namespaces, lang and xml:lang), writes
/// <head> (charset, title, the style sheet at `css_href`) and opens <body>.
void open_page(Markup& m, const Plan& plan, const std::string& title, const std::string& css_href);
/// Closes <body> and <html>.
void close_page(Markup& m);
/// <span epub:type="pagebreak" role="doc-pagebreak" id="page-12" aria-label="12"/>
void page_break(Markup& m, const PageEntry& page);

}  // namespace detail
}  // namespace octavo::epub
