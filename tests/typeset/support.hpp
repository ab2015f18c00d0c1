#pragma once
// Shared helpers for the typesetting tests: a style with the shipped fonts and small
// document trees built by hand.
#include <string>
#include <utility>
#include <vector>

#include "doc/tree.hpp"
#include "style/style.hpp"

namespace octavo::typeset::test {

inline style::FontFamily family(const std::string& stem, const std::string& name) {
  const std::string dir = OCTAVO_SOURCE_DIR "/fonts/";
  style::FontFamily f;
  f.name = name;
  f.regular = dir + stem + "-Regular.ttf";
  f.italic = dir + stem + "-Italic.ttf";
  f.bold = dir + stem + "-Bold.ttf";
  f.bold_italic = dir + stem + "-BoldItalic.ttf";
  return f;
}

inline style::FontFamily mono_family() {
  const std::string dir = OCTAVO_SOURCE_DIR "/fonts/";
  style::FontFamily f;
  f.name = "DejaVu Sans Mono";
  f.regular = dir + "DejaVuSansMono.ttf";
  f.italic = dir + "DejaVuSansMono-Oblique.ttf";
  f.bold = dir + "DejaVuSansMono-Bold.ttf";
  f.bold_italic = dir + "DejaVuSansMono-BoldOblique.ttf";
  return f;
}

/// The classic style's values, written out.
inline style::Style classic() {
  style::Style s;
  s.name = "test";
  s.body_font = family("GentiumBookPlus", "Gentium Book Plus");
  s.heading_font = s.body_font;
  s.mono_font = mono_family();
  s.fallback = {family("CharisSIL", "Charis SIL"), mono_family()};
  s.headings[0] = {18, style::Case::small_caps, style::Align::center, false, false, 84, 28, true, true};
  s.headings[1] = {15, style::Case::small_caps, style::Align::center, false, false, 70, 28, true, false};
  s.headings[2] = {13, style::Case::normal, style::Align::center, false, false, 56, 28, true, false};
  s.headings[3] = {11, style::Case::normal, style::Align::center, false, true, 14, 14, false, false};
  s.scene_break = "\u2042";
  s.notes.separator_width = 72;
  return s;
}

inline doc::Inline text(std::string t, std::uint32_t line = 1) {
  return doc::Inline{doc::Text{std::move(t)}, {1, line, 1}};
}
inline doc::Inline note_ref(int number) {
  return doc::Inline{doc::NoteRef{std::to_string(number), number}, {1, 1, 1}};
}
inline doc::Block paragraph(std::string t, std::uint32_t line = 1) {
  doc::Paragraph p;
  p.content.push_back(text(std::move(t), line));
  return doc::Block{std::move(p), {1, line, 1}};
}
inline doc::Block heading(int level, std::string t) {
  doc::Heading h;
  h.level = level;
  h.content.push_back(text(t));
  h.id = t;
  return doc::Block{std::move(h), {1, 1, 1}};
}

/// A filler sentence of distinct-ish words, `words` long.
inline std::string filler(int words, int seed = 0) {
  static const char* vocabulary[] = {
      "the", "prince", "said", "nothing", "and", "walked", "towards", "window", "where",
      "evening", "light", "fell", "across", "carpet", "of", "drawing", "room", "while",
      "guests", "talked", "about", "war", "Napoleon", "Genoa", "anxious", "remarkable",
      "conversation", "continued", "unexpectedly", "into", "night"};
  std::string s;
  for (int i = 0; i < words; ++i) {
    if (i) s += ' ';
    s += vocabulary[(i * 7 + seed * 13 + i / 5) % 31];
  }
  return s + ".";
}

}  // namespace octavo::typeset::test
