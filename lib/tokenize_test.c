/* Unit tests of the tokenizer's public API (lib/tokenize.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tokenize.h"

struct collect {
	ctk_buf text;		/* tokens as "text/type@start-end#sent.pos " */
	size_t count;
	size_t stop_after;	/* 0: never stop */
};

static int
on_token(const ctk_tok_token *tok, void *arg)
{
	struct collect *c = arg;

	ctk_buf_printf(&c->text, "%s%.*s/%s@%zu-%zu#%zu.%zu",
	    c->count ? " " : "", (int)tok->len, tok->text,
	    ctk_tok_type_name(tok->type), tok->start, tok->end, tok->sent,
	    tok->pos);
	assert_int_equal(strlen(tok->text), tok->len);
	assert_null(memchr(tok->text, ' ', tok->len));
	c->count++;
	return c->stop_after && c->count == c->stop_after ? 42 : 0;
}

/* Tokenizes text with opt (NULL: defaults) and returns the collected
 * description (caller frees). */
static char *
run(const ctk_tok_options *opt, const char *text, const char *lang)
{
	ctk_error err;
	ctk_tok *t = ctk_tok_new(opt, &err);
	struct collect c = { CTK_BUF_INIT, 0, 0 };

	assert_non_null(t);
	assert_int_equal(ctk_tok_run(t, text, strlen(text), lang, on_token,
	    &c, &err), 0);
	ctk_tok_free(t);
	return ctk_buf_detach(&c.text);
}

static void
test_types_and_offsets(void **state)
{
	char *got;

	(void)state;
	got = run(NULL, "Voir https://x.fr @durov #Paris2024 12 000 👍🏽 a@b.fr",
	    NULL);
	assert_string_equal(got,
	    "voir/word@0-4#1.1 https://x.fr/url@5-17#1.2 "
	    "@durov/mention@18-24#1.3 #paris2024/hashtag@25-35#1.4 "
	    "12000/number@36-42#1.5 👍🏽/emoji@43-51#1.6 "
	    "a@b.fr/email@52-58#1.7");
	free(got);
}

static void
test_elision_offsets(void **state)
{
	char *got;

	(void)state;
	got = run(NULL, "l’eau", NULL);
	assert_string_equal(got, "l'/word@0-4#1.1 eau/word@4-7#1.2");
	free(got);
}

static void
test_inversion_depends_on_lang(void **state)
{
	char *got;

	(void)state;
	got = run(NULL, "add-on", "en");
	assert_string_equal(got, "add-on/word@0-6#1.1");
	free(got);
	got = run(NULL, "a-t-il", "fr");
	assert_string_equal(got, "a/word@0-1#1.1 il/word@4-6#1.2");
	free(got);
}

static void
test_sentence_numbers(void **state)
{
	ctk_tok_options o;
	char *got;

	(void)state;
	ctk_tok_options_init(&o);
	o.sentences = 1;
	got = run(&o, "M. X part. Il rit.", NULL);
	assert_string_equal(got, "m/word@0-1#1.1 x/word@3-4#1.2 "
	    "part/word@5-9#1.3 il/word@11-13#2.1 rit/word@14-17#2.2");
	free(got);
}

static void
test_ngrams_stop_at_sentences(void **state)
{
	ctk_tok_options o;
	char *got;

	(void)state;
	ctk_tok_options_init(&o);
	o.ngram_min = 2;
	o.ngram_max = 2;
	got = run(&o, "a b. C d", NULL);
	assert_string_equal(got, "a_b/ngram@0-3#1.1 c_d/ngram@5-8#2.1");
	free(got);
}

static void
test_callback_stops(void **state)
{
	ctk_error err;
	ctk_tok *t = ctk_tok_new(NULL, &err);
	struct collect c = { CTK_BUF_INIT, 0, 2 };

	(void)state;
	assert_int_equal(ctk_tok_run(t, "un deux trois", 13, NULL, on_token,
	    &c, &err), 42);
	assert_int_equal(c.count, 2);
	ctk_buf_release(&c.text);
	ctk_tok_free(t);
}

