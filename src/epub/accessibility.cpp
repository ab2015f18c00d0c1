#include "epub/accessibility.hpp"

#include <string_view>

namespace octavo::epub {
namespace {

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Counts the book's images by what they mean to a reader who cannot see them. Markdown
// can only leave alt text out, so an image with no words at all (no alt text, caption or
// title) is taken as decorative, which is what its alt="" tells assistive technology;
// one the writer captioned or titled carries meaning, and without alt text it is not
// described.
class ImageCounter {
 public:
  ImageCounter(const Plan& plan, BookFacts& facts) : plan_(plan), facts_(facts) {}

  void blocks(const doc::Blocks& bs) {
    for (const auto& b : bs) block(b);
  }

 private:
  void block(const doc::Block& b) {
    std::visit(doc::overloaded{
                   [&](const doc::Paragraph& p) { inlines(p.content); },
                   [&](const doc::Heading& h) { inlines(h.content); },
                   [&](const doc::BlockQuote& q) { blocks(q.children); },
                   [&](const doc::List& l) {
                     for (const auto& item : l.items) blocks(item.children);
                   },
                   [&](const doc::Table& t) {
                     for (const auto& c : t.header) inlines(c.content);
                     for (const auto& row : t.rows)
                       for (const auto& c : row) inlines(c.content);
                   },
                   [&](const doc::Figure& f) {
                     image(f.image, !f.caption.empty());
                     inlines(f.caption);
                   },
                   [&](const auto&) {},
               },
               b.node);
  }

  void inlines(const doc::Inlines& ins) {
    for (const auto& in : ins) {
      std::visit(doc::overloaded{
                     [&](const doc::Image& i) { image(i, false); },
                     [&](const doc::Emphasis& e) { inlines(e.children); },
                     [&](const doc::Strong& s) { inlines(s.children); },
                     [&](const doc::Strikethrough& s) { inlines(s.children); },
                     [&](const doc::Link& l) { inlines(l.children); },
                     [&](const auto&) {},
                 },
                 in.node);
    }
  }

  void image(const doc::Image& img, bool captioned) {
    // An image the container does not hold is written as its alt text.
    if (!plan_.image_by_path.count(img.path)) return;
    if (!blank(img.alt)) {
      ++facts_.described_images;
    } else if (captioned || !blank(img.title)) {
      ++facts_.undescribed_images;
    } else {
      ++facts_.decorative_images;
    }
  }

