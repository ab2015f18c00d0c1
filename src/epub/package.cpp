#include "epub/package.hpp"

#include <algorithm>

#include "epub/accessibility.hpp"
#include "epub/markup.hpp"
#include "epub/names.hpp"
#include "epub/xhtml.hpp"

namespace octavo::epub {
namespace {

using detail::Markup;

void item(Markup& m, const std::string& id, const std::string& href, const std::string& type,
          const std::string& properties = {}) {
  m.open("item");
  m.attr("id", id);
  m.attr("href", href);
  m.attr("media-type", type);
  if (!properties.empty()) m.attr("properties", properties);
  m.close();
}

void itemref(Markup& m, const std::string& idref, bool linear = true) {
  m.open("itemref");
  m.attr("idref", idref);
  if (!linear) m.attr("linear", "no");
  m.close();
}

// The accessibility metadata (epub/accessibility.hpp), derived from this book.
void accessibility(Markup& m, const AccessibilityMetadata& a) {
  auto property = [&](const char* name, const std::string& value) {
    m.open("meta");
    m.attr("property", name);
    m.text(value);
    m.close();
  };
  for (const auto& v : a.access_modes) property("schema:accessMode", v);
  for (const auto& v : a.access_mode_sufficient) property("schema:accessModeSufficient", v);
  for (const auto& v : a.features) property("schema:accessibilityFeature", v);
  for (const auto& v : a.hazards) property("schema:accessibilityHazard", v);
  m.open("meta");
  m.attr("property", "schema:accessibilitySummary");
  if (!a.summary_lang.empty()) m.attr("xml:lang", a.summary_lang);
  m.text(a.summary);
  m.close();
  if (a.conforms_to.empty()) return;
  m.open("meta");
  m.attr("property", "dcterms:conformsTo");
  m.attr("id", "conformance");
  m.text(a.conforms_to);
  m.close();
  m.open("meta");
  m.attr("property", "a11y:certifiedBy");
  m.attr("refines", "#conformance");
  m.text(a.certified_by);
  m.close();
}

// <dc:NAME id="ID">TEXT</dc:NAME>, then <meta refines="#ID" property=…>VALUE</meta>.
void refined(Markup& m, const char* element, const std::string& id, const std::string& text,
             const char* property, const char* value, const char* scheme = nullptr) {
  m.open(element);
  m.attr("id", id);
  m.text(text);
  m.close();
  m.open("meta");
  m.attr("refines", "#" + id);
  m.attr("property", property);
  if (scheme) m.attr("scheme", scheme);
  m.text(value);
  m.close();
}

void metadata(Markup& m, const doc::Book& book, const Plan& plan, const std::string& modified) {
  const doc::Metadata& meta = book.meta;
  m.open("metadata");
  m.attr("xmlns:dc", "http://purl.org/dc/elements/1.1/");
  m.open("dc:identifier");
  m.attr("id", "book-id");
  m.text(plan.identifier);
  m.close();
  if (meta.subtitle.empty()) {
    m.open("dc:title");
    m.attr("id", "title");
    m.text(plan.title);
    m.close();
  } else {
    refined(m, "dc:title", "title", plan.title, "title-type", "main");
    refined(m, "dc:title", "subtitle", meta.subtitle, "title-type", "subtitle");
  }
  for (std::size_t i = 0; i < meta.authors.size(); ++i) {
    if (meta.authors[i].empty()) continue;
    refined(m, "dc:creator", "creator-" + std::to_string(i + 1), meta.authors[i], "role", "aut",
            "marc:relators");
  }
  m.element("dc:language", plan.language);
  // EPUBCheck rejects a dc:date that is not a W3C date; a free-form date is left out.
  if (detail::is_w3c_date(meta.date)) m.element("dc:date", meta.date);
  if (!meta.publisher.empty()) m.element("dc:publisher", meta.publisher);
  if (!meta.description.empty()) m.element("dc:description", meta.description);
  if (!meta.rights.empty()) m.element("dc:rights", meta.rights);
  // The page breaks come from the print edition octavo lays out from the same
  // manuscript: its ISBN when book.toml gives one (printed on its copyright page), else
  // the book's identifier, which that page carries too.
  // (EPUB 3.2 §D.3.3 source-of "pagination": the source the page breaks follow.)
  if (plan.has_page_list) {
    std::string isbn;
    for (char c : meta.print_isbn)
      if (c != '-' && c != ' ') isbn += c;
    refined(m, "dc:source", "print-source", isbn.empty() ? plan.identifier : "urn:isbn:" + isbn, "source-of",
            "pagination");
  }
  m.open("meta");
  m.attr("property", "dcterms:modified");
  m.text(modified);
  m.close();
  accessibility(m, accessibility_metadata(meta, book_facts(book, plan)));
  if (plan.has_cover) {  // EPUB 2 readers find the cover through this
    m.open("meta");
    m.attr("name", "cover");
    m.attr("content", plan.images[plan.cover_image].id);
    m.close();
  }
  m.close();
}

void nav_list(Markup& m, const Plan& plan, const std::vector<NavEntry>& entries) {
  m.open("ol");
  for (const auto& e : entries) {
    m.open("li");
    m.open_inline("a");
    m.attr("href", e.href);
    // A printed contents page that opens with this entry: its marker opens the label
    // (EPUB's navigation content model has no place between list items).
    for (std::size_t entry : e.marks) detail::page_break(m, plan.page_list[entry]);
    m.text(e.label);
    m.close();
    if (!e.children.empty()) nav_list(m, plan, e.children);
    m.close();
  }
  m.close();
}

void nav_points(Markup& m, const std::vector<NavEntry>& entries, int& order) {
  for (const auto& e : entries) {
    ++order;
    m.open("navPoint");
    m.attr("id", "navpoint-" + std::to_string(order));
    m.attr("playOrder", std::to_string(order));
    m.open("navLabel");
    m.element("text", e.label);
    m.close();
    m.open("content");
    m.attr("src", e.href);
    m.close();
    nav_points(m, e.children, order);
    m.close();
  }
}

int depth(const std::vector<NavEntry>& entries) {
  int d = 0;
  for (const auto& e : entries) d = std::max(d, 1 + depth(e.children));
  return d;
}

}  // namespace

std::string container_xml() {
  Markup m;
  m.prolog(false);
  m.open("container");
  m.attr("version", "1.0");
  m.attr("xmlns", "urn:oasis:names:tc:opendocument:xmlns:container");
  m.open("rootfiles");
  m.open("rootfile");
  m.attr("full-path", package_path);
  m.attr("media-type", "application/oebps-package+xml");
  m.close();
  m.close();
  m.close();
  return m.str();
}

std::string package_opf(const doc::Book& book, const Plan& plan, const std::string& modified) {
  Markup m;
  m.prolog(false);
  m.open("package");
  m.attr("xmlns", "http://www.idpf.org/2007/opf");
  m.attr("version", "3.0");
  m.attr("unique-identifier", "book-id");
  m.attr("xml:lang", plan.language);
  metadata(m, book, plan, modified);

  m.open("manifest");
  item(m, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
  item(m, "ncx", "toc.ncx", "application/x-dtbncx+xml");
  item(m, "css", "css/book.css", "text/css");
  if (plan.has_cover) item(m, "cover", cover_page_name, "application/xhtml+xml");
  item(m, "titlepage", title_page_name, "application/xhtml+xml");
  item(m, "copyright", copyright_page_name, "application/xhtml+xml");
  for (const auto& f : plan.files) item(m, f.id, f.name, "application/xhtml+xml");
  for (const auto& r : plan.images) item(m, r.id, r.name, r.media_type, r.properties);
  if (plan.ornament) item(m, plan.ornament->id, plan.ornament->name, plan.ornament->media_type);
  for (const auto& r : plan.fonts) item(m, r.id, r.name, r.media_type);
  m.close();

  // The front matter in the print edition's order: cover, title page, copyright page,
  // contents (the navigation document, which carries the printed contents pages'
  // markers, so it is read in order as those pages are).
  m.open("spine");
  m.attr("toc", "ncx");
  if (plan.has_cover) itemref(m, "cover");
  itemref(m, "titlepage");
  itemref(m, "copyright");
  itemref(m, "nav");
  for (const auto& f : plan.files) itemref(m, f.id);
  m.close();
  m.close();
  return m.str();
}

std::string nav_xhtml(const Plan& plan) {
  const std::string label = detail::contents_label(plan.language);
  Markup m;
  detail::open_page(m, plan, label, "css/book.css");
  // The first printed contents page's marker, before the nav (whose content model is a
  // heading and a list).
  for (std::size_t entry : plan.contents_marks) detail::page_break(m, plan.page_list[entry]);
  m.open("nav");
  m.attr("epub:type", "toc");
  m.attr("role", "doc-toc");
  m.attr("id", "toc");
  m.element("h1", label);
  nav_list(m, plan, plan.nav);
  m.close();

  if (!plan.page_list.empty()) {
    // The print edition's pages (EPUB 3.3 §7.4.2.3), for "go to page" and citations.
    m.open("nav");
    m.attr("epub:type", "page-list");
    m.attr("role", "doc-pagelist");
    m.attr("id", "page-list");
    m.attr("aria-label", "Pages of the print edition");
    m.attr("hidden", "hidden");
    m.open("ol");
    for (const auto& page : plan.page_list) {
      m.open("li");
      m.open_inline("a");
      m.attr("href", page.href);
      m.text(page.label);
      m.close();
      m.close();
    }
    m.close();
    m.close();
  }

  m.open("nav");
  m.attr("epub:type", "landmarks");
  m.attr("id", "landmarks");
  m.attr("hidden", "hidden");
  m.open("ol");
  auto landmark = [&](const char* type, const std::string& href, const std::string& text) {
    m.open("li");
    m.open_inline("a");
    m.attr("epub:type", type);
    m.attr("href", href);
    m.text(text);
    m.close();
    m.close();
  };
  if (plan.has_cover) landmark("cover", cover_page_name, "Cover");
  landmark("titlepage", title_page_name, "Title page");
  landmark("copyright-page", copyright_page_name, "Copyright");
  landmark("toc", "nav.xhtml#toc", label);
  if (!plan.files.empty()) landmark("bodymatter", plan.files.front().name, "Start of content");
  m.close();
  m.close();
  detail::close_page(m);
  return m.str();
}

std::string toc_ncx(const doc::Metadata& meta, const Plan& plan) {
  Markup m;
  m.prolog(false);
  m.open("ncx");
  m.attr("xmlns", "http://www.daisy.org/z3986/2005/ncx/");
  m.attr("version", "2005-1");
  m.attr("xml:lang", plan.language);
  m.open("head");
  auto meta_item = [&](const char* name, const std::string& content) {
    m.open("meta");
    m.attr("name", name);
    m.attr("content", content);
    m.close();
  };
  meta_item("dtb:uid", plan.identifier);
  meta_item("dtb:depth", std::to_string(std::max(1, depth(plan.nav))));
  meta_item("dtb:totalPageCount", "0");
  meta_item("dtb:maxPageNumber", "0");
  m.close();
  m.open("docTitle");
  m.element("text", plan.title);
  m.close();
  for (const auto& author : meta.authors) {
    if (author.empty()) continue;
    m.open("docAuthor");
    m.element("text", author);
    m.close();
  }
  m.open("navMap");
  int order = 0;
  nav_points(m, plan.nav, order);
  m.close();
  m.close();
  return m.str();
}

}  // namespace octavo::epub
