#pragma once
// A fast yes/no UTF-8 check for whole chapter files. Same rules as
// core::utf8::validate (Unicode 15, table 3-7: no overlongs, surrogates or values
// above U+10FFFF) but it skips ASCII eight bytes at a time; read_book calls
// core::utf8::validate only for a file this rejects, to find the position.
#include <string_view>

namespace octavo::manuscript::detail {

bool is_valid_utf8(std::string_view text);

}  // namespace octavo::manuscript::detail
