#pragma once
// Inlines → the item list of one paragraph. Text is cut into words at break
// opportunities (spaces, after hyphens and dashes, U+200B, soft hyphens); each word is
// split by font (fallback for characters the face lacks), shaped once per distinct
// text, and hyphenated from the dictionary into boxes and discretionaries.
//
// Special characters: U+2060 WORD JOINER and U+FEFF join and vanish; U+200B is an
// invisible break; U+00AD is a hyphenation point drawn only when used; U+00A0 (and
// U+202F) is a tie: space-width glue that stretches like a space but never breaks (TeX's
// ~), except at the start of a line, where it is a fixed indent (verse); U+2000–U+200A
// (the hair space U+200A is 1/12 em) are fixed spaces that never break.
#include <span>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "doc/tree.hpp"
#include "typeset/context.hpp"
#include "typeset/nodes.hpp"

namespace octavo::typeset {

/// How a run of text is set.
struct TextStyle {
  FontRole role = FontRole::body;
  bool bold = false;
  bool italic = false;
  float size = 11;
  style::Case text_case = style::Case::normal;
  float raise = 0;        ///< points above the baseline
  int link = -1;          ///< index in ItemList::links
  bool hyphenate = true;  ///< dictionary hyphenation allowed
  bool url = false;       ///< a URL: may break after '/', never hyphenated
  bool ligatures = true;
  bool strike = false;    ///< struck through (~~…~~)
  bool operator==(const TextStyle&) const = default;
};

class InlineBuilder {
public:
  /// `justify`: interword glue stretches and shrinks; otherwise it is fixed (ragged).
  InlineBuilder(Context& ctx, ItemList& out, bool justify);

  /// A span, not a copy: the words' sources are the tree's own nodes.
  void add_inlines(std::span<const doc::Inline> inlines, const TextStyle& style);
  /// The Text node the next add_text calls read from, and the byte offset in it of
  /// their first byte (null: text of our own, such as a label).
  void set_source(const doc::Text* text, std::uint32_t base) {
    text_ = text;
    text_base_ = base;
  }
  void add_text(std::string_view text, const TextStyle& style, core::Span span);
  void add_note_ref(int number, const TextStyle& style, core::Span span);
  void add_image(const doc::Image& image, const TextStyle& style, core::Span span);
  /// A fixed space that never breaks (a paragraph indent).
  void add_kern(double width);
  void add_space(const TextStyle& style);
  void add_forced_break();
  /// Ends the paragraph with \parfillskip and a forced break. False when the paragraph
  /// has nothing to draw (the item list is then left empty).
  bool finish();

  /// The interword space of `style`, points.
  double space_width(const TextStyle& style) const;

private:
  /// `joined`: a dash with a word joiner after it: no break there unless a line cannot
  /// be set otherwise (an overfull line is the worse wrong).
  enum class MarkKind : std::uint8_t { hyphen, dash, soft, zwsp, url, joined };
  struct Frag {
    TextStyle style;
    std::string text;
    core::Span span;
    int note = 0;
    const doc::Image* image = nullptr;
    /// Where its bytes came from: (offset in `text`, source) at each place the run of
    /// the tree's bytes is broken (a joiner left out, another node).
    std::vector<std::pair<std::uint32_t, SourcePos>> sources;
  };
  struct Pos {
    std::uint32_t frag = 0, offset = 0;
    auto operator<=>(const Pos&) const = default;
  };
  struct Mark {
    Pos at;
    MarkKind kind;
  };
  struct Segment {
    const Face* face = nullptr;
    float size = 0;
    std::uint32_t source_begin = 0;  // byte offset in the frag where it starts
    bool source_exact = true;        // text == the frag's bytes (no case mapping)
    std::string text;
  };

  Frag& frag_for(const TextStyle& style, core::Span span);
  void flush_token();
  void emit_token();
  void word_key(const Frag& f);
  void instantiate(const WordCache::Word& w, const Frag& f);
  void find_hyphenation_points();
  void emit_frag(std::uint32_t fi, std::size_t& mark_cursor, std::size_t& point_cursor);
  void emit_segment(const Frag& f, std::uint32_t fi, Segment& seg, std::size_t& point_cursor);
  void emit_mark(MarkKind kind, const Frag& before);
  void emit_glue(const TextStyle& style);
  void push_box(const ShapedText& st, std::size_t g0, std::size_t g1, const Face& face,
                float size, const Frag& f);
  PieceRange add_piece(const ShapedText& st, std::size_t g0, std::size_t g1, const Face& face,
                       float size, const Frag& f);
  PieceRange hyphen_piece(const Face& face, float size, const Frag& f);
  void trim_trailing_glue();
  void record_word_starts(std::size_t first_item);
  static SourcePos source_at(const Frag& f, std::uint32_t offset);
  const Face& primary(const TextStyle& style) const;

  Context& ctx_;
  ItemList& out_;
  bool justify_;
  const doc::Text* text_ = nullptr;  // see set_source
  std::uint32_t text_base_ = 0;
  SourcePos token_source_;           // where the word being collected starts
  bool token_source_text_ = false;   // the word came from the tree (flush_token)
  std::vector<SourcePos> mark_sources_;  // scratch of record_word_starts
  bool at_line_start_ = true;
  bool has_content_ = false;
  std::vector<Frag> frags_;
  std::size_t frag_count_ = 0;
  std::vector<Mark> marks_;
  bool pending_ = false;
  Mark pending_mark_{};
  std::vector<Pos> points_;
  std::string key_;
  std::size_t token_items_ = 0;  // items before the word being emitted
};

}  // namespace octavo::typeset
