// The line breaker on item lists built by hand, with answers computed by hand or by an
// exhaustive search over every set of breaks (a Python model of the same demerits).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <variant>
#include <vector>

#include "typeset/linebreak.hpp"

using namespace octavo::typeset;

namespace {

// A word of fixed width, or a word with one hyphenation point (two halves).
struct W {
  double a = 0, b = -1;
};

std::vector<Item> paragraph(const std::vector<W>& words, double space = 4, double stretch = 2,
                            double shrink = 1.5) {
  std::vector<Item> items;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) items.push_back(make_glue(space, stretch, shrink));
    items.push_back(make_box(words[i].a));
    if (words[i].b >= 0) {
      Item disc;
      disc.type = ItemType::disc;
      disc.flagged = true;
      disc.auto_hyphen = true;
      disc.penalty = 50;
      disc.pre_width = 3;  // the hyphen
      items.push_back(disc);
      items.push_back(make_box(words[i].b));
    }
  }
  items.push_back(make_penalty(kInfPenalty));
  items.push_back(make_glue(0, 0, 0, 1));
  items.push_back(make_penalty(-kInfPenalty));
  return items;
}

std::vector<std::size_t> ends(const BreakResult& r) {
  std::vector<std::size_t> out;
  for (const auto& l : r.lines) out.push_back(l.end);
  return out;
}

LineBreakParams single_pass(double tolerance) {
  LineBreakParams p;
  p.pretolerance = -1;
  p.tolerance = tolerance;
  p.emergency_stretch = 0;
  return p;
}

}  // namespace

TEST_CASE("equal boxes fill lines exactly") {
  // Three boxes of 10 and two spaces of 2 make exactly 34.
  std::vector<W> words(9, W{10});
  auto items = paragraph(words, 2, 1, 1);
  auto r = break_lines(items, LineWidths{{}, 34}, LineBreakParams{});
  REQUIRE(r.lines.size() == 3);
  CHECK(r.pass == 1);
  CHECK(r.lines[0].begin == 0);
  CHECK(r.lines[0].end == 5);   // the glue after the third box
  CHECK(r.lines[1].begin == 6);
  CHECK(r.lines[1].end == 11);
  CHECK(measure_line(items, r.lines[0]).width == doctest::Approx(34));
  CHECK(measure_line(items, r.lines[1]).width == doctest::Approx(34));
  CHECK_FALSE(r.artificial);
}

TEST_CASE("total fit beats first fit") {
  // First fit takes 7 6 8 (29 of 50: too loose for any tolerance), then 21 8 15, …
  // Total fit shrinks the first line to take 21 as well, and every line is acceptable.
  // Optimum found by exhaustive search: breaks after items 7 and 13.
  auto items = paragraph({{7}, {6}, {8}, {21}, {8}, {15}, {16}, {10}, {8}});
  auto r = break_lines(items, LineWidths{{}, 50}, single_pass(200));
  CHECK(ends(r) == std::vector<std::size_t>{7, 13, 19});
  CHECK_FALSE(r.artificial);
  // The first-fit first line would be very loose.
  LineSpan greedy{0, 5, false};
  LineMeasure m = measure_line(items, greedy);
  CHECK(badness((50 - m.width) / m.stretch) > 200);
}

TEST_CASE("the result is optimal under the demerits") {
  // Same instance, a looser tolerance: still the exhaustive search's optimum.
  auto items = paragraph({{7}, {6}, {8}, {21}, {8}, {15}, {16}, {10}, {8}});
  auto r = break_lines(items, LineWidths{{}, 50}, single_pass(10000));
  CHECK(ends(r) == std::vector<std::size_t>{7, 13, 19});
  CHECK(r.demerits == doctest::Approx(19260.9).epsilon(0.001));
}

