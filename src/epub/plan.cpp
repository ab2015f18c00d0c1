#include "epub/plan.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <set>

#include "epub/names.hpp"
#include "style/numbering.hpp"

namespace octavo::epub {
namespace {

using detail::safe_file_name;
using detail::safe_id;

// Which font a run of text is set in: the family's role and the face.
enum Role { body_role = 0, heading_role = 1, mono_role = 2 };
struct FontContext {
  Role role = body_role;
  bool bold = false;
  bool italic = false;
};
using FaceUse = std::array<std::array<bool, 4>, 3>;  // [role][bold * 2 + italic]

struct RawHeading {
  std::string id;  // as the tree has it
  int level = 1;
  std::string label;
  bool top_level = false;
};

std::string trim(std::string s) {
  const auto first = s.find_first_not_of(" \t\n\r");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\n\r");
  return s.substr(first, last - first + 1);
}

// Walks one chapter in the writer's order (blocks depth first, then notes), collecting
// what the plan needs: headings, note references, images and the faces the text uses.
class ChapterWalker {
 public:
  using Wanted = std::unordered_map<const doc::Text*, std::vector<std::pair<std::uint32_t, std::size_t>>>;
  ChapterWalker(const style::Style& style, Role heading_family, FaceUse& faces, const Wanted& wanted)
      : style_(style), heading_family_(heading_family), faces_(faces), wanted_(wanted) {}

  std::vector<const doc::Text*> marked_texts;  // Text nodes a page of print begins in

  std::vector<RawHeading> headings;
  std::vector<int> refs;  // note numbers, in order
  bool scene_breaks = false;
  std::vector<std::pair<const doc::Image*, core::Span>> images;

  void walk(const doc::Chapter& chapter) {
    blocks(chapter.blocks, true);
    for (const auto& note : chapter.notes) blocks(note.content, false);
  }

 private:
  void mark(const FontContext& ctx) { faces_[ctx.role][ctx.bold * 2 + ctx.italic] = true; }

  void blocks(const doc::Blocks& bs, bool top_level) {
    for (const auto& b : bs) block(b, top_level);
  }

  void block(const doc::Block& b, bool top_level) {
    span_ = b.span;
    const FontContext body;
    std::visit(
        doc::overloaded{
            [&](const doc::Paragraph& p) { inlines(p.content, body); },
            [&](const doc::Heading& h) {
              const int level = std::clamp(h.level, 1, 6);
              const auto& hs = style_.headings[level - 1];
              headings.push_back({h.id, h.level, trim(doc::plain_text(h.content)), top_level});
              const Role role = hs.font == style::FontRole::body   ? body_role
                                : hs.font == style::FontRole::mono ? mono_role
                                                                   : heading_family_;
              inlines(h.content, {role, hs.bold, hs.italic});
              // A heading's number is set in its face too.
              if (top_level && !style_.headings[level - 1].number.empty()) mark({role, hs.bold, hs.italic});
            },
            [&](const doc::BlockQuote& q) { blocks(q.children, false); },
            [&](const doc::List& l) {
              for (const auto& item : l.items) blocks(item.children, false);
            },
            [&](const doc::CodeBlock&) {
              mark({mono_role, false, false});
            },
            [&](const doc::SceneBreak&) { scene_breaks = true; },
            [&](const doc::Table& t) {
              // th is bold in every reading system's default style sheet.
              for (const auto& c : t.header) inlines(c.content, {body_role, true, false});
              for (const auto& row : t.rows)
                for (const auto& c : row) inlines(c.content, body);
            },
            [&](const doc::Figure& f) {
              images.emplace_back(&f.image, b.span);
              inlines(f.caption, body);
            },
            [&](const doc::RawBlock&) { mark(body); },
        },
        b.node);
  }

  void inlines(const doc::Inlines& ins, FontContext ctx) {
    for (const auto& in : ins) {
      if (in.span.line != 0) span_ = in.span;
      std::visit(doc::overloaded{
                     [&](const doc::Text& t) {
                       mark(ctx);
                       if (wanted_.count(&t)) marked_texts.push_back(&t);
                     },
                     [&](const doc::Emphasis& e) {
                       inlines(e.children, {ctx.role, ctx.bold, true});
                     },
                     [&](const doc::Strong& s) {
                       inlines(s.children, {ctx.role, true, ctx.italic});
                     },
                     [&](const doc::Strikethrough& s) { inlines(s.children, ctx); },
                     [&](const doc::Code&) {
                       mark({mono_role, ctx.bold, ctx.italic});
                     },
                     [&](const doc::Link& l) { inlines(l.children, ctx); },
                     [&](const doc::Image& i) { images.emplace_back(&i, span_); },
                     [&](const doc::NoteRef& r) {
                       if (r.number > 0) refs.push_back(r.number);
                       mark(ctx);
                     },
                     [&](const doc::LineBreak&) {},
                     [&](const doc::SoftBreak&) {},
                     [&](const doc::RawHtml&) { mark(ctx); },
                 },
                 in.node);
    }
  }

