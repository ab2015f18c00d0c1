// Block quotes, lists, code blocks and scene breaks.
#include <algorithm>
#include <cmath>

#include "core/utf8.hpp"
#include "typeset/blocks.hpp"

namespace octavo::typeset {

void FlowBuilder::quote(const doc::BlockQuote& q, const BlockEnv& env) {
  BlockEnv inner = env;
  const double indent = ctx_.style.blockquote_indent_em * ctx_.style.body.size;
  inner.left += indent;
  inner.right += indent;
  inner.size = static_cast<float>(std::min<double>(env.size, ctx_.style.blockquote_size));
  inner.quote_depth = env.quote_depth + 1;
  const bool outer = env.quote_depth == 0 && env.list_depth == 0;
  if (outer) add_space(1);
  suppress_indent_ = true;
  add_blocks(q.children, inner);
  if (outer) add_space(1);
}

void FlowBuilder::list(const doc::List& l, const BlockEnv& env) {
  TextStyle label_style = body_style(env.size);
  label_style.hyphenate = false;
  // Labels hang in the left margin of the items: wide enough for the widest number.
  double hang = ctx_.style.body.indent_em * env.size;
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < l.items.size(); ++i)
    labels.push_back(l.ordered ? std::to_string(l.start + static_cast<int>(i)) + "."
                               : (env.list_depth % 2 == 0 ? "\u2022" : "\u2013"));
  std::vector<std::vector<SetLine>> label_lines;
  for (const auto& label : labels) {
    label_lines.push_back(set_text(label, label_style, ctx_.page.measure, LineAlign::left));
    if (!label_lines.back().empty()) hang = std::max(hang, label_lines.back()[0].width + 0.5 * env.size);
  }
  // A list in running text is set in from the measure like a quotation; nested lists
  // and lists in quotations hang from their container's edge.
  const double set_in = env.list_depth == 0 && env.quote_depth == 0
                            ? ctx_.style.blockquote_indent_em * ctx_.style.body.size
                            : 0.0;
  BlockEnv inner = env;
  inner.left += set_in + hang;
  inner.indent_paragraphs = false;
  inner.list_depth = env.list_depth + 1;
  for (std::size_t i = 0; i < l.items.size(); ++i) {
    const std::size_t first = out_->size();
    add_blocks(l.items[i].children, inner);
    // The label goes on the item's first line.
    for (std::size_t s = first; s < out_->size(); ++s) {
      Slot& slot = (*out_)[s];
      if (slot.kind != Slot::Kind::content || slot.runs.empty() || label_lines[i].empty()) continue;
      SetLine& label = label_lines[i][0];
      const double x = l.ordered ? inner.left - 0.4 * env.size - label.width : env.left + set_in;
      slot.runs.append(label.runs, x);
      // A paragraph set again by the page builder gets its label back.
      if (slot.paragraph >= 0 && out_ == &flow_.slots)
        flow_.paragraphs[static_cast<std::size_t>(slot.paragraph)].label.append(label.runs, x);
      break;
    }
  }
}

void FlowBuilder::code(const std::string& text, const BlockEnv& env) {
  const float size = static_cast<float>(env.size * ctx_.engine.code_scale);
  const Face& mono = ctx_.fonts.primary(FontRole::mono, Variant::regular);
  const double advance = std::max(1, mono.pdf_advance_of('0')) * size / 1000.0;
  const auto columns = static_cast<std::size_t>(std::max(10.0, std::floor(measure(env) / advance)));
  const bool outer = env.quote_depth == 0 && env.list_depth == 0;
  if (outer) add_space(1);

  std::vector<std::u32string> lines;
  std::u32string current;
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t cp = core::utf8::decode(text, pos);
    if (cp == '\n') {
      lines.push_back(std::move(current));
      current.clear();
    } else if (cp == '\t') {
      do current.push_back(' '); while (current.size() % 4 != 0);
    } else if (cp != '\r') {
      current.push_back(cp);
    }
  }
  if (!current.empty()) lines.push_back(std::move(current));
  // Long lines wrap at the measure: monospaced text has no better place to break.
  std::vector<std::u32string> wrapped;
  for (auto& line : lines) {
    if (line.empty()) wrapped.emplace_back();
    for (std::size_t at = 0; at < line.size(); at += columns) wrapped.push_back(line.substr(at, columns));
  }
  const std::size_t n = wrapped.size();
  for (std::size_t i = 0; i < n; ++i) {
    Slot slot;
    const GlyphRun* run = nullptr;  // the last run, while the next character may join it
    std::string utf8;
    for (std::size_t col = 0; col < wrapped[i].size(); ++col) {
      const char32_t cp = wrapped[i][col];
      if (cp == ' ') {
        run = nullptr;
        continue;
      }
      const Face* face = ctx_.fonts.face_for(cp, FontRole::mono, Variant::regular);
      if (!face) continue;
      const int font = static_cast<int>(face->id());
      const double x = env.left + static_cast<double>(col) * advance;
      // Fallback glyphs may not be monospaced: every character keeps its column.
      if (!run || run->font != font || face != &mono) run = &slot.runs.add(font, 0, size, x, 0);
      utf8.clear();
      core::utf8::append(utf8, cp);
      slot.runs.append_text(utf8);
      if (face != &mono) run = nullptr;
    }
    if (n >= 2 && (i == 0 || i + 2 == n)) slot.break_after = false;
    add_slot(std::move(slot));
  }
  if (outer) add_space(1);
  suppress_indent_ = true;
}

void FlowBuilder::scene_break(const BlockEnv& env) {
  add_space(1);
  const auto& st = ctx_.style;
  const auto& info = st.scene_break_image_info;
  if (!st.scene_break_image.empty() && info.width > 0 && info.height > 0) {
    // The image, centred on the measure and in the rows it takes.
    const double leading = ctx_.page.leading;
    const double avail = measure(env);
    double h = st.scene_break_image_height > 0 ? st.scene_break_image_height : st.body.size;
    double w = h * info.width / info.height;
    if (w > avail) {
      h *= avail / w;
      w = avail;
    }
    Slot slot;
    slot.rows = std::max(1, static_cast<int>(std::ceil(h / leading - 1e-6)));
    const double top = st.body.size;  // the first row's top edge, above its baseline
    slot.images.push_back({st.scene_break_image.string(), env.left + (avail - w) / 2,
                           top - (slot.rows * leading + h) / 2, w, h});
    keep_next_ = 0;
    add_slot(std::move(slot));
    add_space(1);
    suppress_indent_ = true;
    return;
  }
  // An ornament no font can draw would vanish, and the break with it: fall back to
  // asterisks, which every font has.
  std::string ornament = ctx_.style.scene_break;
  for (std::size_t pos = 0; pos < ornament.size();) {
    const char32_t cp = core::utf8::decode(ornament, pos);
    if (cp > ' ' && cp != 0xA0 && !(cp >= 0x2000 && cp <= 0x200B) &&
        !ctx_.fonts.face_for(cp, FontRole::body, Variant::regular)) {
      ctx_.report.warning_once("scene-break-ornament", ctx_.locate(ctx_.book.style_span),
                              "no font has the scene-break ornament ‘" + ctx_.style.scene_break +
                                  "’; using ‘* * *’");
      ornament = "*\u2002*\u2002*";
      break;
    }
  }
  auto lines = set_text(ornament, body_style(env.size), measure(env), LineAlign::center);
  ItemList none;
  keep_next_ = 0;
  for (auto& line : lines) add_slot(line_slot(line, none, env.left));
  add_space(1);
  suppress_indent_ = true;
}

}  // namespace octavo::typeset
