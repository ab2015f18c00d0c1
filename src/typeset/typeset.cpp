#include "typeset/typeset.hpp"

#include "style/numbering.hpp"

#include <algorithm>
#include <atomic>
#include <deque>
#include <map>
#include <thread>

#include "core/memory.hpp"
#include "core/timings.hpp"
#include "typeset/blocks.hpp"
#include "typeset/context.hpp"
#include "typeset/front_matter.hpp"
#include "typeset/layout_cache.hpp"
#include "typeset/page_builder.hpp"

namespace octavo::typeset {
namespace {

// The engine in one place: fonts → the vertical list of every chapter (shaping,
// hyphenation and line breaking happen per paragraph inside FlowBuilder) → body pages →
// front matter (its length is known once the contents are laid out) → frames.
//
// Chapters are independent until pagination, so their vertical lists are built by
// worker threads, each with its own word cache, sharing the shaping and hyphenation
// caches (each distinct word is shaped and hyphenated once); the lists and the warnings
// are then joined in book order, so the output is the same bytes whatever the threads
// did. With a LayoutCache, a chapter laid out in the last build with the same tree and
// setting is copied from it instead.

unsigned worker_count(std::size_t chapters, unsigned jobs) {
  const unsigned hardware = jobs > 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
  // Below a few chapters per thread, starting threads costs more than it saves.
  const auto useful = static_cast<unsigned>(std::max<std::size_t>(1, chapters / 4));
  return std::min({hardware, 8u, useful});
}

std::unique_ptr<Hyphenator> make_hyphenator(const std::string& language, const style::Style& style,
                                            core::Diagnostics& diags, const core::Location& where) {
  return std::make_unique<Hyphenator>(
      language.empty() ? std::string("en") : language,
      HyphenParams{style.body.hyphen_min_word, style.body.hyphen_left_min, style.body.hyphen_right_min},
      diags, where);
}

void append(Flow& into, Flow&& part) {
  const auto heading_base = static_cast<int>(into.headings.size());
  const auto paragraph_base = static_cast<int>(into.paragraphs.size());
  const std::size_t slot_base = into.slots.size();
  for (auto& s : part.slots) {
    if (s.heading >= 0) s.heading += heading_base;
    if (s.paragraph >= 0) s.paragraph += paragraph_base;
    into.slots.push_back(std::move(s));
  }
  for (auto& h : part.headings) into.headings.push_back(std::move(h));
  for (auto& r : part.paragraphs) {
    r.first_slot += slot_base;
    into.paragraphs.push_back(std::move(r));
  }
  for (auto& [number, note] : part.notes) into.notes.emplace(number, std::move(note));
  part = Flow{};  // its slots' storage, now empty, is given back at once
}

// GlyphRun::font holds face ids during layout; the PDF wants indices into
// Document::fonts, registered in order of first use on the pages.
void register_fonts(Document& doc, const FontLibrary& fonts) {
  std::vector<int> index(fonts.face_count(), -1);
  for (auto& page : doc.pages)
    for (auto& run : page.runs) {
      int& i = index[static_cast<std::size_t>(run.font)];
      if (i < 0) i = fonts.document_font(fonts.face(run.font), doc.fonts);
      run.font = i;
    }
}

// Runs work(ctx, i) for every i < n on `workers` threads: this one, with `main`, and
// others, each with a context of its own that shares main's settings and its shaping
// and hyphenation caches (each distinct word is shaped and hyphenated once).
template <class Work>
void on_workers(Context& main, const FontLibrary& fonts, unsigned workers, std::size_t n, Work&& work) {
  std::atomic<std::size_t> next{0};
  const auto loop = [&](Context& ctx) {
    for (std::size_t i = next++; i < n; i = next++) work(ctx, i);
  };
  std::vector<std::unique_ptr<Context>> contexts;
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w) {
    contexts.push_back(std::make_unique<Context>(main.book, main.style, main.diags, fonts));
    Context& ctx = *contexts.back();
    ctx.engine = main.engine;
    ctx.breaking = main.breaking;
    ctx.hyphenator = main.hyphenator;
    ctx.shaper.share_cache(main.shaper);
    threads.emplace_back([&loop, &ctx] { loop(ctx); });
  }
  loop(main);
  for (auto& t : threads) t.join();
}

/// Where a chapter's slots, headings, paragraphs and notes are in the book's flow, and
/// whether its layout was taken from the cache.
struct ChapterSpan {
  std::size_t slot_begin = 0, slot_end = 0;
  int heading_base = 0, paragraph_base = 0;
  int heading_end = 0, paragraph_end = 0;
  std::vector<int> notes;  ///< their numbers
  bool reused = false;
};

// `entries`: the cache's entry of each chapter (null: no cache). Fills `spans`.
Flow lay_out_chapters(Context& main, const FontLibrary& fonts, unsigned jobs,
                      const std::vector<LayoutCache::Impl::Entry*>& entries, LayoutCache* cache,
                      std::vector<ChapterSpan>& spans) {
  const doc::Book& book = main.book;
  const std::size_t n = book.chapters.size();
  std::vector<ChapterLayout> results(n);
  const auto numbers = style::number_headings(book, main.style);
  std::atomic<std::size_t> reused{0};
  spans.assign(n, ChapterSpan{});
  on_workers(main, fonts, worker_count(n, jobs), n, [&](Context& ctx, std::size_t i) {
    if (auto kept = take_layout(entries[i], book.chapters[i], numbers[i])) {
      results[i] = std::move(*kept);
      spans[i].reused = true;
      ++reused;
      return;
    }
    ctx.report.buffer_into(&results[i].reports);
    FlowBuilder builder(ctx, results[i].flow);
    builder.add_chapter(book.chapters[i], &numbers[i]);
    ctx.report.buffer_into(nullptr);
    store_layout(entries[i], book.chapters[i], numbers[i], results[i]);
  });
  if (cache) cache->impl().counts = {reused.load(), n - reused.load()};
  // The workers' caches are gone with them (lines hold their own text), and the slots
  // are moved into one list of their final size: neither is held twice at the peak.
  core::timings::Stage joining("vertical lists joined");
  Flow flow;
  std::size_t slots = 0, headings = 0, paragraphs = 0;
  for (const auto& r : results) {
    slots += r.flow.slots.size();
    headings += r.flow.headings.size();
    paragraphs += r.flow.paragraphs.size();
  }
  flow.slots.reserve(slots);
  flow.headings.reserve(headings);
  flow.paragraphs.reserve(paragraphs);
  for (std::size_t i = 0; i < n; ++i) {
    spans[i].slot_begin = flow.slots.size();
    spans[i].heading_base = static_cast<int>(flow.headings.size());
    spans[i].paragraph_base = static_cast<int>(flow.paragraphs.size());
    for (const auto& [number, note] : results[i].flow.notes) spans[i].notes.push_back(number);
    append(flow, std::move(results[i].flow));
    spans[i].slot_end = flow.slots.size();
    spans[i].heading_end = static_cast<int>(flow.headings.size());
    spans[i].paragraph_end = static_cast<int>(flow.paragraphs.size());
    Reporter::replay(results[i].reports, main.diags);
  }
  return flow;
}

// ---- pages kept between builds (LayoutCache) ---------------------------------------

/// Moves each chapter's part of `flow` back into its cache entry, where its layout was
/// lent from (or stored, for one laid out in this build), in terms of the chapter again:
/// what take_layout moved out. The pages have set the headings' places, which the next
/// build sets again; nothing else in it changed (draw_body_pages copies the runs of a
/// kept chapter's slots to the pages rather than moving them).
void give_back_flows(Flow& flow, const std::vector<ChapterSpan>& spans,
                     const std::vector<LayoutCache::Impl::Entry*>& entries) {
  for (std::size_t i = 0; i < spans.size(); ++i) {
    LayoutCache::Impl::Entry* entry = entries[i];
    if (!entry || !entry->flow_lent || !entry->layout) continue;
    const ChapterSpan& span = spans[i];
    Flow& out = entry->layout->flow;
    out.slots.reserve(span.slot_end - span.slot_begin);
    for (std::size_t k = span.slot_begin; k < span.slot_end; ++k) {
      Slot& s = out.slots.emplace_back(std::move(flow.slots[k]));
      if (s.heading >= 0) s.heading -= span.heading_base;
      if (s.paragraph >= 0) s.paragraph -= span.paragraph_base;
    }
    for (int h = span.heading_base; h < span.heading_end; ++h) {
      HeadingInfo& heading = out.headings.emplace_back(std::move(flow.headings[static_cast<std::size_t>(h)]));
      heading.page = HeadingInfo{}.page;
      heading.page_y = HeadingInfo{}.page_y;
    }
    for (int r = span.paragraph_base; r < span.paragraph_end; ++r)
      out.paragraphs.emplace_back(std::move(flow.paragraphs[static_cast<std::size_t>(r)])).first_slot -=
          span.slot_begin;
    for (int number : span.notes) out.notes.insert(flow.notes.extract(number));
    entry->flow_lent = false;
  }
}

/// The index of the chapter whose slots hold `part` whole, or −1.
std::vector<int> chapter_of_parts(const std::vector<FlowPart>& parts, const std::vector<ChapterSpan>& spans) {
  std::vector<int> out(parts.size(), -1);
  std::size_t c = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    while (c < spans.size() && spans[c].slot_end <= parts[i].begin) ++c;
    if (c < spans.size() && spans[c].slot_begin <= parts[i].begin && parts[i].end <= spans[c].slot_end)
      out[i] = static_cast<int>(c);
  }
  return out;
}

