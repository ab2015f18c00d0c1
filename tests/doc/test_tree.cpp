#include <doctest/doctest.h>

#include "doc/dump.hpp"

using namespace octavo::doc;

TEST_CASE("plain_text flattens markup, breaks become spaces, notes vanish") {
  Inlines in;
  in.push_back({Text{"It is a "}, {}});
  in.push_back({Emphasis{{Inline{Text{"truth"}, {}}}}, {}});
  in.push_back({NoteRef{"1", 1}, {}});
  in.push_back({LineBreak{}, {}});
  in.push_back({Text{"universally"}, {}});
  CHECK(plain_text(in) == "It is a truth universally");
}

TEST_CASE("the dump shows kinds, positions and quoted text") {
  Blocks blocks;
  Heading h{1, {Inline{Text{"I"}, {1, 1, 3}}}, "i"};
  blocks.push_back({h, {1, 1, 1}});
  blocks.push_back({Paragraph{{Inline{Text{"say \"hi\"\n"}, {1, 3, 1}}}}, {1, 3, 1}});
  blocks.push_back({SceneBreak{}, {1, 5, 1}});
  CHECK(dump(blocks) ==
        "heading @1:1 level=1 id=\"i\"\n"
        "  text @1:3 \"I\"\n"
        "para @3:1\n"
        "  text @3:1 \"say \\\"hi\\\"\\n\"\n"
        "scene_break @5:1\n");
}
