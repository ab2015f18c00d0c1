#pragma once
// The style file's keys: one table of every key, its type, its range and where its value
// goes in Style. Validation, the documentation test and `nearest key` hints all read it.
#include <functional>
#include <string>
#include <vector>

#include "style/style.hpp"

namespace octavo::style {

enum class KeyKind { length, number, integer, boolean, string, choice, string_list, family };

/// A value read from a style file, already checked against its KeySpec.
struct KeyValue {
  double number = 0;         ///< length (points), number or integer
  bool relative_em = false;  ///< a length given in em (kept for the EPUB's CSS)
  bool boolean = false;
  std::string text;          ///< string or choice
  std::vector<std::string> list;
  FontFamily family;
};

struct KeySpec {
  std::string path;          ///< dotted, e.g. "body.size", "headings.1.case"
  KeyKind kind = KeyKind::string;
  std::string doc;           ///< one line for docs and `octavo styles`
  std::vector<std::string> choices;
  double min = 0, max = 0;   ///< allowed range, when max > min
  std::function<void(Style&, const KeyValue&)> apply;
};

/// Every key a style file may hold (top-level `extends` and `description` included).
const std::vector<KeySpec>& schema();

/// The known key closest to `path` by edit distance, or "" when none is close.
std::string nearest_key(const std::string& path);

}  // namespace octavo::style