void rebase(Slot& s, int heading_shift, int paragraph_shift) {
  if (s.heading >= 0) s.heading += heading_shift;
  if (s.paragraph >= 0) s.paragraph += paragraph_shift;
}

// Only the lines set again that the pages use are kept (not every variant tried).
StoredPart store_part(const Flow& flow, FlowPart part, const ChapterSpan& span, const PartPages& pages,
                      std::vector<Reporter::Entry> reports) {
  StoredPart out;
  out.begin = part.begin - span.slot_begin;
  out.end = part.end - span.slot_begin;
  out.last = part.end == flow.slots.size();
  out.recto = pages.recto;
  out.reports = std::move(reports);
  std::map<const Slot*, std::uint32_t> kept;  // a replacement line → its index in out
  for (const auto& page : pages.pages) {
    BodyPage copy = page;
    for (auto& placed : copy.slots) {
      const Slot* s = placed.slot;
      placed.slot = nullptr;
      if (s >= flow.slots.data() && s < flow.slots.data() + flow.slots.size()) {
        out.places.push_back(static_cast<std::uint32_t>(s - flow.slots.data() - span.slot_begin));
        continue;
      }
      auto [it, fresh] = kept.try_emplace(s, static_cast<std::uint32_t>(out.replacements.size()));
      if (fresh) {
        rebase(out.replacements.emplace_back(*s), -span.heading_base, -span.paragraph_base);
      }
      out.places.push_back(StoredPart::replacement | it->second);
    }
    out.pages.push_back(std::move(copy));
  }
  return out;
}

