#pragma once
// Everything octavo prints: diagnostics on stderr, one summary line per output on stdout.
#include <filesystem>
#include <string>

#include "core/diagnostics.hpp"

namespace octavo::cli {

/// Prints every diagnostic; returns the exit status they call for (1 when any error).
int report(const core::Diagnostics& diags);

/// "wrote out/mid.pdf: 336 pages, 1.2 MB, 412 ms"
void print_summary(const std::filesystem::path& path, const std::string& what, double millis);

}  // namespace octavo::cli
