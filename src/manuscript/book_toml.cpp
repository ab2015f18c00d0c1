#include "manuscript/book_toml.hpp"

#include <algorithm>
#include <array>
#include <sstream>

#include <toml++/toml.h>

#include "manuscript/accessibility_toml.hpp"
#include "manuscript/images.hpp"
#include "manuscript/toml_check.hpp"

namespace octavo::manuscript::detail {
namespace {

using namespace std::string_view_literals;

constexpr std::array book_keys{"title"sv,      "subtitle"sv, "author"sv,    "language"sv,
                               "identifier"sv, "date"sv,     "publisher"sv, "description"sv,
                               "rights"sv,     "cover"sv,    "print-isbn"sv};
constexpr std::array build_keys{"chapters"sv, "style"sv};
constexpr std::array top_tables{"book"sv, "build"sv, "style"sv, "accessibility"sv};
constexpr std::array required_book_keys{"title"sv, "author"sv, "identifier"sv};

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool contains(std::span<const std::string_view> keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

core::Span span_of(core::FileId file, const toml::source_region& region) {
  return {file, static_cast<std::uint32_t>(region.begin.line),
          static_cast<std::uint32_t>(region.begin.column)};
}

// "Error while parsing key-value pair: …" → "TOML syntax error in key-value pair: …".
std::string syntax_message(std::string_view description) {
  constexpr std::string_view lead = "Error while parsing ";
  if (description.starts_with(lead)) {
    return "TOML syntax error in " + std::string(description.substr(lead.size()));
  }
  return "TOML syntax error: " + std::string(description);
}

// The table a key belongs in, when it is one of the known keys; else empty.
std::string_view table_of(std::string_view key) {
  if (contains(book_keys, key)) return "book";
  if (contains(build_keys, key)) return "build";
  if (contains(accessibility_keys(), key)) return "accessibility";
  return {};
}

class BookTomlReader {
 public:
  BookTomlReader(core::FileId file, doc::Book& book, core::Diagnostics& diags)
      : file_(file), book_(book), report_(book.sources.path(file), diags) {}

  BookToml read(const toml::table& root) {
    const toml::table* book_table = nullptr;
    for (const auto& [key, value] : in_source_order(root)) {
      const std::string_view name = key->str();
      if (contains(top_tables, name)) {
        if (!value->is_table()) {
          report_.wrong_type(*key, *value, "a table");
        } else if (name == "book") {
          book_table = value->as_table();
          read_book(*book_table);
        } else if (name == "build") {
          read_build(*value->as_table());
        } else if (name == "accessibility") {
          read_accessibility(*value->as_table(), book_.meta.accessibility, report_);
        }  // [style] belongs to the style stage
      } else if (const std::string_view table = table_of(name); !table.empty()) {
        report_.error(key->source(), "'" + std::string(name) + "' must be inside a table",
                      {"put it under [" + std::string(table) + "]"});
      } else {
        std::vector<std::string> hints;
        const std::string_view near = nearest_key(name, top_tables);
        if (!near.empty()) hints.push_back("did you mean [" + std::string(near) + "]?");
        hints.push_back("valid tables: " + join(top_tables, "[", "]"));
        report_.error(key->source(),
                      value->is_table() ? "unknown table [" + std::string(name) + "]"
                                        : "unknown key '" + std::string(name) + "'",
                      std::move(hints));
      }
    }
    if (!book_table) {
      report_.diags().error(report_.file(), "book.toml has no [book] table",
                            {"it needs at least: title, author, identifier"});
    } else {
      for (std::string_view key : required_book_keys) {
        if (!book_table->contains(key)) {
          report_.error(book_table->source(),
                        "[book] is missing the required key '" + std::string(key) + "'");
        }
      }
    }
    return std::move(result_);
  }

 private:
  // A string value, or nothing (after reporting) when the type is wrong or the value
  // empty.
  std::optional<std::string> text(const toml::key& key, const toml::node& value) {
    const auto* s = value.as_string();
    if (!s) {
      report_.wrong_type(key, value, "a string");
      return std::nullopt;
    }
    if (s->get().empty()) {
      report_.error(key.source(), "'" + std::string(key.str()) + "' must not be empty");
      return std::nullopt;
    }
    return s->get();
  }

  void read_book(const toml::table& table) {
    doc::Metadata& meta = book_.meta;
    for (const auto& [key_ptr, value_ptr] : in_source_order(table)) {
      const toml::key& key = *key_ptr;
      const toml::node& value = *value_ptr;
      const std::string_view name = key.str();
      if (name == "author") {
        read_authors(key, value);
      } else if (name == "date") {
        read_date(key, value);
      } else if (!contains(book_keys, name)) {
        report_.unknown_key(key, "[book]", book_keys);
      } else if (auto s = text(key, value)) {
        if (name == "title") meta.title = *s;
        if (name == "subtitle") meta.subtitle = *s;
        if (name == "publisher") meta.publisher = *s;
        if (name == "description") meta.description = *s;
        if (name == "rights") meta.rights = *s;
        if (name == "language") {
          if (is_language_tag(*s)) {
            meta.language = *s;
          } else {
            report_.error(key.source(),
                          "'language' must be a BCP 47 language tag, not \"" + *s + "\"",
                          {"for example \"en\", \"en-GB\" or \"sr-Latn\""});
          }
        }
        if (name == "identifier") {
          if (is_identifier(*s)) {
            meta.identifier = *s;
          } else {
            report_.error(key.source(),
                          "'identifier' must be \"urn:uuid:\" and a UUID, or \"isbn:\" and an ISBN",
                          {"for example \"urn:uuid:0f3c6d1e-8a2b-4c5d-9e7f-1a2b3c4d5e6f\" "
                           "(`uuidgen` makes one) or \"isbn:9780141439518\""});
          }
        }
        if (name == "cover") read_cover(key, *s);
        if (name == "print-isbn") {
          // The print edition's ISBN: the EPUB's page breaks follow that edition.
          if (is_identifier("isbn:" + *s)) {
            meta.print_isbn = *s;
          } else {
            report_.error(key.source(), "'print-isbn' must be an ISBN-13 or ISBN-10, not \"" + *s + "\"",
                          {"for example \"978-0-14-143951-8\""});
          }
        }
      }
    }
  }

  void read_authors(const toml::key& key, const toml::node& value) {
    if (const auto* s = value.as_string()) {
      if (s->get().empty()) {
        report_.error(key.source(), "'author' must not be empty");
      } else {
        book_.meta.authors.push_back(s->get());
      }
      return;
    }
    const auto* list = value.as_array();
    if (!list) {
      report_.wrong_type(key, value, "a string or an array of strings");
      return;
    }
    if (list->empty()) report_.error(key.source(), "'author' must name at least one author");
    for (const toml::node& item : *list) {
      const auto* s = item.as_string();
      if (!s) {
        report_.error(item.source(),
                      "each author must be a string, not " + std::string(type_phrase(item.type())));
      } else if (s->get().empty()) {
        report_.error(item.source(), "an author must not be empty");
      } else {
        book_.meta.authors.push_back(s->get());
      }
    }
  }

  void read_date(const toml::key& key, const toml::node& value) {
    // A TOML date (date = 2008-02-26) is as good as the string.
    std::string date;
    if (const auto* d = value.as_date()) {
      std::ostringstream out;
      out << d->get();
      date = out.str();
    } else if (const auto* s = value.as_string()) {
      date = s->get();
    } else {
      report_.wrong_type(key, value, "a string");
      return;
    }
    if (!is_date(date)) {
      report_.error(key.source(),
                    "'date' must be a year, year-month or year-month-day, not \"" + date + "\"",
                    {"for example \"1813\" or \"2008-02-26\""});
      return;
    }
    book_.meta.date = date;
  }

  void read_cover(const toml::key& key, const std::string& path) {
    const ImageCheck check = check_image(path, book_.root, book_.root, "cover image");
    if (!check.ok) {
      report_.error(key.source(), check.error, check.hints);
      return;
    }
    book_.meta.cover = check.path;
    book_.meta.cover_info = check.info;
  }

  void read_build(const toml::table& table) {
    for (const auto& [key_ptr, value_ptr] : in_source_order(table)) {
      const toml::key& key = *key_ptr;
      const toml::node& value = *value_ptr;
      if (key.str() == "chapters") {
        read_chapters(key, value);
      } else if (key.str() == "style") {
        if (auto s = text(key, value)) {
          book_.style = *s;
          book_.style_span = span_of(file_, key.source());
        }
      } else {
        report_.unknown_key(key, "[build]", build_keys);
      }
    }
  }

  void read_chapters(const toml::key& key, const toml::node& value) {
    result_.chapters_given = true;
    result_.chapters_span = span_of(file_, key.source());
    const auto* list = value.as_array();
    if (!list) {
      report_.wrong_type(key, value, "an array of paths");
      result_.chapters_malformed = true;
      return;
    }
    for (const toml::node& item : *list) {
      const auto* s = item.as_string();
      if (!s) {
        report_.error(item.source(), "each chapter must be a path string, not " +
                                         std::string(type_phrase(item.type())));
        result_.chapters_malformed = true;
      } else if (s->get().empty()) {
        report_.error(item.source(), "a chapter path must not be empty");
        result_.chapters_malformed = true;
      } else {
        result_.chapters.push_back({s->get(), span_of(file_, item.source())});
      }
    }
  }

  core::FileId file_;
  doc::Book& book_;
  TomlReporter report_;
  BookToml result_;
};

}  // namespace

bool is_language_tag(std::string_view tag) {
  std::size_t start = 0;
  bool first = true;
  while (true) {
    const std::size_t dash = tag.find('-', start);
    const std::string_view part =
        tag.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start);
    if (part.empty() || part.size() > 8) return false;
    for (char c : part) {
      if (first ? !is_alpha(c) : !(is_alpha(c) || is_digit(c))) return false;
    }
    if (first && part.size() < 2) return false;
    first = false;
    if (dash == std::string_view::npos) return true;
    start = dash + 1;
  }
}

bool is_identifier(std::string_view id) {
  if (id.starts_with("urn:uuid:")) {
    const std::string_view uuid = id.substr(9);
    if (uuid.size() != 36) return false;
    for (std::size_t i = 0; i < uuid.size(); ++i) {
      const bool dash_here = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash_here ? uuid[i] != '-' : !is_hex(uuid[i])) return false;
    }
    return true;
  }
  if (id.starts_with("isbn:")) {
    std::string digits;
    const std::string_view isbn = id.substr(5);
    for (std::size_t i = 0; i < isbn.size(); ++i) {
      const char c = isbn[i];
      if (is_digit(c)) {
        digits += c;
      } else if ((c == 'X' || c == 'x') && i + 1 == isbn.size()) {
        digits += 'X';
      } else if ((c != '-' && c != ' ') || i == 0) {
        return false;
      }
    }
    return digits.size() == 13 ? digits.back() != 'X' : digits.size() == 10;
  }
  return false;
}

bool is_date(std::string_view date) {
  const auto digits = [&](std::size_t at, std::size_t n) {
    if (date.size() < at + n) return false;
    for (std::size_t i = at; i < at + n; ++i) {
      if (!is_digit(date[i])) return false;
    }
    return true;
  };
  if (!digits(0, 4)) return false;
  if (date.size() == 4) return true;
  if (date[4] != '-' || !digits(5, 2)) return false;
  if (date.size() == 7) return true;
  if (date[7] != '-' || !digits(8, 2)) return false;
  return date.size() == 10 || date[10] == 'T' || date[10] == ' ';
}

std::optional<BookToml> read_book_toml(std::string_view text, core::FileId file, doc::Book& book,
                                       core::Diagnostics& diags) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(book.sources.path(file)));
  } catch (const toml::parse_error& e) {
    TomlReporter(book.sources.path(file), diags).error(e.source(), syntax_message(e.description()));
    return std::nullopt;
  }
  return BookTomlReader(file, book, diags).read(root);
}

}  // namespace octavo::manuscript::detail
