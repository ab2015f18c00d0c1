#include "pdf/fonts.hpp"

#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <zlib.h>

#include "pdf/glyph_lookup.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

namespace octavo::pdf::detail {
namespace {

/// Workaround for libharu 2.3's ToUnicode CMap on UTF-8 fonts.
///
/// HPDF_Type0Font_New (hpdf_font_cid.c), run when HPDF_GetFont first pairs a TrueType
/// font with the "UTF-8" encoder, builds the font's /ToUnicode right away from the
/// encoder's tables: a stream in the xref, kept in the font's attr->cmap_stream, whose
/// text says `begincidrange <0000> <FFFF> 0`. That is a CID mapping, not a Unicode one:
/// poppler rejects it ("Invalid 'begincidrange' operator in ToUnicode CMap") and copy,
/// search and screen readers get nothing. The only later use libharu makes of the stream
/// is in the CIDFontType2 before-write hook, which sets its filter (compression).
///
/// So the stream can be corrected in place at any time before saving: drop the CMap
/// resource keys libharu put in its dictionary (/Type /CMap, /CMapName, /CIDSystemInfo,
/// /WMode, which describe the wrong kind of CMap), empty its data and write a CMap of
/// type 2 built from the code points this font really drew. Rewriting the same object
/// rather than adding a new one keeps a single ToUnicode in the file: a replaced entry
/// would still leave the broken stream written as an unreferenced object, since every
/// object in libharu's xref is saved. If a libharu build has no such stream, a new one
/// is made and added.
bool install_to_unicode(HaruDoc& doc, HPDF_Font font, const CodePointSet& used) {
  const std::string cmap = to_unicode_cmap(used);
  auto* attr = static_cast<HPDF_FontAttr>(font->attr);
  auto stream = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT));
  if (stream && stream->stream && stream->stream->type == HPDF_STREAM_MEMORY) {
    for (const char* key : {"Type", "CMapName", "CIDSystemInfo", "WMode"})
      HPDF_Dict_RemoveElement(stream, key);  // HPDF_DICT_ITEM_NOT_FOUND is fine
    HPDF_MemStream_FreeData(stream->stream);
  } else {
    stream = HPDF_DictStream_New(doc.get()->mmgr, doc.get()->xref);
    if (!stream || HPDF_Dict_Add(font, "ToUnicode", stream) != HPDF_OK) return false;
    if (attr) attr->cmap_stream = stream;  // so the before-write hook compresses it
  }
  return HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(cmap.data()),
                           static_cast<HPDF_UINT>(cmap.size())) == HPDF_OK &&
         !doc.failed();
}

HPDF_STATUS write_flate_array(HPDF_Dict, HPDF_Stream out) {
  return HPDF_Stream_WriteStr(out, "/Filter [ /FlateDecode ]\012");
}

/// An embedded font file on its way from libharu's memory stream to its deflated bytes.
struct FontFile {
  HPDF_Dict stream = nullptr;
  std::string raw;
  std::string packed;
  bool ok = false;
  KeptSubset* kept = nullptr;  // where the packed bytes are kept for the next PDF
  bool kept_stream = false;    // kept as a KeptStream instead
};

/// A memory stream whose bytes libharu would deflate while saving, and that nothing has
/// taken over yet.
bool deflated_on_save(HPDF_Dict stream) {
  return stream && stream->stream && stream->stream->type == HPDF_STREAM_MEMORY &&
         stream->filter == HPDF_STREAM_FILTER_FLATE_DECODE && !stream->write_fn;
}

std::string raw_bytes(HPDF_Stream stream) {
  std::string raw;
  for (HPDF_UINT i = 0, n = HPDF_MemStream_GetBufCount(stream); i < n; ++i) {
    HPDF_UINT length = 0;
    const HPDF_BYTE* bytes = HPDF_MemStream_GetBufPtr(stream, i, &length);
    if (bytes) raw.append(reinterpret_cast<const char*>(bytes), length);
  }
  return raw;
}

