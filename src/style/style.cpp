#include "style/style.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include <toml++/toml.h>

#include "core/files.hpp"
#include "core/length.hpp"
#include "style/numbering.hpp"
#include "style/schema.hpp"

namespace octavo::style {
namespace {

constexpr int max_extends_depth = 8;

core::Location location_of(const toml::source_region& region, const std::string& path) {
  return {path, static_cast<std::uint32_t>(region.begin.line),
          static_cast<std::uint32_t>(region.begin.column)};
}

/// Reads fonts/fonts.toml: family name → faces.
class FontRegistry {
public:
  FontRegistry(const fs::path& fonts_dir, core::Diagnostics& diags) : dir_(fonts_dir) {
    const auto manifest = fonts_dir / "fonts.toml";
    try {
      const auto table = toml::parse_file(manifest.string());
      for (const auto& [name, node] : table) {
        const auto* faces = node.as_table();
        if (!faces) continue;
        FontFamily f;
        f.name = std::string(name.str());
        const auto face = [&](const char* key) {
          const auto file = (*faces)[key].value<std::string>();
          return file ? dir_ / *file : fs::path{};
        };
        f.regular = face("regular");
        f.italic = face("italic");
        f.bold = face("bold");
        f.bold_italic = face("bold-italic");
        families_[f.name] = f;
      }
    } catch (const toml::parse_error& e) {
      diags.error(location_of(e.source(), manifest.string()),
                  "cannot read the font list: " + std::string(e.description()));
    }
  }

  const FontFamily* find(const std::string& name) const {
    const auto it = families_.find(name);
    return it == families_.end() ? nullptr : &it->second;
  }

  std::string names() const {
    std::string out;
    for (const auto& [name, _] : families_) out += (out.empty() ? "" : ", ") + name;
    return out;
  }

private:
  fs::path dir_;
  std::map<std::string, FontFamily> families_;
};

// The keys of an [epub] or [pdf] table apply to that output only.
enum class Only { both, epub, pdf };

// Keys that describe printed pages: an [epub] table cannot hold them.
bool print_only(const std::string& path) {
  return path.starts_with("page.") || path.starts_with("running-heads.") || path.starts_with("folio.");
}

const KeySpec* find_spec(const std::string& path) {
  const auto& keys = schema();
  const auto it = std::find_if(keys.begin(), keys.end(), [&](const KeySpec& s) { return s.path == path; });
  return it == keys.end() ? nullptr : &*it;
}

bool known_table(const std::string& path) {
  const auto& keys = schema();
  return std::any_of(keys.begin(), keys.end(), [&](const KeySpec& s) { return s.path.starts_with(path + "."); });
}

struct Loader {
  const Resources& resources;
  core::Diagnostics& diags;
  FontRegistry fonts;
  std::vector<fs::path> chain;  // files being loaded, to catch `extends` cycles
  std::map<std::string, core::Location> set_at;  // where each key got its value

  struct Entry {
    const KeySpec* spec;
    KeyValue value;
    core::Location where;
    Only only = Only::both;
  };
  // One file's entries (or the book's [style] table), in the order they apply.
  struct Layer {
    fs::path dir;
    std::vector<Entry> entries;
  };
  std::vector<Layer> layers;
  std::set<std::string> reported;  // the style is resolved twice: each problem is told once
  // The folders files may be read from: the book's, octavo's styles/ and fonts/, and that
  // of a style named on the command line. A style or font path elsewhere (after symlinks
  // and "..") is refused: a manuscript built on a server reads nothing outside them.
  std::vector<fs::path> roots;

  bool allowed(const fs::path& file, const std::string& what, const std::string& shown,
               const core::Location& where) {
    for (const auto& root : roots)
      if (core::is_inside(root, file)) return true;
    error(where, what + " '" + shown + "' is outside the book folder",
          {"styles and fonts are read from the book folder, octavo's own styles and fonts, and a "
           "style named with --style: copy the file into the book folder"});
    return false;
  }

  void error(const core::Location& where, const std::string& message, std::vector<std::string> hints = {}) {
    if (!reported.insert(core::format({core::Severity::error, where, message, {}})).second) return;
    diags.error(where, message, std::move(hints));
  }

