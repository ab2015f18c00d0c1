#include "typeset/front_matter.hpp"

#include "style/numbering.hpp"

#include <algorithm>
#include <cmath>

namespace octavo::typeset {
namespace {

// The title page's sizes, from the level-1 heading size: titles are set larger than any
// heading, subtitles and authors between.
constexpr double kTitleScale = 1.6;
constexpr double kSubtitleScale = 0.9;
constexpr double kAuthorScale = 0.8;

std::string roman(int n) {
  static const std::pair<int, const char*> table[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                      {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
                                                      {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"},
                                                      {1, "i"}};
  std::string out;
  for (const auto& [value, letters] : table)
    for (; n >= value; n -= value) out += letters;
  return out;
}

}  // namespace

FrontMatter::FrontMatter(Context& ctx, FlowBuilder& builder, const Flow& flow) : ctx_(ctx), builder_(builder) {
  layout_toc(flow);
}

Page FrontMatter::blank() const {
  Page p;
  p.width = ctx_.page.width;
  p.height = ctx_.page.height;
  return p;
}

int FrontMatter::page_count() const {
  int n = 4 + toc_pages_;
  return n + (n % 2);
}

void FrontMatter::add_centered(Page& page, const std::string& text, const TextStyle& style, double baseline,
                               bool recto) {
  auto lines = builder_.set_text(text, style, ctx_.page.measure, LineAlign::center);
  const double leading = style.size * ctx_.engine.heading_leading;
  for (std::size_t i = 0; i < lines.size(); ++i)
    page.runs.append(lines[i].runs, ctx_.page.left(recto), baseline - static_cast<double>(i) * leading);
}

void FrontMatter::layout_toc(const Flow& flow) {
  const PageGeometry& g = ctx_.page;
  const style::Style& st = ctx_.style;
  int min_level = 7, levels = 0;
  std::vector<int> seen(8, 0);
  for (const auto& h : flow.headings)
    if (h.in_toc) {
      min_level = std::min(min_level, h.level);
      if (!seen[static_cast<std::size_t>(h.level)]++) ++levels;
    }
  if (min_level == 7) return;  // no contents

  const style::Heading& hs = st.headings[0];
  title_rows_ = static_cast<int>(std::ceil((hs.space_before + hs.size + hs.space_after) / g.leading - 1e-6));
  TextStyle entry;
  entry.size = static_cast<float>(st.body.size);
  entry.hyphenate = false;
  const double reserve = 3 * st.body.size;  // the page number and the gap before it
  int page = 0, row = title_rows_;
  for (std::size_t i = 0; i < flow.headings.size(); ++i) {
    const HeadingInfo& h = flow.headings[i];
    if (!h.in_toc) continue;
    // When there are deeper entries, the top-level ones are set in small capitals with
    // a line of space above and the next level flush left under them; only levels below
    // that are indented (a flush column reads as a list, not as paragraphs).
    const bool group = levels > 1 && h.level == min_level;
    const int depth = std::max(0, h.level - min_level - (levels > 1 ? 1 : 0));
    const double indent = depth * st.body.indent_em * st.body.size;
    if (group && !toc_.empty() && row > 0) ++row;
    TextStyle ts = entry;
    if (group) ts.text_case = style::Case::small_caps;
    auto lines = builder_.set_text(h.title.empty() && h.number.empty() ? "—" : style::numbered_title(h.number, h.title), ts, g.measure - indent - reserve,
                                   LineAlign::left);
    // A group's title is kept with its first two entries.
    int keep = 0;
    if (group)
      for (std::size_t j = i + 1; j < flow.headings.size() && keep < 2; ++j)
        if (flow.headings[j].in_toc) {
          if (flow.headings[j].level == min_level) break;
          ++keep;
        }
    if (row + static_cast<int>(lines.size()) + keep > g.rows) {
      ++page;
      row = 0;
    }
    for (std::size_t k = 0; k < lines.size(); ++k) {
      TocLine line;
      line.runs = std::move(lines[k].runs);
      for (auto& r : line.runs) r.x += indent;
      line.end = indent + lines[k].width;
      if (k + 1 == lines.size()) line.heading = static_cast<int>(i);
      line.group = group && k == 0;
      line.page = page;
      line.row = row++;
      toc_.push_back(std::move(line));
    }
  }
  toc_pages_ = page + 1;
  // A contents page that a group title moved on from ends short: its groups spread out
  // (the blank rows above them share the missing rows), or, with no group on it, its
  // entries, so that every full contents page ends on the bottom line, as the text
  // pages do.
  for (int p = 0; p + 1 < toc_pages_; ++p) {
    int last = 0, gaps = 0, lines = 0;
    for (const auto& line : toc_)
      if (line.page == p) {
        last = std::max(last, line.row);
        ++lines;
        if (line.group && line.row > 0) ++gaps;
      }
    const int missing = g.rows - 1 - last;
    const bool by_groups = gaps > 0;
    const int shares = by_groups ? gaps : lines - 1;
    if (missing <= 0 || shares <= 0) continue;
    const double step = missing * g.leading / shares;
    double drop = 0;
    bool first = true;
    for (auto& line : toc_) {
      if (line.page != p) continue;
      if (by_groups ? (line.group && line.row > 0) : !first) drop += step;
      first = false;
      line.drop = drop;
    }
  }
}

void FrontMatter::draw(const Flow& flow, int body_start) {
  const PageGeometry& g = ctx_.page;
  const style::Style& st = ctx_.style;
  const doc::Metadata& meta = ctx_.book.meta;
  const double block_top = g.height - g.top;
  const double block_height = g.height - g.top - g.bottom;
  const std::string authors = doc::authors_line(meta);

  TextStyle title;
  title.role = FontRole::heading;
  title.hyphenate = false;
  title.text_case = st.headings[0].text_case;

  // Half-title: the title alone, a quarter down the page.
  Page half = blank();
  title.size = static_cast<float>(st.headings[0].size);
  add_centered(half, meta.title, title, block_top - block_height * 0.25, true);
  ctx_.doc.pages.push_back(std::move(half));
  ctx_.doc.pages.push_back(blank());

  // Title page: title, subtitle, authors; the publisher at the foot.
  Page tp = blank();
  title.size = static_cast<float>(st.headings[0].size * kTitleScale);
  const double title_y = block_top - block_height * 0.2;
  add_centered(tp, meta.title, title, title_y, true);
  std::size_t title_lines = builder_.set_text(meta.title, title, g.measure, LineAlign::center).size();
  double y = title_y - static_cast<double>(std::max<std::size_t>(title_lines, 1)) * title.size * ctx_.engine.heading_leading;
  if (!meta.subtitle.empty()) {
    TextStyle sub = title;
    sub.size = static_cast<float>(st.headings[0].size * kSubtitleScale);
    sub.text_case = style::Case::normal;
    sub.italic = true;
    add_centered(tp, meta.subtitle, sub, y - sub.size * 0.5, true);
  }
  if (!authors.empty()) {
    TextStyle au = title;
    au.size = static_cast<float>(st.headings[0].size * kAuthorScale);
    au.text_case = style::Case::normal;
    add_centered(tp, authors, au, block_top - block_height * 0.45, true);
  }
  if (!meta.publisher.empty()) {
    TextStyle pub = builder_.body_style(static_cast<float>(st.body.size));
    pub.text_case = style::Case::small_caps;
    pub.hyphenate = false;
    add_centered(tp, meta.publisher, pub, g.baseline_y(g.rows - 1), true);
  }
  ctx_.doc.pages.push_back(std::move(tp));

  // Copyright page (verso): the book's particulars, set small at the foot.
  Page cp = blank();
  {
    TextStyle small = builder_.body_style(static_cast<float>(st.notes.size));
    small.hyphenate = false;
    const std::vector<std::string> paras = doc::copyright_lines(meta);
    std::vector<std::vector<SetLine>> set;
    std::size_t total = 0;
    for (const auto& p : paras) {
      set.push_back(builder_.set_text(p, small, g.measure, LineAlign::left));
      total += set.back().size() + 1;
    }
    const double leading = st.notes.leading > 0 ? st.notes.leading : st.notes.size * 1.2;
    double yy = g.baseline_y(g.rows - 1) + static_cast<double>(total - 2) * leading;
    for (auto& lines : set) {
      for (auto& line : lines) {
        cp.runs.append(line.runs, g.left(false), yy);
        yy -= leading;
      }
      yy -= leading;
    }
  }
  ctx_.doc.pages.push_back(std::move(cp));

  // Contents.
  if (toc_pages_ > 0) {
    const int first = static_cast<int>(ctx_.doc.pages.size());
    for (int p = 0; p < toc_pages_; ++p) ctx_.doc.pages.push_back(blank());
    const style::Heading& hs = st.headings[0];
    TextStyle head;
    head.role = FontRole::heading;
    head.size = static_cast<float>(hs.size);
    head.text_case = hs.text_case;
    head.bold = hs.bold;
    head.italic = hs.italic;
    head.hyphenate = false;
    add_centered(ctx_.doc.pages[static_cast<std::size_t>(first)], "Contents", head,
                 block_top - hs.space_before - hs.size, first % 2 == 0);
    TextStyle num = builder_.body_style(static_cast<float>(st.body.size));
    num.hyphenate = false;
    // Leader dots: ". . ." drawn with the font's own advances.
    const Face& face = ctx_.fonts.primary(FontRole::body, Variant::regular);
    const double unit = (face.pdf_advance_of('.') + face.pdf_advance_of(' ')) * num.size / 1000.0;
    const int dot_font = static_cast<int>(face.id());
    for (const auto& line : toc_) {
      const int index = first + line.page;
      Page& page = ctx_.doc.pages[static_cast<std::size_t>(index)];
      const bool recto = index % 2 == 0;
      const double x0 = g.left(recto);
      const double y = g.baseline_y(line.row) - line.drop;
      page.runs.append(line.runs, x0, y);
      if (line.heading < 0) continue;
      const HeadingInfo& h = flow.headings[static_cast<std::size_t>(line.heading)];
      if (h.page < 0) continue;
      auto label = builder_.set_text(std::to_string(h.page - body_start + 1), num, g.measure, LineAlign::right);
      double num_left = g.measure;
      if (!label.empty() && !label[0].runs.empty()) {
        num_left = label[0].runs.front().x;  // set flush right: its first run starts it
        page.runs.append(label[0].runs, x0, y);
      }
      if (unit > 0 && face.has('.')) {
        // Ending a fixed gap before the number (a wider gap reads as two columns);
        // entries with numbers of the same width get dots in the same places.
        const double end = num_left - 0.3 * st.body.size + (unit - face.pdf_advance_of('.') * num.size / 1000.0);
        const auto count = static_cast<int>(std::floor((end - (line.end + 0.5 * st.body.size)) / unit));
        const double start = end - count * unit;
        if (count > 0) {
          std::string dots;
          for (int k = 0; k < count; ++k) dots += k + 1 < count ? ". " : ".";
          page.runs.add(dot_font, 0, num.size, x0 + start, y, dots);
        }
      }
      page.links.push_back({x0, y - 0.3 * st.body.size, g.measure, g.leading, h.page, h.page_y, {}});
    }
    // The contents pages carry their roman folios (the page labels count from the
    // half-title), centred at the foot like a chapter opening.
    TextStyle folio = num;
    folio.size = static_cast<float>(st.running_heads.size);
    for (int p = 0; p < toc_pages_; ++p) {
      const int index = first + p;
      auto lines = builder_.set_text(roman(index + 1), folio, g.measure, LineAlign::center);
      if (lines.empty()) continue;
      ctx_.doc.pages[static_cast<std::size_t>(index)].runs.append(lines[0].runs, g.left(index % 2 == 0),
                                                                  g.baseline_y(g.rows - 1) - 2 * g.leading);
    }
  }
  if (ctx_.doc.pages.size() % 2 == 1) ctx_.doc.pages.push_back(blank());
  record_starts(flow);
}

void FrontMatter::record_starts(const Flow& flow) {
  // The pages as draw() adds them: half-title, its blank verso (`text`: never recorded),
  // title page, copyright page, contents. Page starts are recorded in page order, the
  // front matter's before the body's, which draw_body_pages adds after.
  std::vector<std::pair<PageKind, const doc::Heading*>> kinds = {
      {PageKind::half_title, nullptr},
      {PageKind::text, nullptr},
      {PageKind::title_page, nullptr},
      {PageKind::copyright_page, nullptr}};
  for (int p = 0; p < toc_pages_; ++p) {
    // A later contents page opens with an entry: the first line on it is that entry's
    // first, and the entry's heading is named on its last line (entries never split).
    const doc::Heading* opening = nullptr;
    for (const auto& line : toc_) {
      if (p == 0 || line.page < p) continue;
      if (line.page > p) break;
      if (line.heading >= 0) {
        opening = flow.headings[static_cast<std::size_t>(line.heading)].node;
        break;
      }
    }
    kinds.emplace_back(PageKind::contents, opening);
  }
  for (std::size_t i = 0; i < kinds.size() && i < ctx_.doc.pages.size(); ++i) {
    if (kinds[i].first == PageKind::text || ctx_.doc.pages[i].runs.empty()) continue;
    PageStart start;
    start.page = static_cast<int>(i);
    start.label = roman(static_cast<int>(i) + 1);  // the labels count from the half-title
    start.kind = kinds[i].first;
    start.heading = kinds[i].second;
    ctx_.doc.page_starts.push_back(std::move(start));
  }
}

}  // namespace octavo::typeset
