#include "typeset/blocks.hpp"

#include <algorithm>
#include <cmath>

#include "core/utf8.hpp"
#include "typeset/unicode.hpp"

namespace octavo::typeset {
namespace {

LineAlign align_of(style::Align a) {
  switch (a) {
    case style::Align::justify: return LineAlign::justify;
    case style::Align::left: return LineAlign::left;
    case style::Align::center: return LineAlign::center;
    case style::Align::right: return LineAlign::right;
  }
  return LineAlign::justify;
}

}  // namespace

FlowBuilder::FlowBuilder(Context& ctx, Flow& flow) : ctx_(ctx), flow_(flow), out_(&flow.slots) {}

TextStyle FlowBuilder::body_style(float size) const {
  TextStyle s;
  s.size = size;
  s.hyphenate = ctx_.style.body.hyphenate;
  return s;
}

double FlowBuilder::measure(const BlockEnv& env) const {
  return std::max(ctx_.page.measure - env.left - env.right, ctx_.page.measure * 0.25);
}

LineBreakParams FlowBuilder::params_for(float size, LineAlign align, bool hyphenate) const {
  LineBreakParams p = ctx_.breaking;
  p.emergency_stretch = ctx_.engine.emergency_stretch_em * size;
  p.hyphenate = p.hyphenate && hyphenate;
  if (align != LineAlign::justify) {
    const double s = ctx_.engine.ragged_stretch_em * size;
    p.background_stretch = align == LineAlign::center ? 2 * s : s;
  }
  return p;
}

std::vector<SetLine> FlowBuilder::set_inlines(const doc::Inlines& inlines, const TextStyle& style,
                                              double width, LineAlign align, ItemList& list) {
  list.clear();
  InlineBuilder builder(ctx_, list, align == LineAlign::justify);
  builder.add_inlines(inlines, style);
  if (!builder.finish()) return {};
  return break_and_set(ctx_, list, LineWidths{{}, width}, params_for(style.size, align, style.hyphenate),
                       align);
}

std::vector<SetLine> FlowBuilder::set_text(std::string_view text, const TextStyle& style, double width,
                                           LineAlign align) {
  ItemList list;
  InlineBuilder builder(ctx_, list, align == LineAlign::justify);
  builder.add_text(text, style, {});
  if (!builder.finish()) return {};
  return break_and_set(ctx_, list, LineWidths{{}, width}, params_for(style.size, align, false), align);
}

Slot FlowBuilder::line_slot(SetLine& line, const ItemList& list, double x) {
  Slot slot;
  slot.source = line.source;
  slot.runs = std::move(line.runs);
  for (auto& r : slot.runs) r.x += x;
  slot.images = std::move(line.images);
  for (auto& i : slot.images) i.x += x;
  slot.rules = std::move(line.rules);
  for (auto& r : slot.rules) r.x += x;
  for (const auto& l : line.links) {
    SlotLink link;
    link.x = x + l.x0;
    link.width = l.x1 - l.x0;
    link.y = -0.25 * line.size;
    link.height = 1.15 * line.size;
    if (l.target >= 0 && static_cast<std::size_t>(l.target) < list.links.size()) {
      link.uri = list.links[static_cast<std::size_t>(l.target)].uri;
      link.note = list.links[static_cast<std::size_t>(l.target)].note;
    }
    slot.links.push_back(std::move(link));
  }
  slot.notes = std::move(line.notes);
  slot.hyphenated = line.hyphenated;
  return slot;
}

namespace {

// A line set ragged right reads as full, not as a paragraph's end, when it falls short
// of the measure by at most this fraction of it.
constexpr double kRaggedFull = 0.25;
// How far short of the measure, in ems, a chapter's last line is set when it would
// otherwise fill it (a line counts as full within half an em).
constexpr double kLastLineShort = 0.75;

// Marks the lines of a paragraph, set from `left`, that reach the right edge of the
// measure (Slot::full): in justified text within half an em, set ragged right (where
// full lines end anywhere) within a quarter of the measure. A full line that starts in
// from the left edge looks, at the foot of a page, like the first line of a paragraph
// that goes on overleaf (an orphan) to a reader: a one-line paragraph that fills the
// measure, a long line of verse. A page does not end after one. (Verse is set ragged
// in any style: only a line that reaches the right margin reads so.)
void mark_full_lines(Slot* slots, const std::vector<SetLine>& lines, double left, double measure,
                     double body_size, bool ragged, bool verse) {
  const double full_at = measure - (ragged ? kRaggedFull * measure : 0.5 * body_size);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Slot& slot = slots[i];
    slot.full = left + lines[i].width >= full_at;
    if (!slot.full || slot.runs.empty() || !(lines.size() == 1 || verse)) continue;
    if (verse && left + lines[i].width < measure - 0.5 * body_size) continue;
    double start = slot.runs.front().x;
    for (const auto& r : slot.runs) start = std::min(start, r.x);
    if (start > 1.0) slot.break_after = false;
  }
}

}  // namespace