static int
on_sentence(size_t sent, size_t start, size_t end, void *arg)
{
	ctk_buf *b = arg;

	ctk_buf_printf(b, "%zu:%zu-%zu;", sent, start, end);
	return 0;
}

static void
test_sentences(void **state)
{
	ctk_error err;
	ctk_tok *t = ctk_tok_new(NULL, &err);
	ctk_buf b = CTK_BUF_INIT;
	const char *text = " Dr. No est là.  Fin. ";

	(void)state;
	assert_int_equal(ctk_tok_sentences(t, text, strlen(text), on_sentence,
	    &b, &err), 0);
	assert_string_equal(ctk_buf_str(&b), "1:1-16;2:18-22;");
	ctk_buf_release(&b);
	ctk_tok_free(t);
}

static void
test_stopwords_and_normalize(void **state)
{
	ctk_error err;
	ctk_tok *t = ctk_tok_new(NULL, &err);
	struct collect c = { CTK_BUF_INIT, 0, 0 };
	const char *out;
	size_t len;

	(void)state;
	assert_int_equal(ctk_tok_add_stopword(t, "LE", 2), 0);
	assert_int_equal(ctk_tok_add_stopword(t, "Ét\xc3\xa9", 5), 0);
	assert_int_equal(ctk_tok_run(t, "Le chat l'été", 15, NULL, on_token,
	    &c, &err), 0);
	assert_string_equal(ctk_buf_str(&c.text),
	    "chat/word@3-7#1.1 l'/word@8-10#1.2");
	assert_int_equal(ctk_tok_normalize(t, "E\xcc\x81T\xc3\x89", 6, &out,
	    &len), 0);
	assert_string_equal(out, "\xc3\xa9t\xc3\xa9");
	assert_int_equal(len, 5);
	assert_int_equal(ctk_tok_add_stopwords(t, "zz", &err), CTK_EUSAGE);
	ctk_buf_release(&c.text);
	ctk_tok_free(t);
}

static void
test_types_parse(void **state)
{
	unsigned types;
	const char *bad = NULL;

	(void)state;
	assert_int_equal(ctk_tok_types_parse("word,hashtag", &types, &bad), 0);
	assert_int_equal(types, CTK_TOK_BIT(CTK_TOK_WORD) |
	    CTK_TOK_BIT(CTK_TOK_HASHTAG));
	assert_int_equal(ctk_tok_types_parse("word,noun", &types, &bad), -1);
	assert_string_equal(bad, "noun");
}

/* Invalid UTF-8 (the library may be given raw bytes) is skipped. */
static void
test_invalid_utf8(void **state)
{
	char *got;

	(void)state;
	got = run(NULL, "\xff\xfe""abc \xe2\x82 d\xc3", NULL);
	assert_string_equal(got, "abc/word@2-5#1.1 d/word@9-10#1.2");
	free(got);
}

/* A long text in one piece: every token is seen once, in order, and
 * the run takes linear time (a quadratic one would not finish). */
static void
test_long_text(void **state)
{
	ctk_error err;
	ctk_tok *t = ctk_tok_new(NULL, &err);
	struct collect c = { CTK_BUF_INIT, 0, 0 };
	const char *unit = "L'été, 12 000 #tags à https://x.fr 👍 ";
	size_t n = 50000, ulen = strlen(unit), i;
	char *text = malloc(n * ulen + 1);

	(void)state;
	assert_non_null(text);
	for (i = 0; i < n; i++)
		memcpy(text + i * ulen, unit, ulen);
	text[n * ulen] = '\0';
	assert_int_equal(ctk_tok_run(t, text, n * ulen, NULL, on_token, &c,
	    &err), 0);
	assert_int_equal(c.count, 7 * n);
	free(text);
	ctk_buf_release(&c.text);
	ctk_tok_free(t);
}

/* Found by the fuzzer: a hyphen at the very end of a text that is not
 * NUL-terminated was followed by a read past its end. */