  // A family named in the registry, or a path to one .ttf used for all four faces.
  std::optional<FontFamily> resolve_family(const std::string& value, const fs::path& style_dir,
                                           const core::Location& where) {
    if (const auto* f = fonts.find(value)) return *f;
    if (value.ends_with(".ttf")) {
      const fs::path file = fs::path(value).is_absolute() ? fs::path(value) : style_dir / value;
      if (!allowed(file, "font file", value, where)) return std::nullopt;
      std::error_code ec;
      if (!fs::is_regular_file(file, ec)) {
        error(where, "font file '" + value + "' does not exist");
        return std::nullopt;
      }
      FontFamily f{fs::path(value).stem().string(), file, file, file, file};
      return f;
    }
    error(where, "unknown font family '" + value + "'",
                {"shipped families: " + fonts.names(), "or give the path of a .ttf file"});
    return std::nullopt;
  }

  // Checks one leaf against its spec and converts it. False when it was reported.
  // `shown`: the key as the file wrote it ("epub.body.size").
  bool read_value(const KeySpec& spec, const std::string& shown, const toml::node& node,
                  const fs::path& style_dir, const core::Location& where, KeyValue& out) {
    const auto type_error = [&](const char* expected) {
      diags.error(where, "'" + shown + "' must be " + expected);
      return false;
    };
    switch (spec.kind) {
      case KeyKind::length: {
        std::optional<core::Length> length;
        if (const auto s = node.value_exact<std::string>()) {
          length = core::parse_length(*s);
          if (!length) {
            diags.error(where, "'" + shown + "': '" + *s + "' is not a length",
                        {"write a number with a unit: pt, mm, cm, in or em (e.g. \"11pt\")"});
            return false;
          }
        } else if (node.is_number()) {
          length = core::Length{*node.value<double>(), core::Unit::pt};
        } else {
          return type_error("a length such as \"11pt\"");
        }
        // A percentage is of the body size, like em (150% = 1.5em); the page has no
        // body size to be a percentage of.
        if (length->unit == core::Unit::percent && spec.path.starts_with("page."))
          return type_error("a length in pt, mm, cm, in or em");
        out.relative_em = length->relative();
        out.number = length->unit == core::Unit::percent ? length->value / 100
                     : out.relative_em                  ? length->value
                                                        : length->to_points();
        return true;
      }
      case KeyKind::number:
      case KeyKind::integer: {
        if (spec.kind == KeyKind::integer ? !node.is_integer() : !node.is_number())
          return type_error(spec.kind == KeyKind::integer ? "a whole number" : "a number");
        out.number = *node.value<double>();
        break;
      }
      case KeyKind::boolean: {
        const auto b = node.value_exact<bool>();
        if (!b) return type_error("true or false");
        out.boolean = *b;
        return true;
      }
      case KeyKind::string:
      case KeyKind::choice:
      case KeyKind::family: {
        const auto s = node.value_exact<std::string>();
        if (!s) return type_error("a string");
        out.text = *s;
        if (spec.kind == KeyKind::choice &&
            std::find(spec.choices.begin(), spec.choices.end(), *s) == spec.choices.end()) {
          std::string valid;
          for (const auto& c : spec.choices) valid += (valid.empty() ? "" : ", ") + c;
          diags.error(where, "'" + shown + "': unknown value '" + *s + "'", {"valid values: " + valid});
          return false;
        }
        if (spec.path.starts_with("headings.") && spec.path.ends_with(".number")) {
          if (const auto problem = number_format_problem(*s)) {
            diags.error(where, "'" + shown + "': " + *problem,
                        {"write {n} (1, 2, 3), {R} (I, II), {r} (i, ii), {w} (one) or {W} (One), "
                         "e.g. \"Chapter {W}\""});
            return false;
          }
        }
        if (spec.kind == KeyKind::family) {
          auto family = resolve_family(*s, style_dir, where);
          if (!family) return false;
          out.family = std::move(*family);
        }
        return true;
      }
      case KeyKind::string_list: {
        const auto* array = node.as_array();
        if (!array) return type_error("an array of strings");
        for (const auto& item : *array) {
          const auto s = item.value_exact<std::string>();
          if (!s) return type_error("an array of strings");
          out.list.push_back(*s);
        }
        return true;
      }
    }
    if (spec.max > spec.min && (out.number < spec.min || out.number > spec.max)) {
      diags.error(where, "'" + shown + "' is out of range: " + std::to_string(out.number));
      return false;
    }
    return true;
  }