void FlowBuilder::add_slot(Slot slot) {
  if (slot.kind == Slot::Kind::content && keep_next_ > 0) {
    slot.break_after = false;
    --keep_next_;
  }
  out_->push_back(std::move(slot));
}

void FlowBuilder::add_space(int rows) {
  if (rows <= 0) return;
  // No space at the top of a page after a forced break, nor twice in a row. A chapter
  // that goes on from the previous one (its flow is laid out on its own, possibly in
  // another thread) starts as if after content.
  if (out_->empty() ? !continues_flow() : out_->back().kind != Slot::Kind::content) return;
  Slot s;
  s.kind = Slot::Kind::space;
  s.rows = rows;
  // Breaking after the space is breaking after what precedes it.
  s.break_after = out_->empty() || out_->back().break_after;
  out_->push_back(std::move(s));
}

void FlowBuilder::add_lines(std::vector<SetLine>& lines, const ItemList& list, double x, bool widow_control) {
  const std::size_t n = lines.size();
  for (std::size_t i = 0; i < n; ++i) {
    Slot slot = line_slot(lines[i], list, x);
    if (widow_control && n >= 2 && (i == 0 || i + 2 == n)) slot.break_after = false;
    add_slot(std::move(slot));
  }
}

// ---- chapters and blocks -------------------------------------------------------------

void FlowBuilder::add_chapter(const doc::Chapter& chapter, const std::vector<std::string>* numbers) {
  numbers_ = numbers;
  top_headings_ = 0;
  const doc::Heading* first = doc::first_heading(chapter);
  const style::Heading* hs =
      first ? &ctx_.style.headings[static_cast<std::size_t>(std::clamp(first->level, 1, 6) - 1)] : nullptr;
  chapter_opened_ = !first || first->level <= 2 || hs->page_break;
  in_chapter_ = true;
  // A chapter of quotations and nothing else is an epigraph: it opens on a recto of its
  // own, a third of the way down.
  const bool epigraph = !first && !chapter.blocks.empty() &&
                        std::all_of(chapter.blocks.begin(), chapter.blocks.end(), [](const doc::Block& b) {
                          return std::holds_alternative<doc::BlockQuote>(b.node);
                        });
  if (chapter_opened_) {
    Slot br;
    br.kind = Slot::Kind::page_break;
    br.rows = 0;
    br.recto = (hs && hs->recto) || epigraph;
    out_->push_back(std::move(br));
  }
  if (epigraph && out_ == &flow_.slots) {
    Slot sink;  // content without ink: white space that is not dropped at the page top
    sink.rows = std::max(1, ctx_.page.rows / 3);
    sink.break_after = false;
    out_->push_back(std::move(sink));
  }
  seen_heading_ = false;
  suppress_indent_ = true;
  opening_pending_ = !epigraph;
  keep_next_ = 0;
  BlockEnv env;
  env.size = static_cast<float>(ctx_.style.body.size);
  add_blocks(chapter.blocks, env);
  lengthen_full_last_line();
  for (const auto& note : chapter.notes) set_note(note);
}

