// Inlines → items → set lines, with the shipped fonts: break opportunities, special
// characters, ligatures across hyphenation points, overfull warnings, alignment.
#include <doctest/doctest.h>

#include <memory>

#include "core/utf8.hpp"
#include "support.hpp"
#include "typeset/blocks.hpp"
#include "typeset/context.hpp"
#include "typeset/inline_builder.hpp"
#include "typeset/line_setter.hpp"

using namespace octavo;
using namespace octavo::typeset;
using namespace octavo::typeset::test;

namespace {

struct Fixture {
  doc::Book book;
  style::Style style = classic();
  core::Diagnostics diags;
  FontLibrary fonts;
  std::unique_ptr<Context> ctx;

  Fixture() {
    REQUIRE(fonts.load(style, diags, {}));
    ctx = std::make_unique<Context>(book, style, diags, fonts);
    ctx->hyphenator = std::make_unique<Hyphenator>("en", HyphenParams{6, 2, 3}, diags, core::Location{});
  }

  ItemList items(const std::string& text, bool justify = true, TextStyle style = {}) {
    ItemList list;
    InlineBuilder b(*ctx, list, justify);
    b.add_text(text, style, {1, 1, 1});
    b.finish();
    return list;
  }

  std::vector<SetLine> set(const std::string& text, double width, LineAlign align = LineAlign::justify,
                           TextStyle style = {}) {
    ItemList list = items(text, align == LineAlign::justify, style);
    LineBreakParams p;
    p.emergency_stretch = 1.5 * style.size;
    if (align != LineAlign::justify) p.background_stretch = 2 * style.size;
    return break_and_set(*ctx, list, LineWidths{{}, width}, p, align);
  }

  static std::string text_of(const SetLine& line) {
    std::string s;
    for (const auto& r : line.runs) s += line.runs.text_of(r);
    return s;
  }

  std::string box_text(const ItemList& list, PieceRange r) const {
    std::string s;
    for (auto i = r.begin; i < r.end; ++i) {
      const Piece& p = list.pieces[i];
      for (auto g = p.glyph_begin; g < p.glyph_end; ++g) core::utf8::append(s, p.shaped->glyphs[g].cp);
    }
    return s;
  }

  // Boxes as text, breaks as "|" (penalty), "‖" (flagged penalty), "~" (never), "/" (disc).
  std::string sketch(const ItemList& list) const {
    std::string s;
    for (const auto& it : list.items) {
      switch (it.type) {
        case ItemType::box: s += it.content.empty() ? "_" : box_text(list, it.content); break;
        case ItemType::glue: s += it.fil > 0 ? "" : " "; break;
        case ItemType::penalty:
          if (it.penalty >= kInfPenalty) s += "~";
          else if (it.penalty <= -kInfPenalty) s += "$";
          else s += it.flagged ? "‖" : "|";
          break;
        case ItemType::disc: s += it.auto_hyphen ? "/" : "\\"; break;
      }
    }
    return s;
  }
};

}  // namespace

TEST_CASE("words break at spaces and are hyphenated from the dictionary") {
  Fixture f;
  CHECK(f.sketch(f.items("the hyphenation")) == "the hy/phen/ation~$");
}

TEST_CASE("a hyphenated compound breaks only after its hyphen") {
  Fixture f;
  CHECK(f.sketch(f.items("well-known")) == "well-‖known~$");
  CHECK(f.sketch(f.items("remarkable-conversation")) == "remarkable-‖conversation~$");
}

