#include "pdf/fonts.hpp"

#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <map>

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

}  // namespace octavo::pdf::detail
