#pragma once
#include <filesystem>

namespace octavo::cli {

/// `octavo new DIR`: a book that builds at once. Refuses a DIR that exists and is not
/// empty (exit 1), so nothing of the author's is overwritten.
int run_new(const std::filesystem::path& dir);

}  // namespace octavo::cli
