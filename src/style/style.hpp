#pragma once
// The resolved style: every typographic decision both back ends need, in one value.
// Defaults live only in this module (style.cpp and styles/*.toml); the back ends never
// invent a size or a margin of their own. All lengths are in points unless a field
// says otherwise (`_em` fields are in ems of the body size, for the EPUB's CSS).
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/image_info.hpp"

namespace octavo::style {

namespace fs = std::filesystem;

enum class Align { justify, left, center, right };
enum class Case { normal, upper, small_caps };
/// Which of the style's families a piece of text is set in.
enum class FontRole { body, heading, mono };

/// One font family: four TrueType faces (a missing face falls back to regular).
struct FontFamily {
  std::string name;          ///< e.g. "Gentium Book Plus"
  fs::path regular;
  fs::path italic;
  fs::path bold;
  fs::path bold_italic;
  friend bool operator==(const FontFamily&, const FontFamily&) = default;
};

struct Page {
  double width = 432;        ///< trim width (6 in)
  double height = 648;       ///< trim height (9 in)
  double inner = 54;         ///< binding-side margin (0.75 in)
  double outer = 43.2;       ///< fore-edge margin (0.6 in)
  double top = 54;
  double bottom = 54;
  double bleed = 0;
  friend bool operator==(const Page&, const Page&) = default;
};

struct Body {
  double size = 11;          ///< font size
  double leading = 14;       ///< baseline to baseline
  double indent_em = 1.5;    ///< first-line indent, in ems (not after headings or breaks)
  double paragraph_spacing = 0;
  double word_spacing_em = 0;  ///< added to the font's word space (CSS word-spacing), ems
  Align align = Align::justify;
  bool hyphenate = true;
  int hyphen_min_word = 6;   ///< shortest word that may be hyphenated
  int hyphen_left_min = 2;   ///< letters kept before a hyphen
  int hyphen_right_min = 3;  ///< letters carried after a hyphen
  std::string language;      ///< overrides the book's language for hyphenation; empty = book's
  friend bool operator==(const Body&, const Body&) = default;
};

struct Heading {
  double size = 11;
  Case text_case = Case::normal;
  Align align = Align::center;
  bool bold = false;
  bool italic = false;
  double space_before = 0;   ///< above the heading (for a chapter opening: the sink)
  double space_after = 14;
  bool page_break = false;   ///< starts a new page
  bool recto = false;        ///< starts on a right-hand (odd) page
  /// The heading's number, shown above its title: {n} 1, 2…; {R} I, II…; {r} i, ii…;
  /// {w} one, two…; {W} One, Two…. Empty: not numbered. Headings of a level count from
  /// one after each heading of a higher level.
  std::string number;
  FontRole font = FontRole::heading;  ///< which of the style's families
  friend bool operator==(const Heading&, const Heading&) = default;
};

/// The first paragraph of a chapter.
struct ChapterOpening {
  int drop_cap = 0;          ///< lines its first letter drops through (0: no drop cap)
  int small_caps_words = 0;  ///< words after it set in small capitals
  /// Space above the heading that opens a new page (the sink); unset: the heading
  /// level's space_before.
  std::optional<double> sink;
  friend bool operator==(const ChapterOpening&, const ChapterOpening&) = default;
};

/// Poems and songs: paragraphs whose lines the author broke (a backslash at line end).
struct Verse {
  double indent_em = 2;      ///< set in from the left, in ems of the body size
  double size = 0;           ///< font size; 0: the size of the text around it
  bool italic = false;
  friend bool operator==(const Verse&, const Verse&) = default;
};

struct Notes {
  double size = 9;
  double leading = 11;
  double separator_width = 72;  ///< the rule above the notes
  double indent_em = -1;        ///< a note's first-line indent in ems; −1: body.indent's
  friend bool operator==(const Notes&, const Notes&) = default;
};

/// Page numbers of body pages.
struct Folio {
  enum class Position { head_outer, foot_center, foot_outer };
  Position position = Position::head_outer;  ///< an opening page's is always at the foot
  std::string format = "{page}";             ///< the number's text: {page} is replaced
  friend bool operator==(const Folio&, const Folio&) = default;
};

struct RunningHeads {
  bool enabled = true;
  std::string verso = "{title}";    ///< left-hand pages: {title}, {author}, {chapter}
  std::string recto = "{chapter}";  ///< right-hand pages
  double size = 9;
  Case text_case = Case::small_caps;
  friend bool operator==(const RunningHeads&, const RunningHeads&) = default;
};

struct Style {
  std::string name;                 ///< "classic", or the file's stem
  std::string description;
  Page page;
  FontFamily body_font;
  FontFamily heading_font;
  FontFamily mono_font;
  std::vector<FontFamily> fallback; ///< tried in order for characters the body font lacks
  Body body;
  std::array<Heading, 6> headings;  ///< levels 1–6
  double blockquote_indent_em = 1.5;
  double blockquote_size = 10.5;
  std::string scene_break = "*\u2002*\u2002*";  ///< the ornament
  /// An image drawn instead of the ornament (absolute path; empty: none), its header,
  /// and its height (0: the body size).
  fs::path scene_break_image;
  core::ImageInfo scene_break_image_info;
  double scene_break_image_height = 0;
  ChapterOpening opening;
  Verse verse;
  Notes notes;
  RunningHeads running_heads;
  Folio folio;
  int toc_depth = 2;
  bool embed_fonts = true;          ///< EPUB only: carry the fonts in the container
  /// EPUB only: a chapter's notes collected at its end as endnotes, not footnote asides.
  bool endnotes = false;
  friend bool operator==(const Style&, const Style&) = default;
};

/// A style resolved for each output: the same but for the keys of its [epub] and [pdf]
/// tables.
struct Styles {
  Style epub;
  Style pdf;
};

/// Where the shipped styles/ and fonts/ are.
struct Resources {
  fs::path styles_dir;
  fs::path fonts_dir;
};

/// Loads the style named `name_or_path`: a shipped style name ("classic") or a path to
/// a .toml file (relative to `base_dir`). An empty name loads the default, "classic".
/// When `book_toml` is given, the keys of its [style] table are applied last (one
/// book's changes). Every file may hold [epub] and [pdf] tables whose keys apply to
/// that output only, after the file's own. Problems are reported into `diags` (`where`
/// is the place that named the style) and give nothing: both results are checked
/// before either is used. Style files (`extends`) and font files are read only from
/// the book's folder (that of `book_toml`, else `base_dir`), the shipped styles and
/// fonts, and, when `named_on_command_line`, the folder of the style named.
std::optional<Styles> load_style(const std::string& name_or_path, const fs::path& base_dir,
                                const Resources& resources, const core::Location& where,
                                core::Diagnostics& diags, const fs::path& book_toml = {},
                                bool named_on_command_line = false);

/// The shipped styles: name and one-line description, sorted by name.
std::vector<std::pair<std::string, std::string>> shipped_styles(const Resources& resources);

}  // namespace octavo::style
