/*
 * wordseg: a fast path for the UAX #29 word segmentation of ICU's break
 * iterator (the chained rules of ICU's word.txt), for the text most of a
 * French or English corpus is made of: ASCII, and the letters and
 * punctuation of the alphabetic scripts below U+0E00 and of the General
 * Punctuation block. It answers "don't know" as soon as a character
 * whose rules need more context shows up (combining marks and other
 * Extend, Format and ZWJ characters, Hebrew, Katakana, ideographs and
 * the scripts ICU segments with a dictionary, regional indicators,
 * non-ASCII digits, invalid UTF-8): the caller then asks ICU, so the
 * segments are always ICU's.
 *
 * The class tables are filled from ICU's own Word_Break property data,
 * once per ctk_wordseg; the struct is read-only afterwards and may be
 * shared by threads.
 */
#ifndef CTK_WORDSEG_H
#define CTK_WORDSEG_H

#include <stddef.h>

/* What kind of segment: ICU's rule status ranges (UBRK_WORD_NONE,
 * UBRK_WORD_NUMBER, UBRK_WORD_LETTER), as far as ctk tells them apart. */
typedef enum ctk_wordseg_kind {
	CTK_WORDSEG_NONE,	/* spaces, punctuation, symbols */
	CTK_WORDSEG_NUMBER,	/* ASCII digits and the marks between them */
	CTK_WORDSEG_WORD	/* letters, or letters and digits */
} ctk_wordseg_kind;

#define CTK_WORDSEG_TABLE	0x800	/* code points with a table entry */
#define CTK_WORDSEG_PUNCT_LO	0x2000	/* General Punctuation, also tabled */
#define CTK_WORDSEG_PUNCT_HI	0x2070

typedef struct ctk_wordseg {
	unsigned char cls[CTK_WORDSEG_TABLE];
	unsigned char punct[CTK_WORDSEG_PUNCT_HI - CTK_WORDSEG_PUNCT_LO];
} ctk_wordseg;

/* Fills the class tables from ICU. */
void ctk_wordseg_init(ctk_wordseg *ws);

/* Whether offset i of s[0..len) is a word boundary: 1 yes, 0 no, -1 when
 * it cannot be told without ICU. 0 and len are boundaries. */
int ctk_wordseg_boundary(const ctk_wordseg *ws, const char *s, size_t len,
    size_t i);

/* The end of the word segment that starts at the boundary i (i < len),
 * with its kind in *kind; or 0 when it cannot be told without ICU. i must
 * be a boundary (ctk_wordseg_boundary, or the end of the segment before). */
size_t ctk_wordseg_next(const ctk_wordseg *ws, const char *s, size_t len,
    size_t i, ctk_wordseg_kind *kind);

#endif