/// compress2 at zlib's default level: the bytes libharu's deflate (hpdf_streams.c
/// HPDF_Stream_WriteToStreamWithDeflate: deflateInit at Z_DEFAULT_COMPRESSION, default
/// window and memory) gives; how the input is fed to zlib does not change its output.
bool deflate_font_file(FontFile& file) {
  uLongf size = compressBound(static_cast<uLong>(file.raw.size()));
  file.packed.resize(size);
  file.ok = compress2(reinterpret_cast<Bytef*>(file.packed.data()), &size,
                      reinterpret_cast<const Bytef*>(file.raw.data()), static_cast<uLong>(file.raw.size()),
                      Z_DEFAULT_COMPRESSION) == Z_OK;
  file.packed.resize(size);
  return file.ok;
}

/// Gives `stream` deflated `packed` bytes, with filter NONE and a write hook that adds
/// the /Filter array libharu would have written, at the same place (last).
bool put_packed(HPDF_Dict stream, const std::string& packed) {
  HPDF_MemStream_FreeData(stream->stream);
  stream->filter = HPDF_STREAM_FILTER_NONE;
  stream->write_fn = write_flate_array;
  return HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(packed.data()),
                           static_cast<HPDF_UINT>(packed.size())) == HPDF_OK;
}

/// libharu's glyph flags of a TrueType font: which glyphs its subset holds.
std::vector<unsigned char> glyph_flags(HPDF_FontDef def) {
  const auto* tt = static_cast<const HPDF_TTFontDefAttr_Rec*>(def->attr);
  if (!tt->glyph_tbl.flgs) return {};
  return std::vector<unsigned char>(tt->glyph_tbl.flgs, tt->glyph_tbl.flgs + tt->num_glyphs);
}

/// The subset of `kept` that `font` (whose file is at `path`) would make, if there is one.
const KeptSubset* same_subset(const std::vector<KeptSubset>& kept, const std::string& path, HPDF_Font font) {
  const HPDF_FontDef def = static_cast<HPDF_FontAttr>(font->attr)->fontdef;
  if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || def->descriptor) return nullptr;
  const auto* tt = static_cast<const HPDF_TTFontDefAttr_Rec*>(def->attr);
  if (!tt->embedding || !tt->glyph_tbl.flgs) return nullptr;
  for (const KeptSubset& k : kept)
    if (k.path == path && k.name == tt->base_font && k.glyphs.size() == tt->num_glyphs &&
        std::equal(k.glyphs.begin(), k.glyphs.end(), tt->glyph_tbl.flgs))
      return &k;
  return nullptr;
}

/// The font descriptor and embedded font file of `font`, made as libharu's before-write
/// hook makes them (hpdf_font_cid.c CIDFontType2_BeforeWrite_Func, 2.3.0: the same calls
/// in the same order, so the same objects with the same numbers), but for the subset,
/// which is `kept`'s instead of HPDF_TTFontDef_SaveFontData's. The hook, run after, finds
/// the descriptor made and does the rest.
bool make_descriptor(HaruDoc& doc, HPDF_Font font, const KeptSubset& kept) {
  auto* attr = static_cast<HPDF_FontAttr>(font->attr);
  HPDF_FontDef def = attr->fontdef;
  auto* tt = static_cast<HPDF_TTFontDefAttr>(def->attr);
  HPDF_Dict descriptor = HPDF_Dict_New(font->mmgr);
  if (!descriptor) return false;
  HPDF_Dict font_data = HPDF_DictStream_New(font->mmgr, attr->xref);
  if (!font_data) return false;
  tt->length1 = kept.length1;  // what HPDF_TTFontDef_SaveFontData sets
  HPDF_STATUS ret = HPDF_Dict_Add(descriptor, "FontFile2", font_data);
  ret += HPDF_Dict_AddNumber(font_data, "Length1", tt->length1);
  ret += HPDF_Dict_AddNumber(font_data, "Length2", 0);
  ret += HPDF_Dict_AddNumber(font_data, "Length3", 0);
  if (ret != HPDF_OK || !put_packed(font_data, kept.packed)) return false;
  ret += HPDF_Xref_Add(attr->xref, descriptor);
  ret += HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
  ret += HPDF_Dict_AddNumber(descriptor, "Ascent", def->ascent);
  ret += HPDF_Dict_AddNumber(descriptor, "Descent", def->descent);
  ret += HPDF_Dict_AddNumber(descriptor, "Flags", def->flags);
  ret += HPDF_Dict_Add(descriptor, "FontBBox", HPDF_Box_Array_New(font->mmgr, def->font_bbox));
  ret += HPDF_Dict_AddName(descriptor, "FontName", tt->base_font);
  ret += HPDF_Dict_AddNumber(descriptor, "ItalicAngle", def->italic_angle);
  ret += HPDF_Dict_AddNumber(descriptor, "StemV", def->stemv);
  ret += HPDF_Dict_AddNumber(descriptor, "XHeight", def->x_height);
  if (ret != HPDF_OK || doc.failed()) return false;
  def->descriptor = descriptor;
  return true;
}

}  // namespace

