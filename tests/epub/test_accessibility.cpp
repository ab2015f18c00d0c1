// The accessibility metadata of content.opf: derived from the book, replaced by book.toml.
#include <doctest/doctest.h>

#include <map>

#include "epub/accessibility.hpp"
#include "epub/container.hpp"
#include "epub/plan.hpp"
#include "sample_book.hpp"

using namespace octavo;
using namespace octavo::epub;
using namespace octavo::epub::test;

namespace {

using Strings = std::vector<std::string>;

std::string package_of(const doc::Book& book) {
  core::Diagnostics diags;
  const auto files = build_container(book, sample_style(), {}, diags);
  REQUIRE(files);
  for (const auto& f : *files)
    if (f.name == "EPUB/content.opf") return f.bytes;
  FAIL("no content.opf");
  return {};
}

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

AccessibilityMetadata derive(const doc::Book& book) {
  return accessibility_metadata(book.meta, book_facts(book, make_plan(book, sample_style())));
}

// The sample book with its figure's alt text replaced, and its caption kept or dropped.
doc::Book with_figure(const std::string& alt, bool captioned) {
  doc::Book book = sample_book();
  for (auto& b : book.chapters[0].blocks) {
    if (auto* f = std::get_if<doc::Figure>(&b.node)) {
      f->image.alt = alt;
      if (!captioned) f->caption.clear();
    }
  }
  return book;
}

// A book of one chapter with a heading and a paragraph: text only, no cover.
doc::Book text_only() {
  doc::Book book = sample_book();
  book.meta.cover.clear();
  book.meta.publisher.clear();
  book.chapters.resize(1);
  book.chapters[0].blocks.resize(2);  // the heading and the standfirst
  book.chapters[0].notes.clear();
  return book;
}

}  // namespace

TEST_CASE("the sample book: described figure, linked notes, a conformance claim by its publisher") {
  const std::string opf = package_of(sample_book());
  CHECK(contains(opf, "<meta property=\"schema:accessMode\">visual</meta>"));
  CHECK(contains(opf, "<meta property=\"schema:accessModeSufficient\">textual</meta>"));
  CHECK(contains(opf, "<meta property=\"schema:accessibilityFeature\">alternativeText</meta>"));
  CHECK(contains(opf, "<meta property=\"schema:accessibilityHazard\">none</meta>"));
  CHECK(contains(opf, "<meta property=\"dcterms:conformsTo\" id=\"conformance\">"
                      "EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>"));
  CHECK(contains(opf, "<meta property=\"a11y:certifiedBy\" refines=\"#conformance\">"
                      "KosovoCompromise</meta>"));
  CHECK(contains(opf, "<meta property=\"schema:accessibilitySummary\">This publication conforms to "
                      "EPUB Accessibility 1.1 - WCAG 2.1 Level AA. It has a table of contents and "
                      "headings for navigation, 2 footnotes linked to and from the text, and 1 "
                      "image with a text description.</meta>"));
  CHECK_FALSE(contains(opf, "pageBreakMarkers"));
  CHECK_FALSE(contains(opf, "pageNavigation"));
}

TEST_CASE("a captioned image without alt text: no alternativeText, no conformance claim") {
  const doc::Book book = with_figure("", true);
  const auto facts = book_facts(book, make_plan(book, sample_style()));
  CHECK(facts.undescribed_images == 1);
  CHECK(facts.described_images == 0);
  const auto a = accessibility_metadata(book.meta, facts);
  CHECK(a.access_modes == Strings{"textual", "visual"});
  CHECK(a.access_mode_sufficient == Strings{"textual,visual"});  // text alone does not suffice
  CHECK(a.features == Strings{"structuralNavigation", "tableOfContents", "readingOrder"});
  CHECK(a.conforms_to.empty());
  CHECK(a.certified_by.empty());
  CHECK(a.summary ==
        "It has a table of contents and headings for navigation and 2 footnotes linked to and "
        "from the text. 1 image has no text description.");
  const std::string opf = package_of(book);
  CHECK_FALSE(contains(opf, "dcterms:conformsTo"));
  CHECK_FALSE(contains(opf, "a11y:certifiedBy"));
  CHECK_FALSE(contains(opf, "alternativeText"));
}

TEST_CASE("an image with no alt text and no caption is decorative: text suffices, the claim stands") {
  const auto a = derive(with_figure(" ", false));
  CHECK(a.access_modes == Strings{"textual"});
  CHECK(a.access_mode_sufficient == Strings{"textual"});
  CHECK(a.features == Strings{"structuralNavigation", "tableOfContents", "readingOrder"});
  CHECK(a.conforms_to == default_conformance);
  CHECK(a.summary.ends_with(
      "2 footnotes linked to and from the text. 1 decorative image is marked to be skipped by "
      "assistive technology."));
}

