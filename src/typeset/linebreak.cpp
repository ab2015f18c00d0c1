#include "typeset/linebreak.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace octavo::typeset {
namespace {

// Control flow (TeX §813–890, with the same names where they exist):
//   for each pass (pretolerance without dictionary hyphens; tolerance with them;
//   tolerance plus emergency stretch):
//     for each legal breakpoint b (glue after a box, penalty < 10000, discretionary):
//       try_break(b): for every active node a, in order of line number,
//         measure the line a..b and its adjustment ratio r (§851–853);
//         r < −1 or a forced break: deactivate a (§860), except that in the final pass
//           the last active node is kept as an "artificial" break (§854) so that a
//           paragraph always gets breaks, overfull lines and all;
//         badness ≤ threshold: a feasible break; remember the best predecessor for each
//           fitness class (§855);
//         when the line number changes (or the list ends), create active nodes at b for
//           the classes within adj_demerits of the best (§836, §845).
//     the best active node at the end, adjusted for looseness (§873–875), gives the
//     breaks by following predecessor links (§877–880).
// Sums are prefix sums over the items, so the width from a to b is a subtraction
// (Knuth & Plass's "delta" bookkeeping, done with absolute totals instead).

constexpr double kInfBad = 10000;
constexpr double kAwful = std::numeric_limits<double>::infinity();

// Runs of hyphens told apart by the active list: 0, 1, and 2 or more.
constexpr std::size_t kRuns = 3;

enum Fitness { very_loose = 0, loose = 1, decent = 2, tight = 3 };

struct Totals {
  double width = 0, stretch = 0, shrink = 0, fil = 0;
};

struct Node {
  std::size_t pos = 0;      // the break item, or npos for the paragraph start
  std::size_t line = 0;     // lines before this break's successor: the next line's number
  int fitness = decent;
  bool flagged = false;
  Totals after;             // totals at the start of the line that follows
  double total = 0;         // total demerits up to here
  int prev = -1;            // predecessor in `nodes`
  bool artificial = false;  // an overfull line lies on the way here
  int hyphens = 0;          // flagged breaks in a row ending here
};

struct Candidate {
  double demerits = kAwful;
  int from = -1;
  std::size_t line = 0;
  bool artificial = false;
};

// Working storage, kept between paragraphs so that breaking does not allocate.
struct Buffers {
  std::vector<Totals> sums;
  std::vector<Node> nodes;
  std::vector<int> active, next;
};

class Breaker {
public:
  Breaker(const std::vector<Item>& items, const LineWidths& widths, const LineBreakParams& params,
          Buffers& buffers)
      : items_(items), widths_(widths), params_(params), sums_(buffers.sums), nodes_(buffers.nodes),
        active_(buffers.active), next_(buffers.next) {
    sums_.resize(items.size() + 1);
    sums_[0] = Totals{};
    for (std::size_t i = 0; i < items.size(); ++i) {
      Totals t = sums_[i];
      const Item& it = items[i];
      if (it.type == ItemType::box || it.type == ItemType::disc) t.width += it.width;
      if (it.type == ItemType::glue) {
        t.width += it.width;
        t.stretch += it.stretch;
        t.shrink += it.shrink;
        t.fil += it.fil;
      }
      sums_[i + 1] = t;
    }
    easy_line_ = params.looseness == 0 && params.lines <= 0 ? widths.first.size()
                                                             : std::numeric_limits<std::size_t>::max();
  }