// A chapter that ends on a line filling the measure seems, on its last page, to break
// off in mid-paragraph (after a paragraph's first line, if it is its only one): that
// paragraph is set a line longer, or shorter, when it can be set well so.
void FlowBuilder::lengthen_full_last_line() {
  if (out_ != &flow_.slots || out_->empty()) return;
  const Slot& last = out_->back();
  if (last.kind != Slot::Kind::content || last.paragraph < 0 || !last.full) return;
  ParagraphRecord& r = flow_.paragraphs[static_cast<std::size_t>(last.paragraph)];
  if (r.first_slot + static_cast<std::size_t>(r.lines) != out_->size()) return;
  const int index = last.paragraph;
  const auto use = [&](std::vector<Slot>& lines, double demerits) {
    out_->resize(r.first_slot);
    for (auto& slot : lines) {
      slot.paragraph = index;
      out_->push_back(std::move(slot));
    }
    r.lines = static_cast<int>(lines.size());
    r.demerits = demerits;
  };
  double demerits = 0;
  for (int looseness : {1, -1}) {
    if (looseness < 0 && r.lines < 2) continue;
    auto lines = rebreak(r, looseness, &demerits);
    if (!lines || lines->back().full) continue;
    use(*lines, demerits);
    if (r.lines == 2 && looseness > 0) {
      r.may_shorten = true;
      r.may_lengthen = false;
    }
    return;
  }
  // Or the same lines, the last one's word spaces closed up to end it clearly short of
  // the measure (a one-line paragraph can often be set no other way).
  auto lines = rebreak(r, 0, &demerits, -1, kLastLineShort * ctx_.style.body.size);
  if (lines && !lines->back().full) use(*lines, demerits);
}

namespace {

// Opening quotation marks and the like, set with the letter they open.
bool opens(char32_t cp) {
  return cp == U'\u201C' || cp == U'\u2018' || cp == U'"' || cp == U'\'' || cp == U'\u00AB' ||
         cp == U'\u201E' || cp == U'(' || cp == U'[';
}

}  // namespace

bool FlowBuilder::opening_paragraph(const doc::Inlines& content, const BlockEnv& env) {
  const style::ChapterOpening& op = ctx_.style.opening;
  if ((op.drop_cap < 2 && op.small_caps_words <= 0) || content.empty()) return false;
  const auto* first = std::get_if<doc::Text>(&content.front().node);
  if (!first) return false;
  const std::string& text = first->text;
  // The drop: leading marks and one letter.
  std::size_t pos = 0;
  char32_t cp = 0;
  while (pos < text.size()) {
    const std::size_t at = pos;
    cp = core::utf8::decode(text, pos);
    if (!opens(cp)) {
      pos = unicode::is_letter(cp) ? pos : at;
      break;
    }
  }
  if (!unicode::is_letter(cp)) return false;
  // A paragraph shorter than the drop would leave the letter hanging into the next one:
  // it gets the lead-in alone.
  const std::size_t letter_end = pos;
  for (const bool drop : {op.drop_cap >= 2, false}) {
    if (!drop && op.small_caps_words <= 0) return false;
    // Drop caps are capitals, whatever the text begins with. An opening quotation mark
    // is not dropped: it hangs in the margin beside the first line, at the text size.
    std::size_t marks_end = 0;
    while (marks_end < letter_end) {
      std::size_t p = marks_end;
      if (!opens(core::utf8::decode(text, p))) break;
      marks_end = p;
    }
    const std::string marks = drop ? text.substr(0, marks_end) : std::string();
    const std::string letter =
        drop ? unicode::to_upper(std::string_view(text).substr(marks_end, letter_end - marks_end)) : std::string();
    const std::size_t start = drop ? letter_end : 0;
    std::size_t lead_end = start;
    // The lead-in: the rest of the first words, in small capitals.
    for (int w = 0; w < op.small_caps_words && lead_end < text.size(); ++w) {
      while (lead_end < text.size() && text[lead_end] == ' ') ++lead_end;
      while (lead_end < text.size() && text[lead_end] != ' ') ++lead_end;
    }
    const core::Span span = content.front().span;
    const double size = env.size;
    const double measure_all = measure(env);
    // The drop cap: its top on the first line's cap height, its baseline on line N's.
    const Face& face = ctx_.fonts.primary(FontRole::body, Variant::regular);
    double drop_size = 0, drop_width = 0;
    const int lines_down = drop ? op.drop_cap : 0;
    if (drop) {
      const double cap = face.top_em('H') > 0 ? face.top_em('H') : 0.65;
      char32_t shown = 0;
      for (std::size_t p = 0; p < letter.size();) shown = core::utf8::decode(letter, p);
      const double top = face.top_em(shown) > 0 ? face.top_em(shown) : cap;
      drop_size = ((lines_down - 1) * ctx_.page.leading + cap * size) / top;
      for (std::size_t p = 0; p < letter.size();) drop_width += face.pdf_advance_of(core::utf8::decode(letter, p));
      drop_width = drop_width * drop_size / 1000.0 + 0.2 * size;
    }
    ItemList& list = scratch_;
    list.clear();
    const LineAlign align = align_of(ctx_.style.body.align);
    InlineBuilder builder(ctx_, list, align == LineAlign::justify);
    TextStyle body = body_style(env.size);
    TextStyle lead = body;
    lead.text_case = style::Case::small_caps;
    // The words keep their place in the tree (the dropped letter is not one of them: the
    // first line starts at the paragraph's start anyway).
    builder.set_source(first, static_cast<std::uint32_t>(start));
    if (lead_end > start) builder.add_text(std::string_view(text).substr(start, lead_end - start), lead, span);
    builder.set_source(first, static_cast<std::uint32_t>(lead_end));
    if (lead_end < text.size()) builder.add_text(std::string_view(text).substr(lead_end), body, span);
    builder.set_source(nullptr, 0);
    builder.add_inlines(std::span(content).subspan(1), body);
    if (!builder.finish()) return false;
    LineWidths widths{std::vector<double>(static_cast<std::size_t>(lines_down), measure_all - drop_width),
                      measure_all};
    const BreakResult breaks =
        break_lines(list.items, widths, params_for(env.size, align, ctx_.style.body.hyphenate));
    auto lines = set_lines(ctx_, list, breaks, widths, align);
    if (drop && static_cast<int>(lines.size()) < lines_down) continue;
    const std::size_t n = lines.size();
    for (std::size_t i = 0; i < n; ++i) {
      const bool beside = static_cast<int>(i) < lines_down;
      const std::size_t word_runs = lines[i].first_word_runs;
      Slot slot = line_slot(lines[i], list, env.left + (beside ? drop_width : 0));
      // The lines beside the letter stay together, and the usual widow and orphan rules.
      if ((beside && static_cast<int>(i) + 1 < lines_down) || (n >= 2 && (i == 0 || i + 2 == n)))
        slot.break_after = false;
      if (i == 0 && drop) {
        // The letter is read with the rest of its word, where that begins on the first
        // line ("THE", not a "T" somewhere near the third line).
        const bool word_goes_on = letter_end < text.size() && text[letter_end] != ' ';
        int silent = 0;
        if (word_runs > 0 && word_runs <= slot.runs.size()) {
          slot.runs.front().actual_runs = static_cast<int>(word_runs);
          silent = word_goes_on ? -1 : -2;
        }
        RunList lead;
        if (!marks.empty()) {
          double w = 0;
          for (std::size_t p = 0; p < marks.size();) w += face.pdf_advance_of(core::utf8::decode(marks, p));
          w *= size / 1000.0;
          lead.add(static_cast<int>(face.id()), silent ? -1 : 0, size, env.left - w, 0, marks);
        }
        lead.add(static_cast<int>(face.id()), silent, drop_size, env.left, -(lines_down - 1) * ctx_.page.leading,
                 letter);
        slot.runs.prepend(lead);
      }
      add_slot(std::move(slot));
    }
    return true;
  }
  return false;
}

