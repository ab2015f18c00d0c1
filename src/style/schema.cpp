#include "style/schema.hpp"

#include <algorithm>

namespace octavo::style {
namespace {

Align to_align(const std::string& s) {
  if (s == "left") return Align::left;
  if (s == "center") return Align::center;
  if (s == "right") return Align::right;
  return Align::justify;
}

Case to_case(const std::string& s) {
  if (s == "upper") return Case::upper;
  if (s == "small-caps") return Case::small_caps;
  return Case::normal;
}

const std::vector<std::string> align_choices = {"justify", "left", "center", "right"};
const std::vector<std::string> case_choices = {"normal", "upper", "small-caps"};

void add_heading_keys(std::vector<KeySpec>& keys, int level) {
  const std::string p = "headings." + std::to_string(level) + ".";
  const auto h = [level](Style& s) -> Heading& { return s.headings[level - 1]; };
  keys.push_back({p + "size", KeyKind::length, "font size of the heading", {}, 4, 96,
                  [h](Style& s, const KeyValue& v) { h(s).size = v.number; }});
  keys.push_back({p + "case", KeyKind::choice, "letter case", case_choices, 0, 0,
                  [h](Style& s, const KeyValue& v) { h(s).text_case = to_case(v.text); }});
  keys.push_back({p + "align", KeyKind::choice, "alignment", align_choices, 0, 0,
                  [h](Style& s, const KeyValue& v) { h(s).align = to_align(v.text); }});
  keys.push_back({p + "bold", KeyKind::boolean, "set in the bold face", {}, 0, 0,
                  [h](Style& s, const KeyValue& v) { h(s).bold = v.boolean; }});
  keys.push_back({p + "italic", KeyKind::boolean, "set in the italic face", {}, 0, 0,
                  [h](Style& s, const KeyValue& v) { h(s).italic = v.boolean; }});
  keys.push_back({p + "space-before", KeyKind::length, "space above (the sink on an opening page)", {}, 0, 400,
                  [h](Style& s, const KeyValue& v) { h(s).space_before = v.number; }});
  keys.push_back({p + "space-after", KeyKind::length, "space below", {}, 0, 200,
                  [h](Style& s, const KeyValue& v) { h(s).space_after = v.number; }});
  keys.push_back({p + "page-break", KeyKind::boolean, "start a new page", {}, 0, 0,
                  [h](Style& s, const KeyValue& v) { h(s).page_break = v.boolean; }});
  keys.push_back({p + "recto", KeyKind::boolean, "start on a right-hand page", {}, 0, 0,
                  [h](Style& s, const KeyValue& v) { h(s).recto = v.boolean; }});
  keys.push_back({p + "font", KeyKind::choice, "which of the style's families", {"heading", "body", "mono"}, 0, 0,
                  [h](Style& s, const KeyValue& v) {
                    h(s).font = v.text == "body" ? FontRole::body : v.text == "mono" ? FontRole::mono : FontRole::heading;
                  }});
  keys.push_back({p + "number", KeyKind::string, "the number above the title: {n}, {R}, {r}, {w} or {W}", {}, 0, 0,
                  [h](Style& s, const KeyValue& v) { h(s).number = v.text; }});
}

std::vector<KeySpec> make_schema() {
  std::vector<KeySpec> k;
  const auto noop = [](Style&, const KeyValue&) {};
  k.push_back({"extends", KeyKind::string, "a style this one starts from", {}, 0, 0, noop});
  k.push_back({"description", KeyKind::string, "one line shown by `octavo styles`", {}, 0, 0,
               [](Style& s, const KeyValue& v) { s.description = v.text; }});
  // page
  k.push_back({"page.size", KeyKind::choice, "trim size preset",
               {"5x8in", "5.25x8in", "5.5x8.5in", "6x9in", "a5", "b5", "a4", "letter"}, 0, 0,
               nullptr /* applied by the loader: it sets two fields */});
  k.push_back({"page.width", KeyKind::length, "trim width", {}, 72, 2000,
               [](Style& s, const KeyValue& v) { s.page.width = v.number; }});
  k.push_back({"page.height", KeyKind::length, "trim height", {}, 72, 2000,
               [](Style& s, const KeyValue& v) { s.page.height = v.number; }});
  k.push_back({"page.inner", KeyKind::length, "margin on the binding side", {}, 0, 300,
               [](Style& s, const KeyValue& v) { s.page.inner = v.number; }});
  k.push_back({"page.outer", KeyKind::length, "margin on the fore-edge side", {}, 0, 300,
               [](Style& s, const KeyValue& v) { s.page.outer = v.number; }});
  k.push_back({"page.top", KeyKind::length, "top margin", {}, 0, 300,
               [](Style& s, const KeyValue& v) { s.page.top = v.number; }});
  k.push_back({"page.bottom", KeyKind::length, "bottom margin", {}, 0, 300,
               [](Style& s, const KeyValue& v) { s.page.bottom = v.number; }});
  k.push_back({"page.bleed", KeyKind::length, "bleed beyond the trim", {}, 0, 36,
               [](Style& s, const KeyValue& v) { s.page.bleed = v.number; }});
  // fonts
  k.push_back({"fonts.body", KeyKind::family, "family of the running text", {}, 0, 0,
               [](Style& s, const KeyValue& v) { s.body_font = v.family; }});
  k.push_back({"fonts.heading", KeyKind::family, "family of headings", {}, 0, 0,
               [](Style& s, const KeyValue& v) { s.heading_font = v.family; }});
  k.push_back({"fonts.mono", KeyKind::family, "family of code", {}, 0, 0,
               [](Style& s, const KeyValue& v) { s.mono_font = v.family; }});
  k.push_back({"fonts.fallback", KeyKind::string_list, "families tried for characters the body font lacks",
               {}, 0, 0, nullptr /* resolved by the loader */});
  // body
  k.push_back({"body.size", KeyKind::length, "font size of the running text", {}, 5, 72,
               [](Style& s, const KeyValue& v) { s.body.size = v.number; }});
  k.push_back({"body.leading", KeyKind::length, "baseline-to-baseline distance", {}, 5, 120,
               [](Style& s, const KeyValue& v) { s.body.leading = v.number; }});
  k.push_back({"body.indent", KeyKind::length, "first-line indent (em of the body size)", {}, 0, 10,
               nullptr /* needs the body size: resolved by the loader */});
  k.push_back({"body.paragraph-spacing", KeyKind::length, "space between paragraphs", {}, 0, 72,
               [](Style& s, const KeyValue& v) { s.body.paragraph_spacing = v.number; }});
  k.push_back({"body.word-spacing", KeyKind::length, "added to the font's word space (em of the text)", {}, -0.25, 0.5,
               nullptr /* kept in em: resolved by the loader */});
  k.push_back({"body.align", KeyKind::choice, "alignment of paragraphs", align_choices, 0, 0,
               [](Style& s, const KeyValue& v) { s.body.align = to_align(v.text); }});
  k.push_back({"body.hyphenate", KeyKind::boolean, "hyphenate words at line ends", {}, 0, 0,
               [](Style& s, const KeyValue& v) { s.body.hyphenate = v.boolean; }});
  k.push_back({"body.hyphen-min-word", KeyKind::integer, "shortest word that may be hyphenated", {}, 2, 30,
               [](Style& s, const KeyValue& v) { s.body.hyphen_min_word = int(v.number); }});
  k.push_back({"body.hyphen-left-min", KeyKind::integer, "letters kept before a hyphen", {}, 1, 10,
               [](Style& s, const KeyValue& v) { s.body.hyphen_left_min = int(v.number); }});
  k.push_back({"body.hyphen-right-min", KeyKind::integer, "letters carried after a hyphen", {}, 1, 10,
               [](Style& s, const KeyValue& v) { s.body.hyphen_right_min = int(v.number); }});
  k.push_back({"body.language", KeyKind::string, "language for hyphenation, overriding the book's", {}, 0, 0,
               [](Style& s, const KeyValue& v) { s.body.language = v.text; }});
  for (int level = 1; level <= 6; ++level) add_heading_keys(k, level);
  // blocks
  k.push_back({"blockquote.indent", KeyKind::length, "indent of block quotes on both sides (em)", {}, 0, 10,
               nullptr /* em: resolved by the loader */});
  k.push_back({"blockquote.size", KeyKind::length, "font size of block quotes", {}, 5, 72,
               [](Style& s, const KeyValue& v) { s.blockquote_size = v.number; }});
  k.push_back({"chapter-opening.drop-cap", KeyKind::integer, "lines the first letter of a chapter drops (0: none)",
               {}, 0, 6, [](Style& s, const KeyValue& v) { s.opening.drop_cap = int(v.number); }});
  k.push_back({"chapter-opening.small-caps-words", KeyKind::integer,
               "words of a chapter's first line set in small capitals", {}, 0, 12,
               [](Style& s, const KeyValue& v) { s.opening.small_caps_words = int(v.number); }});
  k.push_back({"chapter-opening.sink", KeyKind::length, "space above a heading that opens a page", {}, 0, 400,
               [](Style& s, const KeyValue& v) { s.opening.sink = v.number; }});
  k.push_back({"verse.indent", KeyKind::length, "indent of verse from the left (em)", {}, 0, 10,
               nullptr /* em: resolved by the loader */});
  k.push_back({"verse.size", KeyKind::length, "font size of verse", {}, 5, 72,
               [](Style& s, const KeyValue& v) { s.verse.size = v.number; }});
  k.push_back({"verse.italic", KeyKind::boolean, "set verse in the italic face", {}, 0, 0,
               [](Style& s, const KeyValue& v) { s.verse.italic = v.boolean; }});
  k.push_back({"scene-break.ornament", KeyKind::string, "text set between scenes", {}, 0, 0,
               [](Style& s, const KeyValue& v) { s.scene_break = v.text; }});
  k.push_back({"scene-break.image", KeyKind::string, "a PNG or JPEG drawn instead of the ornament", {}, 0, 0,
               nullptr /* a file: resolved by the loader */});
  k.push_back({"scene-break.image-height", KeyKind::length, "height of the scene-break image", {}, 4, 144,
               [](Style& s, const KeyValue& v) { s.scene_break_image_height = v.number; }});
  k.push_back({"footnotes.size", KeyKind::length, "font size of notes", {}, 4, 72,
               [](Style& s, const KeyValue& v) { s.notes.size = v.number; }});
  k.push_back({"footnotes.leading", KeyKind::length, "baseline distance of notes", {}, 4, 100,
               [](Style& s, const KeyValue& v) { s.notes.leading = v.number; }});
  k.push_back({"footnotes.indent", KeyKind::length, "first-line indent of notes (em of the note size)", {}, 0, 10,
               nullptr /* em: resolved by the loader */});
  k.push_back({"footnotes.separator", KeyKind::length, "length of the rule above the notes", {}, 0, 600,
               [](Style& s, const KeyValue& v) { s.notes.separator_width = v.number; }});
  k.push_back({"running-heads.enabled", KeyKind::boolean, "print running heads", {}, 0, 0,
               [](Style& s, const KeyValue& v) { s.running_heads.enabled = v.boolean; }});
  k.push_back({"running-heads.verso", KeyKind::string, "left-hand head: {title}, {author}, {chapter}", {}, 0, 0,
               [](Style& s, const KeyValue& v) { s.running_heads.verso = v.text; }});
  k.push_back({"running-heads.recto", KeyKind::string, "right-hand head: {title}, {author}, {chapter}", {}, 0, 0,
               [](Style& s, const KeyValue& v) { s.running_heads.recto = v.text; }});
  k.push_back({"running-heads.size", KeyKind::length, "font size of running heads", {}, 4, 36,
               [](Style& s, const KeyValue& v) { s.running_heads.size = v.number; }});
  k.push_back({"running-heads.case", KeyKind::choice, "letter case of running heads", case_choices, 0, 0,
               [](Style& s, const KeyValue& v) { s.running_heads.text_case = to_case(v.text); }});
  k.push_back({"folio.position", KeyKind::choice, "where page numbers go",
               {"head-outer", "foot-center", "foot-outer"}, 0, 0, [](Style& s, const KeyValue& v) {
                 s.folio.position = v.text == "foot-center"  ? Folio::Position::foot_center
                                    : v.text == "foot-outer" ? Folio::Position::foot_outer
                                                             : Folio::Position::head_outer;
               }});
  k.push_back({"folio.format", KeyKind::string, "a page number's text: {page} is the number", {}, 0, 0,
               [](Style& s, const KeyValue& v) { s.folio.format = v.text; }});
  k.push_back({"toc.depth", KeyKind::integer, "deepest heading level in the table of contents", {}, 1, 6,
               [](Style& s, const KeyValue& v) { s.toc_depth = int(v.number); }});
  // Keys of one output only (the [epub] and [pdf] tables may also hold any key above).
  k.push_back({"epub.embed-fonts", KeyKind::boolean, "carry the style's fonts in the EPUB", {}, 0, 0,
               [](Style& s, const KeyValue& v) { s.embed_fonts = v.boolean; }});
  k.push_back({"epub.notes", KeyKind::choice, "notes as pop-up footnotes or a chapter's endnotes",
               {"footnotes", "endnotes"}, 0, 0,
               [](Style& s, const KeyValue& v) { s.endnotes = v.text == "endnotes"; }});
  return k;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

const std::vector<KeySpec>& schema() {
  static const std::vector<KeySpec> keys = make_schema();
  return keys;
}

std::string nearest_key(const std::string& path) {
  std::string best;
  std::size_t best_distance = 4;  // more than three edits is not a misspelling
  for (const auto& spec : schema()) {
    const auto d = edit_distance(path, spec.path);
    if (d < best_distance) {
      best_distance = d;
      best = spec.path;
    }
  }
  return best;
}

}  // namespace octavo::style
