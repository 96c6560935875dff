/*
 * Unit tests of the word segmentation fast path (lib/wordseg.h), against
 * the oracle it stands in for: ICU's word break iterator. Every answer
 * wordseg gives must be ICU's; where it answers "don't know" ICU decides,
 * so the tests also check that it gives up on what it must not decide
 * (combining marks, ZWJ sequences, Hebrew, ideographs, Thai...).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "wordseg.h"

static ctk_wordseg ws;

struct icu_segments {
	unsigned char *boundary;	/* [len + 1]: 1 at each boundary */
	int32_t *status;		/* [len + 1]: status of the boundary */
};

static void
icu_segment(const char *s, size_t len, struct icu_segments *out)
{
	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
	UText *ut = utext_openUTF8(NULL, s, (int64_t)len, &st);
	int32_t b;

	assert_true(U_SUCCESS(st));
	ubrk_setUText(bi, ut, &st);
	assert_true(U_SUCCESS(st));
	out->boundary = calloc(len + 1, 1);
	out->status = calloc(len + 1, sizeof *out->status);
	out->boundary[0] = 1;
	while ((b = ubrk_next(bi)) != UBRK_DONE) {
		out->boundary[b] = 1;
		out->status[b] = ubrk_getRuleStatus(bi);
	}
	ubrk_close(bi);
	utext_close(ut);
}

static int
is_extendnumlet_pair(const char *s, size_t n)
{
	/* two ExtendNumLet in a row: "__", or with U+202F or U+203F */
	static const char *const enl[] = { "_", "\xe2\x80\xaf", "\xe2\x80\xbf",
	    NULL };
	size_t i, a, b;

	for (i = 0; i < n; i++)
		for (a = 0; enl[a] != NULL; a++)
			if (strncmp(s + i, enl[a], strlen(enl[a])) == 0)
				for (b = 0; enl[b] != NULL; b++)
					if (strncmp(s + i + strlen(enl[a]),
					    enl[b], strlen(enl[b])) == 0)
						return 1;
	return 0;
}

/* The kinds wordseg promises (see the comment of kind_status in
 * lib/tokenize.c): NONE exactly where ICU says none; NUMBER only for a
 * segment ICU calls a number, or a digit segment with two ExtendNumLet in
 * a row; WORD for ICU's words, and for numbers mixed with letters. */
static void
check_kind(const char *s, size_t n, ctk_wordseg_kind kind, int32_t status)
{
	if (kind == CTK_WORDSEG_NONE) {
		assert_true(status < UBRK_WORD_NONE_LIMIT);
		return;
	}
	assert_true(status >= UBRK_WORD_NONE_LIMIT);
	if (kind == CTK_WORDSEG_NUMBER && status >= UBRK_WORD_NUMBER_LIMIT)
		assert_true(is_extendnumlet_pair(s, n));
}

/* Compares wordseg with ICU at every offset of s; returns how many
 * segments wordseg told by itself. */
static size_t
compare(const char *s, size_t len)
{
	struct icu_segments icu;
	ctk_wordseg_kind kind;
	size_t i, j, e, told = 0;
	int b;

	icu_segment(s, len, &icu);
	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		b = ctk_wordseg_boundary(&ws, s, len, i);
		if (b >= 0 && b != icu.boundary[i])
			fail_msg("boundary at %zu of \"%s\": ICU %d, wordseg %d",
			    i, s, icu.boundary[i], b);
		if (!icu.boundary[i])
			continue;
		for (j = i + 1; j < len && !icu.boundary[j]; j++)
			;
		if ((e = ctk_wordseg_next(&ws, s, len, i, &kind)) == 0)
			continue;
		told++;
		if (e != j)
			fail_msg("segment at %zu of \"%s\": ICU ends it at %zu, "
			    "wordseg at %zu", i, s, j, e);
		check_kind(s + i, j - i, kind, icu.status[j]);
	}
	free(icu.boundary);
	free(icu.status);
	return told;
}

static size_t
compare_str(const char *s)
{
	return compare(s, strlen(s));
}

static int
setup(void **state)
{
	(void)state;
	ctk_wordseg_init(&ws);
	return 0;
}

