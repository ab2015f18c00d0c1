#pragma once
// The package's accessibility metadata (EPUB Accessibility 1.1 §2 and §4.2): schema.org's
// accessMode, accessModeSufficient, accessibilityFeature, accessibilityHazard and
// accessibilitySummary, and the conformance claim with its evaluator. Everything is
// derived from what this book holds and what the writer guarantees for every book
// (nav.xhtml, the spine in reading order, notes linked both ways); book.toml's
// [accessibility] table replaces any of it (doc::Accessibility).
#include <string>
#include <vector>

#include "doc/tree.hpp"
#include "epub/plan.hpp"

namespace octavo::epub {

/// What the writer knows about the book's accessibility, counted from the tree and plan.
struct BookFacts {
  int headings = 0;            ///< headings in the text, each with an id in the nav or the file
  int linked_notes = 0;        ///< notes linked from their first reference and back to it
  bool endnotes = false;       ///< the notes are endnotes at their chapters' ends
  int described_images = 0;    ///< images in the container with alt text
  int decorative_images = 0;   ///< images with neither alt text nor caption nor title
  /// Images with a caption or title but no alt text: they carry meaning and lack a text
  /// alternative, so the book is neither `alternativeText` nor conformant.
  int undescribed_images = 0;
  bool page_list = false;      ///< Plan::has_page_list
  bool language_known = true;  ///< the book declares a valid language (WCAG 3.1.1)
  std::string isbn;            ///< the identifier's ISBN, when it is one
};

/// The metadata as written into content.opf.
struct AccessibilityMetadata {
  std::vector<std::string> access_modes;
  std::vector<std::string> access_mode_sufficient;
  std::vector<std::string> features;
  std::vector<std::string> hazards;
  std::string summary;
  std::string summary_lang;  ///< xml:lang of a derived summary when the book is not in English
  std::string conforms_to;   ///< empty: no claim
  std::string certified_by;  ///< the evaluator; set whenever conforms_to is
};

/// The conformance the writer claims when nothing it knows of breaks it.
inline constexpr const char* default_conformance = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA";

BookFacts book_facts(const doc::Book& book, const Plan& plan);

/// Derives every value from `facts`, then applies `meta.accessibility`'s overrides.
AccessibilityMetadata accessibility_metadata(const doc::Metadata& meta, const BookFacts& facts);

}  // namespace octavo::epub
