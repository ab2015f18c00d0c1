// Page breaking: the vertical list → body pages. See page_builder.hpp for the rules.
//
// Pages are chosen one at a time from the front of a buffer that holds the next two
// pages' slots or more, always whole paragraphs. Where the rules on where a page may
// end (widows, orphans, headings kept with their text) leave a page of running text a
// row or two short, paragraphs are set again a line longer or shorter (TeX's
// \looseness, what a compositor would do by hand): first those on the page, then those
// on the page and the one before it, taken back for the purpose; one paragraph, then
// two, up to four. The first choice that fills every page concerned is kept. Only when
// none does are the gaps between the page's paragraphs widened a little (feathering, as
// LaTeX's \flushbottom does), so that the page still ends on the common bottom line;
// after the choice that came nearest, when that leaves few enough rows to feather.
//
// Splicing happens in the buffer, so the flow itself is never shifted; lines set
// again go to Flow::replacements, which never moves what it holds.
#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <set>
#include <tuple>

#include "typeset/page_builder.hpp"

namespace octavo::typeset {
namespace {

// How many rows short a page may be for re-breaking to be tried (a footnote that moves
// with its reference can leave four), and for feathering: at most half a row per gap.
constexpr int kMaxMissing = 4;
constexpr double kMaxFeatherPerGap = 0.5;
// Single changes, and pairs of changes, tried per short page.
constexpr int kMaxSingleTrials = 32;
constexpr int kMaxPairTrials = 96;
// Paragraphs set again at most for one short page.
constexpr std::size_t kMaxChanges = 4;
// Pages before a short one that may be taken back to be set again with it.
constexpr std::size_t kMaxTakenBack = 2;

using Buffer = std::deque<Slot*>;

/// One page laid out from some point of a buffer.
struct Layout {
  std::size_t from = 0;
  std::size_t end = 0;          ///< its slots are [from, end)
  int missing = 0;              ///< rows left empty (0 when its notes overflow: then it is full)
  bool too_tall = false;        ///< a slot taller than the page was cut in anyway
  std::vector<NotePart> notes;  ///< note lines on the page
  std::vector<NotePart> carry;  ///< note lines continued on the next page
};

class Paginator {
 public:
  Paginator(Flow& flow, FlowPart part, const PageGeometry& g, const style::Notes& notes, Reporter& report,
            const Rebreaker& rebreak, std::deque<Slot>& replacements)
      : flow_(flow), g_(g), note_leading_(notes.leading > 0 ? notes.leading : notes.size * 1.2),
        report_(report), rebreak_(rebreak), replacements_(replacements), next_(part.begin), end_(part.end) {}

  // The part's pages; `recto`: whether its first page must be a right-hand one (a blank
  // verso goes before it when it would not be: join_parts).
  PartPages run() {
    PartPages out;
    std::vector<BodyPage>& pages = out.pages;
    bool opening = false, recto = false;
    for (;;) {
      refill();
      if (buf_.empty() && carry_.empty()) break;
      if (at_next_part()) {
        // Note lines still to place go on pages of their own, in this chapter.
        if (carry_.empty()) break;
        pages.push_back(take(false));
        continue;
      }
      if (!buf_.empty() && buf_.front()->kind == Slot::Kind::page_break) {
        opening = true;
        recto = recto || buf_.front()->recto;
        pop_front();
        history_.clear();  // the pages before belong to another chapter
        continue;
      }
      while (!buf_.empty() && buf_.front()->kind == Slot::Kind::space) {
        if (!history_.empty()) history_.back().dropped.push_back(buf_.front());  // given back with the page
        pop_front();
      }
      refill();
      if (!buf_.empty() && buf_.front()->kind == Slot::Kind::page_break) continue;
      if (buf_.empty() && carry_.empty()) break;
      if (recto && pages.empty()) out.recto = true;  // the part's only break is its first slot
      const bool this_opening = opening;
      opening = recto = false;
      float_figure();
      const Layout first = lay_front(1).front();
      const bool hyphen = ends_with_hyphen(buf_, first);
      const bool is_short = short_page(buf_, first);
      // A page that would end short, or on a hyphen, is set again with the paragraphs on
      // it; then with those on the pages before it too (each given back at most once).
      // A way that also avoids the hyphen comes first.
      // On the last try, when no way fills every page, the nearest one is kept if the
      // rows it leaves empty can be feathered.
      const auto fix = [&](int count, bool last) {
        return (hyphen && refit(count, true, false)) || (is_short && refit(count, false, last));
      };
      const std::size_t depth = history_.size();
      if (rebreak_ && (hyphen || is_short) && !fix(1, depth == 0)) {
        std::vector<bool> openings;
        for (std::size_t back = 1; back <= depth; ++back) {
          openings.push_back(pages.back().opening);
          pages.pop_back();
          give_back(history_.back());
          history_.pop_back();
          if (fix(static_cast<int>(back) + 1, back == depth)) break;
        }
        // Whether or not that worked, the pages are taken again (as they were, if not).
        while (!openings.empty()) {
          pages.push_back(take(openings.back()));
          openings.pop_back();
          refill();
        }
        history_.clear();
      }
      pages.push_back(take(this_opening));
    }
    if (pages.empty()) out.recto = recto;  // a part without text passes its break on
    return out;
  }

