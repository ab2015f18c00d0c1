#include "typeset/fonts.hpp"

#include <hb-ot.h>
#include <algorithm>
#include <atomic>
#include <thread>
#include <hb.h>

namespace octavo::typeset {
namespace {

// An outline fingerprint: FNV-1a over the drawing commands and their coordinates.
struct OutlineHasher {
  std::uint64_t h = 1469598103934665603ull;
  void add(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= (v >> (8 * i)) & 0xFF;
      h *= 1099511628211ull;
    }
  }
  void add(float x, float y) {
    add(static_cast<std::uint64_t>(static_cast<std::int64_t>(x * 16)));
    add(static_cast<std::uint64_t>(static_cast<std::int64_t>(y * 16)));
  }
};

void hash_move(hb_draw_funcs_t*, void* d, hb_draw_state_t*, float x, float y, void*) {
  auto* h = static_cast<OutlineHasher*>(d);
  h->add(1);
  h->add(x, y);
}
void hash_line(hb_draw_funcs_t*, void* d, hb_draw_state_t*, float x, float y, void*) {
  auto* h = static_cast<OutlineHasher*>(d);
  h->add(2);
  h->add(x, y);
}
void hash_quad(hb_draw_funcs_t*, void* d, hb_draw_state_t*, float cx, float cy, float x, float y, void*) {
  auto* h = static_cast<OutlineHasher*>(d);
  h->add(3);
  h->add(cx, cy);
  h->add(x, y);
}
void hash_cubic(hb_draw_funcs_t*, void* d, hb_draw_state_t*, float c1x, float c1y, float c2x, float c2y,
                float x, float y, void*) {
  auto* h = static_cast<OutlineHasher*>(d);
  h->add(4);
  h->add(c1x, c1y);
  h->add(c2x, c2y);
  h->add(x, y);
}
void hash_close(hb_draw_funcs_t*, void* d, hb_draw_state_t*, void*) { static_cast<OutlineHasher*>(d)->add(5); }

hb_draw_funcs_t* hash_funcs() {
  static hb_draw_funcs_t* funcs = [] {
    hb_draw_funcs_t* f = hb_draw_funcs_create();
    hb_draw_funcs_set_move_to_func(f, hash_move, nullptr, nullptr);
    hb_draw_funcs_set_line_to_func(f, hash_line, nullptr, nullptr);
    hb_draw_funcs_set_quadratic_to_func(f, hash_quad, nullptr, nullptr);
    hb_draw_funcs_set_cubic_to_func(f, hash_cubic, nullptr, nullptr);
    hb_draw_funcs_set_close_path_func(f, hash_close, nullptr, nullptr);
    hb_draw_funcs_make_immutable(f);
    return f;
  }();
  return funcs;
}

}  // namespace

std::uint64_t Face::outline_hash(std::uint32_t gid) const {
  std::lock_guard<std::mutex> lock(outline_mutex_);
  if (auto it = outline_hash_.find(gid); it != outline_hash_.end()) return it->second;
  OutlineHasher h;
  hb_font_get_glyph_shape(font_, gid, hash_funcs(), &h);
  outline_hash_.emplace(gid, h.h);
  return h.h;
}

double Face::top_em(char32_t cp) const {
  hb_glyph_extents_t extents{};
  if (!has(cp) || !hb_font_get_glyph_extents(font_, glyph(cp), &extents)) return 0;
  return static_cast<double>(extents.y_bearing) / upem_;
}

bool Face::draws(char32_t cp, std::uint32_t gid) const {
  const std::uint32_t own = glyph(cp);
  if (own == 0) return false;
  if (own == gid) return true;
  return advance_units(own) == advance_units(gid) && outline_hash(own) == outline_hash(gid);
}

std::unique_ptr<Face> Face::load(const std::filesystem::path& path, std::uint32_t id,
                                 std::string* error) {
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
  if (!blob) {
    if (error) *error = "cannot read the font file " + path.string();
    return nullptr;
  }
  hb_face_t* hb_face = hb_face_create(blob, 0);
  hb_blob_destroy(blob);
  unsigned upem = hb_face_get_upem(hb_face);
  unsigned glyph_count = hb_face_get_glyph_count(hb_face);
  if (glyph_count == 0 || upem == 0) {
    hb_face_destroy(hb_face);
    if (error) *error = "not a usable TrueType font: " + path.string();
    return nullptr;
  }
  std::unique_ptr<Face> face(new Face());
  face->path_ = path.string();
  face->id_ = id;
  face->upem_ = upem;
  face->font_ = hb_font_create(hb_face);
  hb_face_destroy(hb_face);  // the font keeps its own reference
  hb_font_set_scale(face->font_, static_cast<int>(upem), static_cast<int>(upem));

  face->cmap_.assign(0x10000, 0);
  hb_set_t* unicodes = hb_set_create();
  hb_face_collect_unicodes(hb_font_get_face(face->font_), unicodes);
  hb_codepoint_t cp = HB_SET_VALUE_INVALID;
  while (hb_set_next(unicodes, &cp)) {
    if (cp >= 0x10000) break;
    hb_codepoint_t gid = 0;
    if (hb_font_get_nominal_glyph(face->font_, cp, &gid) && gid < 0x10000)
      face->cmap_[cp] = static_cast<std::uint16_t>(gid);
  }
  hb_set_destroy(unicodes);

  face->advance_.resize(glyph_count);
  for (unsigned g = 0; g < glyph_count; ++g)
    face->advance_[g] = hb_font_get_glyph_h_advance(face->font_, g);

  hb_font_extents_t ext{};
  if (hb_font_get_h_extents(face->font_, &ext)) {
    face->ascender_ = static_cast<double>(ext.ascender) / upem;
    face->descender_ = static_cast<double>(ext.descender) / upem;
  }
  // Shaping from several threads with one hb_font_t is safe once it is immutable.
  hb_font_make_immutable(face->font_);
  return face;
}

