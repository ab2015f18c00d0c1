#include "core/diagnostics.hpp"

namespace octavo::core {

void Diagnostics::report(Diagnostic d) {
  std::lock_guard lock(mutex_);
  if (d.severity == Severity::error) ++errors_;
  items_.push_back(std::move(d));
}

void Diagnostics::error(Location where, std::string message, std::vector<std::string> hints) {
  report({Severity::error, std::move(where), std::move(message), std::move(hints)});
}

void Diagnostics::warning(Location where, std::string message, std::vector<std::string> hints) {
  report({Severity::warning, std::move(where), std::move(message), std::move(hints)});
}

void Diagnostics::warning_once(const std::string& key, Location where, std::string message) {
  {
    std::lock_guard lock(mutex_);
    if (!once_.insert(key).second) return;
  }
  warning(std::move(where), std::move(message));
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::count() const {
  std::lock_guard lock(mutex_);
  return items_.size();
}

std::size_t Diagnostics::error_count() const {
  std::lock_guard lock(mutex_);
  return errors_;
}

std::vector<Diagnostic> Diagnostics::all() const {
  std::lock_guard lock(mutex_);
  return items_;
}

std::string format(const Diagnostic& d) {
  std::string out = d.where.path.empty() ? std::string("octavo") : d.where.path;
  if (d.where.line > 0) {
    out += ':' + std::to_string(d.where.line);
    if (d.where.column > 0) out += ':' + std::to_string(d.where.column);
  }
  switch (d.severity) {
    case Severity::error: out += ": error: "; break;
    case Severity::warning: out += ": warning: "; break;
    case Severity::note: out += ": note: "; break;
  }
  out += d.message;
  for (const auto& hint : d.hints) out += "\n  hint: " + hint;
  return out;
}

}  // namespace octavo::core