 private:
  // ---- the buffer ------------------------------------------------------------------

  // Reads slots until the buffer holds three pages' rows, a page break, or the end, and
  // always whole paragraphs (so that any paragraph in it can be set again). The break
  // that begins the next part is read too (what ends a chapter is seen as such), but
  // never taken.
  void refill() {
    int rows = 0;
    for (const Slot* s : buf_) rows += s->rows;
    while (next_ <= end_ && next_ < flow_.slots.size()) {
      if (!buf_.empty() && buf_.back()->kind == Slot::Kind::page_break) break;
      Slot* s = &flow_.slots[next_];
      const bool continues = !buf_.empty() && buf_.back()->paragraph >= 0 && s->paragraph == buf_.back()->paragraph;
      if (rows >= 3 * g_.rows && !continues) break;
      buf_.push_back(s);
      rows += s->rows;
      ++next_;
    }
  }

  bool at_next_part() const {
    return !buf_.empty() && end_ < flow_.slots.size() && buf_.front() == &flow_.slots[end_];
  }

  void pop_front() {
    const Slot* s = buf_.front();
    buf_.pop_front();
    // A paragraph whose first lines are gone cannot be set again.
    split_ = s->paragraph >= 0 && !buf_.empty() && buf_.front()->paragraph == s->paragraph ? s->paragraph : -1;
  }

  // ---- measuring a page ------------------------------------------------------------

  int note_rows(int lines) const {
    if (lines <= 0) return 0;
    // One body line's space for the separator rule, then the notes.
    return static_cast<int>(std::ceil((g_.leading + lines * note_leading_) / g_.leading - 1e-9));
  }
  int max_note_lines(int body_rows) const {
    const double space = (g_.rows - body_rows) * g_.leading - g_.leading;
    return std::max(0, static_cast<int>(std::floor(space / note_leading_ + 1e-9)));
  }
  int note_lines(int number) const {
    auto it = flow_.notes.find(number);
    return it == flow_.notes.end() ? 0 : static_cast<int>(it->second.lines.size());
  }
  static int count_lines(const std::vector<NotePart>& parts) {
    int n = 0;
    for (const auto& p : parts) n += p.last - p.first;
    return n;
  }

  // Footnotes first referenced by `slot` and not yet placed, with the notes their own
  // text refers to, in order.
  void new_notes(const Slot& slot, const std::set<int>& taken, std::vector<int>& out) const {
    if (slot.notes.empty()) return;
    std::vector<int> stack(slot.notes.rbegin(), slot.notes.rend());
    while (!stack.empty()) {
      int n = stack.back();
      stack.pop_back();
      if (taken.count(n) || placed_.count(n) || std::find(out.begin(), out.end(), n) != out.end()) continue;
      auto it = flow_.notes.find(n);
      if (it == flow_.notes.end()) continue;
      out.push_back(n);
      for (auto line = it->second.lines.rbegin(); line != it->second.lines.rend(); ++line)
        for (auto r = line->notes.rbegin(); r != line->notes.rend(); ++r) stack.push_back(*r);
    }
  }