  BreakResult run() {
    BreakResult result;
    const bool third = params_.emergency_stretch > 0;
    const int last_pass = third ? 3 : 2;
    for (int pass = params_.pretolerance >= 0 ? 1 : 2; pass <= last_pass; ++pass) {
      pass_ = pass;
      final_pass_ = pass == last_pass;
      threshold_ = pass == 1 ? params_.pretolerance : params_.tolerance;
      // Unlike TeX, the last pass accepts lines up to "infinitely bad" (underfull): a
      // loose line is a blemish, an overfull one runs into the margin. Only a word wider
      // than the measure can still produce an overfull line.
      if (final_pass_ && params_.relax_last_pass) threshold_ = std::max(threshold_, kInfBad);
      extra_stretch_ = pass == 3 ? params_.emergency_stretch : 0;
      hyphen_limit_ = params_.max_consecutive_hyphens > 0 ? params_.max_consecutive_hyphens
                                                           : std::numeric_limits<int>::max();
      const bool found = run_pass(result);
      if (found && !(final_pass_ && result.artificial)) {
        result.pass = pass;
        return result;
      }
      if (final_pass_ && hyphen_limit_ != std::numeric_limits<int>::max()) {
        // Last resort: the limit may have cost the only breaking without overfull lines
        // (a narrow measure where every line must hyphenate). Repeat without it.
        BreakResult unlimited;
        hyphen_limit_ = std::numeric_limits<int>::max();
        if (run_pass(unlimited) && (!found || !unlimited.artificial)) {
          unlimited.pass = pass;
          return unlimited;
        }
      }
      if (found) {
        result.pass = pass;
        return result;
      }
    }
    return result;  // unreachable: the final pass always finds breaks
  }

private:
  bool run_pass(BreakResult& result) {
    nodes_.clear();
    active_.clear();
    Node start;
    start.pos = std::numeric_limits<std::size_t>::max();
    nodes_.push_back(start);
    active_.push_back(0);
    for (std::size_t b = 0; b < items_.size() && !active_.empty(); ++b) {
      if (legal_break(b)) try_break(b);
    }
    if (active_.empty()) return false;
    // Every remaining active node ends at the final forced break.
    int best = active_.front();
    for (int a : active_)
      if (nodes_[a].total < nodes_[best].total) best = a;
    const auto best_line = static_cast<long>(nodes_[best].line);
    const long looseness = params_.lines > 0 ? params_.lines - best_line : params_.looseness;
    if (looseness != 0) {
      long actual = 0;
      double fewest = nodes_[best].total;
      for (int a : active_) {
        long diff = static_cast<long>(nodes_[a].line) - best_line;
        if ((diff < actual && looseness <= diff) || (diff > actual && looseness >= diff)) {
          best = a;
          actual = diff;
          fewest = nodes_[a].total;
        } else if (diff == actual && nodes_[a].total < fewest) {
          best = a;
          fewest = nodes_[a].total;
        }
      }
      if (actual != looseness && !final_pass_) return false;
    }
    result.demerits = nodes_[best].total;
    result.artificial = nodes_[best].artificial;
    result.lines.clear();
    for (int n = best; nodes_[n].prev >= 0; n = nodes_[n].prev) {
      const Node& from = nodes_[nodes_[n].prev];
      result.lines.push_back(line_from(from, nodes_[n].pos));
    }
    std::reverse(result.lines.begin(), result.lines.end());
    return true;
  }

  LineSpan line_from(const Node& from, std::size_t end) const {
    LineSpan l;
    l.end = end;
    if (from.pos == std::numeric_limits<std::size_t>::max()) {
      l.begin = 0;
    } else if (items_[from.pos].type == ItemType::disc) {
      l.begin = from.pos + 1;
      l.after_disc = true;
    } else {
      l.begin = skip_discardable(from.pos);
    }
    if (l.begin > end) l.begin = end;
    return l;
  }

  // The first item after a break at `b` that is not discarded (TeX §879: glue and
  // penalties after a break vanish).
  std::size_t skip_discardable(std::size_t b) const {
    std::size_t j = b + 1;
    while (j < items_.size() && (items_[j].type == ItemType::glue || items_[j].type == ItemType::penalty))
      ++j;
    return j;
  }

  bool legal_break(std::size_t b) const {
    const Item& it = items_[b];
    switch (it.type) {
      case ItemType::box: return false;
      case ItemType::glue:
        return b > 0 && (items_[b - 1].type == ItemType::box || items_[b - 1].type == ItemType::disc);
      case ItemType::penalty: return it.penalty < kInfPenalty;
      case ItemType::disc:
        return !it.auto_hyphen || (pass_ >= 2 && params_.hyphenate);
    }
    return false;
  }