void FlowBuilder::add_blocks(const doc::Blocks& blocks, const BlockEnv& env) {
  for (const auto& b : blocks) add_block(b, env);
}

void FlowBuilder::add_block(const doc::Block& block, const BlockEnv& env) {
  std::visit(doc::overloaded{
                 [&](const doc::Paragraph& p) { paragraph(p.content, env); },
                 [&](const doc::Heading& h) { heading(h, env); },
                 [&](const doc::BlockQuote& q) { quote(q, env); },
                 [&](const doc::List& l) { list(l, env); },
                 [&](const doc::CodeBlock& c) { code(c.text, env); },
                 [&](const doc::SceneBreak&) { scene_break(env); },
                 [&](const doc::Table& t) { table(t, block.span, env); },
                 [&](const doc::Figure& f) { figure(f, block.span, env); },
                 [&](const doc::RawBlock& r) { code(r.html, env); },
             },
             block.node);
}

bool FlowBuilder::paragraph_items(const doc::Inlines& content, const BlockEnv& env, bool indent,
                                  std::string_view prefix, LineAlign align, ItemList& list) {
  TextStyle style = body_style(env.size);
  style.italic = env.italic;
  list.clear();
  InlineBuilder builder(ctx_, list, align == LineAlign::justify);
  if (indent) builder.add_kern((env.indent_em >= 0 ? env.indent_em : ctx_.style.body.indent_em) * env.size);
  if (!prefix.empty()) {
    builder.add_text(prefix, style, {});
    builder.add_kern(builder.space_width(style));
  }
  builder.add_inlines(content, style);
  return builder.finish();
}

