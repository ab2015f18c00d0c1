#include "manuscript/accessibility_toml.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace octavo::manuscript::detail {
namespace {

using namespace std::string_view_literals;

constexpr std::array keys{"summary"sv,  "access-modes"sv, "access-mode-sufficient"sv,
                          "features"sv, "hazards"sv,      "conforms-to"sv,
                          "certified-by"sv};

// The Accessibility Discoverability Vocabulary's terms (schema.org), without the ones
// it deprecates.
constexpr std::array access_modes{
    "auditory"sv,       "tactile"sv,         "textual"sv,        "visual"sv,
    "chartOnVisual"sv,  "chemOnVisual"sv,    "colorDependent"sv, "diagramOnVisual"sv,
    "mathOnVisual"sv,   "musicOnVisual"sv,   "textOnVisual"sv};
constexpr std::array sufficient_modes{"auditory"sv, "tactile"sv, "textual"sv, "visual"sv};
constexpr std::array features{
    "index"sv, "pageBreakMarkers"sv, "pageNavigation"sv, "printPageNumbers"sv,
    "readingOrder"sv, "structuralNavigation"sv, "tableOfContents"sv, "taggedPDF"sv,
    "alternativeText"sv, "audioDescription"sv, "closedCaptions"sv, "describedMath"sv,
    "longDescription"sv, "openCaptions"sv, "signLanguage"sv, "transcript"sv,
    "displayTransformability"sv, "synchronizedAudioText"sv, "timingControl"sv, "unlocked"sv,
    "ChemML"sv, "latex"sv, "latex-chemistry"sv, "MathML"sv, "MathML-chemistry"sv,
    "ttsMarkup"sv, "highContrastAudio"sv, "highContrastDisplay"sv, "largePrint"sv,
    "braille"sv, "tactileGraphic"sv, "tactileObject"sv, "fullRubyAnnotations"sv,
    "horizontalWriting"sv, "rubyAnnotations"sv, "verticalWriting"sv,
    "withAdditionalWordSegmentation"sv, "withoutAdditionalWordSegmentation"sv, "none"sv,
    "unknown"sv};
constexpr std::array hazards{"flashing"sv,        "motionSimulation"sv,
                             "sound"sv,           "none"sv,
                             "noFlashingHazard"sv, "noMotionSimulationHazard"sv,
                             "noSoundHazard"sv,   "unknown"sv,
                             "unknownFlashingHazard"sv, "unknownMotionSimulationHazard"sv,
                             "unknownSoundHazard"sv};
// A hazard stated three ways; a book can say only one of them.
constexpr std::array<std::array<std::string_view, 3>, 3> hazard_kinds{{
    {"flashing"sv, "noFlashingHazard"sv, "unknownFlashingHazard"sv},
    {"motionSimulation"sv, "noMotionSimulationHazard"sv, "unknownMotionSimulationHazard"sv},
    {"sound"sv, "noSoundHazard"sv, "unknownSoundHazard"sv},
}};

bool contains(std::span<const std::string_view> words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

bool is_conformance_string(std::string_view s) {
  for (std::string_view wcag : {"2.0"sv, "2.1"sv, "2.2"sv})
    for (std::string_view level : {"A"sv, "AA"sv, "AAA"sv})
      if (s == "EPUB Accessibility 1.1 - WCAG " + std::string(wcag) + " Level " + std::string(level))
        return true;
  return false;
}

std::string trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

class Reader {
 public:
  Reader(doc::Accessibility& out, const TomlReporter& report) : out_(out), report_(report) {}

  void read(const toml::table& table) {
    for (const auto& [key_ptr, value_ptr] : in_source_order(table)) {
      const toml::key& key = *key_ptr;
      const toml::node& value = *value_ptr;
      const std::string_view name = key.str();
      if (name == "summary") {
        out_.summary = text(key, value);
      } else if (name == "certified-by") {
        out_.certified_by = text(key, value);
      } else if (name == "access-modes") {
        out_.access_modes = terms(key, value, access_modes);
      } else if (name == "access-mode-sufficient") {
        out_.access_mode_sufficient = sufficient(key, value);
      } else if (name == "features") {
        out_.features = exclusive(key, terms(key, value, features));
      } else if (name == "hazards") {
        out_.hazards = consistent_hazards(key, exclusive(key, terms(key, value, hazards)));
      } else if (name == "conforms-to") {
        out_.conforms_to = conforms_to(key, value);
      } else {
        report_.unknown_key(key, "[accessibility]", keys);
      }
    }
  }

 private:
  std::optional<std::string> text(const toml::key& key, const toml::node& value) const {
    const auto* s = value.as_string();
    if (!s) {
      report_.wrong_type(key, value, "a string");
      return std::nullopt;
    }
    if (trimmed(s->get()).empty()) {
      report_.error(key.source(), "'" + std::string(key.str()) + "' must not be empty");
      return std::nullopt;
    }
    return s->get();
  }

  // A non-empty array of strings, nothing after reporting otherwise.
  std::optional<std::vector<std::pair<std::string, const toml::node*>>> strings(
      const toml::key& key, const toml::node& value) const {
    const auto* list = value.as_array();
    if (!list) {
      report_.wrong_type(key, value, "an array of strings");
      return std::nullopt;
    }
    if (list->empty()) {
      report_.error(key.source(), "'" + std::string(key.str()) + "' must list at least one term");
      return std::nullopt;
    }
    std::vector<std::pair<std::string, const toml::node*>> out;
    bool ok = true;
    for (const toml::node& item : *list) {
      if (const auto* s = item.as_string()) {
        out.emplace_back(s->get(), &item);
      } else {
        report_.error(item.source(), "each term of '" + std::string(key.str()) +
                                         "' must be a string, not " +
                                         std::string(type_phrase(item.type())));
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return out;
  }

  void unknown_term(const toml::node& item, std::string_view key, std::string_view term,
                    std::span<const std::string_view> vocabulary) const {
    std::vector<std::string> hints;
    const std::string_view near = nearest_key(term, vocabulary);
    if (!near.empty()) hints.push_back("did you mean \"" + std::string(near) + "\"?");
    hints.push_back("valid terms: " + join(vocabulary));
    report_.error(item.source(),
                  "unknown term \"" + std::string(term) + "\" in '" + std::string(key) + "'",
                  std::move(hints));
  }

  std::optional<std::vector<std::string>> terms(const toml::key& key, const toml::node& value,
                                                std::span<const std::string_view> vocabulary) const {
    auto list = strings(key, value);
    if (!list) return std::nullopt;
    std::vector<std::string> out;
    bool ok = true;
    for (const auto& [term, item] : *list) {
      if (!contains(vocabulary, term)) {
        unknown_term(*item, key.str(), term, vocabulary);
        ok = false;
      } else if (std::find(out.begin(), out.end(), term) == out.end()) {
        out.push_back(term);
      }
    }
    if (!ok) return std::nullopt;
    return out;
  }

  // "none" and "unknown" say everything there is to say: nothing may stand beside them.
  std::optional<std::vector<std::string>> exclusive(const toml::key& key,
                                                    std::optional<std::vector<std::string>> list) const {
    if (!list || list->size() < 2) return list;
    for (std::string_view alone : {"none"sv, "unknown"sv}) {
      if (std::find(list->begin(), list->end(), alone) != list->end()) {
        report_.error(key.source(), "\"" + std::string(alone) + "\" in '" +
                                        std::string(key.str()) + "' cannot stand with other terms");
        return std::nullopt;
      }
    }
    return list;
  }

  std::optional<std::vector<std::string>> consistent_hazards(
      const toml::key& key, std::optional<std::vector<std::string>> list) const {
    if (!list) return list;
    for (const auto& kind : hazard_kinds) {
      std::vector<std::string_view> said;
      for (std::string_view term : kind)
        if (std::find(list->begin(), list->end(), term) != list->end()) said.push_back(term);
      if (said.size() > 1) {
        report_.error(key.source(), "'hazards' says both \"" + std::string(said[0]) + "\" and \"" +
                                        std::string(said[1]) + "\"");
        return std::nullopt;
      }
    }
    return list;
  }

  // Each entry is one set of modes that suffices on its own: "textual" or
  // "textual,visual". Written back without spaces, as the vocabulary has it.
  std::optional<std::vector<std::string>> sufficient(const toml::key& key,
                                                     const toml::node& value) const {
    auto list = strings(key, value);
    if (!list) return std::nullopt;
    std::vector<std::string> out;
    bool ok = true;
    for (const auto& [set, item] : *list) {
      std::string joined;
      std::size_t start = 0;
      while (start <= set.size()) {
        const std::size_t comma = std::min(set.find(',', start), set.size());
        const std::string mode = trimmed(std::string_view(set).substr(start, comma - start));
        if (!contains(sufficient_modes, mode)) {
          unknown_term(*item, key.str(), mode, sufficient_modes);
          ok = false;
        }
        joined += (joined.empty() ? "" : ",") + mode;
        start = comma + 1;
      }
      out.push_back(joined);
    }
    if (!ok) return std::nullopt;
    return out;
  }

  std::optional<std::string> conforms_to(const toml::key& key, const toml::node& value) const {
    if (const auto* b = value.as_boolean()) {
      if (!b->get()) return std::string();  // the writer claims nothing
      report_.error(key.source(), "'conforms-to' must be a conformance string or false, not true",
                    {"for example \"EPUB Accessibility 1.1 - WCAG 2.1 Level AA\""});
      return std::nullopt;
    }
    auto s = text(key, value);
    if (!s) return std::nullopt;
    if (is_conformance_string(*s) || s->starts_with("https://") || s->starts_with("http://"))
      return s;
    report_.error(key.source(), "'conforms-to' must name what the book conforms to, not \"" + *s + "\"",
                  {"\"EPUB Accessibility 1.1 - WCAG 2.X Level A|AA|AAA\" (2.0, 2.1 or 2.2), the "
                   "URL of a standard, or false to claim nothing"});
    return std::nullopt;
  }

  doc::Accessibility& out_;
  const TomlReporter& report_;
};

}  // namespace

std::span<const std::string_view> accessibility_keys() {
  return keys;
}

void read_accessibility(const toml::table& table, doc::Accessibility& out,
                        const TomlReporter& report) {
  Reader(out, report).read(table);
}

}  // namespace octavo::manuscript::detail