static void
test_plain_words(void **state)
{
	ctk_wordseg_kind kind;

	(void)state;
	assert_int_equal(ctk_wordseg_next(&ws, "Bonjour, monde", 14, 0, &kind),
	    7);
	assert_int_equal(kind, CTK_WORDSEG_WORD);
	assert_int_equal(ctk_wordseg_next(&ws, "Bonjour, monde", 14, 7, &kind),
	    8);
	assert_int_equal(kind, CTK_WORDSEG_NONE);
	assert_int_equal(ctk_wordseg_next(&ws, "2024 ans", 8, 0, &kind), 4);
	assert_int_equal(kind, CTK_WORDSEG_NUMBER);
	assert_int_equal(ctk_wordseg_next(&ws, "   x", 4, 0, &kind), 3);
	assert_int_equal(kind, CTK_WORDSEG_NONE);
	assert_int_equal(compare_str("Bonjour, monde. The end!"), 10);
}

static void
test_apostrophes(void **state)
{
	(void)state;
	/* ' and U+2019 join letters (WB6-7) and digits (WB11-12), not a
	 * letter to a digit, nor at the end of a word */
	assert_true(compare_str("l'été l\xe2\x80\x99" "eau it's rock'n'roll") >
	    0);
	assert_true(compare_str("1'000 a'1 1'a les enfants' jeux ''") > 0);
	assert_true(compare_str("aujourd\xe2\x80\x99hui \xca\xbc" "a a\xca\xbc"
	    "b") > 0);
}

static void
test_hyphens_and_colons(void **state)
{
	(void)state;
	/* "-" and U+2010 break; ":" does not join letters in ICU's rules */
	assert_true(compare_str("peut-être a-t-il 2020-2021 c\xe2\x80\x90"
	    "est --long") > 0);
	assert_true(compare_str("URL:https a:b 10:30 Dr.:") > 0);
}

static void
test_digits_with_separators(void **state)
{
	(void)state;
	assert_true(compare_str("1,5 3.14 1;2 12 000 12\xc2\xa0" "000 "
	    "12\xe2\x80\xaf" "000 5% v1.2.3 3rd covid19 1.a a.1") > 0);
	assert_true(compare_str("_ __ a_b 1_2 1__2 9\xe2\x80\xaf_ _1 x_") > 0);
}

static void
test_urls_and_emails(void **state)
{
	(void)state;
	/* "@" is a letter to ICU: an address stays in one segment */
	assert_true(compare_str("https://lemonde.fr/a?b=1 user@host.fr @durov "
	    "#Paris2024 www.x.org t.me/chan") > 0);
}

static void
test_emoji_are_left_to_icu(void **state)
{
	ctk_wordseg_kind kind;
	const char *zwj = "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb";

	(void)state;
	compare_str("ok \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd \xf0\x9f\x87\xab"
	    "\xf0\x9f\x87\xb7 1\xef\xb8\x8f\xe2\x83\xa3 \xf0\x9f\x98\x80!");
	compare(zwj, strlen(zwj));
	/* a skin tone (Extend) glues to the emoji: not wordseg's call */
	assert_int_equal(ctk_wordseg_next(&ws, "\xf0\x9f\x91\x8d\xf0\x9f\x8f"
	    "\xbd", 8, 0, &kind), 0);
	/* flags pair regional indicators: not wordseg's call either */
	assert_int_equal(ctk_wordseg_next(&ws, "\xf0\x9f\x87\xab\xf0\x9f\x87"
	    "\xb7", 8, 0, &kind), 0);
}

static void
test_combining_marks_are_left_to_icu(void **state)
{
	ctk_wordseg_kind kind;
	const char *s = "e\xcc\x81t\xc3\xa9 a\xc2\xad" "b";

	(void)state;
	compare(s, strlen(s));
	assert_int_equal(ctk_wordseg_next(&ws, s, strlen(s), 0, &kind), 0);
	assert_int_equal(ctk_wordseg_boundary(&ws, s, strlen(s), 1), -1);
	/* a soft hyphen is a Format character */
	assert_int_equal(ctk_wordseg_next(&ws, s + 7, strlen(s + 7), 0, &kind),
	    0);
}

