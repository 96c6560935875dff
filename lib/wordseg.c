/*
 * wordseg: the fast path for ICU's word segmentation (see wordseg.h).
 *
 * ICU's word.txt (as ICU 72 ships it: ubrk's getRules()) chains the
 * UAX #29 rules: a segment grows while one of
 *   letter letter, letter digit, digit letter, digit digit (WB5, 8-10),
 *   letter (MidLetter|MidNumLet|Single_Quote) letter (WB6-7),
 *   digit (MidNum|MidNumLet|Single_Quote) digit (WB11-12),
 *   (letter|digit|ExtendNumLet) ExtendNumLet and back (WB13a-b),
 *   space space (WB3d), CR LF (WB3)
 * applies; anything else stands alone (WB999). Extend, Format and ZWJ
 * characters glue to what is before them (WB4), which is why they, and
 * every class whose rules look further, make us give up.
 */
#include "wordseg.h"

#include <stdint.h>

#include <unicode/uchar.h>

#include "utf8.h"

enum {
	K_BAIL,			/* ask ICU */
	K_OTHER,
	K_SPACE,		/* WSegSpace */
	K_CR,
	K_LF,
	K_NEWLINE,
	K_LETTER,		/* ALetter outside the dictionary scripts */
	K_DIGIT,		/* ASCII digits (must follow K_LETTER) */
	K_MIDLETTER,
	K_MIDNUM,
	K_MIDNUMLET,		/* MidNumLet and Single_Quote */
	K_EXTENDNUMLET
};

/* Scripts ICU hands to a dictionary (Thai, Lao, Myanmar, Khmer... and
 * CJK) start at U+0E00 or above U+2E80; the ones between are tested on
 * their Line_Break property. Non-ASCII digits are left to ICU: where
 * they end a number is not ctk's business. */
static int
classify(UChar32 c)
{
	int wb = u_getIntPropertyValue(c, UCHAR_WORD_BREAK);

	/* ICU's word.txt departs from the property: "@" is a letter (so
	 * that e-mail addresses hold together), colons join nothing */
	if (c == '@')
		return K_LETTER;
	if (c == ':' || c == 0xFE55 || c == 0xFF1A)
		return K_OTHER;
	int plain = c < 0x0E00 || (c < 0x2E80 && u_getIntPropertyValue(c,
	    UCHAR_LINE_BREAK) != U_LB_COMPLEX_CONTEXT);

	switch (wb) {
	case U_WB_OTHER:
	case U_WB_DOUBLE_QUOTE:	/* only matters next to Hebrew letters */
		return plain || (c >= 0x1F000 && c < 0x1FB00) ? K_OTHER
		    : K_BAIL;
	case U_WB_ALETTER:
		return plain ? K_LETTER : K_BAIL;
	case U_WB_NUMERIC:
		return c < 0x80 ? K_DIGIT : K_BAIL;
	case U_WB_WSEGSPACE:
		return K_SPACE;
	case U_WB_CR:
		return K_CR;
	case U_WB_LF:
		return K_LF;
	case U_WB_NEWLINE:
		return K_NEWLINE;
	case U_WB_MIDLETTER:
		return K_MIDLETTER;
	case U_WB_MIDNUM:
		return K_MIDNUM;
	case U_WB_MIDNUMLET:
	case U_WB_SINGLE_QUOTE:
		return K_MIDNUMLET;
	case U_WB_EXTENDNUMLET:
		return K_EXTENDNUMLET;
	default:		/* Extend, Format, ZWJ, Hebrew, Katakana, RI... */
		return K_BAIL;
	}
}

void
ctk_wordseg_init(ctk_wordseg *ws)
{
	UChar32 c;

	for (c = 0; c < CTK_WORDSEG_TABLE; c++)
		ws->cls[c] = (unsigned char)classify(c);
	for (c = CTK_WORDSEG_PUNCT_LO; c < CTK_WORDSEG_PUNCT_HI; c++)
		ws->punct[c - CTK_WORDSEG_PUNCT_LO] =
		    (unsigned char)classify(c);
}

static int
class_of(const ctk_wordseg *ws, uint32_t c)
{
	if (c < CTK_WORDSEG_TABLE)
		return ws->cls[c];
	if (c >= CTK_WORDSEG_PUNCT_LO && c < CTK_WORDSEG_PUNCT_HI)
		return ws->punct[c - CTK_WORDSEG_PUNCT_LO];
	return classify((UChar32)c);
}

static int
class_at_multibyte(const ctk_wordseg *ws, const char *s, size_t len,
    size_t i, size_t *next)
{
	unsigned char b = (unsigned char)s[i], b2;
	uint32_t c;
	size_t n;

	/* two-byte sequences (Latin, Greek, Cyrillic...) are the common
	 * case: a lead byte from C2 cannot be overlong */
	if (b >= 0xC2 && b <= 0xDF && i + 1 < len &&
	    ((b2 = (unsigned char)s[i + 1]) & 0xC0) == 0x80) {
		*next = i + 2;
		return ws->cls[(b & 0x1F) << 6 | (b2 & 0x3F)];
	}
	if ((n = ctk_utf8_decode(s + i, len - i, &c)) == 0) {
		*next = i + 1;
		return K_BAIL;
	}
	*next = i + n;
	return class_of(ws, c);
}

