// Page breaking: the vertical list → body pages. See page_builder.hpp for the rules.
//
// Slots are read into a small buffer that holds the next page and a page more; a page
// is chosen from its front. When the rules on where a page may end (widows, orphans,
// headings kept with their text) leave it one or two rows short and running text
// follows, paragraphs in the buffer are set again a line longer or shorter (TeX's
// \looseness, which a compositor would set by hand) and the page end is sought again;
// the first change that fills the page is kept. The buffer is where that splicing
// happens, so the flow itself is never shifted.
#include <algorithm>
#include <cmath>
#include <deque>
#include <set>

#include "typeset/page_builder.hpp"

namespace octavo::typeset {
namespace {

// Paragraphs tried per short page, and how many rows short a page may be to be fixed.
constexpr int kRebreakAttempts = 24;
constexpr int kMaxMissing = 2;

using Buffer = std::deque<Slot*>;

class Paginator {
public:
  Paginator(Flow& flow, const PageGeometry& g, const style::Notes& notes, core::Diagnostics& diags,
            const Rebreaker& rebreak)
      : flow_(flow), g_(g), note_leading_(notes.leading > 0 ? notes.leading : notes.size * 1.2),
        diags_(diags), rebreak_(rebreak) {}

  std::vector<BodyPage> run() {
    std::vector<BodyPage> pages;
    bool opening = false, recto = false;
    for (;;) {
      refill();
      if (buf_.empty() && carry_.empty()) break;
      if (!buf_.empty() && buf_.front()->kind == Slot::Kind::page_break) {
        opening = true;
        recto = recto || buf_.front()->recto;
        pop_front();
        continue;
      }
      while (!buf_.empty() && buf_.front()->kind == Slot::Kind::space) pop_front();
      refill();
      if (!buf_.empty() && buf_.front()->kind == Slot::Kind::page_break) continue;
      if (buf_.empty() && carry_.empty()) break;
      if (recto && pages.size() % 2 == 1) {
        BodyPage blank;
        blank.blank = true;
        pages.push_back(blank);
      }
      BodyPage page;
      page.opening = opening;
      opening = recto = false;
      std::size_t end = find_end(buf_);
      if (rebreak_ && end < buf_.size() && buf_[end]->kind != Slot::Kind::page_break &&
          missing(buf_, end) > 0)
        end = fill_short_page(end);
      if (end == 0 && carry_.empty() && !buf_.empty()) end = 1;  // progress, whatever it costs
      take(page, end);
      pages.push_back(std::move(page));
    }
    return pages;
  }

private:
  // ---- the buffer ------------------------------------------------------------------

  // Reads slots until the buffer holds two pages' rows, a page break, or the end, and
  // always whole paragraphs (so that any paragraph in it can be set again).
  void refill() {
    int rows = 0;
    for (const Slot* s : buf_) rows += s->rows;
    while (next_ < flow_.slots.size()) {
      if (!buf_.empty() && buf_.back()->kind == Slot::Kind::page_break) break;
      Slot* s = &flow_.slots[next_];
      const bool continues = !buf_.empty() && buf_.back()->paragraph >= 0 && s->paragraph == buf_.back()->paragraph;
      if (rows >= 2 * g_.rows && !continues) break;
      buf_.push_back(s);
      rows += s->rows;
      ++next_;
    }
  }