  const style::Style& style_;
  Role heading_family_;
  FaceUse& faces_;
  const Wanted& wanted_;
  core::Span span_;  // the innermost node with a known position
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

void plan_family(Plan& plan, const style::FontFamily& family, const std::array<bool, 4>& used,
                 bool always_regular, std::set<std::string>& taken) {
  if (family.regular.empty() || family.name.empty()) return;
  const std::array<const std::filesystem::path*, 4> paths = {&family.regular, &family.italic,
                                                             &family.bold, &family.bold_italic};
  for (int face = 0; face < 4; ++face) {
    const auto& path = *paths[face];
    if (!(used[face] || (face == 0 && always_regular))) continue;
    // A missing face, or one that is only the regular again, is left to the reader's
    // synthesis rather than declared as a bold or italic it is not.
    if (path.empty() || (face != 0 && path == family.regular)) continue;
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
    plan.faces.push_back({family.name, face >= 2, face % 2 == 1, index});
  }
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

Plan make_plan(const doc::Book& book, const style::Style& style, const std::vector<PageMark>& pages) {
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
  const auto numbers = style::number_headings(book, style);
  for (std::size_t c = 0; c < book.chapters.size(); ++c) {
    const auto& chapter = book.chapters[c];
    ChapterFile file;
    file.chapter = c;
    file.name = "text/" + numbered("chapter", c + 1) + ".xhtml";
    file.id = numbered("chapter", c + 1);
    file.part = chapter.blocks.size() == 1 &&
                std::holds_alternative<doc::Heading>(chapter.blocks[0].node) &&
                chapter.notes.empty();

    ChapterWalker walker(style, heading_family ? heading_role : body_role, faces, wanted);
    walker.walk(chapter);
    if (walker.scene_breaks && !style.scene_break_image.empty() && !plan.ornament) {
      Resource r;
      r.source = style.scene_break_image;
      r.name = unique_name("images/", style.scene_break_image, image_names);
      r.id = "ornament";
      r.media_type = style.scene_break_image_info.media_type();
      plan.ornament = std::move(r);
    }
    for (const auto& [img, span] : walker.images) {
      add_image(img->path, img->info, span);
      if (img->alt.find_first_not_of(" \t\n") == std::string::npos) plan.missing_alt = true;
    }

    // Ids the writer generates in this file; heading ids must not collide with them.
    std::set<std::string> taken;
    for (const doc::Text* t : walker.marked_texts)
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
    for (int n : walker.refs) {
      if (!file.refs_before.count(n)) file.refs_before[n] = ref_count[n];
      const int occurrence = ++ref_count[n];
      taken.insert(noteref_id(n, occurrence));
      if (occurrence == 1) plan.notes[n].first_ref_file = file.name;
    }

    std::size_t top = 0;  // headings among the chapter's blocks, in order
    for (std::size_t h = 0; h < walker.headings.size(); ++h) {
      const auto& raw = walker.headings[h];
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
      if (file.title.empty() && raw.top_level) file.title = label;
      if (raw.top_level && raw.level <= plan.nav_depth && !label.empty())
        flat.push_back({label, file.name + "#" + id, raw.level, {}});
    }
    if (file.title.empty()) file.title = plan.title;
    plan.files.push_back(std::move(file));
  }
  // The page list, in page order, of the pages found; the markers' indices follow it.
  std::vector<std::size_t> entry_of(pages.size(), 0);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (page_href[i].empty()) continue;
    entry_of[i] = plan.page_list.size();
    plan.page_list.push_back({pages[i].label, page_id(pages[i].label), page_href[i]});
  }
  for (auto& [text, marks] : plan.marks) {
    for (auto& [offset, index] : marks) index = entry_of[index];
    std::sort(marks.begin(), marks.end());
  }
  std::size_t pos = 0;
  build_tree(flat, pos, 0, plan.nav);
  if (plan.nav.empty())
    for (const auto& f : plan.files) plan.nav.push_back({f.title, f.name, 1, {}});

  if (!style.embed_fonts) return plan;  // the reading system's own fonts
  std::set<std::string> font_names;
  plan_family(plan, style.body_font, faces[body_role], true, font_names);
  if (heading_family) {
    plan_family(plan, style.heading_font, faces[heading_role], false, font_names);
    if (std::any_of(plan.faces.begin(), plan.faces.end(),
                    [&](const FontFace& f) { return f.family == style.heading_font.name; }))
      plan.heading_family = style.heading_font.name;
  }
  if (separate_family(style.mono_font, style.body_font) &&
      std::any_of(faces[mono_role].begin(), faces[mono_role].end(), [](bool b) { return b; })) {
    plan_family(plan, style.mono_font, faces[mono_role], false, font_names);
    plan.mono_family = style.mono_font.name;
  }
  return plan;
}

}  // namespace octavo::epub
