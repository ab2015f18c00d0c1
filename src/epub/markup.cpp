#include "epub/markup.hpp"

namespace octavo::epub::detail {
namespace {

// True when `s` holds a byte sequence XML 1.0 does not allow (§2.2 Char).
bool needs_cleaning(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') return true;
    if (b == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE)
      return true;
  }
  return false;
}

std::string cleaned(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') continue;
    if (b == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE) {
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

}  // namespace

// Compact mode: tinyxml2 adds no whitespace of its own; this class places it.
Markup::Markup() : printer_(nullptr, true) {}

void Markup::prolog(bool html_doctype) {
  printer_.PushDeclaration("xml version=\"1.0\" encoding=\"UTF-8\"");
  printer_.PushText("\n");
  if (html_doctype) {
    printer_.PushUnknown("DOCTYPE html");
    printer_.PushText("\n");
  }
}

void Markup::newline(int depth) {
  static const std::string spaces(64, ' ');
  std::string ws = "\n";
  ws.append(spaces, 0, std::min<std::size_t>(2 * depth, spaces.size()));
  printer_.PushText(ws.c_str());
}

void Markup::open(const char* name) {
  if (!had_blocks_.empty()) {
    had_blocks_.back() = true;
    newline(static_cast<int>(had_blocks_.size()));
  }
  printer_.OpenElement(name, true);
  had_blocks_.push_back(false);
}

void Markup::open_inline(const char* name) {
  printer_.OpenElement(name, true);
  had_blocks_.push_back(false);
}

void Markup::attr(const char* name, const std::string& value) {
  attr(name, value.c_str());
}

void Markup::attr(const char* name, const char* value) {
  if (needs_cleaning(value)) {
    printer_.PushAttribute(name, cleaned(value).c_str());
  } else {
    printer_.PushAttribute(name, value);
  }
}

void Markup::text(const std::string& text) {
  if (text.empty()) return;
  if (needs_cleaning(text)) {
    printer_.PushText(cleaned(text).c_str());
  } else {
    printer_.PushText(text.c_str());
  }
}

void Markup::text(const char* text) {
  if (*text == '\0') return;
  if (needs_cleaning(text)) {
    printer_.PushText(cleaned(text).c_str());
  } else {
    printer_.PushText(text);
  }
}

void Markup::close() {
  const bool blocks = had_blocks_.back();
  had_blocks_.pop_back();
  if (blocks) newline(static_cast<int>(had_blocks_.size()));
  printer_.CloseElement(true);
  if (had_blocks_.empty()) printer_.PushText("\n");
}

void Markup::element(const char* name, const std::string& content) {
  open(name);
  text(content);
  close();
}

std::string Markup::str() const {
  return std::string(printer_.CStr(), printer_.CStrSize() - 1);
}

}  // namespace octavo::epub::detail
