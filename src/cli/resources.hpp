#pragma once
// Finds the shipped styles/ and fonts/ relative to the binary.
#include "style/style.hpp"

namespace octavo::cli {

/// In order: $OCTAVO_DATA_DIR; <binary>/../share/octavo (an installed copy); the source
/// tree the binary was built from (a build-tree binary).
style::Resources find_resources();

}  // namespace octavo::cli