  // Walks a parsed file and collects its entries; unknown keys are errors. In an [epub]
  // or [pdf] table (`only`), the keys are the style's own, or that output's.
  void collect(const toml::table& table, const std::string& prefix, const std::string& file,
               const fs::path& style_dir, std::vector<Entry>& out, Only only = Only::both) {
    const std::string target = only == Only::epub ? "epub" : only == Only::pdf ? "pdf" : "";
    for (const auto& [key, node] : table) {
      const std::string path = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
      const std::string shown = target.empty() ? path : target + "." + path;
      const auto where = location_of(key.source().begin.line ? key.source() : node.source(), file);
      if (only == Only::both && prefix.empty() && (path == "epub" || path == "pdf") && node.is_table()) {
        collect(*node.as_table(), "", file, style_dir, out, path == "epub" ? Only::epub : Only::pdf);
        continue;
      }
      // In a target table: that output's own keys, then every key a style may hold but
      // `extends`, `description` and the tables of the outputs.
      const bool style_key = only != Only::both && path != "extends" && path != "description" &&
                             !path.starts_with("epub.") && !path.starts_with("pdf.");
      const KeySpec* spec = find_spec(shown);
      if (!spec && style_key) spec = find_spec(path);
      if (!spec) {
        if (node.is_table() && (known_table(shown) || (style_key && known_table(path)))) {
          collect(*node.as_table(), path, file, style_dir, out, only);
          continue;
        }
        auto near = nearest_key(shown);
        if (near.empty() && style_key && !(near = nearest_key(path)).empty()) near = target + "." + near;
        diags.error(where, "unknown style key '" + shown + "'",
                    near.empty() ? std::vector<std::string>{"see docs/styles.md for the keys"}
                                 : std::vector<std::string>{"did you mean '" + near + "'?"});
        continue;
      }
      if (only == Only::epub && print_only(spec->path)) {
        diags.error(where, "'" + shown + "' has no meaning in an EPUB, which has no pages",
                    {"set it in the style itself or under [pdf]"});
        continue;
      }
      Entry entry{spec, {}, where, only};
      if (read_value(*spec, shown, node, style_dir, where, entry.value)) out.push_back(std::move(entry));
    }
  }

  // Applies one layer's entries for output `target`: the keys for both outputs first,
  // then the target's own, each in schema order so that em lengths see the body size
  // already set.
  void apply(Style& style, const Layer& layer, Only target) {
    const auto& keys = schema();
    std::vector<const Entry*> entries;
    for (const auto& e : layer.entries)
      if (e.only == Only::both || e.only == target) entries.push_back(&e);
    std::stable_sort(entries.begin(), entries.end(), [&](const Entry* a, const Entry* b) {
      const auto rank = [&](const Entry* e) { return std::pair(e->only != Only::both, e->spec - keys.data()); };
      return rank(a) < rank(b);
    });
    const fs::path& style_dir = layer.dir;
    for (const Entry* entry : entries) {
      const Entry& e = *entry;
      const auto& path = e.spec->path;
      KeyValue v = e.value;
      set_at[path] = e.where;
      if (e.spec->kind == KeyKind::length) {
        // Ems are of the body size; the two indents and the word spacing are kept in
        // ems, the rest in points.
        const bool keep_em = path == "body.indent" || path == "blockquote.indent" ||
                             path == "verse.indent" || path == "body.word-spacing" ||
                             path == "footnotes.indent";
        if (keep_em) {
          v.number = v.relative_em ? v.number : v.number / style.body.size;
        } else if (v.relative_em) {
          if (path == "body.size") {
            error(e.where, "'body.size' cannot be in em or %: it defines the em");
            continue;
          }
          v.number *= style.body.size;
        }
        if (e.spec->max > e.spec->min && (v.number < e.spec->min || v.number > e.spec->max)) {
          error(e.where, "'" + path + "' is out of range", {"allowed: " + range_text(*e.spec, keep_em)});
          continue;
        }
      }
      if (path == "page.size") {
        apply_preset(style.page, v.text);
      } else if (path == "body.indent") {
        style.body.indent_em = v.number;
      } else if (path == "blockquote.indent") {
        style.blockquote_indent_em = v.number;
      } else if (path == "scene-break.image") {
        set_scene_break_image(style, v.text, style_dir, e.where);
      } else if (path == "footnotes.indent") {
        style.notes.indent_em = v.number;
      } else if (path == "verse.indent") {
        style.verse.indent_em = v.number;
      } else if (path == "body.word-spacing") {
        style.body.word_spacing_em = v.number;
      } else if (path == "fonts.fallback") {
        style.fallback.clear();
        for (const auto& name : v.list)
          if (auto f = resolve_family(name, style_dir, e.where)) style.fallback.push_back(*f);
      } else if (e.spec->apply) {
        e.spec->apply(style, v);
      }
    }
  }

