#include "pdf/text_object.hpp"

#include <cmath>

#include "core/utf8.hpp"
#include "pdf/syntax.hpp"

namespace octavo::pdf::detail {
namespace {

/// std::llround (halves away from zero), inline: the library call was a tenth of the
/// time spent writing text, four of them for every word.
long long round_half_away(double v) {
  if (!(std::fabs(v) < 0x1p52)) return std::llround(v);  // NaN too
  const auto whole = static_cast<long long>(v);          // toward zero
  const double rest = v - static_cast<double>(whole);    // exact below 2^52
  return rest >= 0.5 ? whole + 1 : rest <= -0.5 ? whole - 1 : whole;
}

/// A length in thousandths of a point; false when it is not a usable number.
bool to_thousandths(double v, long long& out) {
  if (!std::isfinite(v) || std::fabs(v) > 1e9) return false;
  out = round_half_away(v * 1000.0);
  return true;
}

/// The state of the text object as written so far. Positions are in thousandths of a
/// point; the pen is where the next glyph would go without a displacement.
struct TextState {
  HPDF_Font font = nullptr;
  long long size = 0;    // thousandths of a point
  long long line_x = 0;  // origin of the text line matrix (Td), as BT leaves it
  long long line_y = 0;
  bool array_open = false;  // inside "[ … ] TJ"
  double pen = 0;
};

std::string page_error(int page_number, const std::string& what) {
  return "page " + std::to_string(page_number + 1) + ": " + what;
}

bool check_font_index(const typeset::GlyphRun& run, int page_number, const FontTable& fonts,
                      std::string* error) {
  if (fonts.valid_index(run.font)) return true;
  if (error)
    *error = page_error(page_number, "a run uses font " + std::to_string(run.font) +
                                         ", which the document does not list");
  return false;
}

/// The run's position and size in thousandths of a point.
bool run_numbers(const typeset::GlyphRun& run, int page_number, long long& x, long long& y,
                 long long& size, std::string* error) {
  if (to_thousandths(run.x, x) && to_thousandths(run.y, y) && to_thousandths(run.size, size) && size > 0)
    return true;
  if (error) *error = page_error(page_number, "a run's position or size is out of range");
  return false;
}

// `/Span <</ActualText <FEFF…>>> BDC`: a marked-content span whose text is `text`
// (UTF-8 in, a UTF-16BE text string with its byte order mark out, §7.9.2.2).
void begin_actual_text(std::string& out, const std::string& text) {
  static const char hex[] = "0123456789ABCDEF";
  auto unit = [&](unsigned u) {
    for (int shift = 12; shift >= 0; shift -= 4) out += hex[(u >> shift) & 0xF];
  };
  out += "/Span <</ActualText <";
  if (!text.empty()) out += "FEFF";
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = core::utf8::decode(text, pos);
    if (cp >= 0x10000) {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      unit(static_cast<unsigned>(cp));
    }
  }
  out += ">>> BDC\n";
}

// The ActualText span that begins at runs[i], if one does (see GlyphRun::actual_runs):
// how many runs it covers (0: none) and its text. A silent run's text is nothing there;
// it begins the text of the span right after it.
struct ActualSpan {
  int runs = 0;
  std::string text;
};
ActualSpan span_at(const typeset::RunList& runs, std::size_t i) {
  const int count = runs[i].actual_runs;
  if (count < 0) return {1, {}};
  const bool after_silent = i > 0 && runs[i - 1].actual_runs < 0;
  if (count == 0 || (count == 1 && !after_silent)) return {};
  ActualSpan span{count, {}};
  std::size_t first = i;
  while (first > 0 && runs[first - 1].actual_runs < 0) --first;
  for (std::size_t r = first; r < i; ++r) span.text += runs.text(r);
  if (after_silent && runs[i - 1].actual_runs == -2) span.text += ' ';
  for (std::size_t r = i; r < runs.size() && r < i + static_cast<std::size_t>(count); ++r) span.text += runs.text(r);
  return span;
}

}  // namespace

TextScratch::TextScratch(const FontTable& fonts)
    : fonts_(fonts), advances_(fonts.slot_count()), seen_(fonts.slot_count()) {}

int TextScratch::advance(std::size_t slot, char16_t cp) {
  auto& widths = advances_[slot];
  if (widths.empty()) widths.assign(0x10000, unknown);
  std::int16_t& width = widths[cp];
  if (width == unknown) width = static_cast<std::int16_t>(fonts_.advance(slot, cp));
  return width;
}

void TextScratch::note(std::size_t slot, char16_t cp, std::vector<GlyphUse>& uses) {
  if (seen_[slot].contains(cp)) return;
  seen_[slot].insert(cp);
  uses.push_back({static_cast<std::uint32_t>(slot), cp});
}

void TextScratch::end_page(const std::vector<GlyphUse>& uses) {
  for (const auto& use : uses) seen_[use.slot].erase(use.cp);
}