void FlowBuilder::paragraph(const doc::Inlines& content, const BlockEnv& env, std::string_view prefix) {
  const bool verse = doc::has_line_break(content);
  const LineAlign align = verse ? LineAlign::left : align_of(ctx_.style.body.align);
  // A footnote's first line is indented like a paragraph's, its number included.
  const bool indent = !verse && env.indent_paragraphs && !suppress_indent_;
  suppress_indent_ = false;
  if (opening_pending_ && out_ == &flow_.slots && env.quote_depth == 0 && env.list_depth == 0 && prefix.empty()) {
    opening_pending_ = false;
    if (!verse && opening_paragraph(content, env)) return;
  }
  if (verse && !env.italic && ctx_.style.verse.italic) {
    BlockEnv in = env;
    in.italic = true;
    return paragraph(content, in, prefix);
  }
  if (verse && env.quote_depth == 0 && env.list_depth == 0) {
    // Verse in running text is set in by verse.indent, in its own size (its lines keep
    // their shape); in a quotation it keeps the quotation's.
    BlockEnv in = env;
    in.left += ctx_.style.verse.indent_em * ctx_.style.body.size;
    if (ctx_.style.verse.size > 0) in.size = static_cast<float>(ctx_.style.verse.size);
    in.quote_depth = 1;
    return paragraph(content, in, prefix);
  }
  ItemList& list = scratch_;
  if (!paragraph_items(content, env, indent, prefix, align, list)) return;
  const LineWidths widths{{}, measure(env)};
  const BreakResult breaks =
      break_lines(list.items, widths, params_for(env.size, align, ctx_.style.body.hyphenate));
  auto lines = set_lines(ctx_, list, breaks, widths, align);
  const bool main_flow = out_ == &flow_.slots;
  if (ctx_.style.body.paragraph_spacing > 0 && main_flow)
    add_space(static_cast<int>(std::lround(std::max(1.0, ctx_.style.body.paragraph_spacing / ctx_.page.leading))));
  const std::size_t first = out_->size();
  const bool keep_first = keep_next_ > 0;
  add_lines(lines, list, env.left, true);
  mark_full_lines(out_->data() + first, lines, env.left, ctx_.page.measure, ctx_.style.body.size,
                  align == LineAlign::left, verse);
  // Justified and ragged-right paragraphs can be set again with another line count by
  // the page builder.
  const bool ragged = align == LineAlign::left;
  if (main_flow && !verse && (align == LineAlign::justify || ragged) && !breaks.artificial) {
    ParagraphRecord r;
    r.content = &content;
    r.env = env;
    r.indent = indent;
    r.prefix = std::string(prefix);
    r.first_slot = first;
    r.lines = static_cast<int>(lines.size());
    r.demerits = breaks.demerits;
    r.keep_first = keep_first;
    // What the lines could take in or give away (see ParagraphRecord).
    const double width = widths.rest;
    const double max_ratio = std::cbrt(ctx_.engine.rebreak_tolerance / 100.0);
    double take = 0, give = 0;
    for (std::size_t l = 0; l + 1 < breaks.lines.size(); ++l) {
      const LineMeasure m = measure_line(list.items, breaks.lines[l]);
      take += std::max(0.0, width - (m.width - m.shrink));
      give += std::max(0.0, m.width + max_ratio * m.stretch - width);
    }
    // Ragged right, a short line is only a deeper rag: set again, a paragraph's lines may
    // fall short of the measure as far as a line that still reads as full. At a large
    // size, where a line holds a few long words, that is beyond the tolerance (which
    // counts in ems of the rag's stretch). Justified, a loose line shows as wide word
    // spaces: the tolerance holds.
    const double rag = params_for(env.size, align, ctx_.style.body.hyphenate).background_stretch;
    if (ragged && rag > 0) r.tolerance = badness(kRaggedFull * width / rag);
    const LineMeasure last = measure_line(list.items, breaks.lines.back());
    r.may_shorten = lines.size() >= 2 && take >= last.width;
    // A ragged paragraph gives a word to a new last line whenever it has two words on
    // a line; the rebreak's tolerance decides whether the shorter lines look right.
    r.may_lengthen = ragged || give >= width - last.width;
    const int index = static_cast<int>(flow_.paragraphs.size());
    flow_.paragraphs.push_back(std::move(r));
    for (std::size_t s = first; s < out_->size(); ++s) (*out_)[s].paragraph = index;
  }
}