PartPages restore_part(Flow& flow, const ChapterSpan& span, const StoredPart& stored,
                       std::deque<Slot>& replacements, std::vector<Reporter::Entry>& reports) {
  for (const Slot& s : stored.replacements) rebase(replacements.emplace_back(s), span.heading_base, span.paragraph_base);
  PartPages out;
  out.recto = stored.recto;
  out.pages = stored.pages;
  std::size_t k = 0;
  for (auto& page : out.pages)
    for (auto& placed : page.slots) {
      const std::uint32_t at = stored.places[k++];
      placed.slot = (at & StoredPart::replacement) ? &replacements[at & ~StoredPart::replacement]
                                                   : &flow.slots[span.slot_begin + at];
    }
  reports = stored.reports;
  return out;
}

// The stored pages of `part` in `entry`; `reused`: only when the chapter's layout was
// copied (then they are the part's pages).
StoredPart* find_part(LayoutCache::Impl::Entry* entry, const Flow& flow, FlowPart part, const ChapterSpan& span,
                      bool reused = true) {
  if (!entry || (reused && !span.reused)) return nullptr;
  const bool last = part.end == flow.slots.size();
  for (auto& p : entry->parts)
    if (p.begin == part.begin - span.slot_begin && p.end == part.end - span.slot_begin && p.last == last) return &p;
  return nullptr;
}

