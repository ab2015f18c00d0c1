#include "epub/plan.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <set>
#include <vector>

#include "core/utf8.hpp"
#include "epub/names.hpp"
#include "style/numbering.hpp"
// The case tables the typesetter sets capitals and small capitals with: the EPUB's fonts
// then hold the same capitals as the PDF's.
#include "typeset/unicode.hpp"

namespace octavo::epub {
namespace {

using detail::safe_file_name;
using detail::safe_id;
namespace unicode = typeset::unicode;

// Which font a run of text is set in: the family's role and the face.
enum Role { body_role = 0, heading_role = 1, mono_role = 2 };
struct FontContext {
  Role role = body_role;
  bool bold = false;
  bool italic = false;
  /// The style sheet may change the letters' case here (uppercase or small-caps headings,
  /// the small capitals of a chapter's first line): the font needs both cases.
  bool any_case = false;
  /// Inside a verse paragraph that the style sets in italic, where <em> is upright.
  bool italic_verse = false;
};

// What the book sets in one face: whether it is used at all, and its characters.
struct FaceText {
  bool used = false;
  std::set<char32_t> characters;
  /// The characters of the Basic Multilingual Plane already in `characters`: a book
  /// sets each one hundreds of thousands of times, and a tree insert each time was a
  /// tenth of the EPUB's build.
  std::vector<bool> seen;
  /// The same for ASCII, as bits: most of a book's text, checked without a call.
  std::array<std::uint64_t, 2> ascii{};
  bool has_ascii(unsigned char c) const { return ascii[c >> 6] >> (c & 63) & 1; }
  void add(char32_t c) {
    if (c < 0x80) {
      if (has_ascii(static_cast<unsigned char>(c))) return;
      ascii[c >> 6] |= std::uint64_t{1} << (c & 63);
    } else if (c < 0x10000) {
      if (seen.empty()) seen.resize(0x10000);
      if (seen[c]) return;
      seen[c] = true;
    }
    characters.insert(c);
  }
};
using FaceUse = std::array<std::array<FaceText, 4>, 3>;  // [role][bold * 2 + italic]

// Records that `text` is set in `ctx`'s face.
void set_in(FaceUse& faces, const FontContext& ctx, std::string_view text) {
  auto& face = faces[ctx.role][ctx.bold * 2 + ctx.italic];
  face.used = true;
  for (std::size_t pos = 0; pos < text.size();) {
    // ASCII, most of a book's text, needs no decoding: a call to decode per character
    // was a third of the plan's time, and one to add another third.
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80 && !ctx.any_case && face.has_ascii(byte)) {
      ++pos;
      continue;
    }
    const char32_t c = byte < 0x80 ? (++pos, char32_t{byte}) : core::utf8::decode(text, pos);
    face.add(c);
    if (!ctx.any_case) continue;
    face.add(unicode::to_upper(c));
    face.add(unicode::to_lower(c));
    // Letters whose capital is two letters: ß → SS, the Latin ligatures (ﬁ → FI).
    if (c == 0xDF) face.add('S');
    if (c >= 0xFB00 && c <= 0xFB06)
      for (char32_t u : {U'F', U'I', U'L', U'S', U'T'}) face.add(u);
  }
}

// The face a heading of `level` is set in (css.cpp headings()), before any <em> or <strong>.
// `heading_family` and `mono_family` are the roles whose fonts draw those families.
FontContext heading_context(const style::Style& style, int level, Role heading_family,
                            Role mono_family) {
  const auto& hs = style.headings[std::clamp(level, 1, 6) - 1];
  const Role role = hs.font == style::FontRole::body   ? body_role
                    : hs.font == style::FontRole::mono ? mono_family
                                                       : heading_family;
  // Any case even when the style sets none: cheap, and safe should a reader transform.
  return {role, hs.bold, hs.italic, true, false};
}

struct RawHeading {
  const doc::Heading* node = nullptr;
  std::string id;  // as the tree has it
  int level = 1;
  std::string label;
  bool top_level = false;
  FontContext font;  // where its number is set too
};

std::string trim(std::string s) {
  const auto first = s.find_first_not_of(" \t\n\r");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\n\r");
  return s.substr(first, last - first + 1);
}

bool is_verse(const doc::Paragraph& p) {
  return doc::has_line_break(p.content);
}

// What the plan takes from one chapter's walk (but the characters, which go to a FaceUse).
struct WalkResult {
  std::vector<RawHeading> headings;
  std::vector<int> refs;  // note numbers, in order
  bool scene_breaks = false;
  std::vector<std::pair<const doc::Image*, core::Span>> images;
  /// The heading level of the chapter's endnotes section, or 0 when its notes are footnotes.
  int endnotes_level = 0;
};

// Walks one chapter in the writer's order (blocks depth first, then notes), collecting
// what the plan needs: headings, note references, images, and the characters set in
// each face, text that the writer (xhtml.cpp) and the style sheet (css.cpp) add included.
class ChapterWalker {
 public:
  using Wanted = std::unordered_map<const doc::Text*, std::vector<std::pair<std::uint32_t, std::size_t>>>;
  ChapterWalker(const style::Style& style, Role heading_family, Role mono_family, FaceUse& faces,
                const Wanted& wanted, const std::string& language)
      : style_(style),
        heading_family_(heading_family),
        mono_(mono_family),
        faces_(faces),
        wanted_(wanted),
        language_(language) {}