std::optional<std::vector<Slot>> FlowBuilder::rebreak(const ParagraphRecord& r, int looseness,
                                                     double* demerits, int no_hyphen_line,
                                                     double last_line_short) {
  const LineAlign align = align_of(ctx_.style.body.align);
  ItemList list;
  if (!paragraph_items(*r.content, r.env, r.indent, r.prefix, align, list)) return std::nullopt;
  // The \parfillskip (the glue before the final break) given a natural width: the last
  // line's words must fit before it.
  if (last_line_short > 0 && list.items.size() >= 2 && list.items[list.items.size() - 2].fil > 0)
    list.items[list.items.size() - 2].width = static_cast<float>(last_line_short);
  LineBreakParams params = params_for(r.env.size, align, ctx_.style.body.hyphenate);
  params.lines = r.lines + looseness;
  params.no_hyphen_line = no_hyphen_line;
  params.emergency_stretch = 0;  // a looser paragraph is only worth it when it is good
  params.relax_last_pass = false;
  params.tolerance = std::max(ctx_.engine.rebreak_tolerance, r.tolerance);
  const LineWidths widths{{}, measure(r.env)};
  const BreakResult breaks = break_lines(list.items, widths, params);
  if (breaks.artificial || static_cast<int>(breaks.lines.size()) != r.lines + looseness) return std::nullopt;
  // Every line within the tolerance, and no run of three hyphens: the best paragraph
  // with the wanted line count may be one nobody would set.
  int run = 0;
  for (const auto& l : breaks.lines) {
    run = list.items[l.end].flagged ? run + 1 : 0;
    if (run > 2) return std::nullopt;
  }
  for (const auto& l : breaks.lines) {
    const LineMeasure m = measure_line(list.items, l);
    const double shortfall = widths.rest - m.width;
    const double stretch = m.stretch + params.background_stretch;  // ragged lines: the right margin's
    if (shortfall > 0 && m.fil == 0 && (stretch <= 0 || badness(shortfall / stretch) > params.tolerance))
      return std::nullopt;
  }
  if (demerits) *demerits = breaks.demerits;
  auto lines = set_lines(ctx_, list, breaks, widths, align);
  std::vector<Slot> slots;
  const std::size_t n = lines.size();
  for (std::size_t i = 0; i < n; ++i) {
    Slot slot = line_slot(lines[i], list, r.env.left);
    if (n >= 2 && (i == 0 || i + 2 == n)) slot.break_after = false;
    if (i == 0 && r.keep_first) slot.break_after = false;
    if (i == 0) slot.runs.append(r.label);
    slots.push_back(std::move(slot));
  }
  mark_full_lines(slots.data(), lines, r.env.left, ctx_.page.measure, ctx_.style.body.size,
                  align == LineAlign::left, false);
  return slots;
}