static void
test_hyphen_at_end_of_unterminated_text(void **state)
{
	static const char word[] = "peut-";
	char *text = malloc(sizeof word - 1);
	struct collect c = { CTK_BUF_INIT, 0, 0 };
	ctk_error err;
	ctk_tok *t = ctk_tok_new(NULL, &err);

	(void)state;
	assert_non_null(text);
	assert_non_null(t);
	memcpy(text, word, sizeof word - 1);	/* no NUL after it */
	assert_int_equal(ctk_tok_run(t, text, sizeof word - 1, "fr",
	    on_token, &c, &err), 0);
	assert_string_equal(ctk_buf_str(&c.text), "peut/word@0-4#1.1");
	ctk_buf_release(&c.text);
	ctk_tok_free(t);
	free(text);
}

/* ---- the fast paths (lib/wordseg.c, the ASCII shortcut, the latin
 * normalization table) against ICU doing everything (icu_only) ---- */

/* Tokenizes text with opt twice, with and without the fast paths, checks
 * that both give the same tokens, offsets, sentences and positions, and
 * returns them (caller frees). */
static char *
run_both(const ctk_tok_options *opt, const char *text, size_t len,
    const char *lang)
{
	ctk_tok_options o;
	ctk_error err;
	struct collect c[2] = {
		{ CTK_BUF_INIT, 0, 0 }, { CTK_BUF_INIT, 0, 0 }
	};
	ctk_tok *t;
	int k;

	for (k = 0; k < 2; k++) {
		if (opt != NULL)
			o = *opt;
		else
			ctk_tok_options_init(&o);
		o.icu_only = k;
		t = ctk_tok_new(&o, &err);
		assert_non_null(t);
		assert_int_equal(ctk_tok_add_stopword(t, "le", 2), 0);
		assert_int_equal(ctk_tok_add_stopword(t, "\xc3\xa9t\xc3\xa9",
		    5), 0);
		assert_int_equal(ctk_tok_run(t, text, len, lang, on_token,
		    &c[k], &err), 0);
		ctk_tok_free(t);
	}
	if (strcmp(ctk_buf_str(&c[0].text), ctk_buf_str(&c[1].text)) != 0)
		fail_msg("fast paths and ICU differ on \"%.*s\":\n  fast: %s\n"
		    "  ICU:  %s", (int)len, text, ctk_buf_str(&c[0].text),
		    ctk_buf_str(&c[1].text));
	ctk_buf_release(&c[1].text);
	return ctk_buf_detach(&c[0].text);
}

/* Only "text/type" of each token, for the hand-checked expectations:
 * what comes before the last "@" of each item. */
static char *
words_of(const char *described)
{
	ctk_buf b = CTK_BUF_INIT;
	const char *p = described, *sp, *at, *q;

	while (*p != '\0') {
		sp = strchr(p, ' ');
		if (sp == NULL)
			sp = p + strlen(p);
		at = sp;
		for (q = p; q < sp; q++)
			if (*q == '@')
				at = q;
		ctk_buf_printf(&b, "%s%.*s", b.len ? " " : "",
		    (int)(at - p), p);
		p = *sp ? sp + 1 : sp;
	}
	return ctk_buf_detach(&b);
}

static void
expect_words(const ctk_tok_options *opt, const char *text,
    const char *want)
{
	char *got = run_both(opt, text, strlen(text), NULL);
	char *words = words_of(got);

	assert_string_equal(words, want);
	free(words);
	free(got);
}

