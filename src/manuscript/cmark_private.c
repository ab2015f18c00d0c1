/* See cmark_private.h for why this file reads cmark-gfm's internal structures. */
#include "manuscript/cmark_private.h"

#include <cmark-gfm/node.h>
#include <cmark-gfm/parser.h>
#include <cmark-gfm_version.h>

/* The struct layouts below are those of exactly this release. */
#if CMARK_GFM_VERSION != ((0 << 24) | (29 << 16) | (0 << 8) | 6)
#error "cmark_private.c reads cmark-gfm 0.29.0.gfm.6 internals; check node.h/parser.h"
#endif

cmark_node* octavo_cmark_parser_root(cmark_parser* parser) {
  return parser ? parser->root : NULL;
}

const char* octavo_cmark_footnote_label(cmark_node* node, size_t* len) {
  *len = 0;
  if (node == NULL) return NULL;
  if (node->type == CMARK_NODE_FOOTNOTE_REFERENCE) node = node->parent_footnote_def;
  if (node == NULL || node->type != CMARK_NODE_FOOTNOTE_DEFINITION) return NULL;
  if (node->as.literal.data == NULL || node->as.literal.len < 0) return NULL;
  *len = (size_t)node->as.literal.len;
  return (const char*)node->as.literal.data;
}