  Totals totals_after(std::size_t b) const {
    if (items_[b].type == ItemType::disc) {
      // The next line starts with the post-break text, then the items after b. Widths
      // are measured as sums[x] − after, so subtracting post_width adds it to them.
      Totals t = sums_[b + 1];
      t.width -= items_[b].post_width;
      return t;
    }
    return sums_[skip_discardable(b)];
  }

  std::size_t group(std::size_t line) const { return line > easy_line_ ? easy_line_ + 1 : line; }

  void try_break(std::size_t b) {
    const Item& it = items_[b];
    const double pi = it.type == ItemType::glue ? 0 : it.penalty;
    const bool forced = it.type == ItemType::penalty && pi <= -kInfPenalty;
    const bool flagged = (it.type == ItemType::penalty || it.type == ItemType::disc) && it.flagged;
    const bool is_last = b + 1 == items_.size();
    double break_width = 0;
    if (it.type == ItemType::penalty) break_width = it.width;
    if (it.type == ItemType::disc) break_width = it.pre_width;

    // Best predecessor per (fitness class, run of hyphens ending at b): keeping the runs
    // apart is what makes the hyphen limit exact rather than a property of one path.
    std::array<std::array<Candidate, kRuns>, 4> cand{};
    double minimum = kAwful;
    next_.clear();
    std::size_t current_group = std::numeric_limits<std::size_t>::max();

    auto flush = [&]() {
      if (minimum == kAwful) return;
      // §836's pruning (a node worse than the best by more than adj_demerits can never
      // win) holds only between nodes with the same run of hyphens: a dearer node whose
      // run is shorter may still take a hyphenated break that the cheapest may not.
      std::array<double, kRuns> limit;
      for (std::size_t r = 0; r < kRuns; ++r) {
        limit[r] = kAwful;
        for (int f = very_loose; f <= tight; ++f) limit[r] = std::min(limit[r], cand[f][r].demerits);
        limit[r] += params_.adj_demerits;
      }
      const Totals after = totals_after(b);
      for (int f = very_loose; f <= tight; ++f) {
        for (std::size_t r = 0; r < kRuns; ++r) {
          const Candidate& c = cand[f][r];
          if (c.demerits == kAwful || c.demerits > limit[r]) continue;
          Node n;
          n.pos = b;
          n.line = c.line;
          n.fitness = f;
          n.flagged = flagged;
          n.after = after;
          n.total = c.demerits;
          n.prev = c.from;
          const Node& from = nodes_[static_cast<std::size_t>(c.from)];
          n.artificial = c.artificial || from.artificial;
          n.hyphens = flagged ? from.hyphens + 1 : 0;
          nodes_.push_back(n);
          next_.push_back(static_cast<int>(nodes_.size() - 1));
        }
      }
      cand = {};
      minimum = kAwful;
    };

    for (std::size_t k = 0; k < active_.size(); ++k) {
      const int ai = active_[k];
      const Node a = nodes_[ai];  // a copy: nodes_ may grow in flush()
      const std::size_t g = group(a.line);
      if (g != current_group) {
        flush();
        current_group = g;
      }
      const Totals& s = sums_[b];
      const double width = s.width - a.after.width + break_width;
      const double stretch = s.stretch - a.after.stretch + params_.background_stretch + extra_stretch_;
      const double shrink = s.shrink - a.after.shrink;
      const double fil = s.fil - a.after.fil;
      const double shortfall = widths_.at(a.line) - width;

      double bad = 0;
      int fit = decent;
      if (shortfall > 0) {
        if (fil > 0) {
          bad = 0;
        } else if (stretch > 0) {
          bad = badness(shortfall / stretch);
        } else {
          bad = kInfBad;
        }
        fit = bad > 99 ? very_loose : bad > 12 ? loose : decent;
      } else if (shortfall < 0) {
        if (-shortfall > shrink + 1e-9) {
          bad = kInfBad + 1;  // overfull
        } else {
          bad = shrink > 0 ? badness(-shortfall / shrink) : 0;
        }
        fit = bad > 12 ? tight : decent;
      }

      bool stays = true;
      bool artificial = false;
      if (bad > kInfBad || forced) {
        // §854: in the final pass, keep the last active node rather than lose them all.
        if (bad > threshold_) {
          if (final_pass_ && minimum == kAwful && k + 1 == active_.size() && next_.empty()) {
            artificial = true;
          } else {
            continue;  // deactivate
          }
        }
        stays = false;
      } else if (bad > threshold_) {
        next_.push_back(ai);
        continue;
      }

      const int run = flagged ? a.hyphens + 1 : 0;
      const bool page_end = flagged && params_.no_hyphen_line >= 0 &&
                            a.line == static_cast<std::size_t>(params_.no_hyphen_line);
      if ((run > hyphen_limit_ || page_end) && !artificial) {
        // One hyphenated line too many: refuse the break, keep the node for others.
        if (stays) next_.push_back(ai);
        continue;
      }

      double d = 0;
      if (!artificial) {
        d = params_.line_penalty + bad;
        d = d * d;
        if (pi > 0) {
          d += pi * pi;
        } else if (pi > -kInfPenalty) {
          d -= pi * pi;
        }
        if (a.flagged) {
          if (is_last) {
            d += params_.final_hyphen_demerits;
          } else if (flagged) {
            d += params_.double_hyphen_demerits;
            if (a.hyphens == 2) d += params_.triple_hyphen_demerits;
            if (a.hyphens >= 3) d += params_.long_hyphen_run_demerits;
          }
        }
        if (std::abs(fit - a.fitness) > 1) d += params_.adj_demerits;
      }
      d += a.total;
      Candidate& slot = cand[fit][std::min(static_cast<std::size_t>(run), kRuns - 1)];
      if (d <= slot.demerits) {
        slot = {d, ai, a.line + 1, artificial};
        minimum = std::min(minimum, d);
      }
      if (stays) next_.push_back(ai);
    }
    flush();
    active_.swap(next_);
  }