  // scene-break.image: a PNG or JPEG inside the folder of the file that names it.
  void set_scene_break_image(Style& style, const std::string& value, const fs::path& style_dir,
                             const core::Location& where) {
    if (value.empty()) {
      style.scene_break_image.clear();
      return;
    }
    if (value.find("://") != std::string::npos) {
      error(where, "'scene-break.image': '" + value + "' is a URL; images are read from files, never fetched");
      return;
    }
    const fs::path file = (style_dir / value).lexically_normal();
    if (!core::is_inside(style_dir, file)) {
      error(where, "'scene-break.image': '" + value + "' is outside the style's folder");
      return;
    }
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
      error(where, "'scene-break.image': '" + value + "' does not exist");
      return;
    }
    std::string why;
    const auto bytes = core::read_file(file, &why);
    const auto info = bytes ? core::probe_image(*bytes, &why) : std::nullopt;
    if (!info) {
      error(where, "'scene-break.image': '" + value + "' is not a usable PNG or JPEG: " + why);
      return;
    }
    style.scene_break_image = fs::absolute(file);
    style.scene_break_image_info = *info;
  }

  static std::string range_text(const KeySpec& spec, bool em) {
    const auto num = [](double d) {
      auto s = std::to_string(d);
      s.erase(s.find_last_not_of('0') + 1);
      if (s.back() == '.') s.pop_back();
      return s;
    };
    return num(spec.min) + "–" + num(spec.max) + (em ? " em" : " pt");
  }

  static void apply_preset(Page& page, const std::string& preset) {
    static const std::map<std::string, std::pair<double, double>> sizes = {
        {"5x8in", {360, 576}},   {"5.25x8in", {378, 576}}, {"5.5x8.5in", {396, 612}},
        {"6x9in", {432, 648}},   {"a5", {419.53, 595.28}}, {"b5", {498.9, 708.66}},
        {"a4", {595.28, 841.89}}, {"letter", {612, 792}}};
    const auto& [w, h] = sizes.at(preset);
    page.width = w;
    page.height = h;
  }

  // Reads `file` (after what it extends) into `layers`. False when it reported errors.
  // `from`: the `extends` entry that named it, if any.
  bool load_file(const fs::path& file, const core::Location& from = {}) {
    const core::Location where = from.path.empty() ? core::Location{file.string(), 0, 0} : from;
    if (std::find(chain.begin(), chain.end(), fs::weakly_canonical(file)) != chain.end()) {
      diags.error(where, "'extends' goes round in a circle: '" + file.filename().string() +
                             "' is already being loaded");
      return false;
    }
    if (chain.size() >= max_extends_depth) {
      diags.error(where, "'extends' goes more than " + std::to_string(max_extends_depth) + " styles deep");
      return false;
    }
    toml::table table;
    try {
      table = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
      diags.error(location_of(e.source(), file.string()), std::string(e.description()));
      return false;
    }
    chain.push_back(fs::weakly_canonical(file));
    const auto errors_before = diags.error_count();
    if (const auto* parent = table.get("extends")) {
      const auto where = location_of(parent->source(), file.string());
      const auto name = parent->value_exact<std::string>();
      if (!name) {
        diags.error(where, "'extends' must be the name of a style");
      } else if (auto parent_file = find_style_file(*name, file.parent_path(), where)) {
        load_file(*parent_file, where);
      }
    }
    Layer layer{file.parent_path(), {}};
    collect(table, "", file.string(), file.parent_path(), layer.entries);
    layers.push_back(std::move(layer));
    chain.pop_back();
    return diags.error_count() == errors_before;
  }

  std::optional<fs::path> find_style_file(const std::string& name, const fs::path& base_dir,
                                          const core::Location& where) {
    std::error_code ec;
    if (name.find('/') != std::string::npos || name.ends_with(".toml")) {
      const fs::path file = fs::path(name).is_absolute() ? fs::path(name) : base_dir / name;
      if (!allowed(file, "style file", name, where)) return std::nullopt;
      if (fs::is_regular_file(file, ec)) return file;
      diags.error(where, "style file '" + name + "' does not exist");
      return std::nullopt;
    }
    const auto file = resources.styles_dir / (name + ".toml");
    if (fs::is_regular_file(file, ec)) return file;
    std::string names;
    for (const auto& [n, _] : shipped_styles(resources)) names += (names.empty() ? "" : ", ") + n;
    diags.error(where, "unknown style '" + name + "'",
                {"shipped styles: " + names, "or give the path of a .toml style file"});
    return std::nullopt;
  }
};

// Fills what no file set: families default to the shipped ones.
void complete(Style& style, Loader& loader) {
  const core::Location none{};
  if (style.body_font.regular.empty())
    if (auto f = loader.resolve_family("Gentium Book Plus", {}, none)) style.body_font = *f;
  if (style.heading_font.regular.empty()) style.heading_font = style.body_font;
  if (style.mono_font.regular.empty())
    if (auto f = loader.resolve_family("DejaVu Sans Mono", {}, none)) style.mono_font = *f;
}

}  // namespace