TEST_CASE("a text-only book: textual, evaluated by its author, and says it is text only") {
  const auto a = derive(text_only());
  CHECK(a.access_modes == Strings{"textual"});
  CHECK(a.access_mode_sufficient == Strings{"textual"});
  CHECK(a.features == Strings{"structuralNavigation", "tableOfContents", "readingOrder"});
  CHECK(a.hazards == Strings{"none"});
  CHECK(a.certified_by == "KosovoCompromise Staff");  // no publisher: the author
  CHECK(a.summary ==
        "This publication conforms to EPUB Accessibility 1.1 - WCAG 2.1 Level AA. It has a "
        "table of contents and headings for navigation. Its content is text only.");
  CHECK(a.summary_lang.empty());
}

TEST_CASE("a book in another language gets the English summary marked as English") {
  doc::Book book = text_only();
  book.meta.language = "de-AT";
  CHECK(derive(book).summary_lang == "en");
  CHECK(contains(package_of(book), "<meta property=\"schema:accessibilitySummary\" xml:lang=\"en\">"));
  book.meta.language = "xx_bad";  // not a language tag: WCAG 3.1.1 fails, so no claim
  CHECK(derive(book).conforms_to.empty());
}

TEST_CASE("the page-list hook: page features and the print edition in the summary") {
  BookFacts facts;
  facts.headings = 3;
  facts.page_list = true;
  facts.isbn = "978-0-14-143951-8";
  doc::Metadata meta;
  meta.publisher = "P";
  const auto a = accessibility_metadata(meta, facts);
  CHECK(a.features == Strings{"structuralNavigation", "tableOfContents", "readingOrder",
                              "pageBreakMarkers", "pageNavigation"});
  CHECK(a.summary.find("a table of contents and headings for navigation and a page list of the "
                       "print edition (ISBN 978-0-14-143951-8).") != std::string::npos);
}

TEST_CASE("with a page list the package names the print edition: its ISBN, else the book's identifier") {
  auto book = sample_book();
  const doc::Text* first = nullptr;
  for (const auto& b : book.chapters[0].blocks)
    if (const auto* p = std::get_if<doc::Paragraph>(&b.node); p && !first)
      for (const auto& in : p->content)
        if (const auto* t = std::get_if<doc::Text>(&in.node); t && !first) first = t;
  REQUIRE(first);
  EpubOptions options;
  options.pages.push_back({"7", first, 0});
  const auto opf = [&] {
    core::Diagnostics diags;
    const auto files = build_container(book, sample_style(), options, diags);
    REQUIRE(files);
    for (const auto& f : *files)
      if (f.name == "EPUB/content.opf") return f.bytes;
    return std::string();
  };
  CHECK(contains(opf(), "<dc:source id=\"print-source\">" + book.meta.identifier + "</dc:source>"));
  CHECK(contains(opf(), "<meta refines=\"#print-source\" property=\"source-of\">pagination</meta>"));
  book.meta.print_isbn = "978-0-14-143951-8";
  CHECK(contains(opf(), "<dc:source id=\"print-source\">urn:isbn:9780141439518</dc:source>"));
  CHECK(contains(opf(), "print edition (ISBN 978-0-14-143951-8)"));
  // Without pages, no source.
  options.pages.clear();
  CHECK_FALSE(contains(opf(), "dc:source"));
}

TEST_CASE("book.toml's [accessibility] replaces each derived value") {
  doc::Book book = with_figure("", true);  // derived: no claim
  auto& given = book.meta.accessibility;
  given.summary = "Zusammenfassung.";
  given.access_modes = Strings{"textual"};
  given.access_mode_sufficient = Strings{"textual"};
  given.features = Strings{"tableOfContents"};
  given.hazards = Strings{"noFlashingHazard"};
  given.conforms_to = "EPUB Accessibility 1.1 - WCAG 2.0 Level A";
  given.certified_by = "Prüfstelle";
  book.meta.language = "de";
  const auto a = derive(book);
  CHECK(a.summary == "Zusammenfassung.");
  CHECK(a.summary_lang.empty());  // the writer's summary is in the book's language
  CHECK(a.access_modes == Strings{"textual"});
  CHECK(a.access_mode_sufficient == Strings{"textual"});
  CHECK(a.features == Strings{"tableOfContents"});
  CHECK(a.hazards == Strings{"noFlashingHazard"});
  CHECK(a.conforms_to == "EPUB Accessibility 1.1 - WCAG 2.0 Level A");
  CHECK(a.certified_by == "Prüfstelle");
  const std::string opf = package_of(book);
  CHECK(contains(opf, "<meta property=\"schema:accessibilitySummary\">Zusammenfassung.</meta>"));
  CHECK(contains(opf, "<meta property=\"a11y:certifiedBy\" refines=\"#conformance\">Prüfstelle</meta>"));
}

TEST_CASE("conforms-to = false withdraws the claim and its evaluator; the summary follows") {
  doc::Book book = text_only();
  book.meta.accessibility.conforms_to = "";
  const auto a = derive(book);
  CHECK(a.conforms_to.empty());
  CHECK(a.certified_by.empty());
  CHECK(a.summary.starts_with("It has a table of contents"));
}