  // Where a page that starts at `from` ends (exclusive), with `carry` note lines
  // continued onto it and the notes in `taken` placed on pages before it.
  std::size_t find_end(const Buffer& buf, std::size_t from, int carry, const std::set<int>& taken_before,
                       bool& too_tall) const {
    too_tall = false;
    int rows = 0;
    int lines = std::min(carry, max_note_lines(0));
    std::set<int> taken = taken_before;
    std::vector<int> fresh;
    std::size_t j = from;
    for (; j < buf.size(); ++j) {
      const Slot& s = *buf[j];
      if (s.kind == Slot::Kind::page_break) return j;
      fresh.clear();
      new_notes(s, taken, fresh);
      int add = 0;
      for (int n : fresh) add += note_lines(n);
      if (rows + s.rows + note_rows(lines + add) <= g_.rows) {
        rows += s.rows;
        lines += add;
        taken.insert(fresh.begin(), fresh.end());
        continue;
      }
      // The slot fits with only the start of its notes: place it, end the page here and
      // continue the notes on the next page (TeX splits insertions the same way).
      const bool page_may_end = s.break_after || j + 1 == buf.size() ||
                                buf[j + 1]->kind == Slot::Kind::page_break;
      if (!fresh.empty() && page_may_end && rows + s.rows + note_rows(lines + 1) <= g_.rows) return j + 1;
      break;
    }
    if (j >= buf.size()) return j;
    // Slot j does not fit: end after the last slot a page may end after.
    std::size_t k = j;
    while (k > from && !buf[k - 1]->break_after) --k;
    if (k > from) return k;
    if (j > from) return j;        // nothing on the page may end it: cut anyway
    if (carry > 0) return from;    // a page of continued notes only
    too_tall = true;
    return from + 1;
  }

  // The page that starts at `from`; adds its notes to `taken`.
  Layout lay(const Buffer& buf, std::size_t from, const std::vector<NotePart>& carry, std::set<int>& taken) const {
    Layout out;
    out.from = from;
    out.end = find_end(buf, from, count_lines(carry), taken, out.too_tall);
    std::vector<NotePart> notes = carry;
    std::vector<int> fresh;
    int body_rows = 0;
    for (std::size_t k = from; k < out.end; ++k) {
      body_rows += buf[k]->rows;
      fresh.clear();
      new_notes(*buf[k], taken, fresh);
      for (int n : fresh) {
        taken.insert(n);
        notes.push_back({n, 0, note_lines(n)});
      }
    }
    // Pack note lines into what the body leaves; the rest continues overleaf.
    const int total = count_lines(notes);
    int room = max_note_lines(body_rows);
    if (total <= room) {
      out.missing = std::max(0, g_.rows - body_rows - note_rows(total));
      // White space that ends a page leaves it as short as no slot would.
      for (std::size_t k = out.end; k > from && buf[k - 1]->kind == Slot::Kind::space; --k)
        out.missing += buf[k - 1]->rows;
    }
    for (auto& part : notes) {
      const int lines = part.last - part.first;
      if (room >= lines) {
        out.notes.push_back(part);
        room -= lines;
      } else if (room > 0) {
        out.notes.push_back({part.number, part.first, part.first + room});
        out.carry.push_back({part.number, part.first + room, part.last});
        room = 0;
      } else {
        out.carry.push_back(part);
      }
    }
    return out;
  }

  // The next `count` pages from the front of `buf` as they stand (fewer when the
  // chapter ends first).
  std::vector<Layout> lay_pages(const Buffer& buf, int count) const {
    std::vector<Layout> out;
    std::set<int> taken;
    std::vector<NotePart> carry = carry_;
    std::size_t from = 0;
    for (int p = 0; p < count; ++p) {
      out.push_back(lay(buf, from, carry, taken));
      if (!followed_by_text(buf, out.back().end) || out.back().end >= buf.size()) break;
      carry = out.back().carry;
      from = out.back().end;
    }
    return out;
  }
  std::vector<Layout> lay_front(int count) const { return lay_pages(buf_, count); }

  // Running text follows the slots before `end`: no page break before the next content.
  bool followed_by_text(const Buffer& buf, std::size_t end) const {
    for (std::size_t k = end; k < buf.size(); ++k) {
      if (buf[k]->kind == Slot::Kind::page_break) return false;
      if (buf[k]->kind == Slot::Kind::content) return true;
    }
    return false;  // the end of the book: a last page may be short
  }

  // A page that ends above the bottom line with running text after it.
  bool short_page(const Buffer& buf, const Layout& l) const {
    return l.missing > 0 && l.missing <= kMaxMissing && followed_by_text(buf, l.end);
  }

  // ---- figures ------------------------------------------------------------------------

