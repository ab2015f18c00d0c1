#include "typeset/context.hpp"

namespace octavo::typeset {

void Reporter::warning(core::Location where, std::string message) {
  if (buffer_) {
    buffer_->push_back({{}, std::move(where), std::move(message)});
  } else {
    diags_->warning(std::move(where), std::move(message));
  }
}

void Reporter::warning_once(std::string key, core::Location where, std::string message) {
  if (buffer_) {
    buffer_->push_back({std::move(key), std::move(where), std::move(message)});
  } else {
    diags_->warning_once(key, std::move(where), std::move(message));
  }
}

void Reporter::replay(const std::vector<Entry>& entries, core::Diagnostics& diags) {
  for (const auto& e : entries) {
    if (e.key.empty()) {
      diags.warning(e.where, e.message);
    } else {
      diags.warning_once(e.key, e.where, e.message);
    }
  }
}

}  // namespace octavo::typeset
