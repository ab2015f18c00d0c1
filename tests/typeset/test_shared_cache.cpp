// The cache the layout threads share (shaping and hyphenation), and the hyphenator
// called from several threads at once.
#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "typeset/hyphenate.hpp"
#include "typeset/shared_cache.hpp"

using namespace octavo::typeset;

TEST_CASE("a value is made once per (tag, text) and its reference stays put") {
  SharedTextCache<std::string> cache;
  int made = 0;
  const auto make = [&](std::string v) {
    return [&made, v] {
      ++made;
      return v;
    };
  };
  const std::string& a = cache.get(0, "word", make("a"));
  CHECK(a == "a");
  CHECK(&cache.get(0, "word", make("other")) == &a);  // found: not made again
  CHECK(cache.get(1, "word", make("b")) == "b");      // another tag is another key
  CHECK(cache.get(0, "word2", make("c")) == "c");
  CHECK(made == 3);
  for (int i = 0; i < 20000; ++i) cache.get(0, std::to_string(i), make("x"));
  CHECK(&cache.get(0, "word", make("other")) == &a);  // rehashing did not move it
  CHECK(a == "a");
  CHECK(cache.size() == 20003);
}

TEST_CASE("threads storing the same keys all get the one stored value") {
  SharedTextCache<std::string> cache;
  constexpr int threads = 4, keys = 5000;
  std::vector<std::vector<const std::string*>> seen(threads, std::vector<const std::string*>(keys));
  std::atomic<int> made{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (int k = 0; k < keys; ++k) {
        const int key = (t % 2 == 0) ? k : keys - 1 - k;  // half of them from the other end
        seen[t][key] = &cache.get(static_cast<std::uint32_t>(key % 3), "w" + std::to_string(key), [&] {
          ++made;
          return "v" + std::to_string(key);
        });
      }
    });
  for (auto& th : pool) th.join();
  CHECK(cache.size() == keys);
  CHECK(made >= keys);  // two threads may both make a key; one result is kept
  for (int k = 0; k < keys; ++k) {
    CHECK(*seen[0][k] == "v" + std::to_string(k));
    for (int t = 1; t < threads; ++t) CHECK(seen[t][k] == seen[0][k]);
  }
}

TEST_CASE("one hyphenator used by several threads gives each word its points") {
  octavo::core::Diagnostics diags;
  const std::vector<std::string> words = {"hyphenation", "conversation", "typesetting", "extraordinary",
                                          "circumstances", "acquaintance", "neighbourhood", "understanding"};
  Hyphenator alone("en", {6, 2, 3}, diags, {});
  REQUIRE(alone.available());
  std::vector<std::vector<std::uint16_t>> expected;
  for (const auto& w : words) expected.push_back(alone.points(w));
  CHECK(expected[0] == std::vector<std::uint16_t>{2, 6});

  Hyphenator shared("en", {6, 2, 3}, diags, {});
  std::atomic<int> wrong{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < 4; ++t)
    pool.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round)
        for (std::size_t i = 0; i < words.size(); ++i) {
          const std::size_t w = (i + static_cast<std::size_t>(t)) % words.size();
          // Distinct spellings each round, so that most calls reach libhyphen.
          std::string word = words[w];
          if (round % 2) word[0] = static_cast<char>(word[0] - 'a' + 'A');
          if (shared.points(word + std::string(static_cast<std::size_t>(round / 2), 's')).empty()) ++wrong;
          if (shared.points(words[w]) != expected[w]) ++wrong;
        }
    });
  for (auto& th : pool) th.join();
  CHECK(wrong == 0);
}
