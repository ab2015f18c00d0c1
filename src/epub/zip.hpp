#pragma once
// Writing the container with libzip.
#include <filesystem>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "epub/container.hpp"

namespace octavo::epub::detail {

/// Zips `files` in their order to `path`, every entry dated `modified`
/// ("YYYY-MM-DDThh:mm:ssZ", written as that wall-clock time whatever the machine's zone),
/// so that the same files give the same bytes. Reports libzip's errors with the path.
bool write_zip(const std::vector<ContainerFile>& files, const std::filesystem::path& path,
               const std::string& modified, core::Diagnostics& diags);

}  // namespace octavo::epub::detail
