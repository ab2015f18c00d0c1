#pragma once
// Source positions. Every node of the document tree carries a Span; the file is an
// index into the book's SourceMap so that a Span stays three integers wide.
#include <cstdint>
#include <string>
#include <vector>

namespace octavo::core {

using FileId = std::uint32_t;

/// A position in a source file: 1-based line and column (0 = unknown).
struct Span {
  FileId file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

/// A resolved position, as a diagnostic prints it.
struct Location {
  std::string path;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// The files a book was read from. FileId 0 is "no file".
class SourceMap {
public:
  SourceMap() : paths_{std::string{}} {}
  FileId add(std::string path) {
    paths_.push_back(std::move(path));
    return static_cast<FileId>(paths_.size() - 1);
  }
  const std::string& path(FileId id) const { return id < paths_.size() ? paths_[id] : paths_[0]; }
  Location locate(Span span) const { return {path(span.file), span.line, span.column}; }
  std::size_t size() const { return paths_.size(); }

private:
  std::vector<std::string> paths_;
};

}  // namespace octavo::core
