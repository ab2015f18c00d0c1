#pragma once
// EPUB/css/book.css: the style sheet, derived from the resolved Style. Sizes are relative
// (em, unitless line heights, %), so that the reader's own text size and screen still
// rule; the page geometry of the print style does not apply to a reflowable book.
#include <string>

#include "epub/plan.hpp"
#include "style/style.hpp"

namespace octavo::epub {

inline constexpr const char* css_path = "css/book.css";  ///< relative to EPUB/

std::string stylesheet(const style::Style& style, const Plan& plan);

}  // namespace octavo::epub