TEST_CASE("a word joiner forbids the break at a dash, short of an overfull line") {
  Fixture f;
  // Standard Ebooks writes "Antichrist⁠—I": joined before the dash, free after it.
  CHECK(f.sketch(f.items("Antichrist\u2060\u2014I said")) == "Antichrist—‖I said~$");
  // Joined on both sides: a break there costs so much that only a line that could not
  // be set otherwise takes it.
  const ItemList joined = f.items("a\u2060\u2014\u2060b");
  CHECK(f.sketch(joined) == "a—‖b~$");
  CHECK(joined.items[1].penalty == doctest::Approx(f.ctx->engine.joined_dash_penalty));
  CHECK(f.ctx->engine.joined_dash_penalty >= 5000);
  // A joiner after a hyphen still forbids the break outright.
  CHECK(f.sketch(f.items("well-\u2060known")) == "well-known~$");
  // On a measure the joined string fits, it stays whole; on one it does not, it breaks
  // after the dash rather than run into the margin.
  auto wide = f.set("Cutts\u2019s,\u2060\u2E3A\u2060Mackay\u2019s,\u2060\u2E3A\u2060Angus\u2019s", 400);
  CHECK(wide.size() == 1);
  auto narrow = f.set("Cutts\u2019s,\u2060\u2E3A\u2060Mackay\u2019s,\u2060\u2E3A\u2060Angus\u2019s", 90);
  CHECK(narrow.size() >= 2);
  CHECK(f.diags.all().empty());
}

TEST_CASE("no-break spaces tie, soft hyphens and zero-width spaces offer breaks") {
  Fixture f;
  CHECK(f.sketch(f.items("Mr.\u00A0Darcy")) == "Mr.~ Darcy~$");
  CHECK(f.sketch(f.items("ex\u00ADample")) == "ex\\ample~$");
  CHECK(f.sketch(f.items("one\u200Btwo")) == "one|two~$");
  // Leading no-break spaces (verse indentation) are fixed kerns, not discardable glue.
  CHECK(f.sketch(f.items("\u00A0\u00A0Line")) == "__Line~$");
  // A hair space is a fixed thin space inside the word.
  ItemList hair = f.items("word\u200A!");
  CHECK(f.sketch(hair) == "word_!~$");
  const double em = hair.items[1].width / 11.0;
  CHECK(em > 1.0 / 24);
  CHECK(em < 1.0 / 10);
}

TEST_CASE("a hyphenation point inside a ligature is a discretionary of its parts") {
  Fixture f;
  // of-fice: the break falls inside the ffi ligature.
  ItemList list = f.items("office");
  REQUIRE(list.items.size() >= 3);
  CHECK(f.sketch(list) == "o/ce~$");
  const Item& disc = list.items[1];
  CHECK(f.box_text(list, disc.content) == "\uFB03");
  CHECK(f.box_text(list, disc.pre) == "f-");
  CHECK(f.box_text(list, disc.post) == "\uFB01");
  // Set broken there, the lines read "of-" and "ﬁce".
  BreakResult r;
  r.lines = {{0, 1, false}, {2, list.items.size() - 1, true}};
  auto lines = set_lines(*f.ctx, list, r, LineWidths{{}, 200}, LineAlign::left);
  REQUIRE(lines.size() == 2);
  CHECK(Fixture::text_of(lines[0]) == "of-");
  CHECK(lines[0].hyphenated);
  CHECK(Fixture::text_of(lines[1]) == "\uFB01ce");
}

TEST_CASE("justified lines fill the measure; the last line does not") {
  Fixture f;
  auto lines = f.set(filler(80), 300);
  REQUIRE(lines.size() >= 3);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) CHECK(lines[i].width == doctest::Approx(300).epsilon(1e-4));
  CHECK(lines.back().width < 300);
  CHECK(f.diags.all().empty());
}

TEST_CASE("kerned pairs start new runs at the kerned position") {
  Fixture f;
  auto lines = f.set("AVA", 300, LineAlign::left);
  REQUIRE(lines.size() == 1);
  REQUIRE(lines[0].runs.size() == 3);  // A | V | A: each pair is kerned
  CHECK(lines[0].runs[1].x < lines[0].runs[0].x +
                                 f.ctx->fonts.primary(FontRole::body, Variant::regular).pdf_advance_of('A') * 11 / 1000.0);
  CHECK(Fixture::text_of(lines[0]) == "AVA");
}

TEST_CASE("an unbreakable word wider than the measure is reported, not lost") {
  Fixture f;
  TextStyle s;
  s.hyphenate = false;
  auto lines = f.set("a Honorificabilitudinitatibus b", 60, LineAlign::justify, s);
  REQUIRE(lines.size() == 3);  // a | Honorificabilitudinitatibus | b
  CHECK(Fixture::text_of(lines[1]) == "Honori\uFB01cabilitudinitatibus");
  auto d = f.diags.all();
  REQUIRE(d.size() == 1);
  // The message names the word as written, ligatures undone.
  CHECK(d[0].message.find("overfull line: ‘Honorificabilitudinitatibus’ does not fit the measure by") == 0);
  CHECK(d[0].where.line == 1);
}

