/*
 * kwic: keyword in context. A text is cut into words (maximal runs of
 * letters, digits, combining marks and connector punctuation; everything
 * else separates, so "l'État" holds the words "l" and "État"); each word
 * is compared in its folded form (fold.h: case folding + NFC), so the
 * query "état" finds "État" and "ÉTAT". A query of several words is a
 * phrase: consecutive words of the text, whatever separates them. With
 * regex set, each space-separated part of the query is an ICU regular
 * expression that must match a whole folded word (case-insensitive).
 *
 * A hit gives the text before the match, the match as written, and the
 * text after; contexts are cut to `width` characters (code points), or
 * to `tokens` words when tokens > 0. Tabs and line breaks in the
 * contexts become spaces so that a concordance reads as one line.
 */
#ifndef CTK_KWIC_H
#define CTK_KWIC_H

#include <stddef.h>

#include "error.h"
#include "tsv.h"

/* How many folded words around a hit are kept for sorting. */
#define CTK_KWIC_SORT_WORDS 5

typedef struct ctk_kwic_hit {
	ctk_str left, match, right;
	/* folded words: left[0] is the word just before the match */
	ctk_str left_words[CTK_KWIC_SORT_WORDS];
	ctk_str right_words[CTK_KWIC_SORT_WORDS];
	ctk_str match_folded;
} ctk_kwic_hit;

typedef struct ctk_kwic ctk_kwic;

/* Compiles a query. Returns NULL with err filled (CTK_EUSAGE for an empty
 * query or a bad regular expression). */
ctk_kwic *ctk_kwic_new(const char *query, int regex, int width, int tokens,
    ctk_error *err);
void ctk_kwic_free(ctk_kwic *k);

typedef int (*ctk_kwic_hit_fn)(void *ctx, const ctk_kwic_hit *hit);

/* Finds every hit in text[0..len) (valid UTF-8) and calls fn for each,
 * in text order; the hit's strings are valid during the call only. A
 * non-zero return from fn stops and is returned. Returns 0, or CTK_ENOMEM
 * / CTK_EFORMAT (invalid UTF-8). */
int ctk_kwic_scan(ctk_kwic *k, const char *text, size_t len,
    ctk_kwic_hit_fn fn, void *ctx, ctk_error *err);

#endif