  const Plan& plan_;
  BookFacts& facts_;
};

// "1 footnote", "79 footnotes".
std::string count(int n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "a", "a and b", "a, b, and c" (the items themselves may hold an "and").
std::string listing(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 < items.size() ? ", " : items.size() > 2 ? ", and " : " and ";
    out += items[i];
  }
  return out;
}

bool has(const std::vector<std::string>& terms, std::string_view term) {
  for (const auto& t : terms)
    if (t == term) return true;
  return false;
}

// The accessibility summary, sentence by sentence from what is true of this book.
std::string summary(const BookFacts& f, const AccessibilityMetadata& a) {
  std::string out;
  if (!a.conforms_to.empty()) out += "This publication conforms to " + a.conforms_to + ". ";
  std::vector<std::string> has_list{"a table of contents"};
  if (has(a.features, "structuralNavigation")) has_list.back() += " and headings for navigation";
  if (f.linked_notes > 0)
    has_list.push_back((f.endnotes ? count(f.linked_notes, "endnote", "endnotes")
                                   : count(f.linked_notes, "footnote", "footnotes")) +
                       " linked to and from the text");
  if (f.described_images > 0)
    has_list.push_back(count(f.described_images, "image with a text description",
                             "images with text descriptions"));
  if (f.page_list)
    has_list.push_back("a page list of the print edition" +
                       (f.isbn.empty() ? std::string() : " (ISBN " + f.isbn + ")"));
  out += "It has " + listing(has_list) + ".";
  if (f.undescribed_images > 0)
    out += " " + count(f.undescribed_images, "image has", "images have") + " no text description.";
  if (f.decorative_images > 0)
    out += " " + count(f.decorative_images, "decorative image is", "decorative images are") +
           " marked to be skipped by assistive technology.";
  if (f.described_images + f.undescribed_images + f.decorative_images == 0)
    out += " Its content is text only.";
  return out;
}

std::string isbn_of(const std::string& identifier) {
  return identifier.starts_with("isbn:") ? identifier.substr(5) : std::string();
}

}  // namespace

BookFacts book_facts(const doc::Book& book, const Plan& plan) {
  BookFacts facts;
  for (const auto& file : plan.files) facts.headings += static_cast<int>(file.heading_ids.size());
  for (const auto& [number, target] : plan.notes)
    if (!target.file.empty() && !target.first_ref_file.empty()) ++facts.linked_notes;
  for (const auto& file : plan.files) facts.endnotes = facts.endnotes || file.endnotes_level > 0;
  ImageCounter images(plan, facts);
  for (const auto& chapter : book.chapters) {
    images.blocks(chapter.blocks);
    for (const auto& note : chapter.notes) images.blocks(note.content);
  }
  facts.page_list = plan.has_page_list;
  facts.language_known = plan.language != "und";
  // The print edition's ISBN when book.toml gives it, else the book's own.
  facts.isbn = book.meta.print_isbn.empty() ? isbn_of(book.meta.identifier) : book.meta.print_isbn;
  return facts;
}

AccessibilityMetadata accessibility_metadata(const doc::Metadata& meta, const BookFacts& f) {
  const doc::Accessibility& given = meta.accessibility;
  AccessibilityMetadata a;

  // Images that carry meaning need sight, unless described; the cover is not counted
  // (its alt text is the title, which the book gives as text anyway).
  const bool visual = f.described_images + f.undescribed_images > 0;
  a.access_modes = {"textual"};
  if (visual) a.access_modes.push_back("visual");
  if (f.undescribed_images == 0) a.access_mode_sufficient.push_back("textual");
  if (visual) a.access_mode_sufficient.push_back("textual,visual");

  if (f.headings > 0) a.features.push_back("structuralNavigation");
  a.features.push_back("tableOfContents");  // nav.xhtml, always written
  a.features.push_back("readingOrder");     // the spine follows the manuscript
  if (f.described_images > 0 && f.undescribed_images == 0) a.features.push_back("alternativeText");
  if (f.page_list) {
    a.features.push_back("pageBreakMarkers");
    a.features.push_back("pageNavigation");
  }
  a.hazards = {"none"};  // no sound, video, animation or scripts

  if (given.access_modes) a.access_modes = *given.access_modes;
  if (given.access_mode_sufficient) a.access_mode_sufficient = *given.access_mode_sufficient;
  if (given.features) a.features = *given.features;
  if (given.hazards) a.hazards = *given.hazards;

  // EPUB Accessibility 1.1 §4.2.2: a conformance claim names its evaluator. A book that
  // says nothing is self-evaluated by its publisher, else by its authors.
  std::string authors;
  for (const auto& author : meta.authors) authors += (authors.empty() ? "" : ", ") + author;
  a.certified_by = given.certified_by.value_or(!meta.publisher.empty() ? meta.publisher : authors);
  const bool conformant = f.undescribed_images == 0 && f.language_known;
  a.conforms_to = given.conforms_to.value_or(conformant ? default_conformance : "");
  if (a.certified_by.empty()) a.conforms_to.clear();
  if (a.conforms_to.empty()) a.certified_by.clear();

  if (given.summary) {
    a.summary = *given.summary;
  } else {
    a.summary = summary(f, a);
    // The derived summary is English; say so in a book in another language.
    if (meta.language.substr(0, meta.language.find('-')) != "en") a.summary_lang = "en";
  }
  return a;
}

}  // namespace octavo::epub
