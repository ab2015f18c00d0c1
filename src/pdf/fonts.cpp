#include "pdf/fonts.hpp"

#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <zlib.h>

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
};

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
// side by side, and each stream gets the deflated bytes with filter NONE and a write hook
// that adds the /Filter array libharu would have written, at the same place (last).
// When the saving runs the font's hook again, it finds the descriptor made and leaves the
// subset alone.
bool FontTable::pack_font_files(unsigned jobs, std::string* error,
                                std::vector<std::pair<std::string, std::string>>* kept) {
  std::vector<FontFile> files;
  for (HPDF_Font font : load_order_) {
    if (!font->before_write_fn) continue;
    if (font->before_write_fn(font) != HPDF_OK || doc_.failed()) {
      if (error) *error = doc_.message("cannot embed a font");
      return false;
    }
    const auto* attr = static_cast<HPDF_FontAttr>(font->attr);
    HPDF_Dict descriptor = attr->fontdef ? attr->fontdef->descriptor : nullptr;
    auto file = descriptor ? static_cast<HPDF_Dict>(HPDF_Dict_GetItem(descriptor, "FontFile2", HPDF_OCLASS_DICT))
                           : nullptr;
    // Anything else (no embedded file, another filter, one packed already): libharu's.
    if (!file || !file->stream || file->stream->type != HPDF_STREAM_MEMORY ||
        file->filter != HPDF_STREAM_FILTER_FLATE_DECODE || file->write_fn)
      continue;
    FontFile& f = files.emplace_back();
    f.stream = file;
    for (HPDF_UINT i = 0, n = HPDF_MemStream_GetBufCount(file->stream); i < n; ++i) {
      HPDF_UINT length = 0;
      const HPDF_BYTE* bytes = HPDF_MemStream_GetBufPtr(file->stream, i, &length);
      if (bytes) f.raw.append(reinterpret_cast<const char*>(bytes), length);
    }
  }
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      if (kept)
        if (const auto it = std::find_if(kept->begin(), kept->end(), [&](const auto& k) { return k.first == files[i].raw; });
            it != kept->end()) {
          files[i].packed = it->second;
          files[i].ok = true;
          continue;
        }
      deflate_font_file(files[i]);
    }
  };
  const unsigned wanted = jobs > 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < std::min<std::size_t>(wanted, files.size()); ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  if (kept) {
    kept->clear();
    for (const FontFile& f : files)
      if (f.ok) kept->emplace_back(f.raw, f.packed);
  }
  for (FontFile& f : files) {
    if (!f.ok) {
      if (error) *error = "cannot deflate a font";
      return false;
    }
    HPDF_MemStream_FreeData(f.stream->stream);
    f.stream->filter = HPDF_STREAM_FILTER_NONE;
    f.stream->write_fn = write_flate_array;
    if (HPDF_Stream_Write(f.stream->stream, reinterpret_cast<const HPDF_BYTE*>(f.packed.data()),
                          static_cast<HPDF_UINT>(f.packed.size())) != HPDF_OK) {
      if (error) *error = doc_.message("cannot embed a font");
      return false;
    }
  }
  return true;
}

}  // namespace octavo::pdf::detail