void FlowBuilder::heading(const doc::Heading& h, const BlockEnv& env) {
  const int level = std::clamp(h.level, 1, 6);
  const style::Heading& hs = ctx_.style.headings[static_cast<std::size_t>(level - 1)];
  const bool first_of_chapter = !seen_heading_;
  seen_heading_ = true;
  if (hs.page_break && !(first_of_chapter && chapter_opened_) && out_ == &flow_.slots) {
    Slot br;
    br.kind = Slot::Kind::page_break;
    br.rows = 0;
    br.recto = hs.recto;
    out_->push_back(std::move(br));
  }
  const bool page_top = out_->empty() ? !continues_flow() : out_->back().kind == Slot::Kind::page_break;
  const double leading = ctx_.page.leading;
  const double body = ctx_.style.body.size;

  std::string number;
  if (env.quote_depth == 0 && env.list_depth == 0 && out_ == &flow_.slots) {
    if (numbers_ && top_headings_ < numbers_->size()) number = (*numbers_)[top_headings_];
    ++top_headings_;
  }
  TextStyle style;
  style.role = hs.font == style::FontRole::body   ? FontRole::body
               : hs.font == style::FontRole::mono ? FontRole::mono
                                                  : FontRole::heading;
  style.size = static_cast<float>(hs.size);
  style.bold = hs.bold;
  style.italic = hs.italic;
  style.text_case = hs.text_case;
  style.hyphenate = false;
  ItemList list;
  auto lines = set_inlines(h.content, style, measure(env), align_of(hs.align), list);
  // The number goes on lines of its own above the title, half a line apart from it.
  std::vector<SetLine> number_lines;
  if (!number.empty()) number_lines = set_text(number, style, measure(env), align_of(hs.align));
  if (lines.empty() && number_lines.empty()) return;

  if (!page_top) add_space(static_cast<int>(std::lround(hs.space_before / leading)));
  // The sink: a chapter opening's space above the heading, kept at the top of the page.
  const double sink = page_top ? ctx_.style.opening.sink.value_or(hs.space_before) : 0;
  const double hlead = hs.size * ctx_.engine.heading_leading;
  const double y_first = body - sink - hs.size;
  Slot slot;
  double y = y_first;
  ItemList no_links;
  for (auto& line : number_lines) {
    slot.absorb(line_slot(line, no_links, env.left), y);
    y -= hlead;
  }
  if (!number_lines.empty() && !lines.empty()) y -= 0.5 * hlead;
  for (auto& line : lines) {
    slot.absorb(line_slot(line, list, env.left), y);
    y -= hlead;
  }
  const double y_last = y + hlead;
  slot.rows = std::max(1, static_cast<int>(std::ceil((hs.space_after + body - y_last) / leading - 1e-6)));
  slot.break_after = false;

  HeadingInfo info;
  info.node = &h;
  info.title = doc::plain_text(h.content);
  info.number = std::move(number);
  info.level = level;
  info.in_toc = level <= ctx_.style.toc_depth;
  info.top = y_first + hs.size;
  if (out_ == &flow_.slots) {
    slot.heading = static_cast<int>(flow_.headings.size());
    flow_.headings.push_back(std::move(info));
  }
  keep_next_ = 0;
  add_slot(std::move(slot));
  keep_next_ = 1;  // and the first line after it: a heading keeps two lines with it
  suppress_indent_ = true;
}

void FlowBuilder::set_note(const doc::Footnote& note) {
  if (flow_.notes.count(note.number)) return;
  NoteBlock block;
  block.number = note.number;
  std::vector<Slot>* saved = out_;
  const bool saved_indent = suppress_indent_;
  const int saved_keep = keep_next_;
  out_ = &block.lines;
  keep_next_ = 0;
  BlockEnv env;
  env.size = static_cast<float>(ctx_.style.notes.size);
  env.indent_em = static_cast<float>(ctx_.style.notes.indent_em);
  bool first = true;
  for (const auto& b : note.content) {
    if (first) {
      if (const auto* p = std::get_if<doc::Paragraph>(&b.node)) {
        suppress_indent_ = false;
        paragraph(p->content, env, std::to_string(note.number) + ".");
        first = false;
        continue;
      }
      first = false;
      auto number = set_text(std::to_string(note.number) + ".", body_style(env.size), measure(env), LineAlign::left);
      if (std::holds_alternative<doc::BlockQuote>(b.node) && !number.empty()) {
        // A note that opens with a quotation hangs its number in the quotation's indent.
        const std::size_t start = out_->size();
        add_block(b, env);
        for (std::size_t s = start; s < out_->size(); ++s) {
          Slot& slot = (*out_)[s];
          if (slot.kind != Slot::Kind::content) continue;
          ItemList none;
          Slot label = line_slot(number[0], none, 0);
          slot.runs.prepend(label.runs);
          break;
        }
        continue;
      }
      // Anything else (a list, code, a table) gets its number on a line of its own.
      ItemList none;
      for (auto& line : number) add_slot(line_slot(line, none, 0));
    }
    add_block(b, env);
  }
  // Notes are compact: no white space above or below one.
  while (!block.lines.empty() && block.lines.back().kind == Slot::Kind::space) block.lines.pop_back();
  while (!block.lines.empty() && block.lines.front().kind == Slot::Kind::space) block.lines.erase(block.lines.begin());
  if (first) {  // an empty note still shows its number
    auto lines = set_text(std::to_string(note.number) + ".", body_style(env.size), measure(env), LineAlign::left);
    ItemList none;
    for (auto& line : lines) add_slot(line_slot(line, none, 0));
  }
  for (auto& s : block.lines) {
    s.rows = 1;  // in note leading
    s.break_after = true;
  }
  out_ = saved;
  suppress_indent_ = saved_indent;
  keep_next_ = saved_keep;
  flow_.notes.emplace(note.number, std::move(block));
}

}  // namespace octavo::typeset