TEST_CASE("a character no font has is reported once and left out") {
  Fixture f;
  auto lines = f.set("a\U0001F600b c\U0001F600d", 300, LineAlign::left);
  REQUIRE(lines.size() == 1);
  CHECK(Fixture::text_of(lines[0]) == "abcd");
  auto d = f.diags.all();
  REQUIRE(d.size() == 1);
  CHECK(d[0].message.find("no font has U+1F600") == 0);
}

TEST_CASE("fallback fonts draw what the body font lacks") {
  Fixture f;
  auto lines = f.set("a\u2500b", 300, LineAlign::left);  // box drawing: DejaVu Sans Mono only
  REQUIRE(lines.size() == 1);
  REQUIRE(lines[0].runs.size() == 3);
  CHECK(lines[0].runs[1].font != lines[0].runs[0].font);
  // During layout runs carry face ids.
  CHECK(f.fonts.face(lines[0].runs[1].font).path().find("DejaVuSansMono") != std::string::npos);
  CHECK(f.diags.all().empty());
}

TEST_CASE("small capitals are capitals at a smaller size") {
  Fixture f;
  TextStyle s;
  s.text_case = style::Case::small_caps;
  auto lines = f.set("Book", 300, LineAlign::left, s);
  REQUIRE(lines.size() == 1);
  REQUIRE(lines[0].runs.size() == 2);
  CHECK(lines[0].runs.text(0) == "B");
  CHECK(lines[0].runs[0].size == doctest::Approx(11));
  CHECK(lines[0].runs.text(1) == "OOK");
  CHECK(lines[0].runs[1].size == doctest::Approx(11 * 0.8));
}

TEST_CASE("centred lines are centred") {
  Fixture f;
  auto lines = f.set("Chapter", 300, LineAlign::center);
  REQUIRE(lines.size() == 1);
  const double left = lines[0].runs.front().x;
  CHECK(left > 100);
  CHECK(left == doctest::Approx(300 - lines[0].width).epsilon(1e-3));  // equal margins
}

TEST_CASE("verse: every hard break ends a line, set ragged, indents kept") {
  Fixture f;
  doc::Paragraph p;
  p.content.push_back(text("Tyger Tyger, burning bright,"));
  p.content.push_back({doc::LineBreak{}, {1, 1, 1}});
  p.content.push_back(text("\u00A0\u00A0In the forests of the night;"));
  p.content.push_back({doc::LineBreak{}, {1, 1, 1}});
  p.content.push_back(text("What immortal hand or eye,"));
  doc::Book book;
  Flow flow;
  FlowBuilder builder(*f.ctx, flow);
  doc::Chapter ch;
  ch.blocks.push_back({std::move(p), {1, 1, 1}});
  builder.add_chapter(ch);
  std::vector<const Slot*> lines;
  for (const auto& s : flow.slots)
    if (s.kind == Slot::Kind::content) lines.push_back(&s);
  REQUIRE(lines.size() == 3);
  // Verse in running text is set in by verse.indent.
  const double set_in = f.ctx->style.verse.indent_em * f.ctx->style.body.size;
  CHECK(set_in > 0);
  CHECK(lines[0]->runs.front().x == doctest::Approx(set_in));
  CHECK(lines[1]->runs.front().x > set_in + 4);  // two no-break spaces of indent
  CHECK(lines[2]->runs.front().x == doctest::Approx(set_in));
}

