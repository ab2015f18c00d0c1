#include "typeset/page_builder.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/memory.hpp"

namespace octavo::typeset {

PageGeometry::PageGeometry(const style::Style& s)
    : width(s.page.width), height(s.page.height), inner(s.page.inner), outer(s.page.outer),
      top(s.page.top), bottom(s.page.bottom) {
  measure = std::max(width - inner - outer, 36.0);
  leading = s.body.leading > 0 ? s.body.leading : 1.2 * s.body.size;
  first_baseline = s.body.size;
  const double block = std::max(height - top - bottom, leading);
  rows = std::max(1, static_cast<int>(std::floor((block - first_baseline) / leading + 1e-6)) + 1);
}

namespace {

// `keep`: the slot is kept for the next build (PartDraw::keep_slots).
void place_slot(Page& page, Slot& slot, double x0, double y0, bool keep) {
  page.runs.append(slot.runs, x0, y0);
  // Freed, not only cleared: the page holds the runs now.
  if (!keep) slot.runs.release();
  for (const auto& r : slot.rules) page.rules.push_back({r.x + x0, r.y + y0, r.width, r.height});
  for (const auto& im : slot.images) page.images.push_back({im.path, im.x + x0, im.y + y0, im.width, im.height});
}

}  // namespace

std::string expand_running_head(const std::string& pattern, const doc::Metadata& meta,
                                const std::string& chapter) {
  std::string authors;
  for (std::size_t i = 0; i < meta.authors.size(); ++i) {
    if (i) authors += i + 1 == meta.authors.size() ? " and " : ", ";
    authors += meta.authors[i];
  }
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern.compare(i, 7, "{title}") == 0) {
      out += meta.title;
      i += 7;
    } else if (pattern.compare(i, 8, "{author}") == 0) {
      out += authors;
      i += 8;
    } else if (pattern.compare(i, 9, "{chapter}") == 0) {
      out += chapter;
      i += 9;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

void locate_headings(Flow& flow, const std::vector<BodyPage>& pages, int first_index,
                     const PageGeometry& g) {
  for (std::size_t p = 0; p < pages.size(); ++p)
    for (const auto& placed : pages[p].slots) {
      const Slot& slot = *placed.slot;
      if (slot.heading < 0) continue;
      HeadingInfo& h = flow.headings[static_cast<std::size_t>(slot.heading)];
      h.page = first_index + static_cast<int>(p);
      h.page_y = g.baseline_y(placed.row) - placed.drop + h.top;
    }
}

void draw_body_pages(Context& ctx, FlowBuilder& builder, Flow& flow, const std::vector<BodyPage>& pages,
                     int first_index, MarginTexts& margins, const std::vector<PartDraw>& parts) {
  const PageGeometry& g = ctx.page;
  const style::Style& st = ctx.style;
  const double note_leading = st.notes.leading > 0 ? st.notes.leading : st.notes.size * 1.2;

  // Where each note starts, for the links from its reference.
  std::map<int, std::pair<int, double>> note_at;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    int total = 0;
    for (const auto& part : pages[p].notes) total += part.last - part.first;
    int k = 0;
    for (const auto& part : pages[p].notes) {
      if (part.first == 0)
        note_at[part.number] = {first_index + static_cast<int>(p),
                                g.baseline_y(g.rows - 1) + (total - 1 - k) * note_leading + st.notes.size};
      k += part.last - part.first;
    }
  }
  locate_headings(flow, pages, first_index, g);

  TextStyle head_style;
  head_style.size = static_cast<float>(st.running_heads.size);
  head_style.text_case = st.running_heads.text_case;
  head_style.hyphenate = false;
  TextStyle folio_style = head_style;
  folio_style.text_case = style::Case::normal;
  const double head_y = g.baseline_y(0) + 2 * g.leading;
  const double foot_y = g.baseline_y(g.rows - 1) - 2 * g.leading;

  std::string chapter;  // the running-head mark in force
  std::string meta = ctx.book.meta.title;
  for (const auto& author : ctx.book.meta.authors) meta += '\n' + author;
  auto part = parts.begin();
  std::size_t recording_pages = 0, recording_starts = 0;  // where the part being drawn began
  const auto record = [&](std::size_t p) {
    if (part == parts.end() || p != part->end || !part->drawn) return;
    DrawnPart& d = *part->drawn;
    d.first_index = first_index + static_cast<int>(part->begin);
    d.mark_after = chapter;
    d.meta = meta;
    d.pages.assign(ctx.doc.pages.begin() + static_cast<std::ptrdiff_t>(recording_pages), ctx.doc.pages.end());
    d.starts.assign(ctx.doc.page_starts.begin() + static_cast<std::ptrdiff_t>(recording_starts),
                    ctx.doc.page_starts.end());
  };
  for (std::size_t p = 0; p < pages.size(); ++p) {
    // A part drawn before as it would be drawn now is copied; one that may be kept is
    // recorded once drawn.
    record(p);
    while (part != parts.end() && part->end <= p) ++part;
    if (part != parts.end() && p == part->begin && part->drawn) {
      DrawnPart& d = *part->drawn;
      if (part->kept && d.first_index == first_index + static_cast<int>(p) && d.mark_before == chapter &&
          d.meta == meta && d.pages.size() == part->end - part->begin) {
        ctx.doc.pages.insert(ctx.doc.pages.end(), d.pages.begin(), d.pages.end());
        ctx.doc.page_starts.insert(ctx.doc.page_starts.end(), d.starts.begin(), d.starts.end());
        chapter = d.mark_after;
        p = part->end - 1;
        ++part;
        continue;
      }
      d = DrawnPart{};
      d.mark_before = chapter;
      recording_pages = ctx.doc.pages.size();
      recording_starts = ctx.doc.page_starts.size();
    }
    const bool in_part = part != parts.end() && part->begin <= p && p < part->end;
    const bool keep_slots = in_part && part->keep_slots;
    const BodyPage& bp = pages[p];
    const int index = first_index + static_cast<int>(p);
    const bool recto = index % 2 == 0;
    const double x0 = g.left(recto);
    Page page;
    page.width = g.width;
    page.height = g.height;
    // A number unique in the process (the caches live in one): the trees' revision
    // counter serves.
    if (in_part && part->drawn) page.drawing = doc::new_revision();
    // The first heading on the page that may be a running head, else the one in force.
    std::string mark = chapter;
    bool first_mark = true;
    for (const auto& placed : bp.slots) {
      const Slot& slot = *placed.slot;
      if (slot.heading >= 0 && flow.headings[static_cast<std::size_t>(slot.heading)].in_toc) {
        const HeadingInfo& h = flow.headings[static_cast<std::size_t>(slot.heading)];
        chapter = h.title.empty() ? h.number : h.title;
        if (first_mark) mark = chapter;
        first_mark = false;
      }
    }
    if (bp.blank) {
      ctx.doc.pages.push_back(std::move(page));
      continue;
    }
    // A page that holds only an illustration carries neither running head nor folio (a
    // blind folio, Chicago Manual of Style 1.6).
    const bool picture_only =
        std::none_of(bp.slots.begin(), bp.slots.end(), [](const auto& s) { return !s.slot->runs.empty(); }) &&
        std::any_of(bp.slots.begin(), bp.slots.end(), [](const auto& s) { return !s.slot->images.empty(); }) &&
        bp.notes.empty();
    // The page begins where its first slot with text of the book begins (one that draws
    // it: a slot's runs move to the page when it is placed).
    for (const auto& placed : bp.slots)
      if (placed.slot->source.text && !placed.slot->runs.empty()) {
        ctx.doc.page_starts.push_back({index, std::to_string(p + 1), placed.slot->source.text,
                                       placed.slot->source.offset});
        break;
      }
    // Room for every run and its text at once (the running head and folio add a few):
    // grown by doubling, the pages of a long book would hold up to twice what they need.
    std::size_t run_count = 8, text_bytes = 64;
    auto count = [&](const Slot& slot) {
      run_count += slot.runs.size();
      text_bytes += slot.runs.all_text().size();
    };
    for (const auto& placed : bp.slots) count(*placed.slot);
    for (const auto& part : bp.notes)
      for (int line = part.first; line < part.last; ++line)
        count(flow.notes.at(part.number).lines[static_cast<std::size_t>(line)]);
    page.runs.reserve(run_count, text_bytes);
    for (const auto& placed : bp.slots) {
      Slot& slot = *placed.slot;
      const double y0 = g.baseline_y(placed.row) - placed.drop;
      place_slot(page, slot, x0, y0, keep_slots);
      for (const auto& l : slot.links) {
        LinkArea a{l.x + x0, l.y + y0, l.width, l.height, -1, 0, l.uri};
        if (l.note) {
          auto it = note_at.find(l.note);
          if (it == note_at.end()) continue;
          a.page = it->second.first;
          a.target_y = it->second.second;
        }
        page.links.push_back(std::move(a));
      }
    }
    // Footnotes: the last note line on the last grid baseline, the rule above them.
    int total = 0;
    for (const auto& part : bp.notes) total += part.last - part.first;
    if (total > 0) {
      int k = 0;
      const double last = g.baseline_y(g.rows - 1);
      const double first_y = last + (total - 1) * note_leading;
      page.rules.push_back({x0, first_y + note_leading - 2, st.notes.separator_width, 0.4});
      for (const auto& part : bp.notes) {
        NoteBlock& block = flow.notes.at(part.number);
        for (int line = part.first; line < part.last; ++line, ++k) {
          const double y = last + (total - 1 - k) * note_leading;
          Slot& s = block.lines[static_cast<std::size_t>(line)];
          place_slot(page, s, x0, y, keep_slots);
          for (const auto& l : s.links)
            if (!l.uri.empty()) page.links.push_back({l.x + x0, l.y + y, l.width, l.height, -1, 0, l.uri});
        }
      }
    }
    if (picture_only) {
      ctx.doc.pages.push_back(std::move(page));
      continue;
    }
    // Running head (not on openings) and folio: where the style puts it (the outer
    // corner of the head line by default), centred at the foot of an opening page.
    std::string folio = st.folio.format;
    if (const auto at = folio.find("{page}"); at != std::string::npos)
      folio.replace(at, 6, std::to_string(p + 1));
    auto place_text = [&](const std::string& text, const TextStyle& ts, LineAlign align, double y) {
      std::string key(1, &ts == &head_style ? 'h' : 'f');
      key += static_cast<char>('0' + static_cast<int>(align));
      key += text;
      auto it = margins.find(key);
      if (it == margins.end()) {
        const std::size_t reported = ctx.diags.count();
        auto lines = builder.set_text(text, ts, g.measure, align);
        RunList runs = lines.empty() ? RunList{} : std::move(lines[0].runs);
        if (ctx.diags.count() != reported) {  // not kept: its warning is to be given each time
          page.runs.reserve(runs.size(), runs.all_text().size());
          page.runs.append(runs, x0, y);
          return;
        }
        it = margins.emplace(std::move(key), std::move(runs)).first;
      }
      // A long running head may not fit in the room left: the page grows to fit it, not
      // to twice its size.
      page.runs.reserve(it->second.size(), it->second.all_text().size());
      page.runs.append(it->second, x0, y);
    };
    if (!bp.opening) {
      if (st.running_heads.enabled) {
        const std::string& pattern = recto ? st.running_heads.recto : st.running_heads.verso;
        place_text(expand_running_head(pattern, ctx.book.meta, mark), head_style, LineAlign::center, head_y);
      }
      const LineAlign outer = recto ? LineAlign::right : LineAlign::left;
      switch (st.folio.position) {
        case style::Folio::Position::head_outer: place_text(folio, folio_style, outer, head_y); break;
        case style::Folio::Position::foot_outer: place_text(folio, folio_style, outer, foot_y); break;
        case style::Folio::Position::foot_center:
          place_text(folio, folio_style, LineAlign::center, foot_y);
          break;
      }
    } else {
      place_text(folio, folio_style, LineAlign::center, foot_y);
    }
    ctx.doc.pages.push_back(std::move(page));
    // The slots' runs just freed are small blocks the pages' larger ones do not reuse
    // (War and Peace: 30 MB of each): given back every so often, they are not held
    // twice.
    if (p % 128 == 127) core::release_free_memory();
  }
  record(pages.size());
}

}  // namespace octavo::typeset