  std::vector<const doc::Text*> marked_texts;  // Text nodes a page of print begins in
  /// When set, every Text node goes here instead (in walk order), and none to marked_texts.
  std::vector<const doc::Text*>* all_texts = nullptr;

  WalkResult take() {
    return {std::move(headings), std::move(refs), scene_breaks, std::move(images), endnotes_level};
  }

  std::vector<RawHeading> headings;
  std::vector<int> refs;  // note numbers, in order
  bool scene_breaks = false;
  std::vector<std::pair<const doc::Image*, core::Span>> images;

  /// The heading level of `chapter`'s endnotes section, or 0 when its notes are footnotes.
  int endnotes_level = 0;

  void walk(const doc::Chapter& chapter) {
    // The paragraph right after the heading that opens the file may take a drop cap and
    // small capitals on its first line (css.cpp chapter_opening).
    const bool styled_opening = style_.opening.drop_cap >= 2 || style_.opening.small_caps_words > 0;
    const auto& bs = chapter.blocks;
    for (std::size_t i = 0; i < bs.size(); ++i) {
      opening_ = styled_opening && i == 1 && std::holds_alternative<doc::Heading>(bs[0].node);
      block(bs[i], true);
      opening_ = false;
    }
    if (style_.endnotes && !chapter.notes.empty()) {
      // One level below the chapter's highest heading (h2 under h1), titled "Notes".
      int top = 7;
      for (const auto& h : headings)
        if (h.top_level) top = std::min(top, h.level);
      endnotes_level = top == 7 ? 2 : std::min(top + 1, 6);
      set_in(faces_, heading_context(style_, endnotes_level, heading_family_, mono_),
             detail::notes_label(language_));
    }
    for (const auto& note : chapter.notes) {
      // The writer opens the note with its number (a back link) and a space.
      set_in(faces_, {}, (note.number > 0 ? std::to_string(note.number) : note.label) + " ");
      blocks(note.content, false);
    }
  }

 private:
  void mark(const FontContext& ctx) { set_in(faces_, ctx, {}); }

  void blocks(const doc::Blocks& bs, bool top_level) {
    for (const auto& b : bs) block(b, top_level);
  }

  void block(const doc::Block& b, bool top_level) {
    span_ = b.span;
    const FontContext body;
    std::visit(
        doc::overloaded{
            [&](const doc::Paragraph& p) { inlines(p.content, paragraph_context(p)); },
            [&](const doc::Heading& h) {
              const FontContext ctx = heading_context(style_, h.level, heading_family_, mono_);
              headings.push_back(
                  {&h, h.id, h.level, trim(doc::plain_text(h.content)), top_level, ctx});
              inlines(h.content, ctx);
              // A heading's number is set in its face too (make_plan adds its characters).
              if (top_level && !style_.headings[std::clamp(h.level, 1, 6) - 1].number.empty())
                mark(ctx);
            },
            [&](const doc::BlockQuote& q) { blocks(q.children, false); },
            [&](const doc::List& l) { list(l); },
            [&](const doc::CodeBlock& c) {
              set_in(faces_, {mono_, false, false}, c.text);
            },
            [&](const doc::SceneBreak&) {
              scene_breaks = true;
              // hr.scene-break::after { content: <the ornament> }, unless an image replaces it.
              if (style_.scene_break_image.empty()) set_in(faces_, body, style_.scene_break);
            },
            [&](const doc::Table& t) {
              // th is bold in every reading system's default style sheet.
              for (const auto& c : t.header) inlines(c.content, {body_role, true, false});
              for (const auto& row : t.rows)
                for (const auto& c : row) inlines(c.content, body);
            },
            [&](const doc::Figure& f) {
              images.emplace_back(&f.image, b.span);
              // Without a file the writer shows the alt text instead.
              if (f.image.path.empty()) set_in(faces_, body, f.image.alt);
              inlines(f.caption, body);
            },
            [&](const doc::RawBlock& r) {
              set_in(faces_, {body_role, false, false, opening_}, r.html);
            },
        },
        b.node);
  }