FontTable::FontTable(HaruDoc& doc, const std::vector<typeset::FontFile>& files) : doc_(doc) {
  std::map<std::string, std::size_t> slot_by_path;
  slot_of_.reserve(files.size());
  for (const auto& file : files) {
    auto [it, added] = slot_by_path.try_emplace(file.path, slots_.size());
    if (added) slots_.push_back(Slot{file.path, nullptr, {}});
    slot_of_.push_back(it->second);
  }
}

HPDF_Font FontTable::font(int index, std::string* error) {
  Slot& slot = slots_[slot_of_[index]];
  if (slot.font) return slot.font;
  // Embedded (and subset: libharu writes only the glyphs text was measured with) as a
  // CID TrueType font with Identity-H, addressed through the UTF-8 encoder.
  const char* name = HPDF_LoadTTFontFromFile(doc_.get(), slot.path.c_str(), HPDF_TRUE);
  // A lookup of one step for the 65,536 glyphs HPDF_GetFont looks up (glyph_lookup.hpp);
  // a font whose cmap cannot be flattened is looked up as libharu does it.
  if (name) flatten_cmap(HPDF_Doc_FindFontDef(doc_.get(), name));
  HPDF_Font font = name ? HPDF_GetFont(doc_.get(), name, "UTF-8") : nullptr;
  if (!font || doc_.failed()) {
    if (error) *error = doc_.message("cannot load font " + slot.path);
    return nullptr;
  }
  slot.font = font;
  // Two paths may hold the same font: libharu then gives the same font again.
  if (std::find(load_order_.begin(), load_order_.end(), font) == load_order_.end())
    load_order_.push_back(font);
  return font;
}

int FontTable::advance(std::size_t slot, char16_t cp) const {
  // HPDF_TTFontDef_GetCharWidth's value without what it changes (the glyph's mark for
  // the subset, the font file's read position): that is mark_drawn's part.
  const HPDF_FontDef def = static_cast<HPDF_FontAttr>(slots_[slot].font->attr)->fontdef;
  const auto* tt = static_cast<const HPDF_TTFontDefAttr_Rec*>(def->attr);
  // HPDF_TTFontDef_GetGlyphid gives glyph 0 for a format 4 cmap without segments, and
  // records an error on the document; GetCharWidth records it again in mark_drawn.
  const HPDF_UINT16 gid =
      tt->cmap.format != 0 && tt->cmap.seg_count_x2 == 0 ? 0 : HPDF_TTFontDef_GetGlyphid(def, cp);
  if (gid >= tt->num_glyphs) return def->missing_width;
  return static_cast<HPDF_INT16>(static_cast<HPDF_UINT16>(
      static_cast<HPDF_UINT>(tt->h_metric[gid].advance_width) * 1000 / tt->header.units_per_em));
}

void FontTable::mark_drawn(std::size_t slot, char16_t cp) {
  Slot& s = slots_[slot];
  if (s.used.contains(cp)) return;
  s.used.insert(cp);
  // Asking for the width is what puts the glyph into the embedded subset.
  HPDF_TTFontDef_GetCharWidth(static_cast<HPDF_FontAttr>(s.font->attr)->fontdef, cp);
}

bool FontTable::write_to_unicode_maps(std::string* error) {
  for (const Slot& slot : slots_) {
    if (!slot.font) continue;
    if (!install_to_unicode(doc_, slot.font, slot.used)) {
      if (error) *error = doc_.message("cannot write the ToUnicode map of font " + slot.path);
      return false;
    }
  }
  return true;
}