static void
test_fast_paths_french(void **state)
{
	ctk_tok_options keep;

	(void)state;
	ctk_tok_options_init(&keep);
	keep.fold_case = 0;
	expect_words(NULL, "Aujourd\xe2\x80\x99hui, l\xe2\x80\x99\xc3\x89tat "
	    "\xc5\x92UVRE \xc3\xa0 Z\xc3\xbcrich: STRASSE Stra\xc3\x9f" "e.",
	    "aujourd'hui/word l'/word \xc3\xa9tat/word \xc5\x93uvre/word "
	    "\xc3\xa0/word z\xc3\xbcrich/word strasse/word strasse/word");
	expect_words(&keep, "Aujourd\xe2\x80\x99hui, l\xe2\x80\x99\xc3\x89tat "
	    "\xc5\x92UVRE Stra\xc3\x9f" "e.",
	    "Aujourd'hui/word l'/word \xc3\x89tat/word \xc5\x92UVRE/word "
	    "Stra\xc3\x9f" "e/word");
	/* stopwords ("l" is not one here), and an inversion */
	expect_words(NULL, "Le chat, l'\xc3\xa9t\xc3\xa9 : a-t-il vu "
	    "peut-\xc3\xaatre ?",
	    "chat/word l'/word a/word il/word vu/word "
	    "peut-\xc3\xaatre/word");
}

static void
test_fast_paths_numbers_and_marks(void **state)
{
	(void)state;
	expect_words(NULL, "12 000 \xe2\x82\xac et 3,5 % ou 2\xc2\xa0" "253",
	    "12000/number et/word 3,5%/number ou/word 2253/number");
	/* a combining accent composes (NFC); ICU segments around it */
	expect_words(NULL, "cafe\xcc\x81 e\xcc\x81te\xcc\x81 "
	    "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd \xf0\x9f\x87\xab\xf0\x9f\x87\xb7",
	    "caf\xc3\xa9/word \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd/emoji "
	    "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7/emoji");
	/* I with a dot folds to i and a combining dot: left to ICU */
	expect_words(NULL, "\xc4\xb0stanbul \xc5\x89",
	    "i\xcc\x87stanbul/word \xca\xbcn/word");
}

static void
test_fast_paths_urls_and_tags(void **state)
{
	(void)state;
	expect_words(NULL, "Voir https://x.fr/a?b=1, lemonde.fr/p et "
	    "a.b+c@d.fr ou x@y ; #Paris2024 @durov_1 #1 http:x",
	    "voir/word https://x.fr/a?b=1/url lemonde.fr/p/url et/word "
	    "a.b+c@d.fr/email ou/word x/word @y/mention "
	    "#paris2024/hashtag @durov_1/mention 1/number http/word x/word");
}

/* Every option that changes the tokens, on text of every kind: the fast
 * paths must give what ICU alone gives. (No no-break spaces here: NFKC
 * makes them spaces, inside a token.) */
static void
test_fast_paths_agree_with_icu(void **state)
{
	static const char *const texts[] = {
		"L\xe2\x80\x99\xc3\xa9t\xc3\xa9 d\xc3\xa9j\xc3\xa0 pass\xc3\xa9, "
		"M. Dupont a-t-il dit \xc2\xab oui \xc2\xbb ? Les U.S. "
		"officials' plans, it's John's.",
		"Prix : 12 000 \xe2\x82\xac (+5 %), 1,5 ou 3.14 ; "
		"v1.2.3 3rd covid19 2020-2021 19-year-old 1_000 __init__",
		"\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \xd0\x9c\xd0"
		"\x98\xd0\xa0! \xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1 \xce\xa3"
		"\xce\x9f\xce\xa6\xce\x9f\xce\xa3 \xd9\x85\xd8\xb1\xd8\xad\xd9"
		"\x80\xd9\x80\xd8\xa8\xd8\xa7 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d "
		"\xe0\xb8\xa0\xe0\xb8\xb2\xe0\xb8\xa9\xe0\xb8\xb2 \xe4\xb8\xad"
		"\xe6\x96\x87 \xe3\x82\xab\xe3\x82\xbf\xe3\x82\xab\xe3\x83\x8a",
		"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb ok\xf0\x9f\x98\x80 "
		"1\xef\xb8\x8f\xe2\x83\xa3 a\xc2\xad" "b c\xe2\x80\x8b" "d "
		"\xc2\xa9\xef\xb8\x8f \xe2\x84\xa2 \xef\xac\x81n \xef\xbc\x91"
		"\xef\xbc\x92 \xd9\xa3\xd9\xa4",
		"Line one.\r\nLine two!!\n\nTab\there\v\f\xc2\x85" "end "
		"\xe2\x80\x83 \xe2\x80\xa8" "x",
		"ABC\xe2\x80\x90" "def \xca\xbc" "a \xc7\xb0 \xce\x90 "
		"\xe1\xba\x9e \xc3\x9f\xc3\x9f \xc4\xb1 I\xcc\x87 \xef\xac\x80",
	};
	ctk_tok_options opts[8];
	size_t i, k;
	char *got;

	(void)state;
	for (k = 0; k < 8; k++)
		ctk_tok_options_init(&opts[k]);
	opts[1].fold_case = 0;
	opts[2].nfkc = 1;
	opts[3].strip_accents = 1;
	opts[4].types |= CTK_TOK_BIT(CTK_TOK_PUNCT);
	opts[4].sentences = 1;
	opts[5].ngram_max = 3;
	opts[6].stem = 1;
	opts[6].min_length = 3;
	opts[7].nfkc = 1;
	opts[7].fold_case = 0;
	opts[7].strip_accents = 1;
	for (i = 0; i < sizeof texts / sizeof *texts; i++)
		for (k = 0; k < 8; k++) {
			got = run_both(&opts[k], texts[i], strlen(texts[i]),
			    k == 6 ? "fr" : NULL);
			free(got);
		}
}

