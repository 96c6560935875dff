/*
 * lexicon: dictionary categories (sentiment word lists, LIWC-style
 * dictionaries) counted in documents.
 *
 * A term is one or more tokens; a token ending in `*` matches every token
 * that starts with it (a prefix). Terms are normalized like raw-text
 * tokens (case folded, NFC, accents stripped when asked: see
 * ctk_features.h), so they match the tokens of ctk tokenize and of the raw
 * text path alike. A term belongs to one or more categories, each with a
 * weight (1 unless given).
 *
 * Matching walks the document's tokens left to right; at each position
 * the longest term that matches (most tokens; then most characters that
 * are not a wildcard; then the term read first) is taken and the walk
 * resumes after it, so that matches never overlap and a word counts once.
 * A match adds the term's weight to each of its categories.
 *
 * Files (ctk_lexicon_load) are either
 *  - TSV: `term<TAB>category[<TAB>weight]` per line; empty lines and lines
 *    starting with `#` are skipped, as is a first line `term<TAB>category`
 *    (a header); or
 *  - LIWC .dic: a header between two lines `%` holding `number<TAB>name`
 *    lines, then `term<TAB>number number ...` (tabs or spaces between the
 *    numbers; a term is everything before the first tab, or before the
 *    first space when there is no tab).
 * The format is recognized by the first non-empty line being `%`.
 */
#ifndef CTK_LEXICON_H
#define CTK_LEXICON_H

#include <stddef.h>

#include "buf.h"
#include "ctk_features.h"
#include "error.h"
#include "input.h"

typedef struct ctk_lexicon ctk_lexicon;

/* flags: CTK_TOKENS_STRIP_ACCENTS or 0. Free with ctk_lexicon_free(). */
ctk_lexicon *ctk_lexicon_new(unsigned flags);
void ctk_lexicon_free(ctk_lexicon *lx);

/* Called for each bad line of a file (err has its line and column); the
 * line is skipped and loading goes on. */
typedef void (*ctk_lexicon_report_fn)(void *ctx, const ctk_error *err);

/* Reads a lexicon file (TSV or LIWC .dic, see above) from in. Returns 0
 * (even when some lines were reported), or a negative code for an error
 * that stops loading (read error, out of memory). */
int ctk_lexicon_load(ctk_lexicon *lx, ctk_input *in,
    ctk_lexicon_report_fn report, void *ctx, ctk_error *err);

/* Adds one term to category (created if new) with weight. Returns 0, or
 * CTK_EFORMAT for a term with no token or an empty prefix (`*`), with
 * err->col the 1-based byte column in term. */
int ctk_lexicon_add(ctk_lexicon *lx, const char *term, size_t term_len,
    const char *category, size_t category_len, double weight,
    ctk_error *err);

size_t ctk_lexicon_ncategories(const ctk_lexicon *lx);
/* Name of category i, in order of first appearance (LIWC: header order). */
const char *ctk_lexicon_category(const ctk_lexicon *lx, size_t i);
size_t ctk_lexicon_nterms(const ctk_lexicon *lx);

/* The flags the lexicon normalizes with (for the text side). */
unsigned ctk_lexicon_flags(const ctk_lexicon *lx);

/* Builds the match index now (0 or CTK_ENOMEM). Call it once the terms
 * are in and before threads share lx: ctk_lexicon_match() then changes
 * nothing in it. */
int ctk_lexicon_index(ctk_lexicon *lx, ctk_error *err);

/* Matches the tokens t (normalized with the same flags). Sets
 * total[0..ncategories) to the sum of the weights of the matches per
 * category, and, when matches is not NULL, appends the matched tokens to
 * it, a match's tokens joined by a space and matches separated by ';' (a
 * ';' also goes before the first one when matches was not empty). The
 * index is built on the first call unless ctk_lexicon_index() was
 * called, hence the non-const lx.
 * Returns the number of matches, or CTK_ENOMEM. */
long ctk_lexicon_match(ctk_lexicon *lx, const ctk_tokens *t, double *total,
    ctk_buf *matches, ctk_error *err);

#endif