// libharu makes a CID font's descriptor and embedded subset in the font's before-write
// hook (hpdf_font_cid.c CIDFontType2_BeforeWrite_Func) the first time HPDF_SaveToStream
// writes the font, and deflates the subset while writing it, one font after the other:
// for two fonts of 150 kB, most of the time saving takes. Here the hook is run first, in
// the order the fonts were made (the order saving reaches them, so their new objects get
// the same numbers; no other object adds any while saving), the subsets are deflated
// side by side, and each stream gets the deflated bytes (put_packed). When the saving
// runs the font's hook again, it finds the descriptor made and leaves the subset alone.
// A subset the last PDF made (KeptSubset) is not made again: its descriptor is made here
// with the kept bytes, and the hook then finds it made.
//
// The font's CIDToGIDMap (128 kB for every font, the same in every PDF) and ToUnicode
// map are deflated here too, beside the subsets. The hook, run again while saving, sets
// their filters to the font's own (hpdf_font_cid.c: `map_stream->filter = obj->filter`),
// which would deflate them a second time: once they are taken, the font's filter is set
// to none (a font dictionary is no stream: nothing else reads it).
bool FontTable::pack_font_files(unsigned jobs, std::string* error, std::vector<KeptSubset>* kept,
                                std::vector<KeptStream>* streams) {
  std::vector<FontFile> files;
  std::vector<KeptSubset> next;  // this PDF's subsets, for `kept`
  next.reserve(load_order_.size());  // FontFile::kept points into it
  reused_subsets_ = 0;
  for (HPDF_Font font : load_order_) {
    if (!font->before_write_fn) continue;
    const auto* attr = static_cast<HPDF_FontAttr>(font->attr);
    const std::string* path = nullptr;
    for (const Slot& slot : slots_)
      if (!path && slot.font == font) path = &slot.path;
    const KeptSubset* same = kept && path ? same_subset(*kept, *path, font) : nullptr;
    if ((same && !make_descriptor(doc_, font, *same)) || font->before_write_fn(font) != HPDF_OK ||
        doc_.failed()) {
      if (error) *error = doc_.message("cannot embed a font");
      return false;
    }
    if (deflated_on_save(attr->map_stream) && (!attr->cmap_stream || deflated_on_save(attr->cmap_stream))) {
      for (HPDF_Dict stream : {attr->map_stream, attr->cmap_stream}) {
        if (!stream) continue;
        FontFile& f = files.emplace_back();
        f.stream = stream;
        f.raw = raw_bytes(stream->stream);
        f.kept_stream = true;
        if (streams)
          for (const KeptStream& k : *streams)
            if (k.raw == f.raw) {
              f.packed = k.packed;
              f.ok = true;
              break;
            }
      }
      font->filter = HPDF_STREAM_FILTER_NONE;
    }
    if (same) {
      next.push_back(*same);
      ++reused_subsets_;
      continue;
    }
    HPDF_Dict descriptor = attr->fontdef ? attr->fontdef->descriptor : nullptr;
    auto file = descriptor ? static_cast<HPDF_Dict>(HPDF_Dict_GetItem(descriptor, "FontFile2", HPDF_OCLASS_DICT))
                           : nullptr;
    // Anything else (no embedded file, another filter, one packed already): libharu's.
    if (!deflated_on_save(file)) continue;
    FontFile& f = files.emplace_back();
    f.stream = file;
    f.raw = raw_bytes(file->stream);
    if (kept && path && attr->fontdef->type == HPDF_FONTDEF_TYPE_TRUETYPE) {
      const auto* tt = static_cast<const HPDF_TTFontDefAttr_Rec*>(attr->fontdef->attr);
      f.kept = &next.emplace_back(KeptSubset{*path, tt->base_font, glyph_flags(attr->fontdef), tt->length1, {}});
    }
  }
  std::atomic<std::size_t> next_file{0};
  const auto work = [&] {
    for (std::size_t i = next_file++; i < files.size(); i = next_file++)
      if (!files[i].ok) deflate_font_file(files[i]);
  };
  const unsigned wanted = jobs > 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < std::min<std::size_t>(wanted, files.size()); ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < files.size(); ++i) {
    FontFile& f = files[i];
    if (!f.ok) {
      if (error) *error = "cannot deflate a font";
      return false;
    }
    if (!put_packed(f.stream, f.packed)) {
      if (error) *error = doc_.message("cannot embed a font");
      return false;
    }
    if (f.kept) f.kept->packed = std::move(f.packed);
  }
  if (kept) *kept = std::move(next);
  if (streams) {
    streams->clear();
    for (FontFile& f : files)
      if (f.kept_stream) streams->push_back({std::move(f.raw), std::move(f.packed)});
  }
  return true;
}

}  // namespace octavo::pdf::detail