  // A paragraph's face: verse (a paragraph with line breaks: p.verse) may be italic, and
  // the chapter's opening paragraph may change case.
  FontContext paragraph_context(const doc::Paragraph& p) const {
    FontContext ctx;
    ctx.any_case = opening_;
    if (style_.verse.italic && is_verse(p)) ctx.italic = ctx.italic_verse = true;
    return ctx;
  }

  void list(const doc::List& l) {
    const FontContext body;
    // The markers the reading system draws in the item's font: the numbers and a full
    // stop (decimal), or the bullets of three levels of nesting (disc, circle, square).
    if (l.ordered) {
      for (std::size_t i = 0; i < l.items.size(); ++i)
        set_in(faces_, body, std::to_string(l.start + static_cast<long>(i)) + ". ");
    } else {
      set_in(faces_, body, "\u2022\u25E6\u25AA ");
    }
    for (const auto& item : l.items)
      for (const auto& child : item.children) {
        // A tight list's paragraphs are bare text in the item: never p.verse.
        const auto* p = std::get_if<doc::Paragraph>(&child.node);
        if (l.tight && p) {
          span_ = child.span;
          inlines(p->content, body);
        } else {
          block(child, false);
        }
      }
  }

  void inlines(const doc::Inlines& ins, FontContext ctx) {
    for (const auto& in : ins) {
      if (in.span.line != 0) span_ = in.span;
      std::visit(doc::overloaded{
                     [&](const doc::Text& t) {
                       set_in(faces_, ctx, t.text);
                       if (all_texts)
                         all_texts->push_back(&t);
                       else if (wanted_.count(&t))
                         marked_texts.push_back(&t);
                     },
                     [&](const doc::Emphasis& e) {
                       FontContext inner = ctx;
                       inner.italic = !ctx.italic_verse;  // p.verse em { font-style: normal }
                       inlines(e.children, inner);
                     },
                     [&](const doc::Strong& s) {
                       FontContext inner = ctx;
                       inner.bold = true;
                       inlines(s.children, inner);
                     },
                     [&](const doc::Strikethrough& s) { inlines(s.children, ctx); },
                     [&](const doc::Code& c) {
                       set_in(faces_, {mono_, ctx.bold, ctx.italic, ctx.any_case}, c.text);
                     },
                     [&](const doc::Link& l) { inlines(l.children, ctx); },
                     [&](const doc::Image& i) {
                       images.emplace_back(&i, span_);
                       if (i.path.empty()) set_in(faces_, ctx, i.alt);
                     },
                     [&](const doc::NoteRef& r) {
                       if (r.number > 0) refs.push_back(r.number);
                       set_in(faces_, ctx, r.number > 0 ? std::to_string(r.number) : r.label);
                     },
                     [&](const doc::LineBreak&) {},
                     [&](const doc::SoftBreak&) {},
                     [&](const doc::RawHtml& h) { set_in(faces_, ctx, h.html); },
                 },
                 in.node);
    }
  }

