#pragma once
// Stage timings for `octavo build --timings`: where a build's time goes, as a timeline
// (start and end of each stage since the build began, and the thread it ran on), so that
// a user can see which stage to blame and which stages ran side by side.
//
// Off unless enabled; a Stage then costs one relaxed atomic load. Stages may be timed
// on any thread; the record is printed once the build is done.
#include <chrono>
#include <cstdio>
#include <string>

namespace octavo::core::timings {

/// Starts recording; the timeline's zero is now. Clears earlier stages.
void enable();
bool enabled();

/// Times its own lifetime as the stage `name` (a string literal: the pointer is kept).
class Stage {
 public:
  explicit Stage(const char* name);
  ~Stage();
  Stage(const Stage&) = delete;
  Stage& operator=(const Stage&) = delete;
  /// Adds a note to the line, such as "3 of 387 chapters".
  void note(std::string text);

 private:
  const char* name_;
  std::chrono::steady_clock::time_point start_;
  std::string note_;
  bool on_;
};

/// Prints the stages recorded, in order of their start, and forgets them.
void print(std::FILE* to);

}  // namespace octavo::core::timings
