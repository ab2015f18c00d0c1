#include "core/timings.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace octavo::core::timings {
namespace {

using Clock = std::chrono::steady_clock;

struct Record {
  const char* name;
  double start_ms, end_ms;
  std::thread::id thread;
  std::string note;
};

struct Recorder {
  std::atomic<bool> on{false};
  std::mutex mutex;
  Clock::time_point zero;
  std::vector<Record> records;
};

Recorder& recorder() {
  static Recorder r;
  return r;
}

double since(Clock::time_point zero, Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(t - zero).count();
}

}  // namespace

void enable() {
  auto& r = recorder();
  std::lock_guard lock(r.mutex);
  r.zero = Clock::now();
  r.records.clear();
  r.on.store(true, std::memory_order_relaxed);
}

bool enabled() { return recorder().on.load(std::memory_order_relaxed); }

Stage::Stage(const char* name) : name_(name), on_(enabled()) {
  if (on_) start_ = Clock::now();
}

void Stage::note(std::string text) {
  if (on_) note_ = std::move(text);
}

Stage::~Stage() {
  if (!on_) return;
  const auto end = Clock::now();
  auto& r = recorder();
  std::lock_guard lock(r.mutex);
  r.records.push_back({name_, since(r.zero, start_), since(r.zero, end), std::this_thread::get_id(),
                       std::move(note_)});
}

void print(std::FILE* to) {
  auto& r = recorder();
  std::lock_guard lock(r.mutex);
  std::stable_sort(r.records.begin(), r.records.end(),
                   [](const Record& a, const Record& b) { return a.start_ms < b.start_ms; });
  // Threads are numbered in order of their first stage: 0 is the one that began.
  std::vector<std::thread::id> threads;
  std::fprintf(to, "timings: start, end and length of each stage in ms, [thread]\n");
  for (const auto& rec : r.records) {
    auto it = std::find(threads.begin(), threads.end(), rec.thread);
    if (it == threads.end()) it = threads.insert(threads.end(), rec.thread);
    std::fprintf(to, "  %8.1f %8.1f %8.1f  [%zu] %s%s%s\n", rec.start_ms, rec.end_ms, rec.end_ms - rec.start_ms,
                 static_cast<std::size_t>(it - threads.begin()), rec.name, rec.note.empty() ? "" : ": ",
                 rec.note.c_str());
  }
  std::fprintf(to, "  %8.1f ms in all\n", since(r.zero, Clock::now()));
  r.records.clear();
}

}  // namespace octavo::core::timings