  const std::vector<Item>& items_;
  const LineWidths& widths_;
  const LineBreakParams& params_;
  std::vector<Totals>& sums_;
  std::vector<Node>& nodes_;
  std::vector<int>& active_;
  std::vector<int>& next_;
  std::size_t easy_line_ = 0;
  int pass_ = 1;
  bool final_pass_ = false;
  double threshold_ = 0;
  double extra_stretch_ = 0;
  int hyphen_limit_ = 0;
};

}  // namespace

double badness(double ratio) {
  if (ratio < 0) ratio = -ratio;
  if (ratio > 4.65) return kInfBad;  // 100 × 4.65³ > 10000
  return std::min(kInfBad, 100 * ratio * ratio * ratio);
}

BreakResult break_lines(const std::vector<Item>& items, const LineWidths& widths,
                        const LineBreakParams& params) {
  if (items.empty()) return {};
  thread_local Buffers buffers;
  Breaker breaker(items, widths, params, buffers);
  return breaker.run();
}

LineMeasure measure_line(const std::vector<Item>& items, const LineSpan& line) {
  LineMeasure m;
  if (line.after_disc && line.begin > 0) m.width += items[line.begin - 1].post_width;
  for (std::size_t i = line.begin; i < line.end && i < items.size(); ++i) {
    const Item& it = items[i];
    switch (it.type) {
      case ItemType::box:
      case ItemType::disc: m.width += it.width; break;
      case ItemType::glue:
        m.width += it.width;
        m.stretch += it.stretch;
        m.shrink += it.shrink;
        m.fil += it.fil;
        break;
      case ItemType::penalty: break;
    }
  }
  if (line.end < items.size()) {
    const Item& br = items[line.end];
    if (br.type == ItemType::disc) m.width += br.pre_width;
    if (br.type == ItemType::penalty) m.width += br.width;
  }
  return m;
}

}  // namespace octavo::typeset
