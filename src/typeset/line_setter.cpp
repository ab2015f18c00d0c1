#include "typeset/line_setter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

#include "core/utf8.hpp"

namespace octavo::typeset {
namespace {

// Overfull by less than this is invisible and not worth a warning (TeX's \hfuzz).
constexpr double kHfuzz = 0.1;

class LineWriter {
public:
  LineWriter(const ItemList& list, SetLine& out) : list_(list), out_(out) {}

  void pieces(PieceRange r, double& x) {
    for (auto i = r.begin; i < r.end; ++i) piece(list_.pieces[i], x);
  }

  /// Between two words (a glue, the line's end): a word that had case-mapped pieces
  /// becomes one span of runs with its text as replacement text, so that text
  /// extraction reads "PRIDE", not "P RIDE" (its capitals come in two sizes).
  void end_word() {
    if (out_.first_word_runs == 0) out_.first_word_runs = out_.runs.size() - word_first_run_;
    if (word_cased_ && word_first_run_ < out_.runs.size()) {
      GlyphRun& first = out_.runs[word_first_run_];
      first.actual_runs = static_cast<int>(out_.runs.size() - word_first_run_);
      if (first.actual_runs == 1) first.actual_runs = 0;  // one run reads as it is
      open_ = false;  // the next word starts a run of its own
    }
    word_cased_ = false;
    word_first_run_ = out_.runs.size();
  }

private:
  void piece(const Piece& p, double& x) {
    if (p.cased) {
      word_cased_ = true;
      open_ = open_ && word_first_run_ < out_.runs.size();  // a cased word starts its own run
    }
    out_.size = std::max(out_.size, static_cast<double>(p.size));
    if (p.note) out_.notes.push_back(p.note);
    if (p.strike) {
      // Through the middle of the lowercase letters, about half the x-height.
      const double y = p.raise + 0.25 * p.size, h = 0.05 * p.size;
      Rule* last = out_.rules.empty() ? nullptr : &out_.rules.back();
      if (last && last->y == y && std::fabs(last->x + last->width - x) < 4) {
        last->width = x + p.width - last->x;
      } else {
        out_.rules.push_back({x, y, p.width, h});
      }
    }
    if (p.link >= 0) {
      if (!out_.links.empty() && out_.links.back().target == p.link && out_.links.back().x1 >= x - 4) {
        out_.links.back().x1 = x + p.width;
      } else {
        out_.links.push_back({x, x + p.width, p.link});
      }
    }
    if (!p.shaped) {
      if (p.image >= 0) {
        const InlineImage& im = list_.images[static_cast<std::size_t>(p.image)];
        out_.images.push_back({im.path, x, p.raise - im.height * 0.2, p.width, im.height});
      }
      x += p.width;
      return;
    }
    const double scale = p.size / 1000.0;
    const std::vector<Glyph>& glyphs = p.shaped->glyphs;
    for (auto g = p.glyph_begin; g < p.glyph_end;) {
      const Glyph& glyph = glyphs[g];
      const bool offset = glyph.dx != 0 || glyph.dy != 0;
      const double gx = x + glyph.dx * scale;
      const double gy = p.raise + glyph.dy * scale;
      const GlyphRun* run = out_.runs.empty() ? nullptr : &out_.runs.back();
      const bool continues = run && open_ && !offset && run->font == p.font &&
                             run->size == p.size && run->y == gy && std::fabs(next_x_ - gx) < 1e-6;
      if (!continues) out_.runs.add(p.font, 0, p.size, gx, gy);
      // The longest stretch drawn with the font's own advances goes in at once.
      auto h = g;
      double advance = 0;
      do {
        advance += glyphs[h].advance;
        ++h;
      } while (h < p.glyph_end && glyphs[h - 1].nominal && glyphs[h].dx == 0 && glyphs[h].dy == 0);
      const Glyph& last = glyphs[h - 1];
      out_.runs.append_text(std::string_view(p.shaped->utf8)
                                .substr(glyph.utf8_offset, static_cast<std::size_t>(last.utf8_offset + last.utf8_size -
                                                                                    glyph.utf8_offset)));
      x += advance * scale;
      next_x_ = x;
      open_ = last.nominal;
      g = h;
    }
  }