  // A figure that does not fit at the foot of the page goes to the top of the next one,
  // after the paragraph that straddles the page break, and the text after it fills the
  // page (a float, as in LaTeX's [tp] placement).
  void float_figure() {
    Layout l = lay_front(1).front();
    if (figure_to_top(l)) l = lay_front(1).front();
    if (l.missing == 0 || l.end >= buf_.size() || !followed_by_text(buf_, l.end)) return;
    std::size_t at = l.end;
    while (at < buf_.size() && buf_[at]->kind == Slot::Kind::space) ++at;
    if (at >= buf_.size() || !buf_[at]->floats) return;
    // The figure with the white space around it.
    std::size_t first = at, last = at + 1;
    while (first > 0 && buf_[first - 1]->kind == Slot::Kind::space) --first;
    while (last < buf_.size() && buf_[last]->kind == Slot::Kind::space) ++last;
    const std::vector<Slot*> group(buf_.begin() + static_cast<std::ptrdiff_t>(first),
                                   buf_.begin() + static_cast<std::ptrdiff_t>(last));
    Buffer trial = buf_;
    trial.erase(trial.begin() + static_cast<std::ptrdiff_t>(first), trial.begin() + static_cast<std::ptrdiff_t>(last));
    const Layout moved = lay_pages(trial, 1).front();
    if (moved.end <= first || (moved.missing >= l.missing && followed_by_text(trial, moved.end))) return;
    // After the paragraph that now straddles the break; at the end of the chapter when
    // the rest of it fits on the page.
    std::size_t to = moved.end;
    while (to < trial.size() && trial[to]->paragraph >= 0 && trial[to]->paragraph == trial[to - 1]->paragraph) ++to;
    while (to < trial.size() && trial[to]->kind == Slot::Kind::space) ++to;
    if (to < trial.size() && trial[to]->kind == Slot::Kind::page_break)
      while (to > moved.end && trial[to - 1]->kind == Slot::Kind::space) --to;
    trial.insert(trial.begin() + static_cast<std::ptrdiff_t>(to), group.begin(), group.end());
    buf_ = std::move(trial);
  }

  // A figure that would end a page with text after it goes to the top of the page
  // instead (LaTeX's preferred [t] placement): the text then runs down to the foot, and
  // the page ends on the common bottom line like any other.
  bool figure_to_top(const Layout& l) {
    if (l.end <= l.from || l.end >= buf_.size() || !followed_by_text(buf_, l.end)) return false;
    std::size_t at = l.end;
    while (at > l.from && buf_[at - 1]->kind == Slot::Kind::space) --at;
    if (at == l.from || !buf_[at - 1]->floats) return false;
    const std::size_t figure = at - 1;
    std::size_t first = figure;
    while (first > l.from && buf_[first - 1]->kind == Slot::Kind::space) --first;
    if (first == l.from) return false;  // already at the top
    Buffer out;
    for (std::size_t k = 0; k < l.from; ++k) out.push_back(buf_[k]);
    out.push_back(buf_[figure]);
    for (std::size_t k = figure + 1; k < l.end; ++k) out.push_back(buf_[k]);  // the space below it
    for (std::size_t k = l.from; k < first; ++k) out.push_back(buf_[k]);
    for (std::size_t k = l.end; k < buf_.size(); ++k) out.push_back(buf_[k]);
    buf_ = std::move(out);
    return true;
  }

  // A figure that would stand between lines of one paragraph, the first of them at the
  // top of the page (a paragraph carried over from the page before, or set again with
  // another number of lines after the figure was placed), goes to the top of the page
  // instead (LaTeX's [t]): the paragraph is then read without a picture in its middle.
  bool figure_out_of_paragraph(const Layout& l) {
    std::size_t figure = l.from;
    while (figure < l.end && !buf_[figure]->floats) ++figure;
    if (figure == l.from || figure >= l.end) return false;
    std::size_t first = figure, last = figure + 1;  // the figure and the space around it
    while (first > l.from && buf_[first - 1]->kind == Slot::Kind::space) --first;
    while (last < buf_.size() && buf_[last]->kind == Slot::Kind::space) ++last;
    if (first == l.from || last >= buf_.size()) return false;
    const int paragraph = buf_[last]->paragraph;
    if (paragraph < 0) return false;
    for (std::size_t k = l.from; k < first; ++k)
      if (buf_[k]->paragraph != paragraph) return false;
    Buffer out;
    for (std::size_t k = 0; k < l.from; ++k) out.push_back(buf_[k]);
    for (std::size_t k = figure; k < last; ++k) out.push_back(buf_[k]);  // the space below it
    for (std::size_t k = l.from; k < first; ++k) out.push_back(buf_[k]);
    for (std::size_t k = last; k < buf_.size(); ++k) out.push_back(buf_[k]);
    buf_ = std::move(out);
    return true;
  }

  // ---- setting paragraphs again ------------------------------------------------------
  //
  // A chapter that ends on a line filling the measure seems to break off there
  // (FlowBuilder::lengthen_full_last_line sets its last paragraph so that it does not):
  // no setting of that paragraph that ends so is used.

