#pragma once
// The book-wide passes that run once every chapter is parsed: note numbers and
// heading ids. read_book calls finish_book; tests call it after parse_chapter.
#include <string>
#include <string_view>

#include "doc/tree.hpp"

namespace octavo::manuscript {

/// Numbers footnotes across the book in order of first reference (1, 2, 3 …): the
/// chapters in reading order, inside a chapter the order parse_chapter left them in.
/// Every NoteRef takes its note's number. Idempotent. Sets changed[i] (sized to the
/// chapters) for each chapter where a number changed.
void number_notes(doc::Book& book, std::vector<char>& changed);

/// Gives every heading (chapters, then their notes, in reading order) an id unique in
/// the book: slug(plain text), then "-2", "-3" … on a clash. Idempotent. Sets
/// changed[i] for each chapter where an id changed.
void assign_heading_ids(doc::Book& book, std::vector<char>& changed);

/// number_notes and assign_heading_ids; for each chapter, whether they changed it (a
/// chapter parsed afresh has no numbers yet; one kept from an earlier build may keep them).
std::vector<char> finish_book(doc::Book& book);

/// A heading's text as an XML id: ASCII letters and digits lowercased, Latin letters
/// with diacritics transliterated ("é" → "e", "æ" → "ae"), apostrophes dropped, every
/// other run → "-"; at most 64 bytes; "h-" in front when it would not start with a
/// letter, "h" when nothing is left.
std::string slug(std::string_view text);

}  // namespace octavo::manuscript
