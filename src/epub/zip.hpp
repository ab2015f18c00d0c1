#pragma once
// Writing the container with libzip.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "epub/container.hpp"

namespace octavo::epub::detail {

/// Zips `files` in their order to `path`, every entry dated `modified`
/// ("YYYY-MM-DDThh:mm:ssZ", written as that wall-clock time whatever the machine's zone),
/// so that the same files give the same bytes. Reports libzip's errors with the path.
/// The EPUB container as bytes: the files in order (`mimetype` first, stored), dated
/// `modified` ("YYYY-MM-DDThh:mm:ssZ"); nothing, with an error at `where`, on failure.
std::optional<std::string> zip_bytes(const std::vector<ContainerFile>& files, const std::string& modified,
                                     const core::Location& where, core::Diagnostics& diags);

}  // namespace octavo::epub::detail