TEST_CASE("struck-through text gets one rule across its words and spaces") {
  Fixture f;
  doc::Inlines content;
  content.push_back(text("keep "));
  doc::Strikethrough strike;
  strike.children.push_back(text("gone for good"));
  content.push_back({std::move(strike), {1, 1, 6}});
  content.push_back(text(" keep"));
  ItemList list;
  InlineBuilder b(*f.ctx, list, false);
  b.add_inlines(content, TextStyle{});
  b.finish();
  LineBreakParams p;
  auto lines = break_and_set(*f.ctx, list, LineWidths{{}, 300}, p, LineAlign::left);
  REQUIRE(lines.size() == 1);
  REQUIRE(lines[0].rules.size() == 1);
  const Rule& r = lines[0].rules[0];
  // From "gone" to "good": starts after "keep " and ends before " keep".
  CHECK(r.x > 20);
  CHECK(r.x + r.width < lines[0].width - 20);
  CHECK(r.y > 0);
}

TEST_CASE("a word in small capitals is one span with its text for extraction") {
  Fixture f;
  TextStyle sc;
  sc.text_case = style::Case::small_caps;
  sc.hyphenate = false;
  auto lines = f.set("Pride and Prejudice", 300, LineAlign::left, sc);
  REQUIRE(lines.size() == 1);
  std::vector<std::string> words;
  std::size_t covered = 0;
  for (std::size_t i = 0; i < lines[0].runs.size(); ++i) {
    const GlyphRun& r = lines[0].runs[i];
    if (r.actual_runs > 0) {
      std::string word;
      for (std::size_t k = i; k < i + static_cast<std::size_t>(r.actual_runs) && k < lines[0].runs.size(); ++k)
        word += lines[0].runs.text(k);
      words.push_back(word);
      CHECK(i + static_cast<std::size_t>(r.actual_runs) <= lines[0].runs.size());
      covered += static_cast<std::size_t>(r.actual_runs);
    }
  }
  // "Pride" and "Prejudice": a capital and smaller capitals each; "and" is all small.
  CHECK(words == std::vector<std::string>{"PRIDE", "PREJUDICE"});
  CHECK(covered == 4);
  // Text in one size needs no span.
  auto plain = f.set("Pride and Prejudice", 300, LineAlign::left);
  for (const auto& r : plain[0].runs) CHECK(r.actual_runs == 0);
}

namespace {

// The large-print style's body: 16 pt ragged right without hyphenation on a 4.6 in measure.
struct LargePrint {
  doc::Book book;
  style::Style style = [] {
    style::Style s = classic();
    s.body_font = family("CharisSIL", "Charis SIL");
    s.body.size = 16;
    s.body.leading = 22;
    s.body.align = style::Align::left;
    s.body.hyphenate = false;
    s.page.inner = 57.6;
    s.page.outer = 43.2;
    return s;
  }();
  core::Diagnostics diags;
  FontLibrary fonts;
  std::unique_ptr<Context> ctx;
  Flow flow;
  std::unique_ptr<FlowBuilder> builder;
  doc::Chapter ch;  // the records point into it

  explicit LargePrint(const std::string& text) {
    REQUIRE(fonts.load(style, diags, {}));
    ctx = std::make_unique<Context>(book, style, diags, fonts);
    builder = std::make_unique<FlowBuilder>(*ctx, flow);
    ch.blocks.push_back(paragraph("An opening paragraph."));
    ch.blocks.push_back(paragraph(text));
    ch.blocks.push_back(paragraph("A closing paragraph."));
    builder->add_chapter(ch);
  }
};

}  // namespace

TEST_CASE("a ragged paragraph is set a line longer with lines that still read as full") {
  // Lines of a few long words: a line more takes about a word from every line, more
  // than twice the rag's 2 em of stretch (the re-break tolerance) from some. Lines short
  // of the measure by less than a quarter of it still read as full.
  LargePrint lp(
      "From herself to Jane, from Jane to Bingley, her thoughts were in a line which soon "
      "brought to her recollection that Mr. Darcy's explanation there had appeared very "
      "insufficient; and she read it again. Widely different was the effect of a second "
      "perusal. How could she deny that credit to his assertions, in one instance, which she "
      "had been obliged to give in the other? He declared himself to have been totally "
      "unsuspicious of her sister's attachment; and she could not help remembering what "
      "Charlotte's opinion had always been. Neither could she deny the justice of his "
      "description of Jane. She felt that Jane's feelings, though fervent, were little "
      "displayed, and that there was a constant complacency in her air and manner.");
  REQUIRE(lp.flow.paragraphs.size() == 3);
  const ParagraphRecord& r = lp.flow.paragraphs[1];
  CHECK(r.lines > 10);
  auto longer = lp.builder->rebreak(r, 1, nullptr);
  REQUIRE(longer);
  CHECK(static_cast<int>(longer->size()) == r.lines + 1);
  for (std::size_t i = 0; i + 1 < longer->size(); ++i) CHECK((*longer)[i].full);
}

