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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
