#pragma once
// Markup: the one way this back end writes XML. A thin layer over tinyxml2::XMLPrinter
// that decides where whitespace goes (block elements on their own indented lines, inline
// elements and text never padded, so that <pre> and inline runs stay exact). Every piece
// of text and every attribute value goes through tinyxml2's escaping; nothing here
// concatenates user text into markup.
#include <string>
#include <string_view>
#include <vector>

#include <tinyxml2.h>

namespace octavo::epub::detail {

class Markup {
 public:
  Markup();

  /// `<?xml version="1.0" encoding="UTF-8"?>` and, for XHTML, `<!DOCTYPE html>`.
  void prolog(bool html_doctype);

  /// Opens a block element on a new line, indented by its depth.
  void open(const char* name);
  /// Opens an inline element exactly where the output stands.
  void open_inline(const char* name);
  void attr(const char* name, const std::string& value);
  void attr(const char* name, const char* value);
  /// Escaped text. Characters XML 1.0 forbids (C0 controls other than tab, line feed
  /// and carriage return; U+FFFE, U+FFFF) are dropped.
  void text(const std::string& text);
  void text(const char* text);
  /// Closes the innermost element; a block that held blocks gets its end tag on a new line.
  void close();
  /// Opens, writes `content` as text and closes a block element: <dc:title>…</dc:title>.
  void element(const char* name, const std::string& content);

  /// The document so far.
  std::string str() const;

 private:
  void newline(int depth);

  tinyxml2::XMLPrinter printer_;
  std::vector<bool> had_blocks_;  // per open element: did a block child open inside it
};

}  // namespace octavo::epub::detail
