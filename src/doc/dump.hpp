#pragma once
// A deterministic, indented text dump of the tree, for golden tests. One node per
// line: its kind, its attributes, `@line:col`, and for text the quoted content.
#include <string>

#include "doc/tree.hpp"

namespace octavo::doc {

std::string dump(const Blocks& blocks);
std::string dump(const Chapter& chapter);
std::string dump(const Book& book);

}  // namespace octavo::doc