  // Paragraph `p` set `looseness` lines longer than it was first set (0: as it was),
  // and with line `no_hyphen` (−1: none) not ending on a hyphen.
  const std::vector<Slot*>* variant(int p, int looseness, int no_hyphen = -1) {
    auto [it, fresh] = variants_.try_emplace({p, looseness, no_hyphen});
    if (!fresh) return it->second ? &*it->second : nullptr;
    const ParagraphRecord& record = flow_.paragraphs[static_cast<std::size_t>(p)];
    std::vector<Slot*> slots;
    if (looseness == 0 && no_hyphen < 0) {
      for (int i = 0; i < record.lines; ++i) slots.push_back(&flow_.slots[record.first_slot + static_cast<std::size_t>(i)]);
    } else {
      auto lines = rebreak_(record, looseness, no_hyphen);
      if (!lines) return nullptr;
      for (auto& s : *lines) {
        s.paragraph = p;
        replacements_.push_back(std::move(s));
        slots.push_back(&replacements_.back());
      }
    }
    it->second = std::move(slots);
    return &*it->second;
  }

  struct Change {
    int paragraph;
    std::size_t first, count;  // its lines in the buffer
    int looseness;             // relative to the first setting
    double score;              // lower first
    int no_hyphen = -1;        // a line of it that must not end on a hyphen
    bool ends_chapter = false;  // the last paragraph before a page break
  };

  // `buf` with the changes made (disjoint, in any order).
  Buffer apply(const Buffer& buf, std::vector<std::pair<const Change*, const std::vector<Slot*>*>> changes) const {
    std::sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) { return a.first->first < b.first->first; });
    Buffer out;
    std::size_t k = 0;
    for (const auto& [c, lines] : changes) {
      for (; k < c->first; ++k) out.push_back(buf[k]);
      out.insert(out.end(), lines->begin(), lines->end());
      k = c->first + c->count;
    }
    for (; k < buf.size(); ++k) out.push_back(buf[k]);
    return out;
  }

  // Every one of the first `count` pages of `buf` is full, or ends its chapter (and
  // none ends on a hyphen, when asked).
  bool fills(const Buffer& buf, int count, bool no_hyphen) const {
    const std::vector<Layout> pages = lay_pages(buf, count);
    for (const Layout& l : pages) {
      if (l.missing > 0 && followed_by_text(buf, l.end)) return false;
      if (no_hyphen && ends_with_hyphen(buf, l)) return false;
    }
    return true;
  }

  // Rows left empty on the first `count` pages of `buf`, but on one that ends its
  // chapter.
  int empty_rows(const Buffer& buf, int count) const {
    int rows = 0;
    for (const Layout& l : lay_pages(buf, count))
      if (l.missing > 0 && followed_by_text(buf, l.end)) rows += l.missing;
    return rows;
  }

  // The page's last line ends on a hyphen, and the word goes on overleaf.
  bool ends_with_hyphen(const Buffer& buf, const Layout& l) const {
    return l.end > l.from && buf[l.end - 1]->hyphenated && followed_by_text(buf, l.end);
  }