// Pages: the parts of the flow (chapters, which no page crosses) are paginated side by
// side, each thread setting paragraphs again with a builder of its own; the warnings
// come out in book order and the blank versos go in when the parts are joined.
// With a cache, a part within a chapter whose layout was copied takes the pages it had
// in the last build (the same, set from the same slots), and every part within a
// chapter is kept for the next.
// `draws`: for draw_body_pages, each part's pages and where its drawing is kept.
std::vector<BodyPage> paginate_parts(Context& main, const FontLibrary& fonts, unsigned jobs, Flow& flow,
                                     const std::vector<ChapterSpan>& spans,
                                     const std::vector<LayoutCache::Impl::Entry*>& entries,
                                     LayoutCache::Counts& counts, std::vector<PartDraw>& draws) {
  const std::vector<FlowPart> parts = flow_parts(flow);
  std::vector<PartPages> pages(parts.size());
  std::vector<std::vector<Reporter::Entry>> reports(parts.size());
  std::vector<std::deque<Slot>*> replacements;
  for (std::size_t i = 0; i < parts.size(); ++i) replacements.push_back(&flow.replacements.emplace_back());
  const std::vector<int> chapter = chapter_of_parts(parts, spans);
  const auto entry_of = [&](std::size_t i) {
    return chapter[i] >= 0 ? entries[static_cast<std::size_t>(chapter[i])] : nullptr;
  };
  std::vector<char> restored(parts.size(), 0);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (chapter[i] < 0) continue;
    const ChapterSpan& span = spans[static_cast<std::size_t>(chapter[i])];
    if (const StoredPart* kept = find_part(entry_of(i), flow, parts[i], span)) {
      pages[i] = restore_part(flow, span, *kept, *replacements[i], reports[i]);
      restored[i] = 1;
    }
  }
  on_workers(main, fonts, worker_count(parts.size(), jobs), parts.size(), [&](Context& ctx, std::size_t i) {
    if (restored[i]) return;
    FlowBuilder builder(ctx, flow);
    const Rebreaker rebreak = [&](const ParagraphRecord& r, int looseness, int no_hyphen_line) {
      return builder.rebreak(r, looseness, nullptr, no_hyphen_line);
    };
    ctx.report.buffer_into(&reports[i]);
    pages[i] = paginate_part(flow, parts[i], ctx.page, ctx.style.notes, ctx.report, rebreak, *replacements[i]);
    ctx.report.buffer_into(nullptr);
  });
  for (const auto& r : reports) Reporter::replay(r, main.diags);
  counts.parts = parts.size();
  counts.parts_kept = static_cast<std::size_t>(std::count(restored.begin(), restored.end(), 1));
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (auto* entry = entry_of(i); entry && entry->layout && !restored[i])
      entry->parts.push_back(store_part(flow, parts[i], spans[static_cast<std::size_t>(chapter[i])], pages[i],
                                        reports[i]));
  // Every part's stored pages, now that no list of them grows any more.
  std::vector<StoredPart*> stored(parts.size(), nullptr);
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (auto* entry = entry_of(i); entry && entry->layout)
      stored[i] = find_part(entry, flow, parts[i], spans[static_cast<std::size_t>(chapter[i])], false);
  std::vector<std::size_t> starts, sizes;
  for (const auto& p : pages) sizes.push_back(p.pages.size());
  auto body = join_parts(std::move(pages), &starts);
  draws.clear();
  for (std::size_t i = 0; i < parts.size(); ++i)
    draws.push_back({starts[i], starts[i] + sizes[i], stored[i] ? &stored[i]->drawn : nullptr, restored[i] != 0,
                     chapter[i] >= 0 && entry_of(i) != nullptr});
  return body;
}

}  // namespace

