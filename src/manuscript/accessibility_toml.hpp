#pragma once
// book.toml's [accessibility] table: the writer's own accessibility metadata, each key
// replacing what the EPUB writer derives from the book. Values are checked against the
// vocabularies EPUB Accessibility 1.1 uses (schema.org's accessMode, accessibilityFeature
// and accessibilityHazard terms, the conformance strings), so a misspelt term is an error
// here rather than a violation in an accessibility checker later.
#include <span>
#include <string_view>

#include <toml++/toml.h>

#include "doc/tree.hpp"
#include "manuscript/toml_check.hpp"

namespace octavo::manuscript::detail {

/// The keys of [accessibility], in the order the documentation gives them.
std::span<const std::string_view> accessibility_keys();

/// Reads `table` into `out`, reporting unknown keys, wrong types and unknown terms.
void read_accessibility(const toml::table& table, doc::Accessibility& out,
                        const TomlReporter& report);

}  // namespace octavo::manuscript::detail
