#include "typeset/inline_builder.hpp"

#include "core/utf8.hpp"
#include "typeset/unicode.hpp"

namespace octavo::typeset {
namespace {

bool looks_like_url(std::string_view text) {
  return text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www.") ||
         text.starts_with("mailto:");
}

}  // namespace

InlineBuilder::InlineBuilder(Context& ctx, ItemList& out, bool justify)
    : ctx_(ctx), out_(out), justify_(justify) {}

const Face& InlineBuilder::primary(const TextStyle& style) const {
  return ctx_.fonts.primary(style.role, variant_of(style.bold, style.italic));
}

double InlineBuilder::space_width(const TextStyle& style) const {
  const Face& face = primary(style);
  int adv = face.pdf_advance_of(' ');
  // The style's word spacing is added as CSS adds word-spacing (ems of the text size).
  return std::max(0.05, (adv > 0 ? adv : 250) / 1000.0 + ctx_.style.body.word_spacing_em) * style.size;
}

// ---- collecting tokens -------------------------------------------------------------

void InlineBuilder::add_inlines(std::span<const doc::Inline> inlines, const TextStyle& style) {
  for (const auto& in : inlines) {
    std::visit(doc::overloaded{
                   [&](const doc::Text& t) {
                     set_source(&t, 0);
                     add_text(t.text, style, in.span);
                     set_source(nullptr, 0);
                   },
                   [&](const doc::Emphasis& e) {
                     TextStyle s = style;
                     s.italic = !s.italic;  // emphasis inside italic is set roman
                     add_inlines(e.children, s);
                   },
                   [&](const doc::Strong& e) {
                     TextStyle s = style;
                     s.bold = true;
                     add_inlines(e.children, s);
                   },
                   [&](const doc::Strikethrough& e) {
                     TextStyle s = style;
                     s.strike = true;
                     add_inlines(e.children, s);
                   },
                   [&](const doc::Code& c) {
                     TextStyle s = style;
                     s.role = FontRole::mono;
                     s.size = static_cast<float>(style.size * ctx_.engine.code_scale);
                     s.hyphenate = false;
                     s.ligatures = false;
                     add_text(c.text, s, in.span);
                   },
                   [&](const doc::Link& l) {
                     TextStyle s = style;
                     s.link = static_cast<int>(out_.links.size());
                     out_.links.push_back(LinkTarget{l.url, 0});
                     std::string text = doc::plain_text(l.children);
                     if (text == l.url || looks_like_url(text)) {
                       s.url = true;
                       s.hyphenate = false;
                     }
                     add_inlines(l.children, s);
                   },
                   [&](const doc::Image& i) { add_image(i, style, in.span); },
                   [&](const doc::NoteRef& n) { add_note_ref(n.number, style, in.span); },
                   [&](const doc::LineBreak&) { add_forced_break(); },
                   [&](const doc::SoftBreak&) { add_space(style); },
                   [&](const doc::RawHtml& h) { add_text(h.html, style, in.span); },
               },
               in.node);
  }
}

InlineBuilder::Frag& InlineBuilder::frag_for(const TextStyle& style, core::Span span) {
  if (frag_count_ > 0) {
    Frag& last = frags_[frag_count_ - 1];
    if (last.note == 0 && !last.image && last.style == style && last.span == span) return last;
  }
  if (frags_.size() <= frag_count_) frags_.emplace_back();
  Frag& f = frags_[frag_count_++];
  f.style = style;
  f.text.clear();
  f.span = span;
  f.note = 0;
  f.image = nullptr;
  f.sources.clear();
  return f;
}

void InlineBuilder::add_text(std::string_view text, const TextStyle& style, core::Span span) {
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const char32_t cp = core::utf8::decode(text, pos);
    const unicode::CharClass cls = unicode::classify(cp);
    switch (cls) {
      case unicode::CharClass::space:
        add_space(style);
        continue;
      case unicode::CharClass::nbsp: {
        flush_token();
        const double w = space_width(style);
        if (at_line_start_) {
          add_kern(w);  // verse indentation: kept, never discarded
        } else {
          out_.items.push_back(make_penalty(kInfPenalty));
          out_.items.push_back(justify_ ? make_glue(w, w / 2, w / 2.5) : make_glue(w, 0, 0));
        }
        continue;
      }
      case unicode::CharClass::joiner:
        // A joiner after a dash forbids the break there, short of an overfull line.
        if (pending_ && pending_mark_.kind == MarkKind::dash) {
          pending_mark_.kind = MarkKind::joined;
        } else {
          pending_ = false;
        }
        continue;
      case unicode::CharClass::ignorable:
        continue;
      case unicode::CharClass::zwsp:
      case unicode::CharClass::soft_hyphen:
        if (frag_count_ > 0) {
          Frag& last = frags_[frag_count_ - 1];
          marks_.push_back({{static_cast<std::uint32_t>(frag_count_ - 1),
                             static_cast<std::uint32_t>(last.text.size())},
                            cls == unicode::CharClass::zwsp ? MarkKind::zwsp : MarkKind::soft});
        }
        pending_ = false;
        continue;
      default:
        break;
    }
    const bool first_in_token = frag_count_ == 0;
    if (first_in_token) token_source_ = {text_, text_ ? text_base_ + static_cast<std::uint32_t>(start) : 0};
    if (pending_) {
      const bool next_is_dash = cls == unicode::CharClass::hyphen || cls == unicode::CharClass::dash;
      const bool repeated_slash = pending_mark_.kind == MarkKind::url && cp == '/';
      if (!next_is_dash && !repeated_slash) marks_.push_back(pending_mark_);
      pending_ = false;
    }
    Frag& f = frag_for(style, span);
    // Where these bytes came from, when the run of the tree's bytes is broken here.
    const SourcePos here_src{text_, text_ ? text_base_ + static_cast<std::uint32_t>(start) : 0};
    const auto at = static_cast<std::uint32_t>(f.text.size());
    if (f.sources.empty() ||
        [&] {
          const auto& [from, s] = f.sources.back();
          return s.text != here_src.text || !s.text || s.offset + (at - from) != here_src.offset;
        }())
      f.sources.push_back({at, here_src});
    f.text.append(text.substr(start, pos - start));
    const Pos here{static_cast<std::uint32_t>(frag_count_ - 1), static_cast<std::uint32_t>(f.text.size())};
    if ((cls == unicode::CharClass::hyphen || cls == unicode::CharClass::dash) && !first_in_token) {
      pending_ = true;
      pending_mark_ = {here, cls == unicode::CharClass::hyphen ? MarkKind::hyphen : MarkKind::dash};
    } else if (style.url && cp == '/') {
      pending_ = true;
      pending_mark_ = {here, MarkKind::url};
    }
  }
}

