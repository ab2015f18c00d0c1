#include "manuscript/toml_check.hpp"

#include <algorithm>

namespace octavo::manuscript::detail {
namespace {

// Optimal string alignment distance (Damerau 1964; Levenshtein 1966): insertions,
// deletions, substitutions and adjacent transpositions each cost one.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  const auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(n, m);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string_view type_phrase(toml::node_type type) {
  switch (type) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string_view nearest_key(std::string_view key, std::span<const std::string_view> candidates) {
  // Close enough: at most a third of the longer word changed, and at most two edits.
  // Case is ignored on both sides (vocabularies such as [accessibility]'s are camelCase).
  std::string_view best;
  std::size_t best_distance = 0;
  const std::string folded = lower(key);
  for (std::string_view candidate : candidates) {
    const std::size_t distance = edit_distance(folded, lower(candidate));
    const std::size_t limit = std::min<std::size_t>(2, std::max(key.size(), candidate.size()) / 3);
    if (distance <= std::max<std::size_t>(limit, 1) && (best.empty() || distance < best_distance)) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string join(std::span<const std::string_view> words, std::string_view prefix,
                 std::string_view suffix) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ", ";
    out += prefix;
    out += w;
    out += suffix;
  }
  return out;
}

std::vector<std::pair<const toml::key*, const toml::node*>> in_source_order(const toml::table& t) {
  std::vector<std::pair<const toml::key*, const toml::node*>> out;
  for (auto&& [key, value] : t) out.emplace_back(&key, &value);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    const auto& pa = a.first->source().begin;
    const auto& pb = b.first->source().begin;
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  return out;
}

core::Location TomlReporter::at(const toml::source_region& region) const {
  return {path_, static_cast<std::uint32_t>(region.begin.line),
          static_cast<std::uint32_t>(region.begin.column)};
}

void TomlReporter::error(const toml::source_region& region, std::string message,
                         std::vector<std::string> hints) const {
  diags_.error(at(region), std::move(message), std::move(hints));
}

void TomlReporter::unknown_key(const toml::key& key, std::string_view table_name,
                               std::span<const std::string_view> valid) const {
  std::vector<std::string> hints;
  const std::string_view near = nearest_key(key.str(), valid);
  if (!near.empty()) hints.push_back("did you mean '" + std::string(near) + "'?");
  hints.push_back("valid keys in " + std::string(table_name) + ": " + join(valid));
  error(key.source(), "unknown key '" + std::string(key.str()) + "' in " + std::string(table_name),
        std::move(hints));
}

void TomlReporter::wrong_type(const toml::key& key, const toml::node& value,
                              std::string_view expected) const {
  error(key.source(), "'" + std::string(key.str()) + "' must be " + std::string(expected) +
                          ", not " + std::string(type_phrase(value.type())));
}

}  // namespace octavo::manuscript::detail
