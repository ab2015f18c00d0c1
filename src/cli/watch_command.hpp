#pragma once
// `octavo watch`: builds, then builds again whenever an input changes.
#include "cli/build_command.hpp"

namespace octavo::cli {

/// Builds the book, then watches its folder (chapters, book.toml, styles, images,
/// fonts; not the output folder), the shipped styles and fonts and the folder of a
/// --style file, and rebuilds when a file there changes, printing one line per rebuild
/// with its time. The chapters that did not change keep their layout (a
/// typeset::LayoutCache). A failed rebuild reports and leaves the last outputs as they
/// were. Runs until interrupted (SIGINT, SIGTERM): exit status 0; 1 when the book
/// folder cannot be watched.
int run_watch(const BuildOptions& options);

}  // namespace octavo::cli
