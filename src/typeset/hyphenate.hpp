#pragma once
// Hyphenation with libhyphen (Liang's patterns, "Word Hy-phen-a-tion by Com-put-er",
// 1983, as packaged by LibreOffice/hunspell). One dictionary per book language; results
// are cached per distinct word. One Hyphenator serves every layout thread: the
// dictionary is loaded once and each distinct word hyphenated once.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "typeset/shared_cache.hpp"

struct _HyphenDict;

namespace octavo::typeset {

struct HyphenParams {
  int min_word = 6;   ///< shortest word (in characters) that may be hyphenated
  int left_min = 2;   ///< characters kept before a hyphen
  int right_min = 3;  ///< characters carried after a hyphen
};

/// The dictionary file for a BCP 47 language tag in `dir`: hyph_<ll>_<RR>.dic for a tag
/// with a region, hyph_<ll>.dic, then the language's usual region (en → en_US), then any
/// hyph_<ll>_*.dic (first in name order). Empty when none is installed.
std::filesystem::path find_dictionary(const std::string& language,
                                      const std::filesystem::path& dir = "/usr/share/hyphen");

class Hyphenator {
public:
  /// Loads the dictionary for `language`; when none is installed, warns once (at `where`)
  /// and falls back to en_US; when that is missing too, hyphenates nothing.
  Hyphenator(const std::string& language, HyphenParams params, core::Diagnostics& diags,
             const core::Location& where,
             const std::filesystem::path& dir = "/usr/share/hyphen");
  ~Hyphenator();
  Hyphenator(const Hyphenator&) = delete;
  Hyphenator& operator=(const Hyphenator&) = delete;

  bool available() const { return dict_ != nullptr; }
  const std::string& dictionary() const { return path_; }

  /// Where `word` (letters only, any case, UTF-8) may break: character counts from its
  /// start, ascending, honouring the minimums. The reference stays valid for the
  /// Hyphenator's lifetime. Safe to call from several threads.
  const std::vector<std::uint16_t>& points(std::string_view word);

private:
  std::vector<std::uint16_t> compute(std::string_view word);

  _HyphenDict* dict_ = nullptr;
  std::string path_;
  HyphenParams params_;
  SharedTextCache<std::vector<std::uint16_t>> cache_;  // tag 0
};

}  // namespace octavo::typeset
