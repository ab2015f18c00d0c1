#include "core/files.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <system_error>

#include <unistd.h>

namespace octavo::core {

std::optional<std::string> read_file(const fs::path& path, std::string* error) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    if (error) *error = "is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = std::strerror(errno);
    return std::nullopt;
  }
  std::string bytes;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size > 0) {
    bytes.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(bytes.data(), size);
  }
  if (!in) {
    if (error) *error = "read failed";
    return std::nullopt;
  }
  return bytes;
}

bool is_inside(const fs::path& dir, const fs::path& path) {
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(dir, ec);
  if (ec) return false;
  const fs::path full = fs::weakly_canonical(path, ec);
  if (ec) return false;
  auto r = root.begin();
  auto p = full.begin();
  for (; r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // a trailing separator
    if (p == full.end() || *r != *p) return false;
  }
  return true;
}

namespace {
std::atomic<unsigned> temp_counter{0};
}

PendingFile::PendingFile(fs::path target) : target_(std::move(target)) {
  const auto name = "." + target_.filename().string() + ".tmp-" + std::to_string(::getpid()) +
                    "-" + std::to_string(temp_counter++);
  temp_ = target_.parent_path() / name;
}

PendingFile::~PendingFile() {
  if (!committed_) {
    std::error_code ec;
    fs::remove(temp_, ec);
  }
}

bool PendingFile::commit(std::string* error) {
  std::error_code ec;
  fs::rename(temp_, target_, ec);
  if (ec) {
    if (error) *error = ec.message();
    return false;
  }
  committed_ = true;
  return true;
}

bool write_file_atomically(const fs::path& target, std::string_view bytes, std::string* error) {
  PendingFile pending(target);
  {
    std::ofstream out(pending.temp_path(), std::ios::binary | std::ios::trunc);
    if (!out) {
      if (error) *error = std::strerror(errno);
      return false;
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      if (error) *error = "write failed";
      return false;
    }
  }
  return pending.commit(error);
}

bool is_writable_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return false;
  return ::access(dir.c_str(), W_OK | X_OK) == 0;
}

}  // namespace octavo::core