  // Sets paragraphs on the first `count` pages again so that each of them is full (and
  // none ends on a hyphen, with `no_hyphen`); true when it found a way (the buffer holds
  // it then). With `nearest`, a way that leaves fewer rows empty, on pages that can be
  // feathered, will do too.
  bool refit(int count, bool no_hyphen, bool nearest) {
    const std::vector<Layout> base = lay_front(count);
    // The paragraphs with a line in the window or in the rows its last page leaves
    // empty (the widow and orphan rules sent them to the next page, where a line more
    // may let them start on this one), each in its three settings.
    std::size_t window = base.back().end;
    for (int rows = 0; window < buf_.size() && rows < base.back().missing; ++window) {
      if (buf_[window]->kind == Slot::Kind::page_break) break;
      rows += buf_[window]->rows;
    }
    // A paragraph is set again whole, so only one whose lines are all in the buffer, and
    // all together: not the one begun on a page taken (`split_`: at the front of the
    // buffer, or just after a figure moved to the top of the page, figure_to_top), nor
    // one such a figure cuts in two; the lines of either would be there twice.
    // Only a figure moved comes between a paragraph's lines: without one in the buffer,
    // none is counted (this runs for every page that would end short).
    std::map<int, int> pieces;  // paragraph → runs of its lines in the buffer, when two or more
    if (std::any_of(buf_.begin(), buf_.end(), [](const Slot* s) { return s->floats; }))
      for (std::size_t k = 0; k < buf_.size(); ++k)
        if (const int p = buf_[k]->paragraph; p >= 0 && (k == 0 || buf_[k - 1]->paragraph != p)) ++pieces[p];
    std::vector<Change> changes;
    for (std::size_t k = 0; k < window;) {
      const int p = buf_[k]->paragraph;
      std::size_t e = k + 1;
      while (e < buf_.size() && p >= 0 && buf_[e]->paragraph == p) ++e;
      if (p >= 0 && p != split_ && pieces[p] <= 1 && e < buf_.size()) {
        const ParagraphRecord& r = flow_.paragraphs[static_cast<std::size_t>(p)];
        const int now = static_cast<int>(e - k) - r.lines;
        std::size_t after = e;
        while (after < buf_.size() && buf_[after]->kind == Slot::Kind::space) ++after;
        const bool ends_chapter = after < buf_.size() && buf_[after]->kind == Slot::Kind::page_break;
        double right = 0;  // how full its last line is
        for (const auto& run : buf_[e - 1]->runs) right = std::max(right, run.x);
        const double fill = std::clamp(right / std::max(1.0, g_.measure), 0.0, 1.0);
        for (int want = -1; want <= 1; ++want) {
          if (want == now) continue;
          if (want == 1 && !r.may_lengthen) continue;
          if (want == -1 && !r.may_shorten) continue;
          // Back to the first setting is best; then a full last line lengthens easily
          // and a nearly empty one shortens easily.
          const double score = want == 0 ? 0.0 : want > now ? 2.0 - fill : 1.0 + fill;
          changes.push_back({p, k, e - k, want, score, -1, ends_chapter});
        }
        // A page that ends on a hyphen inside it: the same lines, broken elsewhere
        // there (the least visible change, so tried first).
        if (no_hyphen)
          for (const Layout& l : base)
            if (ends_with_hyphen(buf_, l) && l.end - 1 >= k && l.end - 1 < e)
              changes.push_back({p, k, e - k, now, -1.0, static_cast<int>(l.end - 1 - k), ends_chapter});
      }
      k = e;
    }
    std::stable_sort(changes.begin(), changes.end(),
                     [](const Change& a, const Change& b) { return a.score < b.score; });
    // Each change alone, then several at once. Those that came nearest (the fewest rows
    // left empty) are where more changes start from.
    using Set = std::vector<std::pair<const Change*, const std::vector<Slot*>*>>;
    Set usable;
    std::vector<std::size_t> best;
    int best_empty = empty_rows(buf_, count);
    const auto set_of = [&](const std::vector<std::size_t>& picks) {
      Set set;
      for (std::size_t i : picks) set.push_back(usable[i]);
      return set;
    };
    // Whether `picks` fill the pages (then the buffer holds them); else keeps them when
    // they come nearer than any before.
    const auto try_set = [&](const std::vector<std::size_t>& picks) {
      Buffer trial = apply(buf_, set_of(picks));
      if (fills(trial, count, no_hyphen)) {
        buf_ = std::move(trial);
        return true;
      }
      const int empty = empty_rows(trial, count);
      if (best.empty() ? empty <= best_empty : empty < best_empty) {
        best_empty = empty;
        best = picks;
      }
      return false;
    };
    int trials = 0;
    for (const Change& c : changes) {
      if (trials >= kMaxSingleTrials) break;
      const std::vector<Slot*>* lines = variant(c.paragraph, c.looseness, c.no_hyphen);
      if (!lines || (c.ends_chapter && lines->back()->full)) continue;
      ++trials;
      usable.push_back({&c, lines});
      if (try_set({usable.size() - 1})) return true;
    }
    // Two paragraphs at once: one a line longer and one a line shorter moves text
    // between them; two longer or two shorter fill two rows.
    trials = 0;
    for (std::size_t a = 0; a < usable.size() && trials < kMaxPairTrials; ++a)
      for (std::size_t b = a + 1; b < usable.size() && trials < kMaxPairTrials; ++b) {
        if (usable[a].first->paragraph == usable[b].first->paragraph) continue;
        ++trials;
        if (try_set({a, b})) return true;
      }
    if (no_hyphen) return false;
    // A paragraph that can be set a line longer or shorter, set two lines so: a long
    // one may take them (a page between long paragraphs offers few others to set again).
    std::deque<Change> doubled;
    for (std::size_t i = 0, singles = usable.size(); i < singles; ++i) {
      const Change& c = *usable[i].first;
      if (c.no_hyphen >= 0 || std::abs(c.looseness) != 1) continue;
      const std::vector<Slot*>* lines = variant(c.paragraph, 2 * c.looseness);
      if (lines && c.ends_chapter && lines->back()->full) lines = nullptr;
      if (!lines) continue;
      doubled.push_back(c);
      doubled.back().looseness = 2 * c.looseness;
      usable.push_back({&doubled.back(), lines});
      if (try_set({usable.size() - 1})) return true;
    }
    // More paragraphs: from the changes that came nearest, one more at a time, each the
    // one that leaves the fewest rows empty, while that number falls. A page of large
    // type holds few lines, often of short paragraphs that cannot be set otherwise, and
    // may need three or four.
    while (!best.empty() && best.size() < kMaxChanges) {
      const std::vector<std::size_t> from = best;
      for (std::size_t c = 0; c < usable.size(); ++c) {
        const Change& change = *usable[c].first;
        std::vector<std::size_t> picks = from;
        const auto same = std::find_if(picks.begin(), picks.end(),
                                       [&](std::size_t i) { return usable[i].first->paragraph == change.paragraph; });
        if (same == picks.end()) {
          picks.push_back(c);
        } else {
          // A paragraph already set a line longer (shorter) may go a second line so.
          const Change& was = *usable[*same].first;
          if (was.no_hyphen >= 0 || change.looseness != 2 * was.looseness) continue;
          *same = c;
        }
        if (try_set(picks)) return true;
      }
      if (best == from) break;  // nothing came nearer
    }
    if (nearest && !best.empty() && best_empty < empty_rows(buf_, count)) {
      Buffer trial = apply(buf_, set_of(best));
      if (feathers(trial, count)) {
        buf_ = std::move(trial);
        return true;
      }
    }
    return false;
  }