  const style::Style& style_;
  Role heading_family_;
  Role mono_;
  FaceUse& faces_;
  const Wanted& wanted_;
  const std::string& language_;
  core::Span span_;       // the innermost node with a known position
  bool opening_ = false;  // walking the chapter's opening paragraph
};

std::string page_id(const std::string& label) {
  return "page-" + detail::safe_id(label);
}

std::string numbered(const char* prefix, std::size_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s-%03zu", prefix, n);
  return buf;
}

// A name under `dir` for `source`'s file name, unique among `taken`.
std::string unique_name(const std::string& dir, const std::filesystem::path& source,
                        std::set<std::string>& taken) {
  const std::string base = safe_file_name(source.filename().string());
  const auto dot = base.rfind('.');
  const std::string stem = dot == std::string::npos ? base : base.substr(0, dot);
  const std::string ext = dot == std::string::npos ? "" : base.substr(dot);
  std::string name = dir + base;
  for (int k = 2; taken.count(name); ++k) name = dir + stem + "-" + std::to_string(k) + ext;
  taken.insert(name);
  return name;
}

// Builds the nested entries of `flat[pos…]` whose level is deeper than `parent_level`.
// A skipped level (1 → 3) nests directly under the nearest shallower entry.
void build_tree(std::vector<NavEntry>& flat, std::size_t& pos, int parent_level,
                std::vector<NavEntry>& out) {
  while (pos < flat.size() && flat[pos].level > parent_level) {
    NavEntry entry = std::move(flat[pos++]);
    build_tree(flat, pos, entry.level, entry.children);
    out.push_back(std::move(entry));
  }
}

std::string derived_identifier(const doc::Metadata& meta) {
  // FNV-1a (Fowler, Noll, Vo), 64 bits: stable across runs and machines.
  std::uint64_t h = 14695981039346656037ull;
  auto feed = [&](const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  };
  feed(meta.title);
  for (const auto& a : meta.authors) feed(a);
  char buf[40];
  std::snprintf(buf, sizeof buf, "urn:octavo:%016llx", static_cast<unsigned long long>(h));
  return buf;
}

bool separate_family(const style::FontFamily& f, const style::FontFamily& body) {
  return !f.regular.empty() && !f.name.empty() && f.name != body.name;
}

const char* font_media_type(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".otf") return "font/otf";
  if (ext == ".woff") return "font/woff";
  if (ext == ".woff2") return "font/woff2";
  return "font/ttf";
}

// Whose fonts draw code: the monospace family's when it is embedded; the body's when the
// style names the body's family for code; else the reader's monospace, which is not ours
// (mono_role, never embedded then).
Role mono_role_of(const style::Style& style) {
  const auto& mono = style.mono_font;
  if (!separate_family(mono, style.body_font) && !mono.name.empty() &&
      mono.name == style.body_font.name)
    return body_role;
  return mono_role;
}

using FamilyText = std::array<FaceText, 4>;  // [bold * 2 + italic]

// Which faces of `family` get an @font-face: those the text uses (the regular always,
// when asked), and that the family has a file of its own for.
std::array<bool, 4> declared_faces(const style::FontFamily& family, const FamilyText& text,
                                   bool always_regular) {
  std::array<bool, 4> out{};
  if (family.regular.empty() || family.name.empty()) return out;
  const std::array<const std::filesystem::path*, 4> paths = {&family.regular, &family.italic,
                                                             &family.bold, &family.bold_italic};
  for (int face = 0; face < 4; ++face) {
    const auto& path = *paths[face];
    // A missing face, or one that is only the regular again, is left to the reader's
    // synthesis rather than declared as a bold or italic it is not.
    out[face] = (text[face].used || (face == 0 && always_regular)) && !path.empty() &&
                !(face != 0 && path == family.regular);
  }
  return out;
}

// The declared face a reader draws `face` with (CSS Fonts 4, font matching: style
// first, then weight), or -1 when the family declares none.
int drawn_with(int face, const std::array<bool, 4>& declared) {
  // Same style and weight; same style, other weight; other style, same weight; neither.
  for (int candidate : {face, face ^ 2, face ^ 1, face ^ 3})
    if (declared[candidate]) return candidate;
  return -1;
}

// Characters every embedded face gets whatever the text: the space (and the no-break
// space a reader may draw for it) and the hyphens a reader inserts when it hyphenates.
constexpr std::array<char32_t, 4> always_characters = {U' ', 0xA0, U'-', 0x2010};

