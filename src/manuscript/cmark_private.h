/* The two facts cmark-gfm 0.29.0.gfm.6 keeps out of its public API, read from its
   installed internal headers in cmark_private.c (C, because those headers are C):
   - the document root while parsing, before cmark_parser_finish() drops footnote
     definitions that nothing references (we warn about those);
   - the label of a footnote definition (cmark_node_get_literal() returns NULL for it). */
#ifndef OCTAVO_MANUSCRIPT_CMARK_PRIVATE_H
#define OCTAVO_MANUSCRIPT_CMARK_PRIVATE_H

#include <stddef.h>

#include <cmark-gfm.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The document node being built; valid between cmark_parser_new() and _finish(). */
cmark_node* octavo_cmark_parser_root(cmark_parser* parser);

/* The label of a footnote definition, or of the definition a footnote reference
   resolved to; NULL (and *len = 0) otherwise. Not NUL-terminated. */
const char* octavo_cmark_footnote_label(cmark_node* node, size_t* len);

#ifdef __cplusplus
}
#endif

#endif