TEST_CASE("consecutive hyphens are avoided by double-hyphen demerits") {
  // Found by exhaustive search: without the extra demerits the optimum ends three lines
  // in a row with hyphens; with them, never more than two.
  std::vector<W> words{{18}, {10}, {12, 8}, {12, 7}, {6, 14}, {7, 11}, {8, 5}, {11, 12}, {12}, {6}};
  auto items = paragraph(words);
  auto run_of_hyphens = [&](const BreakResult& r) {
    int run = 0, longest = 0;
    for (const auto& l : r.lines) {
      run = items[l.end].type == ItemType::disc ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    return longest;
  };
  LineBreakParams p = single_pass(400);
  p.double_hyphen_demerits = 0;
  p.triple_hyphen_demerits = 0;
  p.long_hyphen_run_demerits = 0;
  p.max_consecutive_hyphens = 0;
  auto without = break_lines(items, LineWidths{{}, 50}, p);
  CHECK(ends(without) == std::vector<std::size_t>{5, 13, 21, 29, 33});
  CHECK(run_of_hyphens(without) == 3);
  auto with = break_lines(items, LineWidths{{}, 50}, single_pass(400));
  CHECK(ends(with) == std::vector<std::size_t>{5, 13, 23, 33});
  CHECK(run_of_hyphens(with) == 2);
}

TEST_CASE("hyphenation points are used only from the second pass") {
  // "aaaa-bbbb": the line fits only when broken at the hyphen.
  std::vector<W> words{{20}, {12, 12}, {20}};
  auto items = paragraph(words);
  LineBreakParams p;
  p.pretolerance = 100;
  p.tolerance = 200;
  auto r = break_lines(items, LineWidths{{}, 39}, p);
  REQUIRE(r.lines.size() == 2);
  CHECK(r.pass == 2);
  CHECK(items[r.lines[0].end].type == ItemType::disc);
  CHECK(measure_line(items, r.lines[0]).width == doctest::Approx(20 + 4 + 12 + 3));
  p.hyphenate = false;
  auto none = break_lines(items, LineWidths{{}, 39}, p);
  CHECK(items[none.lines[0].end].type != ItemType::disc);
}

TEST_CASE("the emergency pass rescues a narrow measure") {
  // Two words of 30 on a 50 pt line: one alone is hopelessly loose (no glue to stretch),
  // both together too long. Emergency stretch makes the loose line acceptable.
  auto items = paragraph({{30}, {30}});
  LineBreakParams p;
  p.emergency_stretch = 30;
  auto r = break_lines(items, LineWidths{{}, 50}, p);
  CHECK(r.pass == 3);
  CHECK_FALSE(r.artificial);
  CHECK(r.lines.size() == 2);
  // Without it, the last pass still prefers the underfull line to an overfull one
  // (TeX would set both words in one overfull line).
  p.emergency_stretch = 0;
  auto last = break_lines(items, LineWidths{{}, 50}, p);
  CHECK(last.pass == 2);
  CHECK_FALSE(last.artificial);
  CHECK(last.lines.size() == 2);
}

TEST_CASE("a word wider than the measure still gets a line of its own") {
  auto items = paragraph({{10}, {80}, {10}});
  auto r = break_lines(items, LineWidths{{}, 50}, LineBreakParams{});
  CHECK(r.artificial);
  bool found = false;
  for (const auto& l : r.lines)
    if (measure_line(items, l).width >= 80) found = true;
  CHECK(found);
}

TEST_CASE("looseness asks for one line more or one fewer") {
  // 25 words of 10 on lines of 100 with spaces of 4 (stretch 4, shrink 1.5): seven words
  // a line (94) is the optimum, 7+7+7+4. Six a line (80, badness 100) gives 5 lines.
  std::vector<W> words(25, W{10});
  auto items = paragraph(words, 4, 4, 1.5);
  LineBreakParams p;
  auto normal = break_lines(items, LineWidths{{}, 100}, p);
  CHECK(normal.lines.size() == 4);
  p.looseness = 1;
  auto loose = break_lines(items, LineWidths{{}, 100}, p);
  CHECK(loose.lines.size() == 5);
  // 29 words: five lines at seven a line, or four with one line of eight (108 shrinks
  // to 97.5, so it fits).
  std::vector<W> more(29, W{10});
  auto items2 = paragraph(more, 4, 4, 1.5);
  p.looseness = 0;
  auto normal2 = break_lines(items2, LineWidths{{}, 100}, p);
  p.looseness = -1;
  auto tight2 = break_lines(items2, LineWidths{{}, 100}, p);
  CHECK(normal2.lines.size() == 5);
  CHECK(tight2.lines.size() == 4);
}

TEST_CASE("a line count asked for outright, whatever the pass's optimum") {
  // As above: four lines are the optimum, five the next best. Asked for five lines, or
  // four, or three (not to be had: the nearest, four), the count is from nothing.
  std::vector<W> words(25, W{10});
  auto items = paragraph(words, 4, 4, 1.5);
  LineBreakParams p;
  p.lines = 5;
  CHECK(break_lines(items, LineWidths{{}, 100}, p).lines.size() == 5);
  p.lines = 4;
  CHECK(break_lines(items, LineWidths{{}, 100}, p).lines.size() == 4);
  p.lines = 3;
  CHECK(break_lines(items, LineWidths{{}, 100}, p).lines.size() == 4);
}

TEST_CASE("forced breaks end lines") {
  std::vector<Item> items;
  items.push_back(make_box(10));
  items.push_back(make_penalty(kInfPenalty));
  items.push_back(make_glue(0, 0, 0, 1));
  items.push_back(make_penalty(-kInfPenalty));
  items.push_back(make_box(10));
  items.push_back(make_penalty(kInfPenalty));
  items.push_back(make_glue(0, 0, 0, 1));
  items.push_back(make_penalty(-kInfPenalty));
  auto r = break_lines(items, LineWidths{{}, 100}, LineBreakParams{});
  CHECK(ends(r) == std::vector<std::size_t>{3, 7});
}

namespace {

// Exhaustive oracle: every set of legal breaks of a small paragraph (one pass with
// hyphenation, lines up to `p.tolerance`), scored with the breaker's demerits, the best
// one whose hyphen runs stay within `max_run` (0: any). Returns the break positions, or
// nothing if no breaking is feasible.
std::vector<std::size_t> brute_force(const std::vector<Item>& items, double measure,
                                     const LineBreakParams& p, int max_run, double* best_out) {
  std::vector<std::size_t> legal;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    if ((it.type == ItemType::glue && i > 0 && items[i - 1].type != ItemType::glue &&
         items[i - 1].type != ItemType::penalty) ||
        (it.type == ItemType::penalty && it.penalty < kInfPenalty) || it.type == ItemType::disc)
      legal.push_back(i);
  }
  double best = 1e300;
  std::vector<std::size_t> best_path, path;
  auto begin_after = [&](long pos, bool& after_disc) -> std::size_t {
    after_disc = false;
    if (pos < 0) return 0;
    auto b = static_cast<std::size_t>(pos);
    if (items[b].type == ItemType::disc) {
      after_disc = true;
      return b + 1;
    }
    std::size_t j = b + 1;
    while (j < items.size() && (items[j].type == ItemType::glue || items[j].type == ItemType::penalty)) ++j;
    return j;
  };
  std::function<void(long, std::size_t, int, int, double)> go = [&](long from, std::size_t k, int fitness,
                                                                    int run, double total) {
    for (std::size_t n = k; n < legal.size(); ++n) {
      const std::size_t b = legal[n];
      LineSpan l;
      l.begin = begin_after(from, l.after_disc);
      l.end = b;
      if (l.begin > b) continue;
      const LineMeasure m = measure_line(items, l);
      const double shortfall = measure - m.width;
      double bad = 0;
      int fit = 2;
      if (shortfall > 0) {
        bad = m.fil > 0 ? 0 : m.stretch > 0 ? badness(shortfall / m.stretch) : 10000;
        fit = bad > 99 ? 0 : bad > 12 ? 1 : 2;
      } else if (shortfall < 0) {
        if (-shortfall > m.shrink + 1e-9) break;  // overfull, and longer lines are too
        bad = m.shrink > 0 ? badness(-shortfall / m.shrink) : 0;
        fit = bad > 12 ? 3 : 2;
      }
      const Item& it = items[b];
      const bool last = b + 1 == items.size();
      const bool flagged = it.type == ItemType::disc && it.flagged;
      if (bad <= p.tolerance) {
        const int new_run = flagged ? run + 1 : 0;
        if (max_run == 0 || new_run <= max_run) {
          const double pi = it.type == ItemType::glue ? 0 : it.penalty;
          double d = (p.line_penalty + bad) * (p.line_penalty + bad);
          if (pi > 0) d += pi * pi;
          else if (pi > -kInfPenalty) d -= pi * pi;
          if (run > 0) {
            if (last) {
              d += p.final_hyphen_demerits;
            } else if (flagged) {
              d += p.double_hyphen_demerits;
              if (run == 2) d += p.triple_hyphen_demerits;
              if (run >= 3) d += p.long_hyphen_run_demerits;
            }
          }
          if (std::abs(fit - fitness) > 1) d += p.adj_demerits;
          path.push_back(b);
          if (last) {
            if (total + d < best) {
              best = total + d;
              best_path = path;
            }
          } else {
            go(static_cast<long>(b), n + 1, fit, new_run, total + d);
          }
          path.pop_back();
        }
      }
      if (it.type == ItemType::penalty && it.penalty <= -kInfPenalty) break;  // forced
    }
  };
  go(-1, 0, 2, 0, 0);
  if (best_out) *best_out = best;
  return best_path;
}

int longest_hyphen_run(const std::vector<Item>& items, const BreakResult& r) {
  int run = 0, longest = 0;
  for (const auto& l : r.lines) {
    run = items[l.end].type == ItemType::disc ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

}  // namespace

TEST_CASE("no more than two hyphenated lines in a row, exactly optimal otherwise") {
  // Without any hyphen demerits the optimum of this paragraph ends three lines in a row
  // with hyphens. The limit is structural: the result is the exhaustive search's best
  // breaking among those with runs of at most two, not a heuristic.
  std::vector<W> words{{18}, {10}, {12, 8}, {12, 7}, {6, 14}, {7, 11}, {8, 5}, {11, 12}, {12}, {6}};
  auto items = paragraph(words);
  LineBreakParams p = single_pass(400);
  p.relax_last_pass = false;
  p.double_hyphen_demerits = 0;
  p.triple_hyphen_demerits = 0;
  p.long_hyphen_run_demerits = 0;
  p.max_consecutive_hyphens = 0;
  double free_best = 0, limited_best = 0;
  auto free_oracle = brute_force(items, 50, p, 0, &free_best);
  auto limited_oracle = brute_force(items, 50, p, 2, &limited_best);
  CHECK(free_oracle == std::vector<std::size_t>{5, 13, 21, 29, 33});
  auto free = break_lines(items, LineWidths{{}, 50}, p);
  CHECK(ends(free) == free_oracle);
  CHECK(free.demerits == doctest::Approx(free_best));
  CHECK(longest_hyphen_run(items, free) == 3);

  p.max_consecutive_hyphens = 2;
  auto limited = break_lines(items, LineWidths{{}, 50}, p);
  REQUIRE_FALSE(limited_oracle.empty());
  CHECK(ends(limited) == limited_oracle);
  CHECK(limited.demerits == doctest::Approx(limited_best));
  CHECK(longest_hyphen_run(items, limited) <= 2);
  CHECK(limited_best > free_best);
  CHECK_FALSE(limited.artificial);
  // With TeX's demerits as well (the defaults), the oracle and the breaker still agree.
  LineBreakParams d = single_pass(400);
  d.relax_last_pass = false;
  double default_best = 0;
  auto default_oracle = brute_force(items, 50, d, 2, &default_best);
  auto with_defaults = break_lines(items, LineWidths{{}, 50}, d);
  CHECK(ends(with_defaults) == default_oracle);
  CHECK(with_defaults.demerits == doctest::Approx(default_best));
}

TEST_CASE("the hyphen limit yields when every line must hyphenate") {
  // One word of four syllables of 10 pt on a 14 pt measure: each line holds one syllable
  // and a hyphen (13 pt), so three hyphenated lines in a row are the only breaking
  // without overfull lines. The limit gives way rather than produce nothing.
  std::vector<Item> items;
  for (int i = 0; i < 4; ++i) {
    if (i) {
      Item disc;
      disc.type = ItemType::disc;
      disc.flagged = true;
      disc.auto_hyphen = true;
      disc.penalty = 50;
      disc.pre_width = 3;
      items.push_back(disc);
    }
    items.push_back(make_box(10));
  }
  items.push_back(make_penalty(kInfPenalty));
  items.push_back(make_glue(0, 0, 0, 1));
  items.push_back(make_penalty(-kInfPenalty));
  LineBreakParams p;  // the defaults: limit 2, three passes' worth of fallbacks
  auto r = break_lines(items, LineWidths{{}, 14}, p);
  CHECK(ends(r) == std::vector<std::size_t>{1, 3, 5, 9});
  CHECK_FALSE(r.artificial);
  CHECK(longest_hyphen_run(items, r) == 3);
  for (const auto& l : r.lines) CHECK(measure_line(items, l).width <= 14);
}

TEST_CASE("a line the page ends after may be kept from ending on a hyphen") {
  // The paragraph of the double-hyphen case; its best breaks end some line on a hyphen.
  std::vector<W> words{{18}, {10}, {12, 8}, {12, 7}, {6, 14}, {7, 11}, {8, 5}, {11, 12}, {12}, {6}};
  auto items = paragraph(words);
  LineBreakParams p = single_pass(400);
  auto free = break_lines(items, LineWidths{{}, 50}, p);
  int line = -1;
  for (std::size_t l = 0; l + 1 < free.lines.size() && line < 0; ++l)
    if (items[free.lines[l].end].flagged) line = static_cast<int>(l);
  REQUIRE(line >= 0);
  p.no_hyphen_line = line;
  auto kept = break_lines(items, LineWidths{{}, 50}, p);
  REQUIRE(kept.lines.size() > static_cast<std::size_t>(line));
  CHECK_FALSE(items[kept.lines[static_cast<std::size_t>(line)].end].flagged);
  CHECK_FALSE(kept.artificial);
  CHECK(kept.demerits > free.demerits);
  // The constraint is on that line only: past the last line it changes nothing.
  p.no_hyphen_line = static_cast<int>(free.lines.size());
  CHECK(ends(break_lines(items, LineWidths{{}, 50}, p)) == ends(free));
}
