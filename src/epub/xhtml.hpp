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

namespace detail {

/// Writes the prolog, opens <html> (XHTML and epub namespaces, lang and xml:lang), writes
/// <head> (charset, title, the style sheet at `css_href`) and opens <body>.
void open_page(Markup& m, const Plan& plan, const std::string& title, const std::string& css_href);
/// Closes <body> and <html>.
void close_page(Markup& m);

}  // namespace detail
}  // namespace octavo::epub
