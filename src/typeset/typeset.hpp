#pragma once
// The typesetting engine's entry point: document tree + style → positioned pages.
#include <optional>

#include "core/diagnostics.hpp"
#include "doc/tree.hpp"
#include "style/style.hpp"
#include "typeset/frame.hpp"

namespace octavo::typeset {

/// Lays out the whole book. Problems (missing glyphs, overfull lines) are reported into
/// `diags` as warnings with source positions; nothing is returned only when a font
/// cannot be loaded (an error). `jobs`: threads to lay chapters out on (0: one per
/// core); the result is the same whatever the number.
std::optional<Document> typeset(const doc::Book& book, const style::Style& style,
                                core::Diagnostics& diags, unsigned jobs = 0);

}  // namespace octavo::typeset