/* Class of the character at i (i < len); *next is where it ends. */
static inline int
class_at(const ctk_wordseg *ws, const char *s, size_t len, size_t i,
    size_t *next)
{
	unsigned char b = (unsigned char)s[i];

	if (b < 0x80) {
		*next = i + 1;
		return ws->cls[b];
	}
	return class_at_multibyte(ws, s, len, i, next);
}

/* Class of the character that ends at i (i > 0); *start is where it
 * starts. */
static int
class_before(const ctk_wordseg *ws, const char *s, size_t i, size_t *start)
{
	size_t j = i - 1, next;
	int k;

	if ((unsigned char)s[j] < 0x80) {
		*start = j;
		return ws->cls[(unsigned char)s[j]];
	}
	while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	k = class_at(ws, s, i, j, &next);
	if (next != i)
		return K_BAIL;
	*start = j;
	return k;
}

static int
wordlike(int k)
{
	return k == K_LETTER || k == K_DIGIT || k == K_EXTENDNUMLET;
}

/* Whether mid joins a letter to a letter (WB6-7) or a digit to a digit
 * (WB11-12); side is the class on both sides. */
static int
mid_joins(int side, int mid)
{
	if (side == K_LETTER)
		return mid == K_MIDLETTER || mid == K_MIDNUMLET;
	if (side == K_DIGIT)
		return mid == K_MIDNUM || mid == K_MIDNUMLET;
	return 0;
}

int
ctk_wordseg_boundary(const ctk_wordseg *ws, const char *s, size_t len,
    size_t i)
{
	size_t c_end, p_start, dummy;
	int c, p, far;

	if (i == 0 || i >= len)
		return 1;
	if ((c = class_at(ws, s, len, i, &c_end)) == K_BAIL ||
	    (p = class_before(ws, s, i, &p_start)) == K_BAIL)
		return -1;
	if ((p == K_CR && c == K_LF) || (p == K_SPACE && c == K_SPACE))
		return 0;
	if (wordlike(p) && wordlike(c))
		return 0;
	if ((p == K_LETTER || p == K_DIGIT) && mid_joins(p, c)) {
		if (c_end >= len)
			return 1;
		if ((far = class_at(ws, s, len, c_end, &dummy)) == K_BAIL)
			return -1;
		return far == p ? 0 : 1;
	}
	if ((c == K_LETTER || c == K_DIGIT) && mid_joins(c, p)) {
		if (p_start == 0)
			return 1;
		if ((far = class_before(ws, s, p_start, &dummy)) == K_BAIL)
			return -1;
		return far == c ? 0 : 1;
	}
	return 1;
}

/* End of the run of letters, digits and their joiners that starts at i;
 * *letters tells whether a letter was in it. 0 when ICU must say. */
static size_t
word_run(const ctk_wordseg *ws, const char *s, size_t len, size_t i,
    int *letters)
{
	size_t p, next, after;
	int last, k, far;

	last = class_at(ws, s, len, i, &p);
	*letters = last == K_LETTER;
	while (p < len) {
		/* the bulk: ASCII letters and digits */
		while (p < len && (unsigned char)s[p] < 0x80 &&
		    (k = ws->cls[(unsigned char)s[p]]) >= K_LETTER &&
		    k <= K_DIGIT) {
			*letters |= k == K_LETTER;
			last = k;
			p++;
		}
		if (p >= len)
			break;
		k = class_at(ws, s, len, p, &next);
		if (wordlike(k)) {
			*letters |= k == K_LETTER;
			last = k;
			p = next;
			continue;
		}
		if (k == K_BAIL)
			return 0;
		if (!mid_joins(last, k) || next >= len)
			break;
		if ((far = class_at(ws, s, len, next, &after)) == K_BAIL)
			return 0;
		if (far != last)
			break;
		p = after;
	}
	return p;
}

size_t
ctk_wordseg_next(const ctk_wordseg *ws, const char *s, size_t len, size_t i,
    ctk_wordseg_kind *kind)
{
	size_t e, next, first;
	int k = class_at(ws, s, len, i, &e), letters;

	*kind = CTK_WORDSEG_NONE;
	switch (k) {
	case K_BAIL:
		return 0;
	case K_CR:
		if (e < len && s[e] == '\n')
			e++;
		return e;
	case K_LF:
	case K_NEWLINE:
		return e;
	case K_SPACE:
		while (e < len && class_at(ws, s, len, e, &next) == K_SPACE)
			e = next;
		break;
	case K_LETTER:
	case K_DIGIT:
	case K_EXTENDNUMLET:
		first = e;
		if ((e = word_run(ws, s, len, i, &letters)) == 0)
			return 0;
		/* a lone "_" is punctuation to ICU (status 0) */
		if (k != K_EXTENDNUMLET || e > first)
			*kind = k == K_DIGIT && !letters ? CTK_WORDSEG_NUMBER
			    : CTK_WORDSEG_WORD;
		break;
	default:
		break;
	}
	/* a mark or a format character after the segment belongs to it */
	if (e < len && class_at(ws, s, len, e, &next) == K_BAIL)
		return 0;
	return e;
}