  // ---- taking a page -----------------------------------------------------------------

  // What taking a page changed, so that it can be given back (once).
  struct Taken {
    std::vector<NotePart> carry_before;
    std::vector<int> placed;
    int split_before = -1;
    std::vector<Slot*> slots;
    std::vector<Slot*> dropped;  // space slots dropped at the top of the next page
  };

  BodyPage take(bool opening) {
    std::set<int> taken;
    Layout l = lay(buf_, 0, carry_, taken);
    // The same slots in another order: the page holds the same rows.
    if (figure_out_of_paragraph(l)) {
      taken.clear();
      l = lay(buf_, 0, carry_, taken);
    }
    if (l.too_tall) report_.warning({}, "a block taller than the page does not fit; it runs past the bottom margin");
    BodyPage page;
    page.opening = opening;
    if (history_.size() == kMaxTakenBack) history_.erase(history_.begin());
    history_.push_back(Taken{carry_, {}, split_, {}, {}});
    Taken& last = history_.back();
    int row = 0;
    for (std::size_t k = 0; k < l.end; ++k) {
      Slot* s = buf_.front();
      page.slots.push_back({s, row});
      last.slots.push_back(s);
      row += s->rows;
      pop_front();
    }
    for (const auto& part : l.notes)
      if (part.first == 0) last.placed.push_back(part.number);
    for (const auto& part : l.carry)
      if (part.first == 0) last.placed.push_back(part.number);
    placed_.insert(last.placed.begin(), last.placed.end());
    page.notes = l.notes;
    carry_ = l.carry;
    if (l.missing > 0 && l.missing <= kMaxMissing && followed_by_text(buf_, 0)) feather(page, l.missing);
    return page;
  }

  void give_back(const Taken& t) {
    for (auto it = t.dropped.rbegin(); it != t.dropped.rend(); ++it) buf_.push_front(*it);
    for (auto it = t.slots.rbegin(); it != t.slots.rend(); ++it) buf_.push_front(*it);
    carry_ = t.carry_before;
    for (int n : t.placed) placed_.erase(n);
    split_ = t.split_before;
  }

  // The last resort for a page left short: its rows move down by fractions of a row,
  // the missing space shared between paragraphs (between lines when it has one).
  void feather(BodyPage& page, int missing) const {
    std::vector<const Slot*> slots;
    for (const auto& placed : page.slots) slots.push_back(placed.slot);
    const std::vector<bool> widen = feather_gaps(slots, missing);
    if (widen.empty()) return;
    const double step = missing * g_.leading / static_cast<double>(std::count(widen.begin(), widen.end(), true));
    double drop = 0;
    for (std::size_t k = 1; k < page.slots.size(); ++k) {
      if (widen[k]) drop += step;
      page.slots[k].drop = drop;
    }
    page.feathered = true;
  }