void plan_family(Plan& plan, const style::FontFamily& family, const FamilyText& text,
                 bool always_regular, std::set<std::string>& taken) {
  const auto declared = declared_faces(family, text, always_regular);
  const std::array<const std::filesystem::path*, 4> paths = {&family.regular, &family.italic,
                                                             &family.bold, &family.bold_italic};
  std::array<std::size_t, 4> resource{};
  for (int face = 0; face < 4; ++face) {
    if (!declared[face]) continue;
    const auto& path = *paths[face];
    std::size_t index = plan.fonts.size();
    for (std::size_t i = 0; i < plan.fonts.size(); ++i)
      if (plan.fonts[i].source == path) index = i;
    if (index == plan.fonts.size()) {
      Resource r;
      r.source = path;
      r.name = unique_name("fonts/", path, taken);
      r.id = numbered("font", index + 1);
      r.media_type = font_media_type(path);
      plan.fonts.push_back(std::move(r));
    }
    resource[face] = index;
    plan.fonts[index].characters.insert(always_characters.begin(), always_characters.end());
    plan.faces.push_back({family.name, face >= 2, face % 2 == 1, index});
  }
  // Text in a face the family lacks is drawn, synthesised, with the nearest it has.
  for (int face = 0; face < 4; ++face) {
    const int with = drawn_with(face, declared);
    if (with < 0) continue;
    const auto& characters = text[face].characters;
    plan.fonts[resource[with]].characters.insert(characters.begin(), characters.end());
  }
}

// The title page (xhtml.cpp title_page_xhtml, css.cpp front_matter): the title as a
// level-1 heading, the subtitle in italic, authors and publisher (in small capitals);
// and the copyright page's lines, in the body's face.
void add_front_text(const doc::Metadata& meta, const Plan& plan, const style::Style& style,
                    Role heading_family, Role mono_family, FaceUse& faces) {
  set_in(faces, heading_context(style, 1, heading_family, mono_family), plan.title);
  set_in(faces, {body_role, false, true}, meta.subtitle);
  set_in(faces, {}, doc::authors_line(meta));
  set_in(faces, {body_role, false, false, true}, meta.publisher);
  for (const auto& line : doc::copyright_lines(meta)) set_in(faces, {}, line);
}

// The nav page's entries (the body's face) and its heading, a level-1 heading.
void add_nav_text(const Plan& plan, const style::Style& style, Role heading_family,
                  Role mono_family, FaceUse& faces) {
  set_in(faces, heading_context(style, 1, heading_family, mono_family),
         detail::contents_label(plan.language));
  const auto entries = [&](const auto& self, const std::vector<NavEntry>& list) -> void {
    for (const auto& e : list) {
      set_in(faces, {}, e.label);
      self(self, e.children);
    }
  };
  entries(entries, plan.nav);
}

}  // namespace

std::string noteref_id(int number, int occurrence) {
  std::string id = "noteref-" + std::to_string(number);
  if (occurrence > 1) id += "-" + std::to_string(occurrence);
  return id;
}

std::string note_id(int number) {
  return "note-" + std::to_string(number);
}

std::string href_from_text(const std::string& current_file, const std::string& target_file,
                           const std::string& fragment) {
  const std::string frag = fragment.empty() ? "" : "#" + fragment;
  if (target_file == current_file && !frag.empty()) return frag;
  if (target_file.rfind("text/", 0) == 0) return target_file.substr(5) + frag;
  return "../" + target_file + frag;
}

namespace {

/// A chapter's walk as PlanCache keeps it: what the plan takes from it, every Text node
/// of the tree (to find the chapter a page of print begins in) and the characters the
/// chapter sets in each face (FaceUse's index: role * 4 + face).
struct KeptWalk {
  std::uint64_t revision = 0;
  const doc::Block* blocks = nullptr;  // the tree walked: its nodes, not a copy's
  WalkResult walk;
  std::vector<const doc::Text*> texts;
  std::vector<std::pair<int, std::vector<char32_t>>> faces;
};

}  // namespace

struct PlanCache::Impl {
  /// What every walk depends on besides its chapter (the roles follow from the style).
  std::optional<style::Style> style;
  std::string language;
  std::map<std::string, KeptWalk> walks;  // by chapter path
  /// The chapter walk each Text node of the kept trees is in. A node of a tree made
  /// anew may stand where one of a tree gone stood: walked, it takes the entry over, and
  /// the walk gone takes out only the entries still its own.
  std::unordered_map<const doc::Text*, const KeptWalk*> owner;
  std::size_t walked = 0, reused = 0;

  std::map<std::string, KeptWalk>::iterator drop(std::map<std::string, KeptWalk>::iterator it) {
    for (const doc::Text* t : it->second.texts)
      if (const auto o = owner.find(t); o != owner.end() && o->second == &it->second) owner.erase(o);
    return walks.erase(it);
  }
};

