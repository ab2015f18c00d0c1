#include "typeset/hyphenate.hpp"

#include <hyphen.h>

#include <algorithm>
#include <cstdlib>

#include "core/utf8.hpp"
#include "typeset/unicode.hpp"

namespace octavo::typeset {
namespace {

// The region a language is most often hyphenated in, for tags without one.
std::string usual_region(const std::string& lang) {
  static const std::pair<const char*, const char*> table[] = {
      {"en", "US"}, {"de", "DE"}, {"fr", "FR"}, {"es", "ES"}, {"it", "IT"}, {"pt", "PT"},
      {"nl", "NL"}, {"ru", "RU"}, {"uk", "UA"}, {"pl", "PL"}, {"cs", "CZ"}, {"sk", "SK"},
      {"hr", "HR"}, {"sl", "SI"}, {"sr", "RS"}, {"hu", "HU"}, {"ro", "RO"}, {"da", "DK"},
      {"sv", "SE"}, {"nb", "NO"}, {"nn", "NO"}, {"fi", "FI"}, {"el", "GR"}, {"bg", "BG"},
      {"ca", "ES"}, {"lt", "LT"}, {"lv", "LV"}, {"et", "EE"}, {"is", "IS"}, {"ga", "IE"}};
  for (const auto& [l, r] : table)
    if (lang == l) return r;
  return {};
}

}  // namespace

std::filesystem::path find_dictionary(const std::string& language, const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::string lang, region;
  {
    std::string tag = language;
    std::replace(tag.begin(), tag.end(), '_', '-');
    auto dash = tag.find('-');
    lang = unicode::to_lower(tag.substr(0, dash));
    if (dash != std::string::npos) {
      // The region is the first two-letter subtag after the language (skipping a script).
      std::string rest = tag.substr(dash + 1);
      while (!rest.empty()) {
        auto next = rest.find('-');
        std::string sub = rest.substr(0, next);
        if (sub.size() == 2) {
          region = unicode::to_upper(sub);
          break;
        }
        if (next == std::string::npos) break;
        rest = rest.substr(next + 1);
      }
    }
  }
  if (lang.empty()) return {};
  std::vector<std::string> candidates;
  if (!region.empty()) candidates.push_back("hyph_" + lang + "_" + region + ".dic");
  candidates.push_back("hyph_" + lang + ".dic");
  if (auto r = usual_region(lang); !r.empty()) candidates.push_back("hyph_" + lang + "_" + r + ".dic");
  std::error_code ec;
  for (const auto& c : candidates)
    if (fs::exists(dir / c, ec)) return dir / c;
  std::vector<std::string> any;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("hyph_" + lang + "_", 0) == 0 && name.ends_with(".dic")) any.push_back(name);
  }
  std::sort(any.begin(), any.end());
  if (!any.empty()) return dir / any.front();
  return {};
}

Hyphenator::Hyphenator(const std::string& language, HyphenParams params, core::Diagnostics& diags,
                       const core::Location& where, const std::filesystem::path& dir)
    : params_(params) {
  std::filesystem::path path = find_dictionary(language, dir);
  if (path.empty()) {
    path = find_dictionary("en-US", dir);
    diags.warning_once("hyphen-dictionary:" + language, where,
                       "no hyphenation dictionary for language \"" + language + "\" is installed" +
                           (path.empty() ? "; words will not be hyphenated"
                                         : "; hyphenating with " + path.filename().string()));
  }
  if (path.empty()) return;
  dict_ = hnj_hyphen_load(path.c_str());
  if (dict_) path_ = path.string();
}

Hyphenator::~Hyphenator() {
  if (dict_) hnj_hyphen_free(dict_);
}

const std::vector<std::uint16_t>& Hyphenator::points(std::string_view word) {
  // Computed outside the cache's lock: libhyphen only reads the dictionary once it is
  // loaded (hnj_hyphen_hyphenate2 keeps its state on the stack and in its own
  // allocations).
  return cache_.get(0, word, [&] { return compute(word); });
}

std::vector<std::uint16_t> Hyphenator::compute(std::string_view word) {
  std::vector<std::uint16_t> out;
  if (!dict_) return out;
  std::string lower = unicode::to_lower(word);
  // Count characters, not bytes: the minimums and the results are in characters.
  std::size_t chars = 0;
  for (std::size_t pos = 0; pos < lower.size(); ++chars) core::utf8::decode(lower, pos);
  if (chars < static_cast<std::size_t>(std::max(params_.min_word, 1)) || chars > 200) return out;

  std::vector<char> hyphens(lower.size() + 5, '\0');
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  // For a UTF-8 dictionary libhyphen re-indexes `hyphens` by character (hnj_hyphen_norm).
  int failed = hnj_hyphen_hyphenate2(dict_, lower.data(), static_cast<int>(lower.size()),
                                     hyphens.data(), nullptr, &rep, &pos, &cut);
  if (failed == 0) {
    const auto left = static_cast<std::size_t>(std::max(params_.left_min, 1));
    const auto right = static_cast<std::size_t>(std::max(params_.right_min, 1));
    for (std::size_t i = 0; i + 1 < chars; ++i) {
      std::size_t after = i + 1;  // characters before the break
      if ((hyphens[i] & 1) == 0 || after < left || chars - after < right) continue;
      // A non-standard break (rep/pos/cut: Schiff-fahrt) changes the letters; skip it.
      if (rep && rep[i]) continue;
      out.push_back(static_cast<std::uint16_t>(after));
    }
  }
  if (rep) {
    for (std::size_t i = 0; i < lower.size(); ++i) std::free(rep[i]);
    std::free(rep);
  }
  std::free(pos);
  std::free(cut);
  return out;
}

}  // namespace octavo::typeset
