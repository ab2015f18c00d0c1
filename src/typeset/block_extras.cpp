// Tables and figures: the blocks that are more than lines of text.
#include <algorithm>
#include <cmath>

#include "typeset/blocks.hpp"

namespace octavo::typeset {
namespace {

// Rules: thickness and their distance from the text, in points (booktabs' \lightrulewidth,
// \aboverulesep and \belowrulesep are 0.4 pt / about 2.5 pt; close to those).
constexpr double kRule = 0.4;
constexpr double kRuleBelowBaseline = 4.6;   // a rule under a row, below its last baseline
constexpr double kRuleAboveBaseline = 9.6;   // a rule over a row, above its first baseline

LineAlign cell_align(const std::vector<doc::Align>& align, std::size_t col) {
  if (col >= align.size()) return LineAlign::left;
  switch (align[col]) {
    case doc::Align::center: return LineAlign::center;
    case doc::Align::right: return LineAlign::right;
    default: return LineAlign::left;
  }
}

struct Cell {
  ItemList list;
  double natural = 0;   // the whole cell on one line
  double longest = 0;   // its widest unbreakable stretch
  bool empty = true;
};

void measure_cell(Cell& c) {
  double run = 0;
  for (const auto& it : c.list.items) {
    if (it.type == ItemType::box || it.type == ItemType::disc) {
      run += it.width;
      c.empty = false;
    }
    if (it.type == ItemType::glue) {
      c.natural += run + it.width;
      c.longest = std::max(c.longest, run);
      run = 0;
    }
  }
  c.natural += run;
  c.longest = std::max(c.longest, run);
}

}  // namespace

void FlowBuilder::table(const doc::Table& t, core::Span, const BlockEnv& env) {
  std::size_t columns = std::max(t.align.size(), t.header.size());
  for (const auto& row : t.rows) columns = std::max(columns, row.size());
  if (columns == 0) return;
  const auto size = static_cast<float>(std::min<double>(env.size, ctx_.style.blockquote_size));
  const double gap = size;  // between columns

  // Build every cell's items once: measured for the column widths, then broken.
  auto build_row = [&](const std::vector<doc::TableCell>& cells, bool bold) {
    std::vector<Cell> out(columns);
    for (std::size_t c = 0; c < columns && c < cells.size(); ++c) {
      TextStyle s = body_style(size);
      s.bold = bold;
      InlineBuilder b(ctx_, out[c].list, false);
      b.add_inlines(cells[c].content, s);
      if (b.finish()) measure_cell(out[c]);
    }
    return out;
  };
  std::vector<std::vector<Cell>> rows;
  bool has_header = false;
  for (const auto& cell : t.header)
    if (!cell.content.empty()) has_header = true;
  if (has_header) rows.push_back(build_row(t.header, true));
  for (const auto& r : t.rows) rows.push_back(build_row(r, false));

  // Column widths: natural when the table fits the measure (then it is centred);
  // otherwise each column gets its longest word plus a share of what is left in
  // proportion to how much more it would like.
  const double avail = measure(env) - gap * static_cast<double>(columns - 1);
  std::vector<double> nat(columns, 0), min(columns, 0), width(columns, 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < columns; ++c) {
      nat[c] = std::max(nat[c], row[c].natural);
      min[c] = std::max(min[c], row[c].longest);
    }
  double sum_nat = 0, sum_min = 0;
  for (std::size_t c = 0; c < columns; ++c) {
    sum_nat += nat[c];
    sum_min += min[c];
  }
  if (sum_nat <= avail) {
    width = nat;
  } else if (sum_min < avail && sum_nat > sum_min) {
    for (std::size_t c = 0; c < columns; ++c)
      width[c] = min[c] + (avail - sum_min) * (nat[c] - min[c]) / (sum_nat - sum_min);
  } else {
    for (std::size_t c = 0; c < columns; ++c)
      width[c] = sum_min > 0 ? avail * min[c] / sum_min : avail / static_cast<double>(columns);
  }
  double table_width = gap * static_cast<double>(columns - 1);
  for (double w : width) table_width += w;
  const double x0 = env.left + std::max(0.0, (measure(env) - table_width) / 2);

  add_space(1);
  const double leading = ctx_.page.leading;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    Slot slot;
    int lines_in_row = 1;
    double x = x0;
    for (std::size_t c = 0; c < columns; ++c) {
      Cell& cell = rows[r][c];
      if (!cell.empty) {
        const LineAlign align = cell_align(t.align, c);
        auto lines = break_and_set(ctx_, cell.list, LineWidths{{}, width[c]},
                                   params_for(size, align == LineAlign::left ? LineAlign::left : align, false),
                                   align);
        lines_in_row = std::max(lines_in_row, static_cast<int>(lines.size()));
        for (std::size_t i = 0; i < lines.size(); ++i) {
          slot.absorb(line_slot(lines[i], cell.list, x), -static_cast<double>(i) * leading);
        }
      }
      x += width[c] + gap;
    }
    slot.rows = lines_in_row;
    const double last_baseline = -static_cast<double>(lines_in_row - 1) * leading;
    if (r == 0) slot.rules.push_back({x0, kRuleAboveBaseline, table_width, kRule});
    if ((r == 0 && has_header) || r + 1 == rows.size())
      slot.rules.push_back({x0, last_baseline - kRuleBelowBaseline, table_width, kRule});
    if (r == 0 && has_header) slot.break_after = false;  // a header stays with a row
    add_slot(std::move(slot));
  }
  add_space(1);
  suppress_indent_ = true;
}

void FlowBuilder::figure(const doc::Figure& f, core::Span span, const BlockEnv& env) {
  const auto& info = f.image.info;
  if (info.width == 0 || info.height == 0) {
    ctx_.report.warning(ctx_.locate(span), "image ‘" + f.image.path + "’ has no size; it is left out");
    return;
  }
  const double leading = ctx_.page.leading;
  const double body = ctx_.style.body.size;
  const double avail = measure(env);
  const double max_height = 0.6 * (ctx_.page.rows - 1) * leading;
  const double scale = std::min(avail / info.width, max_height / info.height);
  const double w = info.width * scale, h = info.height * scale;

  TextStyle cap = body_style(static_cast<float>(std::min<double>(env.size, ctx_.style.blockquote_size)));
  cap.italic = true;
  ItemList list;
  auto lines = set_inlines(f.caption, cap, avail, LineAlign::center, list);

  add_space(1);
  Slot slot;
  // The image hangs from the slot's top edge (the first row's top).
  const double top = body;
  slot.images.push_back({(ctx_.book.root / f.image.path).lexically_normal().string(),
                         env.left + (avail - w) / 2, top - h, w, h});
  if (!std::filesystem::path(slot.images.back().path).is_absolute())
    slot.images.back().path = std::filesystem::absolute(slot.images.back().path).string();
  const double gap = 0.5 * leading;
  int first_caption_row = static_cast<int>(std::ceil((h + gap + 0.7 * cap.size - top) / leading - 1e-6));
  if (lines.empty()) first_caption_row = static_cast<int>(std::ceil(h / leading - 1e-6));
  first_caption_row = std::max(first_caption_row, 1);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    slot.absorb(line_slot(lines[i], list, env.left),
                -static_cast<double>(first_caption_row + static_cast<int>(i)) * leading);
  }
  slot.rows = first_caption_row + static_cast<int>(lines.size());
  slot.floats = out_ == &flow_.slots;
  add_slot(std::move(slot));
  add_space(1);
  // The text after a figure goes on as if it were not there (it may float away): a
  // paragraph after it keeps its indent.
}

}  // namespace octavo::typeset