bool register_page_fonts(HPDF_Page page, const typeset::RunList& runs, int page_number,
                         FontTable& fonts, std::vector<PageFont>& fonts_out, std::string* error) {
  fonts_out.clear();
  // The checks of write_text_object, in its order, for the runs it draws.
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& run = runs[i];
    if (!check_font_index(run, page_number, fonts, error)) return false;
    if (!has_drawable(runs.text(i))) continue;
    long long x = 0, y = 0, size = 0;
    if (!run_numbers(run, page_number, x, y, size, error)) return false;
    HPDF_Font font = fonts.font(run.font, error);
    if (!font) return false;
    bool known = false;
    for (const auto& f : fonts_out) known = known || f.font == font;
    if (known) continue;
    const char* name = HPDF_Page_GetLocalFontName(page, font);  // adds it to /Resources
    if (!name) {
      if (error) *error = page_error(page_number, "cannot add a font to the page's resources");
      return false;
    }
    fonts_out.push_back({font, name, run.font});
  }
  return true;
}

bool register_known_fonts(HPDF_Page page, const std::vector<int>& indices, int page_number, FontTable& fonts,
                          std::vector<PageFont>& fonts_out, std::string* error) {
  fonts_out.clear();
  for (const int index : indices) {
    HPDF_Font font = fonts.font(index, error);
    if (!font) return false;
    const char* name = HPDF_Page_GetLocalFontName(page, font);
    if (!name) {
      if (error) *error = page_error(page_number, "cannot add a font to the page's resources");
      return false;
    }
    fonts_out.push_back({font, name, index});
  }
  return true;
}

// Layout of the output (PDF 32000-1 §9.4): runs on one baseline in one font share a TJ
// array; the gap between where the previous run's glyphs end (the sum of the advances
// libharu writes into the font's /W array) and where the next run starts becomes a
// displacement in whole thousandths of an em. The pen follows what was actually written,
// so rounding never accumulates along a line. A new baseline or font closes the array; a
// relative Td from the previous line's origin (exact in thousandths of a point) starts
// the next. The font is set only when it or the size changes.
//
// Compared with libharu's MoveTextPos/ShowText per run this halves the content stream
// (no Td per run, raw bytes instead of hex) and so the time spent deflating it, and
// avoids the drift of HPDF_REAL (float) operands printed with five truncated decimals.
bool write_text_object(const typeset::RunList& runs, int page_number, const FontTable& fonts,
                       const std::vector<PageFont>& page_fonts, TextScratch& scratch,
                       std::vector<GlyphUse>& uses, std::string& out, std::string* error) {
  if (runs.empty()) return true;
  TextState state;
  const std::u16string& units = scratch.units;
  int span_left = 0;        // runs of the open ActualText span still to come
  bool span_open = false;
  auto close_array = [&] {  // marked content may not cut into a TJ array
    if (state.array_open) {
      out += "] TJ\n";
      state.array_open = false;
    }
  };
  out += "BT\n";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& run = runs[i];
    if (span_open && span_left == 0) {
      close_array();
      out += "EMC\n";
      span_open = false;
    }
    if (!span_open) {
      if (const ActualSpan span = span_at(runs, i); span.runs > 0) {
        close_array();
        begin_actual_text(out, span.text);
        span_open = true;
        span_left = span.runs;
      }
    }
    if (span_left > 0) --span_left;
    if (!check_font_index(run, page_number, fonts, error)) return false;
    drawable_code_units(runs.text(i), scratch.units);
    if (units.empty()) continue;
    long long x = 0, y = 0, size = 0;
    if (!run_numbers(run, page_number, x, y, size, error)) return false;
    HPDF_Font font = fonts.loaded(run.font);
    const std::size_t slot = fonts.slot(run.font);

    const bool new_font = font != state.font || size != state.size;
    if (state.array_open && (new_font || y != state.line_y)) {
      out += "] TJ\n";
      state.array_open = false;
    }
    if (new_font) {
      const std::string* name = nullptr;
      for (const auto& f : page_fonts)
        if (f.font == font) name = &f.name;
      if (!font || !name) {  // register_page_fonts was not called for this page
        if (error) *error = page_error(page_number, "a run's font is not in the page's resources");
        return false;
      }
      out += '/';
      out += *name;
      out += ' ';
      append_fixed(out, size, 3);
      out += " Tf\n";
      state.font = font;
      state.size = size;
    }
    if (!state.array_open) {
      append_fixed(out, x - state.line_x, 3);
      out += ' ';
      append_fixed(out, y - state.line_y, 3);
      out += " Td\n[";
      state.line_x = x;
      state.line_y = y;
      state.pen = static_cast<double>(x);
      state.array_open = true;
    } else {
      // A displacement n moves the pen by −n/1000 em (§9.4.3), in thousandths of a point
      // −n·size/1000; so n = (pen − x)·1000/size, rounded to a whole number (at most
      // 0.0055 pt off at 11 pt, and never more, since the pen follows).
      const long long n =
          round_half_away((state.pen - static_cast<double>(x)) * 1000.0 / static_cast<double>(size));
      if (n != 0) {
        out += std::to_string(n);
        state.pen -= static_cast<double>(n) * static_cast<double>(size) / 1000.0;
      }
    }
    append_codes(out, units);
    long long advance = 0;  // thousandths of an em
    for (const char16_t u : units) {
      advance += scratch.advance(slot, u);
      scratch.note(slot, u, uses);
    }
    state.pen += static_cast<double>(advance) * static_cast<double>(size) / 1000.0;
  }
  close_array();
  if (span_open) out += "EMC\n";
  out += "ET\n";
  return true;
}

}  // namespace octavo::pdf::detail