  // Which gaps of a page feathering widens (the one above slot k), or nothing when the
  // page cannot take `missing` rows so (more than half a row per gap).
  static std::vector<bool> feather_gaps(const std::vector<const Slot*>& slots, int missing) {
    const auto starts_block = [&](std::size_t k) {
      const Slot& a = *slots[k - 1];
      const Slot& b = *slots[k];
      if (a.heading >= 0) return false;  // a heading stays with its text
      return b.paragraph < 0 || b.paragraph != a.paragraph || a.kind == Slot::Kind::space;
    };
    // White space at the foot stays there: the last line goes to the bottom row.
    std::size_t end = slots.size();
    while (end > 1 && slots[end - 1]->kind == Slot::Kind::space) --end;
    std::vector<bool> widen(slots.size(), false);
    std::size_t gaps = 0;
    for (std::size_t k = 1; k < end; ++k) gaps += widen[k] = starts_block(k);
    if (gaps == 0)  // one block: between its lines
      for (std::size_t k = 1; k < end; ++k) gaps += widen[k] = true;
    if (gaps == 0 || static_cast<double>(missing) / static_cast<double>(gaps) > kMaxFeatherPerGap) return {};
    return widen;
  }

  // Every short page among the first `count` of `buf` can be feathered to the bottom line.
  bool feathers(const Buffer& buf, int count) const {
    for (const Layout& l : lay_pages(buf, count)) {
      if (l.missing == 0 || !followed_by_text(buf, l.end)) continue;
      if (l.missing > kMaxMissing) return false;
      const std::vector<const Slot*> slots(buf.begin() + static_cast<std::ptrdiff_t>(l.from),
                                           buf.begin() + static_cast<std::ptrdiff_t>(l.end));
      if (feather_gaps(slots, l.missing).empty()) return false;
    }
    return true;
  }

  Flow& flow_;
  const PageGeometry& g_;
  double note_leading_;
  Reporter& report_;
  const Rebreaker& rebreak_;
  std::deque<Slot>& replacements_;  // lines set again (never moved once there)
  Buffer buf_;
  std::size_t next_ = 0;            // next slot of the flow to read
  std::size_t end_ = 0;             // the end of the part
  std::vector<NotePart> carry_;     // note lines continued from the previous page
  std::set<int> placed_;            // notes placed (or begun)
  int split_ = -1;                  // the paragraph at the front of the buffer, when its
                                    // first lines are on an earlier page
  std::vector<Taken> history_;      // the pages taken last, while they may be given back
  std::map<std::tuple<int, int, int>, std::optional<std::vector<Slot*>>> variants_;
};

}  // namespace

std::vector<FlowPart> flow_parts(const Flow& flow) {
  std::vector<FlowPart> parts;
  std::size_t begin = 0;
  for (std::size_t i = 1; i < flow.slots.size(); ++i)
    if (flow.slots[i].kind == Slot::Kind::page_break) {
      parts.push_back({begin, i});
      begin = i;
    }
  if (begin < flow.slots.size()) parts.push_back({begin, flow.slots.size()});
  return parts;
}

PartPages paginate_part(Flow& flow, FlowPart part, const PageGeometry& geometry, const style::Notes& notes,
                        Reporter& report, const Rebreaker& rebreak, std::deque<Slot>& replacements) {
  return Paginator(flow, part, geometry, notes, report, rebreak, replacements).run();
}

std::vector<BodyPage> join_parts(std::vector<PartPages>&& parts, std::vector<std::size_t>* starts) {
  std::vector<BodyPage> pages;
  std::size_t total = 0;
  for (const auto& p : parts) total += p.pages.size() + 1;
  pages.reserve(total);
  bool recto = false;  // carried over parts without pages
  for (auto& part : parts) {
    recto = recto || part.recto;
    if (part.pages.empty()) {
      if (starts) starts->push_back(pages.size());
      continue;
    }
    if (recto && pages.size() % 2 == 1) {
      BodyPage blank;
      blank.blank = true;
      pages.push_back(blank);
    }
    if (starts) starts->push_back(pages.size());
    recto = false;
    for (auto& page : part.pages) pages.push_back(std::move(page));
  }
  return pages;
}

std::vector<BodyPage> paginate(Flow& flow, const PageGeometry& geometry, const style::Notes& notes,
                               core::Diagnostics& diags, const Rebreaker& rebreak) {
  Reporter report(diags);
  std::vector<PartPages> parts;
  for (const FlowPart part : flow_parts(flow))
    parts.push_back(paginate_part(flow, part, geometry, notes, report, rebreak, flow.replacements.emplace_back()));
  return join_parts(std::move(parts));
}

}  // namespace octavo::typeset
