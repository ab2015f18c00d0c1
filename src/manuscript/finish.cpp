#include "manuscript/finish.hpp"

#include <map>
#include <set>

#include "core/utf8.hpp"

namespace octavo::manuscript {
namespace {

using namespace doc;

// ---- walking the tree ------------------------------------------------------------

template <class F>
void each_inline(Inlines& inlines, F& f) {
  for (Inline& in : inlines) {
    f(in);
    std::visit(overloaded{
                   [&](Emphasis& e) { each_inline(e.children, f); },
                   [&](Strong& s) { each_inline(s.children, f); },
                   [&](Strikethrough& s) { each_inline(s.children, f); },
                   [&](Link& l) { each_inline(l.children, f); },
                   [](auto&) {},
               },
               in.node);
  }
}

// Calls `on_block` for every block and `on_inline` for every inline under `blocks`,
// in reading order.
template <class B, class I>
void each_node(Blocks& blocks, B& on_block, I& on_inline) {
  for (Block& b : blocks) {
    on_block(b);
    std::visit(overloaded{
                   [&](Paragraph& p) { each_inline(p.content, on_inline); },
                   [&](Heading& h) { each_inline(h.content, on_inline); },
                   [&](BlockQuote& q) { each_node(q.children, on_block, on_inline); },
                   [&](List& l) {
                     for (ListItem& item : l.items) each_node(item.children, on_block, on_inline);
                   },
                   [&](Table& t) {
                     for (TableCell& c : t.header) each_inline(c.content, on_inline);
                     for (auto& row : t.rows)
                       for (TableCell& c : row) each_inline(c.content, on_inline);
                   },
                   [&](Figure& f) { each_inline(f.caption, on_inline); },
                   [](auto&) {},
               },
               b.node);
  }
}

template <class B, class I>
void each_node(Chapter& chapter, B& on_block, I& on_inline) {
  each_node(chapter.blocks, on_block, on_inline);
  for (Footnote& note : chapter.notes) each_node(note.content, on_block, on_inline);
}

// ---- slugs -----------------------------------------------------------------------

// ASCII spellings of U+00C0…U+017F (Latin-1 Supplement and Latin Extended-A), from
// their Unicode canonical decompositions plus the usual spellings of æ, ð, ø, þ, ß,
// đ, ħ, ł, œ …; "" marks a non-letter (× ÷).
constexpr const char* latin_ascii[] = {
    "a", "a", "a",  "a",  "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // U+00C0
    "d", "n", "o",  "o",  "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // U+00D0
    "a", "a", "a",  "a",  "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // U+00E0
    "d", "n", "o",  "o",  "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",   // U+00F0
    "a", "a", "a",  "a",  "a", "a", "c",  "c", "c", "c", "c", "c", "c", "c", "d",  "d",   // U+0100
    "d", "d", "e",  "e",  "e", "e", "e",  "e", "e", "e", "e", "e", "g", "g", "g",  "g",   // U+0110
    "g", "g", "g",  "g",  "h", "h", "h",  "h", "i", "i", "i", "i", "i", "i", "i",  "i",   // U+0120
    "i", "i", "ij", "ij", "j", "j", "k",  "k", "k", "l", "l", "l", "l", "l", "l",  "l",   // U+0130
    "l", "l", "l",  "n",  "n", "n", "n",  "n", "n", "n", "n", "n", "o", "o", "o",  "o",   // U+0140
    "o", "o", "oe", "oe", "r", "r", "r",  "r", "r", "r", "s", "s", "s", "s", "s",  "s",   // U+0150
    "s", "s", "t",  "t",  "t", "t", "t",  "t", "u", "u", "u", "u", "u", "u", "u",  "u",   // U+0160
    "u", "u", "u",  "u",  "w", "w", "y",  "y", "y", "z", "z", "z", "z", "z", "z",  "s",   // U+0170
};

constexpr std::size_t max_slug = 64;

// Characters that vanish inside a word rather than splitting it: apostrophes, the
// soft hyphen and the invisible joiners Standard Ebooks sets around dashes.
bool vanishes(char32_t cp) {
  return cp == U'\'' || cp == U'\u2019' || cp == U'\u00AD' || cp == U'\u2060' || cp == U'\u200B' ||
         cp == U'\u200C' || cp == U'\u200D' || cp == U'\uFEFF';
}

std::string unique_id(std::string base, std::set<std::string>& used) {
  if (used.insert(base).second) return base;
  for (int n = 2;; ++n) {
    std::string candidate = base + "-" + std::to_string(n);
    if (used.insert(candidate).second) return candidate;
  }
}

}  // namespace

std::string slug(std::string_view text) {
  std::string out;
  bool pending_dash = false;
  std::size_t pos = 0;
  while (pos < text.size() && out.size() < max_slug) {
    const char32_t cp = core::utf8::decode(text, pos);
    std::string_view piece;
    char ascii[2] = {0, 0};
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      ascii[0] = static_cast<char>(cp);
      piece = std::string_view(ascii, 1);
    } else if (cp >= 'A' && cp <= 'Z') {
      ascii[0] = static_cast<char>(cp - 'A' + 'a');
      piece = std::string_view(ascii, 1);
    } else if (cp >= 0xC0 && cp <= 0x17F) {
      piece = latin_ascii[cp - 0xC0];
    } else if (vanishes(cp)) {
      continue;
    }
    if (piece.empty()) {
      pending_dash = !out.empty();
      continue;
    }
    if (pending_dash) out += '-';
    pending_dash = false;
    out += piece;
  }
  if (out.size() > max_slug) out.resize(max_slug);
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.empty()) return "h";
  if (out[0] < 'a' || out[0] > 'z') return "h-" + out;
  return out;
}

namespace {

template <class T>
void set(T& field, T value, char& changed) {
  if (field == value) return;
  field = std::move(value);
  changed = 1;
}

}  // namespace

void number_notes(Book& book, std::vector<char>& changed) {
  changed.resize(book.chapters.size(), 0);
  int offset = 0;
  for (std::size_t i = 0; i < book.chapters.size(); ++i) {
    Chapter& chapter = book.chapters[i];
    std::map<std::string, int> numbers;
    for (Footnote& note : chapter.notes) {
      set(note.number, ++offset, changed[i]);
      numbers.emplace(note.label, note.number);
    }
    auto on_block = [](Block&) {};
    auto on_inline = [&](Inline& in) {
      if (auto* ref = std::get_if<NoteRef>(&in.node)) {
        const auto found = numbers.find(ref->label);
        if (found != numbers.end()) set(ref->number, found->second, changed[i]);
      }
    };
    each_node(chapter, on_block, on_inline);
  }
}

void assign_heading_ids(Book& book, std::vector<char>& changed) {
  changed.resize(book.chapters.size(), 0);
  std::set<std::string> used;
  auto on_inline = [](Inline&) {};
  for (std::size_t i = 0; i < book.chapters.size(); ++i) {
    auto on_block = [&](Block& b) {
      if (auto* heading = std::get_if<Heading>(&b.node))
        set(heading->id, unique_id(slug(plain_text(heading->content)), used), changed[i]);
    };
    each_node(book.chapters[i], on_block, on_inline);
  }
}

std::vector<char> finish_book(Book& book) {
  std::vector<char> changed(book.chapters.size(), 0);
  number_notes(book, changed);
  assign_heading_ids(book, changed);
  return changed;
}

}  // namespace octavo::manuscript