std::optional<Styles> load_style(const std::string& name_or_path, const fs::path& base_dir,
                                const Resources& resources, const core::Location& where,
                                core::Diagnostics& diags, const fs::path& book_toml,
                                bool named_on_command_line) {
  const auto errors_before = diags.error_count();
  Loader loader{resources, diags, FontRegistry(resources.fonts_dir, diags), {}, {}, {}, {}, {}};
  const std::string name = name_or_path.empty() ? "classic" : name_or_path;
  loader.roots = {resources.styles_dir, resources.fonts_dir, book_toml.empty() ? base_dir : book_toml.parent_path()};
  if (named_on_command_line && (name.find('/') != std::string::npos || name.ends_with(".toml")))
    loader.roots.push_back((fs::path(name).is_absolute() ? fs::path(name) : base_dir / name).parent_path());
  const auto file = loader.find_style_file(name, base_dir, where);
  if (!file) return std::nullopt;
  if (!loader.load_file(*file)) return std::nullopt;
  if (!book_toml.empty()) {
    // The book's own changes: the [style] table of its book.toml, applied last. (A
    // book.toml that does not parse is the manuscript stage's to report.)
    toml::table root;
    try {
      root = toml::parse_file(book_toml.string());
    } catch (const toml::parse_error&) {
    }
    if (const auto* table = root["style"].as_table()) {
      toml::table keys = *table;
      for (const auto& [key, node] : *table)
        if (key.str() == "extends" || key.str() == "description") {
          diags.error(location_of(key.source(), book_toml.string()),
                      "'" + std::string(key.str()) + "' belongs in a style file, not in book.toml's [style]",
                      {"choose the style with `style = \"…\"` under [build]; [style] changes its keys"});
          keys.erase(key.str());
        }
      Loader::Layer layer{book_toml.parent_path(), {}};
      loader.collect(keys, "", book_toml.string(), book_toml.parent_path(), layer.entries);
      loader.layers.push_back(std::move(layer));
    }
  }
  Styles out;
  for (const auto& [style, target] : {std::pair{&out.epub, Only::epub}, std::pair{&out.pdf, Only::pdf}}) {
    style->name = file->stem().string();
    for (const auto& layer : loader.layers) loader.apply(*style, layer, target);
    complete(*style, loader);
  }
  // Only the PDF has pages.
  const Style& style = out.pdf;
  // The margins must leave a text block: at least a fifth of the page each way.
  const auto margin_error = [&](const char* which, double a, double b, double page,
                                std::initializer_list<const char*> keys) {
    core::Location where{file->string(), 0, 0};
    for (const char* key : keys)
      if (auto it = loader.set_at.find(key); it != loader.set_at.end()) {
        where = it->second;
        break;
      }
    const auto in = [](double pt) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g in", std::round(pt / 72.0 * 100) / 100);
      return std::string(buf);
    };
    diags.error(where, std::string("the ") + which + " margins (" + in(a) + " + " + in(b) +
                           ") leave less than a fifth of the page's " + in(page) + " for text");
  };
  if (style.page.inner + style.page.outer >= style.page.width * 0.8) {
    margin_error("inner and outer", style.page.inner, style.page.outer, style.page.width,
                 {"page.outer", "page.inner", "page.width", "page.size"});
    return std::nullopt;
  }
  if (style.page.top + style.page.bottom >= style.page.height * 0.8) {
    margin_error("top and bottom", style.page.top, style.page.bottom, style.page.height,
                 {"page.bottom", "page.top", "page.height", "page.size"});
    return std::nullopt;
  }
  if (diags.error_count() != errors_before) return std::nullopt;
  return out;
}

std::vector<std::pair<std::string, std::string>> shipped_styles(const Resources& resources) {
  std::vector<std::pair<std::string, std::string>> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(resources.styles_dir, ec)) {
    if (entry.path().extension() != ".toml") continue;
    std::string description;
    try {
      const auto table = toml::parse_file(entry.path().string());
      description = table["description"].value_or(std::string{});
    } catch (const toml::parse_error&) {
      description = "(cannot be read)";
    }
    out.emplace_back(entry.path().stem().string(), description);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace octavo::style