std::optional<Document> typeset(const doc::Book& book, const style::Style& style, core::Diagnostics& diags,
                                unsigned jobs, LayoutCache* cache) {
  std::optional<core::timings::Stage> stage(std::in_place, "fonts");
  const std::string language = style.body.language.empty() ? book.meta.language : style.body.language;
  const core::Location where = book.sources.locate(book.style_span);
  std::vector<LayoutCache::Impl::Entry*> entries(book.chapters.size(), nullptr);
  if (cache) entries = cache->impl().prepare(book, LayoutCache::Impl::setting_of(style, language));
  // The engine (fonts, hyphenator, shaping cache): the cache's when it has one for this
  // setting, else made now, and given to the cache when making it reported nothing.
  LayoutCache::Impl::Engine made;
  LayoutCache::Impl::Engine* engine = cache && cache->impl().engine ? &*cache->impl().engine : &made;
  if (engine == &made) {
    const std::size_t reported = diags.count();
    // The hyphenation dictionary is read beside the fonts, its warning (none found)
    // given after theirs, as when one came after the other.
    core::Diagnostics hyphen_diags;
    std::thread hyphen;
    const auto load_hyphenator = [&] { made.hyphenator = make_hyphenator(language, style, hyphen_diags, where); };
    if (jobs == 1) load_hyphenator();
    else hyphen = std::thread(load_hyphenator);
    made.fonts = std::make_unique<FontLibrary>();
    const bool loaded = made.fonts->load(style, diags, where, jobs);
    if (hyphen.joinable()) hyphen.join();
    if (!loaded) return std::nullopt;
    for (auto& d : hyphen_diags.all()) diags.report(std::move(d));
    made.shaper = std::make_unique<Shaper>(language);
    if (cache && diags.count() == reported) engine = &cache->impl().engine.emplace(std::move(made));
  }
  const FontLibrary& fonts = *engine->fonts;
  fonts.forget_document_fonts();
  Context ctx(book, style, diags, fonts);
  ctx.hyphenator = engine->hyphenator;
  ctx.shaper.share_cache(*engine->shaper);
  ctx.breaking.hyphenate = style.body.hyphenate;

  stage.emplace("chapters laid out");
  std::vector<ChapterSpan> spans;
  Flow flow = lay_out_chapters(ctx, fonts, jobs, entries, cache, spans);
  if (cache) stage->note(std::to_string(cache->last_counts().laid_out) + " of " + std::to_string(book.chapters.size()));
  stage.emplace("pages");
  LayoutCache::Counts ignored;
  std::vector<PartDraw> draws;
  const std::vector<BodyPage> body =
      paginate_parts(ctx, fonts, jobs, flow, spans, entries, cache ? cache->impl().counts : ignored, draws);
  if (cache)
    stage->note(std::to_string(cache->impl().counts.parts_kept) + " of " + std::to_string(cache->impl().counts.parts) +
                " parts kept");
  FlowBuilder builder(ctx, flow);  // for running heads and the front matter
  // Every paragraph is set now; what is left to set (the front matter, running heads and
  // folios) is a few words. The word cache is given back, to the system too, before the
  // pages take their lines.
  ctx.words = WordCache{};
  core::release_free_memory();

  stage.emplace("front matter");
  FrontMatter front(ctx, builder, flow);
  const int body_start = front.page_count();
  locate_headings(flow, body, body_start, ctx.page);
  front.draw(flow, body_start);
  stage.emplace("body pages drawn");
  draw_body_pages(ctx, builder, flow, body, body_start, engine->margins, draws);

  Document& doc = ctx.doc;
  register_fonts(doc, fonts);
  for (const auto& h : flow.headings)
    if (h.page >= 0) doc.outline.push_back({style::numbered_title(h.number, h.title), h.level, h.page, h.page_y});
  doc.labels.push_back({0, PageLabelRange::Style::roman_lower, 1});
  if (!body.empty()) doc.labels.push_back({body_start, PageLabelRange::Style::arabic, 1});
  doc.title = book.meta.title;
  doc.bleed = style.page.bleed;
  for (std::size_t i = 0; i < book.meta.authors.size(); ++i) {
    if (i) doc.author += ", ";
    doc.author += book.meta.authors[i];
  }
  doc.subject = book.meta.description;
  doc.language = language.empty() ? std::string("en") : language;
  if (cache) {
    if (jobs == 1) {
      give_back_flows(flow, spans, entries);
    } else {
      // On a thread of its own: the outputs are made meanwhile, from the document alone.
      cache->impl().returning =
          std::thread([flow = std::move(flow), spans = std::move(spans), entries = std::move(entries)]() mutable {
            give_back_flows(flow, spans, entries);
            flow = Flow{};
          });
    }
  }
  return std::move(ctx.doc);
}

}  // namespace octavo::typeset