PlanCache::PlanCache() : impl_(std::make_unique<Impl>()) {}
PlanCache::~PlanCache() = default;
std::size_t PlanCache::walked() const { return impl_->walked; }
std::size_t PlanCache::reused() const { return impl_->reused; }

namespace {

// The walk of every chapter, each kept one whose tree has the revision it was walked
// with taken as it is, the characters of all added to `faces`.
std::vector<const KeptWalk*> kept_walks(PlanCache::Impl& k, const doc::Book& book, const style::Style& style,
                                        const std::string& language, Role heading_role_used, Role mono_role_used,
                                        FaceUse& faces) {
  if (!k.style || !(*k.style == style) || k.language != language) {
    k.walks.clear();
    k.owner.clear();
    k.style = style;
    k.language = language;
  }
  std::set<std::string_view> in_book;
  for (const auto& chapter : book.chapters) in_book.insert(chapter.source);
  for (auto it = k.walks.begin(); it != k.walks.end();)
    it = in_book.count(it->first) ? std::next(it) : k.drop(it);
  k.walked = k.reused = 0;
  const ChapterWalker::Wanted none;
  std::vector<const KeptWalk*> out;
  for (const auto& chapter : book.chapters) {
    auto it = k.walks.find(chapter.source);
    if (it != k.walks.end() && chapter.revision != 0 && it->second.revision == chapter.revision &&
        it->second.blocks == chapter.blocks.data()) {
      ++k.reused;
    } else {
      if (it != k.walks.end()) k.drop(it);
      FaceUse own{};
      KeptWalk walk;
      walk.revision = chapter.revision;
      walk.blocks = chapter.blocks.data();
      ChapterWalker walker(style, heading_role_used, mono_role_used, own, none, language);
      walker.all_texts = &walk.texts;
      walker.walk(chapter);
      walk.walk = walker.take();
      for (int role = 0; role < 3; ++role)
        for (int face = 0; face < 4; ++face)
          if (const FaceText& f = own[role][face]; f.used)
            walk.faces.push_back({role * 4 + face, std::vector<char32_t>(f.characters.begin(), f.characters.end())});
      it = k.walks.insert_or_assign(chapter.source, std::move(walk)).first;
      for (const doc::Text* t : it->second.texts) k.owner[t] = &it->second;
      ++k.walked;
    }
    for (const auto& [index, characters] : it->second.faces) {
      FaceText& f = faces[index / 4][index % 4];
      f.used = true;
      for (const char32_t c : characters) f.add(c);
    }
    out.push_back(&it->second);
  }
  return out;
}

}  // namespace

