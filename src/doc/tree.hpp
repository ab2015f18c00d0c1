#pragma once
// The document tree: one Book of Chapters of Blocks of Inlines. Block and Inline are
// closed sum types (std::variant); every node carries the Span it was read from.
// Both back ends read this tree and nothing else of the manuscript.
// Nodes compare by value (== on a whole subtree, spans included): `octavo watch` reuses
// a chapter's layout when its tree is the same as in the last build.
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/image_info.hpp"
#include "core/span.hpp"

namespace octavo::doc {

using core::Span;

struct Inline;
using Inlines = std::vector<Inline>;
struct Block;
using Blocks = std::vector<Block>;

// ---- Inlines ---------------------------------------------------------------------

/// Text, smart punctuation applied (UTF-8)
struct Text {
  std::string text;
  friend bool operator==(const Text&, const Text&) = default;
};
/// *…*: italic
struct Emphasis {
  Inlines children;
  friend bool operator==(const Emphasis&, const Emphasis&) = default;
};
/// **…**: bold
struct Strong {
  Inlines children;
  friend bool operator==(const Strong&, const Strong&) = default;
};
/// ~~…~~
struct Strikethrough {
  Inlines children;
  friend bool operator==(const Strikethrough&, const Strikethrough&) = default;
};
/// `…`: monospace, never hyphenated
struct Code {
  std::string text;
  friend bool operator==(const Code&, const Code&) = default;
};
/// [text](url), autolinks
struct Link {
  std::string url;
  std::string title;
  Inlines children;
  friend bool operator==(const Link&, const Link&) = default;
};
/// ![alt](src "title"). `path` is relative to the book folder ("images/x.png").
struct Image {
  std::string src;
  std::string path;
  std::string alt;
  std::string title;
  core::ImageInfo info;
  friend bool operator==(const Image&, const Image&) = default;
};
/// [^label]; number counts from 1 in the book
struct NoteRef {
  std::string label;
  int number = 0;
  friend bool operator==(const NoteRef&, const NoteRef&) = default;
};
/// A backslash at line end (verse).
struct LineBreak {
  friend bool operator==(const LineBreak&, const LineBreak&) = default;
};
/// A line end inside a paragraph: a space.
struct SoftBreak {
  friend bool operator==(const SoftBreak&, const SoftBreak&) = default;
};
/// Inline HTML, kept as text.
struct RawHtml {
  std::string html;
  friend bool operator==(const RawHtml&, const RawHtml&) = default;
};

struct Inline {
  std::variant<Text, Emphasis, Strong, Strikethrough, Code, Link, Image, NoteRef, LineBreak,
               SoftBreak, RawHtml>
      node;
  Span span;
  friend bool operator==(const Inline&, const Inline&) = default;
};

// ---- Blocks ----------------------------------------------------------------------

/// A paragraph of running text.
struct Paragraph {
  Inlines content;
  friend bool operator==(const Paragraph&, const Paragraph&) = default;
};
/// # …: level as the chapter wrote it; `id` is unique in the book (for links and the TOC).
/// `numbered` is false for a heading written with pandoc's `{-}` or `{.unnumbered}` after
/// its text: a style that numbers its level leaves it out.
struct Heading {
  int level = 1;
  Inlines content;
  std::string id;
  bool numbered = true;
  friend bool operator==(const Heading&, const Heading&) = default;
};
/// > …
struct BlockQuote {
  Blocks children;
  friend bool operator==(const BlockQuote&, const BlockQuote&) = default;
};
struct ListItem {
  Blocks children;
  Span span;
  friend bool operator==(const ListItem&, const ListItem&) = default;
};
struct List {
  bool ordered = false;
  int start = 1;
  bool tight = true;
  std::vector<ListItem> items;
  friend bool operator==(const List&, const List&) = default;
};
/// Fenced or indented code.
struct CodeBlock {
  std::string info;
  std::string text;
  friend bool operator==(const CodeBlock&, const CodeBlock&) = default;
};
/// *** or * * *: a break between scenes.
struct SceneBreak {
  friend bool operator==(const SceneBreak&, const SceneBreak&) = default;
};
enum class Align { none, left, center, right };
struct TableCell {
  Inlines content;
  Span span;
  friend bool operator==(const TableCell&, const TableCell&) = default;
};
struct Table {
  std::vector<Align> align;                        ///< one per column
  std::vector<TableCell> header;                   ///< may hold only empty cells
  std::vector<std::vector<TableCell>> rows;
  friend bool operator==(const Table&, const Table&) = default;
};
/// A paragraph that holds only an image: the image, captioned by its title if any.
struct Figure {
  Image image;
  Inlines caption;
  friend bool operator==(const Figure&, const Figure&) = default;
};
/// An HTML block, kept as text.
struct RawBlock {
  std::string html;
  friend bool operator==(const RawBlock&, const RawBlock&) = default;
};

struct Block {
  std::variant<Paragraph, Heading, BlockQuote, List, CodeBlock, SceneBreak, Table, Figure,
               RawBlock>
      node;
  Span span;
  friend bool operator==(const Block&, const Block&) = default;
};

// ---- Book ------------------------------------------------------------------------

/// A footnote definition [^label]: …, numbered in order of first reference in the book.
struct Footnote {
  std::string label;
  int number = 0;
  Blocks content;
  Span span;
  friend bool operator==(const Footnote&, const Footnote&) = default;
};

/// One chapter file.
struct Chapter {
  core::FileId file = 0;
  std::string source;            ///< path relative to the book folder, "/" separated
  Blocks blocks;
  std::vector<Footnote> notes;   ///< ordered by number
  /// Changes whenever the tree is made or changed (new_revision()): two trees with the
  /// same revision hold the same nodes, so a cache of what was made from a tree kept
  /// between builds (`octavo watch`) may go by it. Not part of the tree's value.
  std::uint64_t revision = 0;
  friend bool operator==(const Chapter& a, const Chapter& b) {
    return a.file == b.file && a.source == b.source && a.blocks == b.blocks && a.notes == b.notes;
  }
};

/// A revision no tree has had before, in this process.
std::uint64_t new_revision();

/// book.toml's [accessibility]: each value given replaces what the EPUB writer derives
/// from the book (the writer knows what the text holds, not what its images mean).
struct Accessibility {
  std::optional<std::string> summary;                    ///< schema:accessibilitySummary
  std::optional<std::vector<std::string>> access_modes;  ///< schema:accessMode
  /// schema:accessModeSufficient, each a comma-separated set ("textual,visual")
  std::optional<std::vector<std::string>> access_mode_sufficient;
  std::optional<std::vector<std::string>> features;      ///< schema:accessibilityFeature
  std::optional<std::vector<std::string>> hazards;       ///< schema:accessibilityHazard
  /// dcterms:conformsTo; an empty string when the book says `conforms-to = false`
  std::optional<std::string> conforms_to;
  std::optional<std::string> certified_by;               ///< a11y:certifiedBy
};

struct Metadata {
  std::string title;
  std::string subtitle;
  std::vector<std::string> authors;
  std::string language = "en";
  std::string identifier;        ///< "urn:uuid:…" or "isbn:…"
  std::string date;
  std::string publisher;
  std::string description;
  std::string rights;
  std::string print_isbn;        ///< the print edition's ISBN, as written; empty when none
  std::string cover;             ///< relative to the book folder; empty when none
  core::ImageInfo cover_info;
  Accessibility accessibility;
};

struct Book {
  core::SourceMap sources;
  std::filesystem::path root;    ///< the book folder
  Metadata meta;
  std::string style;             ///< [build].style as written (a name or a path); empty = default
  core::Span style_span;         ///< where [build].style was written
  std::vector<Chapter> chapters;
};

// ---- Helpers ---------------------------------------------------------------------

/// std::visit helper: overloaded{[](const Text&){…}, …}.
template <class... Ts>
struct overloaded : Ts... { using Ts::operator()...; };
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

/// The text of `inlines` without markup: breaks become spaces, notes vanish.
std::string plain_text(const Inlines& inlines);

/// Whether the author broke lines in `inlines` (a hard break, at any depth): verse, which
/// both outputs set line for line and style with the style's [verse].
bool has_line_break(const Inlines& inlines);

/// The first heading of a chapter, or nothing.
const Heading* first_heading(const Chapter& chapter);

/// Every image of the book (figures and inline images), in reading order.
std::vector<const Image*> images(const Book& book);
/// Every image of one chapter, in reading order.
std::vector<const Image*> images(const Chapter& chapter);

/// The authors as a title page names them: "A", "A and B", "A, B and C".
std::string authors_line(const Metadata& meta);

/// The copyright page's paragraphs, in order: the title (": subtitle"), the authors,
/// date, rights, publisher, the print ISBN and the identifier, those the book gives.
/// Both outputs print the same, so that the EPUB's page marker finds the PDF's text.
std::vector<std::string> copyright_lines(const Metadata& meta);

}  // namespace octavo::doc
