#pragma once
// Helpers for validating a toml++ table against a fixed set of keys, reporting into
// Diagnostics with the position toml++ recorded for each key and value.
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "core/diagnostics.hpp"
#include "core/span.hpp"

namespace octavo::manuscript::detail {

/// "a string", "an integer", … for messages.
std::string_view type_phrase(toml::node_type type);

/// The key in `candidates` nearest to `key` by edit distance (transpositions count
/// once), when it is close enough to be a likely misspelling; else empty.
std::string_view nearest_key(std::string_view key, std::span<const std::string_view> candidates);

/// "title, subtitle, author"
std::string join(std::span<const std::string_view> words, std::string_view prefix = "",
                 std::string_view suffix = "");

/// A table's entries in the order they were written (toml++ keeps them sorted).
std::vector<std::pair<const toml::key*, const toml::node*>> in_source_order(const toml::table& t);

/// Reports into `diags` at positions in one TOML file.
class TomlReporter {
 public:
  TomlReporter(std::string path, core::Diagnostics& diags)
      : path_(std::move(path)), diags_(diags) {}

  core::Location at(const toml::source_region& region) const;
  core::Location file() const { return {path_, 0, 0}; }
  void error(const toml::source_region& region, std::string message,
             std::vector<std::string> hints = {}) const;
  /// `key` is not one of `valid` in `table_name` ("[book]").
  void unknown_key(const toml::key& key, std::string_view table_name,
                   std::span<const std::string_view> valid) const;
  /// `key` holds a value of the wrong type; `expected` is e.g. "a string".
  void wrong_type(const toml::key& key, const toml::node& value, std::string_view expected) const;

  core::Diagnostics& diags() const { return diags_; }

 private:
  std::string path_;
  core::Diagnostics& diags_;
};

}  // namespace octavo::manuscript::detail
