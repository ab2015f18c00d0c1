// Emitting words: a word (the text between two break opportunities) becomes boxes and
// discretionaries. Letter runs are hyphenated from the dictionary; the word is split by
// face (font fallback) and case (small capitals), shaped, and cut at the hyphenation
// points (a point inside a ligature becomes a discretionary of its parts). A word in one
// style is kept in the WordCache and copied when it comes again.
#include <algorithm>
#include <cstdio>

#include "core/utf8.hpp"
#include "typeset/inline_builder.hpp"
#include "typeset/unicode.hpp"

namespace octavo::typeset {
namespace {

std::string code_point_label(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

}  // namespace

// ---- emitting a token ----------------------------------------------------------------

void InlineBuilder::find_hyphenation_points() {
  points_.clear();
  if (!ctx_.hyphenator || !ctx_.hyphenator->available()) return;
  for (const Mark& m : marks_)
    if (m.kind != MarkKind::zwsp && m.kind != MarkKind::joined)
      return;  // explicit hyphens and dashes: break only there
  // Letter runs, possibly across style changes ("*Wort*fetzen"), hyphenated as words.
  std::string run;
  std::vector<Pos> starts;  // where each character of `run` starts
  auto end_run = [&]() {
    if (!run.empty()) {
      bool all_upper = starts.size() > 1;
      for (std::size_t p = 0; p < run.size();)
        if (!unicode::is_upper(core::utf8::decode(run, p))) all_upper = false;
      if (!all_upper) {  // acronyms and small-capital words are left whole
        for (std::uint16_t point : ctx_.hyphenator->points(run))
          if (point < starts.size()) points_.push_back(starts[point]);
      }
    }
    run.clear();
    starts.clear();
  };
  for (std::uint32_t fi = 0; fi < frag_count_; ++fi) {
    const Frag& f = frags_[fi];
    const bool ok = f.note == 0 && !f.image && f.style.hyphenate && !f.style.url &&
                    f.style.text_case == style::Case::normal;
    if (!ok) {
      end_run();
      continue;
    }
    for (std::size_t pos = 0; pos < f.text.size();) {
      const std::size_t start = pos;
      const char32_t cp = core::utf8::decode(f.text, pos);
      if (cp >= '0' && cp <= '9') {  // words with digits are not words
        points_.clear();
        return;
      }
      if (unicode::is_letter(cp)) {
        starts.push_back({fi, static_cast<std::uint32_t>(start)});
        run.append(f.text, start, pos - start);
      } else {
        end_run();
      }
    }
  }
  end_run();
}

const WordCache::Word* WordCache::find(std::string_view key, std::uint64_t h) const {
  if (table_.empty()) return nullptr;
  const std::size_t mask = table_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Entry& e = table_[i];
    if (e.key_size == 0) return nullptr;
    if (e.hash == h && e.key_size == key.size() &&
        std::string_view(keys_).substr(e.key_offset, e.key_size) == key)
      return &e.word;
  }
}

void WordCache::grow() {
  std::vector<Entry> old = std::move(table_);
  table_.assign(old.empty() ? 1024 : old.size() * 2, Entry{});
  const std::size_t mask = table_.size() - 1;
  for (const Entry& e : old) {
    if (e.key_size == 0) continue;
    std::size_t i = e.hash & mask;
    while (table_[i].key_size != 0) i = (i + 1) & mask;
    table_[i] = e;
  }
}

void WordCache::insert(std::string_view key, std::uint64_t h, const Item* items, std::size_t item_count,
                       const Piece* pieces, std::size_t piece_count) {
  if ((count_ + 1) * 2 > table_.size()) grow();  // load factor ≤ 1/2
  Entry e;
  e.hash = h;
  e.key_offset = static_cast<std::uint32_t>(keys_.size());
  e.key_size = static_cast<std::uint32_t>(key.size());
  keys_.append(key);
  e.word.item_begin = static_cast<std::uint32_t>(items_.size());
  e.word.item_count = static_cast<std::uint32_t>(item_count);
  e.word.piece_begin = static_cast<std::uint32_t>(pieces_.size());
  e.word.piece_count = static_cast<std::uint32_t>(piece_count);
  items_.insert(items_.end(), items, items + item_count);
  pieces_.insert(pieces_.end(), pieces, pieces + piece_count);
  for (std::size_t k = 0; k < item_count; ++k) {
    const Item& it = items[k];
    if (it.type == ItemType::box && !it.content.empty()) e.word.content = true;
  }
  const std::size_t mask = table_.size() - 1;
  std::size_t i = h & mask;
  while (table_[i].key_size != 0) i = (i + 1) & mask;
  table_[i] = e;
  ++count_;
}

void InlineBuilder::flush_token() {
  pending_ = false;
  if (frag_count_ == 0) return;
  const std::size_t first_item = out_.items.size();
  token_source_text_ = token_source_.text != nullptr;
  if (token_source_.text) out_.word_starts.push_back({static_cast<std::uint32_t>(first_item), token_source_});
  token_source_ = {};
  const Frag& f = frags_[0];
  if (frag_count_ == 1 && f.note == 0 && !f.image) {
    // The common case, a word in one style: look it up, or set it and remember it.
    word_key(f);
    WordCache& cache = ctx_.words;
    const std::uint64_t h = WordCache::hash(key_);
    if (const WordCache::Word* w = cache.find(key_, h)) {
      instantiate(*w, f);
    } else {
      const std::size_t i0 = out_.items.size(), p0 = out_.pieces.size();
      emit_token();
      const auto base = static_cast<std::uint32_t>(p0);
      for (std::size_t k = i0; k < out_.items.size(); ++k)
        for (PieceRange* r : {&out_.items[k].content, &out_.items[k].pre, &out_.items[k].post})
          if (!r->empty()) {
            r->begin -= base;
            r->end -= base;
          }
      cache.insert(key_, h, out_.items.data() + i0, out_.items.size() - i0, out_.pieces.data() + p0,
                   out_.pieces.size() - p0);
      for (std::size_t k = i0; k < out_.items.size(); ++k)
        for (PieceRange* r : {&out_.items[k].content, &out_.items[k].pre, &out_.items[k].post})
          if (!r->empty()) {
            r->begin += base;
            r->end += base;
          }
    }
  } else {
    emit_token();
  }
  record_word_starts(first_item);
  frag_count_ = 0;
  marks_.clear();
}

// A line may also begin after a hyphen or a dash inside a word ("trousers—|furtively"):
// the text after each such break is recorded as a start too. The word's items may come
// from the cache, so the breaks are matched to its penalties in order, the marks_ that
// emit_frag turns into penalties (not at the word's ends) one for one; a word where
// they do not pair up keeps only its start.
SourcePos InlineBuilder::source_at(const Frag& f, std::uint32_t offset) {
  const auto it = std::upper_bound(f.sources.begin(), f.sources.end(), offset,
                                   [](std::uint32_t o, const auto& a) { return o < a.first; });
  if (it == f.sources.begin()) return {};
  const auto& [from, source] = *std::prev(it);
  return source.text ? SourcePos{source.text, source.offset + (offset - from)} : SourcePos{};
}

void InlineBuilder::record_word_starts(std::size_t first_item) {
  if (marks_.empty() || !token_source_text_) return;
  std::vector<SourcePos>& after = mark_sources_;
  after.clear();
  for (const Mark& m : marks_) {
    const Frag& f = frags_[m.at.frag];
    const bool last = m.at.frag + 1 == frag_count_;
    if ((m.at.frag == 0 && m.at.offset == 0) || (last && m.at.offset >= f.text.size())) continue;
    if (m.at.offset >= f.text.size()) {
      after.push_back(source_at(frags_[m.at.frag + 1], 0));
    } else {
      after.push_back(source_at(f, m.at.offset));
    }
  }
  std::size_t penalties = 0;
  for (std::size_t i = first_item; i < out_.items.size(); ++i) penalties += out_.items[i].type == ItemType::penalty;
  if (penalties != after.size()) return;
  std::size_t k = 0;
  for (std::size_t i = first_item; i < out_.items.size(); ++i)
    if (out_.items[i].type == ItemType::penalty && after[k++].text)
      out_.word_starts.push_back({static_cast<std::uint32_t>(i + 1), after[k - 1]});
}

void InlineBuilder::word_key(const Frag& f) {
  const TextStyle& s = f.style;
  key_.clear();
  key_.push_back(static_cast<char>(s.role));
  key_.push_back(static_cast<char>((s.bold ? 1 : 0) | (s.italic ? 2 : 0) | (s.hyphenate ? 4 : 0) |
                                   (s.url ? 8 : 0) | (s.ligatures ? 16 : 0) | (s.strike ? 32 : 0)));
  key_.push_back(static_cast<char>(s.text_case));
  key_.append(reinterpret_cast<const char*>(&s.size), sizeof s.size);
  key_.append(reinterpret_cast<const char*>(&s.raise), sizeof s.raise);
  key_ += f.text;
}

void InlineBuilder::instantiate(const WordCache::Word& w, const Frag& f) {
  const auto base = static_cast<std::uint32_t>(out_.pieces.size());
  const Piece* pieces = ctx_.words.pieces() + w.piece_begin;
  for (std::uint32_t k = 0; k < w.piece_count; ++k) {
    out_.pieces.push_back(pieces[k]);
    out_.pieces.back().link = f.style.link;
    out_.pieces.back().span = f.span;
  }
  const Item* items = ctx_.words.items() + w.item_begin;
  for (std::uint32_t k = 0; k < w.item_count; ++k) {
    out_.items.push_back(items[k]);
    Item& it = out_.items.back();
    for (PieceRange* r : {&it.content, &it.pre, &it.post})
      if (!r->empty()) {
        r->begin += base;
        r->end += base;
      }
    if (it.type == ItemType::box) it.span = f.span;
  }
  if (w.content) {
    has_content_ = true;
    at_line_start_ = false;
  }
}

void InlineBuilder::emit_token() {
  token_items_ = out_.items.size();
  find_hyphenation_points();
  std::size_t mark_cursor = 0, point_cursor = 0;
  for (std::uint32_t fi = 0; fi < frag_count_; ++fi) emit_frag(fi, mark_cursor, point_cursor);
}

void InlineBuilder::emit_mark(MarkKind kind, const Frag& before) {
  Item it;
  switch (kind) {
    case MarkKind::hyphen:
    case MarkKind::dash:
      it = make_penalty(ctx_.engine.ex_hyphen_penalty, true);
      break;
    case MarkKind::zwsp:
      it = make_penalty(0);
      break;
    case MarkKind::url:
      it = make_penalty(ctx_.engine.url_penalty);
      break;
    case MarkKind::joined:
      it = make_penalty(ctx_.engine.joined_dash_penalty, true);
      break;
    case MarkKind::soft: {
      const Face& face = primary(before.style);
      it.type = ItemType::disc;
      it.flagged = true;
      it.penalty = ctx_.engine.hyphen_penalty;
      it.pre = hyphen_piece(face, before.style.size, before);
      for (auto i = it.pre.begin; i < it.pre.end; ++i) it.pre_width += out_.pieces[i].width;
      break;
    }
  }
  out_.items.push_back(it);
}

void InlineBuilder::emit_frag(std::uint32_t fi, std::size_t& mark_cursor, std::size_t& point_cursor) {
  const Frag& f = frags_[fi];
  const bool last_frag = fi + 1 == frag_count_;
  auto emit_marks_at = [&](std::uint32_t offset) {
    while (mark_cursor < marks_.size() && marks_[mark_cursor].at <= Pos{fi, offset}) {
      const Mark& m = marks_[mark_cursor++];
      const bool at_start = fi == 0 && m.at.offset == 0;
      const bool at_end = last_frag && m.at.offset >= f.text.size();
      // Only after something of this word: the result must not depend on what came
      // before it, because it is cached per word.
      if (!at_start && !at_end && out_.items.size() > token_items_) emit_mark(m.kind, f);
    }
  };

  if (f.image) {
    const double h = f.style.size;
    const auto& info = f.image->info;
    const double w = (info.width && info.height) ? h * info.width / info.height : h;
    Piece p;
    p.image = static_cast<int>(out_.images.size());
    out_.images.push_back({std::filesystem::absolute(ctx_.book.root / f.image->path).lexically_normal().string(),
                           static_cast<float>(h)});
    p.width = static_cast<float>(w);
    p.size = f.style.size;
    p.link = f.style.link;
    p.span = f.span;
    out_.pieces.push_back(std::move(p));
    auto idx = static_cast<std::uint32_t>(out_.pieces.size());
    out_.items.push_back(make_box(w, {idx - 1, idx}, f.span));
    has_content_ = true;
    at_line_start_ = false;
    emit_marks_at(0xFFFFFFFFu);
    return;
  }

  const TextStyle& st = f.style;
  const Variant variant = variant_of(st.bold, st.italic);
  Segment seg;
  auto close = [&]() {
    if (!seg.text.empty()) emit_segment(f, fi, seg, point_cursor);
    seg.text.clear();
    seg.face = nullptr;
  };
  std::string mapped;
  for (std::size_t pos = 0; pos < f.text.size();) {
    const auto start = static_cast<std::uint32_t>(pos);
    if (mark_cursor < marks_.size() && marks_[mark_cursor].at <= Pos{fi, start}) {
      close();
      emit_marks_at(start);
    }
    const char32_t cp = core::utf8::decode(f.text, pos);
    if (unicode::classify(cp) == unicode::CharClass::fixed_space) {
      close();
      const Face& face = primary(st);
      const double em = face.has(cp) ? face.pdf_advance_of(cp) / 1000.0 : unicode::fixed_space_em(cp);
      out_.items.push_back(make_box(em * st.size));
      continue;
    }
    // Case mapping: small caps set lowercase letters as capitals at a smaller size.
    float size = st.size;
    mapped.clear();
    bool exact = true;
    if (st.text_case == style::Case::upper ||
        (st.text_case == style::Case::small_caps && unicode::is_lower(cp))) {
      mapped = unicode::to_upper(std::string_view(f.text).substr(start, pos - start));
      exact = false;
      if (st.text_case == style::Case::small_caps)
        size = static_cast<float>(st.size * ctx_.engine.small_caps_scale);
    } else {
      mapped.assign(f.text, start, pos - start);
    }
    const char32_t first = [&] { std::size_t p = 0; return core::utf8::decode(mapped, p); }();
    const Face* face = ctx_.fonts.face_for(first, st.role, variant);
    if (!face) {
      close();
      std::string name(unicode::char_name(cp));
      if (name.empty()) name = "‘" + std::string(f.text, start, pos - start) + "’";
      ctx_.report.warning_once("glyph:" + code_point_label(cp), ctx_.locate(f.span),
                              "no font has " + code_point_label(cp) + " (" + name + "); it is left out");
      continue;
    }
    if (seg.face != face || seg.size != size) {
      close();
      seg.face = face;
      seg.size = size;
      seg.source_begin = start;
      seg.source_exact = true;
    }
    if (!exact) seg.source_exact = false;
    seg.text += mapped;
  }
  close();
  emit_marks_at(0xFFFFFFFFu);
}

PieceRange InlineBuilder::add_piece(const ShapedText& st, std::size_t g0, std::size_t g1,
                                    const Face& face, float size, const Frag& f) {
  Piece p;
  p.shaped = &st;
  p.glyph_begin = static_cast<std::uint32_t>(g0);
  p.glyph_end = static_cast<std::uint32_t>(g1);
  p.font = static_cast<int>(face.id());
  p.size = size;
  p.raise = f.style.raise;
  p.width = st.advance(g0, g1) * size / 1000.0f;
  p.link = f.style.link;
  p.note = f.note;
  p.strike = f.style.strike;
  p.span = f.span;
  out_.pieces.push_back(std::move(p));
  auto end = static_cast<std::uint32_t>(out_.pieces.size());
  return {end - 1, end};
}

void InlineBuilder::push_box(const ShapedText& st, std::size_t g0, std::size_t g1, const Face& face,
                             float size, const Frag& f) {
  if (g1 <= g0) return;
  PieceRange r = add_piece(st, g0, g1, face, size, f);
  out_.items.push_back(make_box(out_.pieces[r.begin].width, r, f.span));
  has_content_ = true;
  at_line_start_ = false;
}

PieceRange InlineBuilder::hyphen_piece(const Face& face, float size, const Frag& f) {
  const Face& hf = face.has('-') ? face : ctx_.fonts.primary(FontRole::body, Variant::regular);
  const ShapedText& st = ctx_.shaper.shape(hf, "-");
  return add_piece(st, 0, st.glyphs.size(), hf, size, f);
}

void InlineBuilder::emit_segment(const Frag& f, std::uint32_t fi, Segment& seg, std::size_t& point_cursor) {
  const unsigned flags = f.style.ligatures ? shape_default : shape_no_ligatures;
  const ShapedText& st = ctx_.shaper.shape(*seg.face, seg.text, flags);
  const auto seg_end = static_cast<std::uint32_t>(seg.source_begin + seg.text.size());
  const std::size_t first_piece = out_.pieces.size();
  std::size_t g = 0;
  // Dictionary hyphenation points inside this segment (offsets are the frag's; the
  // segment's text is the frag's own bytes whenever points exist: no case mapping).
  while (point_cursor < points_.size() && points_[point_cursor] < Pos{fi, seg.source_begin}) ++point_cursor;
  while (seg.source_exact && point_cursor < points_.size() && points_[point_cursor].frag == fi &&
         points_[point_cursor].offset < seg_end) {
    const std::uint32_t p = points_[point_cursor++].offset - seg.source_begin;
    if (p == 0) continue;
    bool exact = false;
    const std::size_t i = st.glyph_at(p, &exact);
    Item disc;
    disc.type = ItemType::disc;
    disc.flagged = true;
    disc.auto_hyphen = true;
    disc.penalty = ctx_.engine.hyphen_penalty;
    if (exact) {
      if (i <= g || i >= st.glyphs.size()) continue;
      push_box(st, g, i, *seg.face, seg.size, f);
      disc.pre = hyphen_piece(*seg.face, seg.size, f);
      g = i;
    } else {
      // Inside a ligature ("of|fice" in the ffi glyph): the discretionary draws "f-" |
      // "fi" when broken and the ligature when not (TeX's \discretionary{f-}{fi}{ffi}).
      const std::size_t k = i - 1;
      if (k < g) continue;
      const std::uint32_t cs = st.glyphs[k].cluster;
      const std::uint32_t ce = i < st.glyphs.size() ? st.glyphs[i].cluster : st.text_size;
      push_box(st, g, k, *seg.face, seg.size, f);
      const std::string_view text(seg.text);
      const ShapedText& pre = ctx_.shaper.shape(*seg.face, text.substr(cs, p - cs), flags);
      const ShapedText& post = ctx_.shaper.shape(*seg.face, text.substr(p, ce - p), flags);
      disc.pre = add_piece(pre, 0, pre.glyphs.size(), *seg.face, seg.size, f);
      disc.pre.end = hyphen_piece(*seg.face, seg.size, f).end;
      disc.post = add_piece(post, 0, post.glyphs.size(), *seg.face, seg.size, f);
      disc.content = add_piece(st, k, i, *seg.face, seg.size, f);
      disc.width = out_.pieces[disc.content.begin].width;
      disc.post_width = out_.pieces[disc.post.begin].width;
      g = i;
    }
    for (auto j = disc.pre.begin; j < disc.pre.end; ++j) disc.pre_width += out_.pieces[j].width;
    out_.items.push_back(disc);
  }
  push_box(st, g, st.glyphs.size(), *seg.face, seg.size, f);
  if (!seg.source_exact)
    for (auto i = first_piece; i < out_.pieces.size(); ++i) out_.pieces[i].cased = true;
}

}  // namespace octavo::typeset