void InlineBuilder::add_note_ref(int number, const TextStyle& style, core::Span span) {
  pending_ = false;
  if (frags_.size() <= frag_count_) frags_.emplace_back();
  Frag& f = frags_[frag_count_++];
  f.style = style;
  f.style.size = static_cast<float>(style.size * ctx_.engine.superscript_scale);
  f.style.raise = static_cast<float>(style.raise + style.size * ctx_.engine.superscript_raise);
  f.style.link = static_cast<int>(out_.links.size());
  f.style.text_case = style::Case::normal;
  f.style.hyphenate = false;
  out_.links.push_back(LinkTarget{{}, number});
  f.text = std::to_string(number);
  f.span = span;
  f.note = number;
  f.image = nullptr;
  f.sources.clear();
}

void InlineBuilder::add_image(const doc::Image& image, const TextStyle& style, core::Span span) {
  pending_ = false;
  if (frags_.size() <= frag_count_) frags_.emplace_back();
  Frag& f = frags_[frag_count_++];
  f.style = style;
  f.text.clear();
  f.span = span;
  f.note = 0;
  f.image = &image;
  f.sources.clear();
}

void InlineBuilder::add_kern(double width) {
  flush_token();
  out_.items.push_back(make_box(width));
}

void InlineBuilder::emit_glue(const TextStyle& style) {
  const double w = space_width(style);
  out_.items.push_back(justify_ ? make_glue(w, w / 2, w / 2.5) : make_glue(w, 0, 0));
}

void InlineBuilder::add_space(const TextStyle& style) {
  flush_token();
  if (out_.items.empty() || at_line_start_) return;
  const Item& last = out_.items.back();
  if (last.type == ItemType::glue) return;  // collapse runs of spaces
  emit_glue(style);
}

void InlineBuilder::trim_trailing_glue() {
  while (!out_.items.empty() && out_.items.back().type == ItemType::glue) out_.items.pop_back();
  // A tie's penalty left without its glue.
  while (!out_.items.empty() && out_.items.back().type == ItemType::penalty &&
         out_.items.back().penalty >= kInfPenalty)
    out_.items.pop_back();
}

void InlineBuilder::add_forced_break() {
  flush_token();
  trim_trailing_glue();
  out_.items.push_back(make_penalty(kInfPenalty));
  out_.items.push_back(make_glue(0, 0, 0, 1));
  out_.items.push_back(make_penalty(-kInfPenalty));
  at_line_start_ = true;
}

bool InlineBuilder::finish() {
  flush_token();
  // A trailing hard break would leave an empty last line.
  auto& items = out_.items;
  if (items.size() >= 3 && items.back().type == ItemType::penalty && items.back().penalty <= -kInfPenalty)
    items.resize(items.size() - 3);
  trim_trailing_glue();
  if (!has_content_) {
    items.clear();
    out_.pieces.clear();
    return false;
  }
  items.push_back(make_penalty(kInfPenalty));
  items.push_back(make_glue(0, 0, 0, 1));  // \parfillskip
  items.push_back(make_penalty(-kInfPenalty));
  return true;
}

}  // namespace octavo::typeset