TEST_CASE("a paragraph set again a line longer has its first setting's lines and one more") {
  // First set in 24 lines in the first pass (lines up to badness 200), where 25 are not
  // to be had; at the re-break tolerance the best setting has 25 already, and looseness
  // counted from it would ask for 26.
  LargePrint lp(
      "The corporal bowed; for of every century, and of every year of that century, from the "
      "first creation of the world down to Noah\u2019s flood; and from Noah\u2019s flood to the birth "
      "of Abraham; through all the pilgrimages of the patriarchs, to the departure of the "
      "Israelites out of Egypt\u2060\u2E3A\u2060and throughout all the Dynasties, Olympiads, "
      "Urbeconditas, and other memorable epochas of the different nations of the world, down "
      "to the coming of Christ, and from thence to the very moment in which the corporal was "
      "telling his story\u2060\u2E3A\u2060had my uncle Toby subjected this vast empire of time and "
      "all its abysses at his feet; but as modesty scarce touches with a finger what "
      "liberality offers her with both hands open\u2060\u2014the corporal contented himself with "
      "the very worst year of the whole bunch; which, to prevent your honours of the Majority "
      "and Minority from tearing the very flesh off your bones in contestation, \u201CWhether "
      "that year is not always the last cast-year of the last cast-almanac\u201D\u2060\u2E3A\u2060I tell "
      "you plainly it was; but from a different reason than you wot of\u2060\u2E3A\u2060");
  REQUIRE(lp.flow.paragraphs.size() == 3);
  const ParagraphRecord& r = lp.flow.paragraphs[1];
  CHECK(r.lines == 24);
  auto longer = lp.builder->rebreak(r, 1, nullptr);
  REQUIRE(longer);
  CHECK(longer->size() == 25);
}

TEST_CASE("a chapter's last line does not fill the measure: a one-line paragraph is set closer") {
  // A one-line paragraph that fills the measure reads, at a chapter's end, as if the
  // chapter broke off after a paragraph's first line. Where two lines would be too
  // loose, its word spaces close up instead, when they can close up that far.
  Fixture f;
  const auto slots_of = [&](const std::string& candidate, bool last, Flow& flow) {
    FlowBuilder builder(*f.ctx, flow);
    doc::Chapter ch;
    ch.blocks.push_back(paragraph(filler(60)));
    ch.blocks.push_back(paragraph(candidate));
    if (!last) ch.blocks.push_back(paragraph(filler(60, 3)));
    builder.add_chapter(ch);
    REQUIRE(flow.paragraphs.size() >= 2);
    const ParagraphRecord& r = flow.paragraphs[1];
    return std::vector<const Slot*>{&flow.slots[r.first_slot], &flow.slots[r.first_slot + r.lines - 1]};
  };
  // Texts whose one line, set in mid-chapter, reads as full: at the chapter's end they
  // are set in two lines, or in one closer, or (spaces too few to close up so far) as
  // they were.
  int full = 0, two_lines = 0, closer = 0;
  for (int words = 8; words < 16; ++words)
    for (int seed = 0; seed < 40; ++seed) {
      const std::string candidate = filler(words, seed);
      Flow mid_flow, last_flow;
      const auto mid = slots_of(candidate, false, mid_flow);
      if (mid[0] != mid[1] || !mid[0]->full) continue;
      ++full;
      const auto last = slots_of(candidate, true, last_flow);
      if (last[1]->full) continue;
      if (last[0] == last[1]) {
        ++closer;
        // The same words, closer: the line's last word starts further left.
        CHECK(last[1]->runs.back().x < mid[1]->runs.back().x);
      } else {
        ++two_lines;
      }
    }
  CAPTURE(full);
  CHECK(full >= 10);
  CHECK(two_lines >= 1);
  CHECK(closer >= 1);
}