  const ItemList& list_;
  SetLine& out_;
  bool open_ = false;
  double next_x_ = 0;
  bool word_cased_ = false;
  std::size_t word_first_run_ = 0;
};

// A box's text as written: ligature code points are spelled out again.
std::string box_text(const ItemList& list, const Item& box) {
  static const char* const ligatures[] = {"ff", "fi", "fl", "ffi", "ffl", "\u017Ft", "st"};
  std::string s;
  for (auto i = box.content.begin; i < box.content.end; ++i) {
    const Piece& p = list.pieces[i];
    if (!p.shaped) continue;
    for (auto g = p.glyph_begin; g < p.glyph_end; ++g) {
      const char32_t cp = p.shaped->glyphs[g].cp;
      if (cp >= 0xFB00 && cp <= 0xFB06) {
        s += ligatures[cp - 0xFB00];
      } else {
        core::utf8::append(s, cp);
      }
    }
  }
  return s;
}

// A word as a message shows it: a very long one by its ends and its length.
std::string shown_word(const std::string& word) {
  constexpr std::size_t kHead = 24, kTail = 8;
  const std::u32string cps = core::utf8::to_u32(word);
  if (cps.size() <= kHead + kTail + 8) return word;
  return core::utf8::from_u32(cps.substr(0, kHead)) + "\u2026" + core::utf8::from_u32(cps.substr(cps.size() - kTail)) +
         " (" + std::to_string(cps.size()) + " characters)";
}

void warn_overfull(Context& ctx, const ItemList& list, const LineSpan& line, double excess) {
  // The widest box is the word that would not fit.
  const Item* widest = nullptr;
  for (std::size_t i = line.begin; i < line.end; ++i) {
    const Item& it = list.items[i];
    if (it.type == ItemType::box && !it.content.empty() && (!widest || it.width > widest->width))
      widest = &it;
  }
  if (!widest) return;
  // A word split into pieces (hyphenation points) is reported whole.
  std::size_t first = static_cast<std::size_t>(widest - list.items.data());
  std::size_t last = first;
  while (first > line.begin && list.items[first - 1].type != ItemType::glue) --first;
  while (last + 1 < line.end && list.items[last + 1].type != ItemType::glue) ++last;
  std::string word;
  for (std::size_t i = first; i <= last; ++i)
    if (list.items[i].type == ItemType::box) word += box_text(list, list.items[i]);
  char amount[32];
  std::snprintf(amount, sizeof amount, "%.1f", excess);
  ctx.report.warning(ctx.locate(widest->span),
                    "overfull line: ‘" + shown_word(word) + "’ does not fit the measure by " + amount + " pt");
}

// The source of the word a line starts in: its first word, or, when it starts after a
// hyphenation break, the word broken there.
SourcePos line_source(const ItemList& list, const LineSpan& span) {
  const auto& ws = list.word_starts;
  auto it = std::lower_bound(ws.begin(), ws.end(), span.begin,
                             [](const auto& w, std::size_t item) { return w.first < item; });
  if (span.after_disc && it != ws.begin()) return std::prev(it)->second;
  if (it != ws.end() && it->first < span.end) return it->second;
  return {};
}

}  // namespace

std::vector<SetLine> set_lines(Context& ctx, const ItemList& list, const BreakResult& result,
                               const LineWidths& widths, LineAlign align) {
  std::vector<SetLine> lines;
  lines.reserve(result.lines.size());
  // Runs are written here, then copied into blocks of their exact size: a book's lines
  // stay in memory until their pages are drawn, and grown or guessed capacity would
  // hold a third as much again.
  RunList scratch;
  for (std::size_t n = 0; n < result.lines.size(); ++n) {
    const LineSpan& span = result.lines[n];
    const double width = widths.at(n);
    const LineMeasure m = measure_line(list.items, span);
    const double shortfall = width - m.width;
    double ratio = 0, fil_ratio = 0;
    if (align == LineAlign::justify) {
      if (shortfall > 0) {
        if (m.fil > 0) {
          fil_ratio = shortfall / m.fil;
        } else if (m.stretch > 0) {
          ratio = shortfall / m.stretch;
        }
      } else if (shortfall < 0 && m.shrink > 0) {
        ratio = std::max(-1.0, shortfall / m.shrink);
      }
    }
    const double excess = -shortfall - (align == LineAlign::justify ? m.shrink : 0);
    if (excess > kHfuzz) warn_overfull(ctx, list, span, excess);

    SetLine line;
    std::swap(line.runs, scratch);
    double x = 0;
    if (align == LineAlign::center && shortfall > 0) x = shortfall / 2;
    if (align == LineAlign::right && shortfall > 0) x = shortfall;
    LineWriter writer(list, line);
    if (span.after_disc && span.begin > 0) writer.pieces(list.items[span.begin - 1].post, x);
    double content_end = x;
    for (std::size_t i = span.begin; i < span.end; ++i) {
      const Item& it = list.items[i];
      switch (it.type) {
        case ItemType::box:
          if (it.content.empty()) {
            x += it.width;
          } else {
            writer.pieces(it.content, x);
          }
          content_end = x;
          break;
        case ItemType::disc:
          writer.pieces(it.content, x);
          content_end = x;
          break;
        case ItemType::glue: {
          writer.end_word();
          const double w = it.width + (ratio > 0 ? ratio * it.stretch : ratio * it.shrink) + fil_ratio * it.fil;
          // A strike-through runs on over the spaces between struck words.
          if (!line.rules.empty() && std::fabs(line.rules.back().x + line.rules.back().width - x) < 1e-6 &&
              i + 1 < span.end && list.items[i + 1].type == ItemType::box &&
              !list.items[i + 1].content.empty() && list.pieces[list.items[i + 1].content.begin].strike)
            line.rules.back().width += w;
          x += w;
          break;
        }
        case ItemType::penalty: break;
      }
    }
    if (span.end < list.items.size()) {
      const Item& br = list.items[span.end];
      if (br.type == ItemType::disc) {
        writer.pieces(br.pre, x);
        content_end = x;
      }
      line.hyphenated = (br.type == ItemType::disc || br.type == ItemType::penalty) && br.flagged;
    }
    writer.end_word();
    std::swap(scratch, line.runs);
    line.runs = scratch.exact_copy();
    scratch.clear();
    line.width = content_end;
    line.source = line_source(list, span);
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<SetLine> break_and_set(Context& ctx, const ItemList& list, const LineWidths& widths,
                                   const LineBreakParams& params, LineAlign align) {
  if (list.items.empty()) return {};
  BreakResult r = break_lines(list.items, widths, params);
  return set_lines(ctx, list, r, widths, align);
}

}  // namespace octavo::typeset