/* Random text over the characters where the paths part: same tokens. */
static void
test_fast_paths_random_text(void **state)
{
	static const char *const pieces[] = {
		"a", "e", "s", "T", "Z", "1", "9", "0", " ", " ", " ", ".",
		",", "'", "-", "_", "@", "#", "/", ":", "%", "+", "\t", "\n",
		"\xc3\xa9", "\xc3\x89", "\xc3\x9f", "\xc5\x92", "\xe2\x80\x99",
		"\xc2\xa0", "\xe2\x80\xaf", "\xcc\x81", "\xc2\xad",
		"\xe2\x80\x8d", "\xf0\x9f\x98\x80", "\xf0\x9f\x87\xab",
		"\xd7\x90", "\xe0\xb8\x81", "\xe4\xb8\x80", "\xd9\xa3",
		"\xd0\xb4", "\xce\xa3", "\xc2\xab", "\xe2\x80\x90", "http://",
		"www.", ".fr/", "l'", "-t-", "!", "?", "\xc4\xb0",
		"\xef\xb8\x8f", "\xe2\x83\xa3", "\xc3\xa0",
	};
	size_t n_pieces = sizeof pieces / sizeof *pieces;
	uint64_t seed = 0x9E3779B97F4A7C15u;
	ctk_tok_options opt;
	char s[512];
	size_t round, k, len;

	(void)state;
	for (round = 0; round < 3000; round++) {
		len = 0;
		for (k = 0; k < 1 + round % 40; k++) {
			const char *p;

			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			p = pieces[seed % n_pieces];
			memcpy(s + len, p, strlen(p));
			len += strlen(p);
		}
		ctk_tok_options_init(&opt);
		opt.types |= CTK_TOK_BIT(CTK_TOK_PUNCT);
		opt.fold_case = round % 3 != 0;
		opt.sentences = round % 2;
		free(run_both(&opt, s, len, round % 5 ? NULL : "en"));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types_and_offsets),
		cmocka_unit_test(test_elision_offsets),
		cmocka_unit_test(test_inversion_depends_on_lang),
		cmocka_unit_test(test_sentence_numbers),
		cmocka_unit_test(test_ngrams_stop_at_sentences),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_stopwords_and_normalize),
		cmocka_unit_test(test_types_parse),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_long_text),
		cmocka_unit_test(test_hyphen_at_end_of_unterminated_text),
		cmocka_unit_test(test_fast_paths_french),
		cmocka_unit_test(test_fast_paths_numbers_and_marks),
		cmocka_unit_test(test_fast_paths_urls_and_tags),
		cmocka_unit_test(test_fast_paths_agree_with_icu),
		cmocka_unit_test(test_fast_paths_random_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
