#pragma once
// Diagnostics are values: a severity, where, what, and optional hints. Library code
// reports them into a Diagnostics sink and never prints; the CLI renders them as
// `path:line:col: error: message`.
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/span.hpp"

namespace octavo::core {

enum class Severity { error, warning, note };

struct Diagnostic {
  Severity severity = Severity::error;
  Location where;
  std::string message;
  std::vector<std::string> hints;
};

/// Collects diagnostics. Thread-safe, so that parallel layout can report into one sink.
class Diagnostics {
public:
  void report(Diagnostic d);
  void error(Location where, std::string message, std::vector<std::string> hints = {});
  void warning(Location where, std::string message, std::vector<std::string> hints = {});
  /// Reports a warning only the first time `key` is seen (e.g. one per missing glyph).
  void warning_once(const std::string& key, Location where, std::string message);

  bool has_errors() const;
  std::size_t error_count() const;
  /// Every diagnostic reported so far, of any severity.
  std::size_t count() const;
  std::vector<Diagnostic> all() const;

private:
  mutable std::mutex mutex_;
  std::vector<Diagnostic> items_;
  std::set<std::string> once_;
  std::size_t errors_ = 0;
};

/// `path:line:col: error: message` (line and column left out when unknown), then
/// one `  hint: …` line per hint.
std::string format(const Diagnostic& d);

}  // namespace octavo::core