Face::~Face() {
  if (font_) hb_font_destroy(font_);
}

const Face* FontLibrary::load_face(const std::filesystem::path& path, core::Diagnostics& diags,
                                   const core::Location& where, const std::string& family) {
  std::string key = path.lexically_normal().string();
  if (auto it = by_path_.find(key); it != by_path_.end()) return it->second;
  std::string error;
  std::unique_ptr<Face> face;
  if (auto it = ahead_.find(key); it != ahead_.end()) {
    face = std::move(it->second.first);
    error = std::move(it->second.second);
    ahead_.erase(it);
    if (face) face->id_ = static_cast<std::uint32_t>(faces_.size());
  } else {
    face = Face::load(path, static_cast<std::uint32_t>(faces_.size()), &error);
  }
  if (!face) {
    diags.error(where, "font family \"" + family + "\": " + error);
    return nullptr;
  }
  const Face* raw = face.get();
  faces_.push_back(std::move(face));
  by_path_.emplace(key, raw);
  return raw;
}

bool FontLibrary::load_family(const style::FontFamily& f, Family& out, core::Diagnostics& diags,
                              const core::Location& where) {
  if (f.regular.empty()) {
    diags.error(where, "font family \"" + f.name + "\" has no regular face");
    return false;
  }
  const Face* regular = load_face(f.regular, diags, where, f.name);
  if (!regular) return false;
  out.fill(regular);
  const std::filesystem::path* others[3] = {&f.italic, &f.bold, &f.bold_italic};
  for (int i = 0; i < 3; ++i) {
    if (others[i]->empty()) continue;
    const Face* face = load_face(*others[i], diags, where, f.name);
    if (!face) return false;
    out[static_cast<std::size_t>(i + 1)] = face;
  }
  // A family with bold but no bold italic is better served by bold than by regular.
  if (f.bold_italic.empty() && !f.bold.empty()) out[3] = out[2];
  return true;
}

bool FontLibrary::load(const style::Style& style, core::Diagnostics& diags, const core::Location& where,
                       unsigned jobs) {
  // Reading a face (its cmap, every glyph's advance) takes a few milliseconds and a
  // style names several: they are read side by side first, then taken in order below,
  // so that ids and diagnostics are what one face after another would give.
  std::vector<std::pair<std::string, std::filesystem::path>> paths;
  std::vector<const style::FontFamily*> families = {&style.body_font, &style.heading_font, &style.mono_font};
  for (const auto& f : style.fallback) families.push_back(&f);
  for (const auto* family : families)
    for (const auto* path : {&family->regular, &family->italic, &family->bold, &family->bold_italic}) {
      if (path->empty()) continue;
      std::string key = path->lexically_normal().string();
      if (by_path_.count(key) || ahead_.count(key)) continue;
      ahead_[key];
      paths.emplace_back(std::move(key), *path);
    }
  {
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
      for (std::size_t i = next++; i < paths.size(); i = next++) {
        auto& slot = ahead_.at(paths[i].first);  // the map is not changed meanwhile
        slot.first = Face::load(paths[i].second, 0, &slot.second);
      }
    };
    const unsigned hardware = jobs > 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
    const auto threads = static_cast<unsigned>(std::min<std::size_t>(hardware, paths.size()));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
  }
  bool ok = load_family(style.body_font, roles_[0], diags, where);
  // A style may leave the heading or mono family empty: the body family stands in.
  roles_[1] = roles_[0];
  roles_[2] = roles_[0];
  if (ok && !style.heading_font.regular.empty())
    ok = load_family(style.heading_font, roles_[1], diags, where);
  if (ok && !style.mono_font.regular.empty())
    ok = load_family(style.mono_font, roles_[2], diags, where);
  for (const auto& f : style.fallback) {
    if (!ok) break;
    Family fam{};
    ok = load_family(f, fam, diags, where);
    if (ok) fallback_.push_back(fam);
  }
  ahead_.clear();  // faces not asked for, after an error
  return ok;
}

const Face& FontLibrary::primary(FontRole role, Variant variant) const {
  return *roles_[static_cast<std::size_t>(role)][static_cast<std::size_t>(variant)];
}

const Face* FontLibrary::face_for(char32_t cp, FontRole role, Variant variant) const {
  auto v = static_cast<std::size_t>(variant);
  const Face* own = roles_[static_cast<std::size_t>(role)][v];
  if (own->has(cp)) return own;
  if (role == FontRole::heading && roles_[0][v]->has(cp)) return roles_[0][v];
  for (const auto& fam : fallback_)
    if (fam[v]->has(cp)) return fam[v];
  // A fallback family may lack the variant's glyph but have the regular one.
  for (const auto& fam : fallback_)
    if (fam[0]->has(cp)) return fam[0];
  return nullptr;
}

int FontLibrary::document_font(const Face& face, std::vector<FontFile>& fonts) const {
  if (doc_index_.size() < faces_.size()) doc_index_.resize(faces_.size(), -1);
  int& index = doc_index_[face.id()];
  if (index < 0) {
    index = static_cast<int>(fonts.size());
    fonts.push_back(FontFile{std::filesystem::absolute(face.path()).lexically_normal().string()});
  }
  return index;
}

}  // namespace octavo::typeset