static void
test_other_scripts(void **state)
{
	ctk_wordseg_kind kind;

	(void)state;
	/* Cyrillic, Greek and Arabic letters are told; Hebrew, Thai (a
	 * dictionary script), kana and ideographs are ICU's */
	assert_true(compare_str("Привет мир, αβγ δ; مرحبا بالعالم") > 0);
	compare_str("שלום עולם \"א\"ב ภาษาไทย カタカナ ひらがな 中文 한국어 ٣٤٥ １２");
	assert_int_equal(ctk_wordseg_next(&ws, "ภาษา", strlen("ภาษา"), 0,
	    &kind), 0);
	assert_int_equal(ctk_wordseg_next(&ws, "中文", strlen("中文"), 0,
	    &kind), 0);
	assert_int_equal(ctk_wordseg_next(&ws, "١٢", strlen("١٢"), 0, &kind),
	    0);
}

static void
test_line_breaks_and_spaces(void **state)
{
	ctk_wordseg_kind kind;

	(void)state;
	assert_true(compare_str("a\r\nb\n\nc\td \v e\f\xc2\x85" "f \xe2\x80\x83"
	    " g\xe2\x80\xa8h") > 0);
	assert_int_equal(ctk_wordseg_next(&ws, "\r\nx", 3, 0, &kind), 2);
	assert_int_equal(ctk_wordseg_boundary(&ws, "\r\nx", 3, 1), 0);
}

static void
test_invalid_utf8_is_left_to_icu(void **state)
{
	ctk_wordseg_kind kind;

	(void)state;
	assert_int_equal(ctk_wordseg_next(&ws, "\xc3", 1, 0, &kind), 0);
	assert_int_equal(ctk_wordseg_next(&ws, "ab\xff", 3, 0, &kind), 0);
	assert_int_equal(ctk_wordseg_boundary(&ws, "a\x80" "b", 3, 2), -1);
}

/* Random strings over the characters whose rules differ: every answer
 * wordseg gives must be ICU's. */
static void
test_random_strings_agree_with_icu(void **state)
{
	static const char *const alphabet[] = {
		"a", "a", "a", "Z", "Z", "9", "9", "0", " ", " ", ".", ",",
		";", ":", "'", "\"", "_", "@", "#", "-", "/", "\t", "\r", "\n",
		"\xc3\xa9", "\xc3\x89", "\xe2\x80\x99", "\xc2\xa0",
		"\xe2\x80\xaf", "\xe2\x80\x89", "\xe2\x80\x83", "\xcc\x81",
		"\xc2\xad", "\xe2\x80\x8d", "\xe2\x80\x8b", "\xf0\x9f\x98\x80",
		"\xf0\x9f\x87\xab", "\xd7\x90", "\xe0\xb8\x81", "\xe3\x82\xa2",
		"\xe4\xb8\x80", "\xd9\xa3", "\xc2\xb7", "\xef\xb9\x95",
		"\xe2\x80\xa4", "\xe2\x80\xbf", "\xef\xb8\x8f", "\xe2\x83\xa3",
		"\xd0\xb4", "\xce\xb1", "\xc3\x9f", "\xc2\xab", "\xc2\xbb",
		"\xe2\x80\x93", "\xe2\x80\x90", "\xc2\x85", "\x0b", "%",
	};
	size_t n_alpha = sizeof alphabet / sizeof *alphabet;
	uint64_t seed = 0x2545F4914F6CDD1Du;
	char s[256];
	size_t round, k, len, told = 0;

	(void)state;
	for (round = 0; round < 20000; round++) {
		len = 0;
		for (k = 0; k < 1 + round % 24; k++) {
			const char *piece;

			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			piece = alphabet[seed % n_alpha];
			memcpy(s + len, piece, strlen(piece));
			len += strlen(piece);
		}
		s[len] = '\0';
		told += compare(s, len);
	}
	/* and most segments are told without ICU */
	assert_true(told > 100000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_words),
		cmocka_unit_test(test_apostrophes),
		cmocka_unit_test(test_hyphens_and_colons),
		cmocka_unit_test(test_digits_with_separators),
		cmocka_unit_test(test_urls_and_emails),
		cmocka_unit_test(test_emoji_are_left_to_icu),
		cmocka_unit_test(test_combining_marks_are_left_to_icu),
		cmocka_unit_test(test_other_scripts),
		cmocka_unit_test(test_line_breaks_and_spaces),
		cmocka_unit_test(test_invalid_utf8_is_left_to_icu),
		cmocka_unit_test(test_random_strings_agree_with_icu),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
