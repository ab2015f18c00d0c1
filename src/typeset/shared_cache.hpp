#pragma once
// A cache from (tag, text) to a value, shared by the layout threads: the shaping cache
// (tag: face and flags) and the hyphenation cache (tag 0).
//
// It is split into shards by the key's hash, each under a mutex of its own, so two
// threads rarely want the same lock. One std::shared_mutex over the whole map (the first
// design) made a layout thread sleep on a futex whenever the other stored a word, and
// layout on two cores was barely faster than on one (Pride and Prejudice: 205 ms on
// one thread, 190 ms on two). A value is made outside any lock; should two threads make
// the same one, the first stored is kept (they are equal, whoever made it). References
// stay valid for the cache's lifetime: std::unordered_map does not move its nodes.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace octavo::typeset {

template <class Value>
class SharedTextCache {
public:
  /// The value stored for (tag, text), made by make() and stored when there is none.
  template <class Make>
  const Value& get(std::uint32_t tag, std::string_view text, Make&& make) {
    const View key{tag, text, hash(tag, text)};
    Shard& shard = shards_[(key.hash >> 32) % shard_count];
    {
      const std::lock_guard lock(shard.mutex);
      if (auto it = shard.map.find(key); it != shard.map.end()) return it->second;
    }
    Value made = make();
    const std::lock_guard lock(shard.mutex);
    return shard.map.try_emplace(Key{tag, std::string(text), key.hash}, std::move(made)).first->second;
  }

  std::size_t size() const {
    std::size_t n = 0;
    for (const Shard& s : shards_) {
      const std::lock_guard lock(s.mutex);
      n += s.map.size();
    }
    return n;
  }

private:
  static constexpr std::size_t shard_count = 64;
  struct Key {
    std::uint32_t tag;
    std::string text;
    std::size_t hash;
  };
  struct View {
    std::uint32_t tag;
    std::string_view text;
    std::size_t hash;
  };
  static std::size_t hash(std::uint32_t tag, std::string_view text) {
    return std::hash<std::string_view>{}(text) ^ (std::size_t{tag} * 0x9E3779B97F4A7C15ull);
  }
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(const Key& k) const { return k.hash; }
    std::size_t operator()(const View& k) const { return k.hash; }
  };
  struct Equal {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return a.tag == b.tag && std::string_view(a.text) == std::string_view(b.text);
    }
  };
  // One cache line each, so that threads locking neighbouring shards do not share one.
  struct alignas(64) Shard {
    mutable std::mutex mutex;
    std::unordered_map<Key, Value, Hash, Equal> map;
  };
  std::array<Shard, shard_count> shards_;
};

}  // namespace octavo::typeset