  void pop_front() {
    const Slot* s = buf_.front();
    buf_.pop_front();
    if (s->paragraph >= 0) split_.insert(s->paragraph);  // some of its lines are gone
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
  int carry_lines() const {
    int n = 0;
    for (const auto& p : carry_) n += p.last - p.first;
    return n;
  }

  // Footnotes first referenced by `slot` and not yet placed, with the notes their own
  // text refers to, in order.
  void new_notes(const Slot& slot, const std::set<int>& taken, std::vector<int>& out) const {
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

  // Where a page that starts at the front of `buf` ends (exclusive).
  std::size_t find_end(const Buffer& buf) const {
    int rows = 0;
    int lines = std::min(carry_lines(), max_note_lines(0));
    std::set<int> taken;
    std::vector<int> fresh;
    std::size_t j = 0;
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
    while (k > 0 && !buf[k - 1]->break_after) --k;
    if (k > 0) return k;
    if (j > 0) return j;  // nothing on the page may end it: cut anyway
    if (carry_lines() > 0) return 0;  // a page of continued notes only
    diags_.warning({}, "a block taller than the page does not fit; it runs past the bottom margin");
    return 1;
  }

  // Rows a page [0, end) leaves empty (0 when its notes overflow: then it is full).
  int missing(const Buffer& buf, std::size_t end) const {
    int body = 0;
    std::set<int> taken;
    std::vector<int> fresh;
    int lines = carry_lines();
    for (std::size_t k = 0; k < end; ++k) {
      body += buf[k]->rows;
      fresh.clear();
      new_notes(*buf[k], taken, fresh);
      for (int n : fresh) lines += note_lines(n);
      taken.insert(fresh.begin(), fresh.end());
    }
    if (lines > max_note_lines(body)) return 0;
    return std::max(0, g_.rows - body - note_rows(lines));
  }

  // ---- filling short pages ---------------------------------------------------------

  std::size_t fill_short_page(std::size_t end) {
    const int short_by = missing(buf_, end);
    if (short_by > kMaxMissing) return end;
    // Paragraphs with a line on the page, whole in the buffer and not begun on an
    // earlier page; each with the fill of its last line.
    struct Candidate {
      int paragraph;
      std::size_t first, count;
      double last_fill;
      bool whole;  // all its lines on the page
    };
    std::vector<Candidate> candidates;
    for (std::size_t k = 0; k < end;) {
      const int p = buf_[k]->paragraph;
      std::size_t e = k + 1;
      while (e < buf_.size() && p >= 0 && buf_[e]->paragraph == p) ++e;
      if (p >= 0 && !split_.count(p) && !changed_.count(p) && e < buf_.size()) {
        double right = 0;
        for (const auto& run : buf_[e - 1]->runs) right = std::max(right, run.x);
        candidates.push_back({p, k, e - k, right, e <= end});
      }
      k = e;
    }
    // Try making a paragraph a line longer (fullest last lines first: a word or two
    // moves) or a line shorter (emptiest last lines first); keep the first that fills
    // the page.
    std::vector<std::pair<const Candidate*, int>> trials;
    std::vector<const Candidate*> by_fill;
    for (const auto& c : candidates) by_fill.push_back(&c);
    std::stable_sort(by_fill.begin(), by_fill.end(),
                     [](const Candidate* a, const Candidate* b) { return a->last_fill > b->last_fill; });
    auto record = [&](const Candidate* c) -> const ParagraphRecord& {
      return flow_.paragraphs[static_cast<std::size_t>(c->paragraph)];
    };
    for (const Candidate* c : by_fill)
      if (record(c).may_lengthen) trials.push_back({c, +1});
    for (auto it = by_fill.rbegin(); it != by_fill.rend(); ++it)
      if ((*it)->count >= 2 && record(*it).may_shorten) trials.push_back({*it, -1});
    std::stable_sort(trials.begin(), trials.end(), [](const auto& a, const auto& b) {
      // Alternate: the most promising of each kind first.
      auto score = [](const std::pair<const Candidate*, int>& t) {
        return t.second > 0 ? 1.0 - t.first->last_fill / 1000 : t.first->last_fill / 1000;
      };
      return score(a) < score(b);
    });
    int attempts = 0;
    for (const auto& [c, looseness] : trials) {
      if (attempts++ >= kRebreakAttempts) break;
      const ParagraphRecord& record = flow_.paragraphs[static_cast<std::size_t>(c->paragraph)];
      if (static_cast<int>(c->count) != record.lines) continue;
      auto lines = rebreak_(record, looseness, nullptr);
      if (!lines) continue;
      Buffer trial;
      for (std::size_t k = 0; k < c->first; ++k) trial.push_back(buf_[k]);
      const std::size_t at = flow_.replacements.size();
      for (auto& s : *lines) {
        s.paragraph = c->paragraph;
        flow_.replacements.push_back(std::move(s));
      }
      for (std::size_t k = at; k < flow_.replacements.size(); ++k) trial.push_back(&flow_.replacements[k]);
      for (std::size_t k = c->first + c->count; k < buf_.size(); ++k) trial.push_back(buf_[k]);
      const std::size_t trial_end = find_end(trial);
      if (trial_end > 0 && missing(trial, trial_end) == 0) {
        buf_ = std::move(trial);
        changed_.insert(c->paragraph);
        return trial_end;
      }
      flow_.replacements.resize(at);  // not used
    }
    return end;
  }

  // ---- taking a page -----------------------------------------------------------------

  void take(BodyPage& page, std::size_t end) {
    int row = 0;
    std::vector<NotePart> notes = carry_;
    carry_.clear();
    for (std::size_t k = 0; k < end; ++k) {
      Slot* s = buf_.front();
      page.slots.push_back({s, row});
      row += s->rows;
      std::vector<int> fresh;
      new_notes(*s, {}, fresh);
      for (int n : fresh) {
        placed_.insert(n);
        notes.push_back({n, 0, note_lines(n)});
      }
      pop_front();
    }
    // A paragraph whose first lines are on this page cannot be set again later.
    // (pop_front marks every paragraph it takes lines from.)
    // Pack note lines into what the body leaves; the rest continues overleaf.
    int room = max_note_lines(row);
    for (auto& part : notes) {
      const int lines = part.last - part.first;
      if (room >= lines) {
        page.notes.push_back(part);
        room -= lines;
      } else if (room > 0) {
        page.notes.push_back({part.number, part.first, part.first + room});
        carry_.push_back({part.number, part.first + room, part.last});
        room = 0;
      } else {
        carry_.push_back(part);
      }
    }
  }

  Flow& flow_;
  const PageGeometry& g_;
  double note_leading_;
  core::Diagnostics& diags_;
  const Rebreaker& rebreak_;
  Buffer buf_;
  std::size_t next_ = 0;            // next slot of the flow to read
  std::vector<NotePart> carry_;     // note lines continued from the previous page
  std::set<int> placed_;            // notes placed (or begun)
  std::set<int> split_;             // paragraphs with lines on earlier pages
  std::set<int> changed_;           // paragraphs set again already
};

}  // namespace

std::vector<BodyPage> paginate(Flow& flow, const PageGeometry& geometry, const style::Notes& notes,
                               core::Diagnostics& diags, const Rebreaker& rebreak) {
  return Paginator(flow, geometry, notes, diags, rebreak).run();
}

}  // namespace octavo::typeset