Plan make_plan(const doc::Book& book, const style::Style& style, const std::vector<PageMark>& pages,
               PlanCache* cache) {

  Plan plan;
  // Where the print edition's pages begin: indexed by Text node for the walkers.
  std::unordered_map<const doc::Text*, std::vector<std::pair<std::uint32_t, std::size_t>>> wanted;
  for (std::size_t i = 0; i < pages.size(); ++i)
    if (pages[i].text) wanted[pages[i].text].emplace_back(pages[i].offset, i);
  std::vector<std::string> page_href(pages.size());
  const auto& meta = book.meta;
  plan.title = trim(meta.title).empty() ? "Untitled" : meta.title;
  plan.language = detail::is_language_tag(meta.language) ? meta.language : "und";
  plan.identifier = trim(meta.identifier).empty() ? derived_identifier(meta) : meta.identifier;
  // The style's toc_depth serves the printed contents; an e-book's navigation costs no
  // pages, so it always reaches chapter level in a Book → Part → Chapter hierarchy.
  plan.nav_depth = std::clamp(std::max(style.toc_depth, 3), 1, 6);

  const bool heading_family = separate_family(style.heading_font, style.body_font);
  const Role heading_role_used = heading_family ? heading_role : body_role;
  const Role mono_role_used = mono_role_of(style);
  FaceUse faces{};
  std::set<std::string> image_names;
  auto add_image = [&](const std::string& path, const core::ImageInfo& info, core::Span span) {
    if (path.empty() || plan.image_by_path.count(path)) return;
    Resource r;
    r.source = book.root / path;
    r.name = unique_name("images/", std::filesystem::path(path), image_names);
    r.id = numbered("image", plan.images.size() + 1);
    r.media_type = info.media_type();
    r.span = span;
    plan.image_by_path.emplace(path, plan.images.size());
    plan.images.push_back(std::move(r));
  };
  if (!meta.cover.empty()) {
    add_image(meta.cover, meta.cover_info, {});
    plan.has_cover = true;
    plan.cover_image = plan.image_by_path.at(meta.cover);
    plan.images[plan.cover_image].properties = "cover-image";
  }

  std::map<int, int> ref_count;
  std::vector<NavEntry> flat;
  // Each heading of the book → the first entry of `flat` at or after it (its own, when
  // it has one), where a printed contents page that opens with it is marked.
  std::unordered_map<const doc::Heading*, std::size_t> nav_at;
  const auto numbers = style::number_headings(book, style);
  // With a cache, the walks are the kept ones (walked again where a tree changed), and
  // the Text nodes pages begin in are found through the cache's index of them.
  std::vector<const KeptWalk*> kept;
  std::unordered_map<const KeptWalk*, std::vector<const doc::Text*>> marked_in;
  if (cache) {
    kept = kept_walks(cache->impl(), book, style, plan.language, heading_role_used, mono_role_used, faces);
    for (const auto& [text, marks] : wanted)
      if (const auto o = cache->impl().owner.find(text); o != cache->impl().owner.end())
        marked_in[o->second].push_back(text);
  }
  for (std::size_t c = 0; c < book.chapters.size(); ++c) {
    const auto& chapter = book.chapters[c];
    ChapterFile file;
    file.chapter = c;
    file.name = "text/" + numbered("chapter", c + 1) + ".xhtml";
    file.id = numbered("chapter", c + 1);
    file.part = chapter.blocks.size() == 1 &&
                std::holds_alternative<doc::Heading>(chapter.blocks[0].node) &&
                chapter.notes.empty();

    WalkResult own;
    std::vector<const doc::Text*> own_marked;
    const WalkResult* walk = &own;
    const std::vector<const doc::Text*>* marked = &own_marked;
    if (cache) {
      walk = &kept[c]->walk;
      const auto m = marked_in.find(kept[c]);
      if (m != marked_in.end()) marked = &m->second;
    } else {
      ChapterWalker walker(style, heading_role_used, mono_role_used, faces, wanted, plan.language);
      walker.walk(chapter);
      own = walker.take();
      own_marked = std::move(walker.marked_texts);
    }
    file.endnotes_level = walk->endnotes_level;
    if (walk->scene_breaks && !style.scene_break_image.empty() && !plan.ornament) {
      Resource r;
      r.source = style.scene_break_image;
      r.name = unique_name("images/", style.scene_break_image, image_names);
      r.id = "ornament";
      r.media_type = style.scene_break_image_info.media_type();
      plan.ornament = std::move(r);
    }
    for (const auto& [img, span] : walk->images) {
      add_image(img->path, img->info, span);
      if (img->alt.find_first_not_of(" \t\n") == std::string::npos) plan.missing_alt = true;
    }

    // Ids the writer generates in this file; heading ids must not collide with them.
    std::set<std::string> taken;
    if (file.endnotes_level > 0) taken.insert(endnotes_heading_id);
    file.marked_texts = *marked;
    for (const doc::Text* t : *marked)
      for (const auto& [offset, page] : wanted.at(t)) {
        const std::string id = page_id(pages[page].label);
        taken.insert(id);
        page_href[page] = file.name + "#" + id;
        plan.marks[t].emplace_back(offset, page);
      }
    for (const auto& note : chapter.notes) {
      if (note.number <= 0) continue;
      taken.insert(note_id(note.number));
      auto& target = plan.notes[note.number];
      if (target.file.empty()) target.file = file.name;
    }
    for (int n : walk->refs) {
      if (!file.refs_before.count(n)) file.refs_before[n] = ref_count[n];
      const int occurrence = ++ref_count[n];
      taken.insert(noteref_id(n, occurrence));
      if (occurrence == 1) plan.notes[n].first_ref_file = file.name;
    }

    std::size_t top = 0;  // headings among the chapter's blocks, in order
    for (std::size_t h = 0; h < walk->headings.size(); ++h) {
      const auto& raw = walk->headings[h];
      std::string number;
      if (raw.top_level && top < numbers[c].size()) number = numbers[c][top++];
      const std::string label = style::numbered_title(number, raw.label);
      file.heading_numbers.push_back(number);
      std::string id = safe_id(raw.id);
      if (id.empty()) id = "heading-" + std::to_string(h + 1);
      const std::string base = id;
      for (int k = 2; taken.count(id); ++k) id = base + "-" + std::to_string(k);
      taken.insert(id);
      file.heading_ids.push_back(id);
      if (!number.empty()) set_in(faces, raw.font, number + " ");
      if (file.title.empty() && raw.top_level) file.title = label;
      nav_at.emplace(raw.node, flat.size());
      if (raw.top_level && raw.level <= plan.nav_depth && !label.empty())
        flat.push_back({label, file.name + "#" + id, raw.level, {}, {}});
    }
    if (file.title.empty()) file.title = plan.title;
    plan.files.push_back(std::move(file));
  }
  // The front matter's pages: the EPUB's title page, copyright page and contents (the
  // navigation document, in the spine) hold their text.
  using Kind = PageMark::Kind;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const std::string id = page_id(pages[i].label);
    switch (pages[i].kind) {
      case Kind::text:
        continue;
      case Kind::half_title:
      case Kind::title_page:
        plan.title_page_marks.push_back(i);
        page_href[i] = std::string(title_page_name) + "#" + id;
        continue;
      case Kind::copyright_page:
        plan.copyright_marks.push_back(i);
        page_href[i] = std::string(copyright_page_name) + "#" + id;
        continue;
      case Kind::contents:
        if (!pages[i].heading) {
          plan.contents_marks.push_back(i);
        } else {
          const auto at = nav_at.find(pages[i].heading);
          if (at == nav_at.end() || at->second >= flat.size()) continue;  // not in the navigation
          flat[at->second].marks.push_back(i);
        }
        page_href[i] = std::string(nav_name) + "#" + id;
        continue;
    }
  }
  // The page list, in page order, of the pages found; the markers' indices follow it.
  std::vector<std::size_t> entry_of(pages.size(), 0);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (page_href[i].empty()) continue;
    entry_of[i] = plan.page_list.size();
    plan.page_list.push_back({pages[i].label, page_id(pages[i].label), page_href[i]});
  }
  plan.has_page_list = !plan.page_list.empty();
  for (auto& [text, marks] : plan.marks) {
    for (auto& [offset, index] : marks) index = entry_of[index];
    std::sort(marks.begin(), marks.end());
  }
  for (auto* list : {&plan.title_page_marks, &plan.copyright_marks, &plan.contents_marks})
    for (auto& index : *list) index = entry_of[index];
  for (auto& entry : flat)
    for (auto& index : entry.marks) index = entry_of[index];
  std::size_t pos = 0;
  build_tree(flat, pos, 0, plan.nav);
  if (plan.nav.empty())
    for (const auto& f : plan.files) plan.nav.push_back({f.title, f.name, 1, {}, {}});

  if (!style.embed_fonts) return plan;  // the reading system's own fonts
  add_nav_text(plan, style, heading_role_used, mono_role_used, faces);
  add_front_text(meta, plan, style, heading_role_used, mono_role_used, faces);
  // Headings whose family declares no face they use fall back to the body's family.
  if (heading_family &&
      std::ranges::none_of(declared_faces(style.heading_font, faces[heading_role], false),
                           std::identity{}))
    for (int face = 0; face < 4; ++face) {
      auto& to = faces[body_role][face];
      const auto& from = faces[heading_role][face];
      to.used = to.used || from.used;
      to.characters.insert(from.characters.begin(), from.characters.end());
    }
  std::set<std::string> font_names;
  plan_family(plan, style.body_font, faces[body_role], true, font_names);
  if (heading_family) {
    plan_family(plan, style.heading_font, faces[heading_role], false, font_names);
    if (std::any_of(plan.faces.begin(), plan.faces.end(),
                    [&](const FontFace& f) { return f.family == style.heading_font.name; }))
      plan.heading_family = style.heading_font.name;
  }
  if (separate_family(style.mono_font, style.body_font) &&
      std::any_of(faces[mono_role].begin(), faces[mono_role].end(),
                  [](const FaceText& f) { return f.used; })) {
    plan_family(plan, style.mono_font, faces[mono_role], false, font_names);
    plan.mono_family = style.mono_font.name;
  }
  return plan;
}

}  // namespace octavo::epub
