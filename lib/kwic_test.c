/* Unit tests of keyword in context: folding, phrases, regexes, contexts.
 * Expected contexts were counted by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "kwic.h"

struct hits {
	int n;
	char out[8][200];
};

static int
collect(void *ctx, const ctk_kwic_hit *h)
{
	struct hits *hs = ctx;

	if (hs->n < 8)
		snprintf(hs->out[hs->n], sizeof hs->out[0], "%.*s[%.*s]%.*s",
		    (int)h->left.len, h->left.s, (int)h->match.len, h->match.s,
		    (int)h->right.len, h->right.s);
	hs->n++;
	return 0;
}

static struct hits
scan(const char *query, int regex, int width, int tokens, const char *text)
{
	struct hits hs;
	ctk_error err;
	ctk_kwic *k = ctk_kwic_new(query, regex, width, tokens, &err);

	memset(&hs, 0, sizeof hs);
	assert_non_null(k);
	assert_int_equal(ctk_kwic_scan(k, text, strlen(text), collect, &hs,
	    &err), 0);
	ctk_kwic_free(k);
	return hs;
}

/* "état" finds "État", "ÉTAT" and the word after an elided article. */
static void
folded_match(void **state)
{
	struct hits hs = scan("état", 0, 6, 0,
	    "L'État dit: ÉTAT\tfort, états non.");

	(void)state;
	assert_int_equal(hs.n, 2);
	assert_string_equal(hs.out[0], "L'[État] dit: ");
	/* 6 code points each side; the tab became a space */
	assert_string_equal(hs.out[1], " dit: [ÉTAT] fort,");
}

/* A decomposed "E" + U+0301 is one word and folds to the composed form. */
static void
decomposed_text(void **state)
{
	struct hits hs = scan("ÉTAT", 0, 3, 0, "un E\xcc\x81tat fort");

	(void)state;
	assert_int_equal(hs.n, 1);
	assert_string_equal(hs.out[0], "un [E\xcc\x81tat] fo");
}

/* A phrase matches consecutive words across punctuation. */
static void
phrase(void **state)
{
	struct hits hs = scan("Guerre Ukraine", 0, 3, 0,
	    "la guerre, Ukraine; la guerre en Ukraine");

	(void)state;
	assert_int_equal(hs.n, 1);
	assert_string_equal(hs.out[0], "la [guerre, Ukraine]; l");
}

/* Contexts of N words instead of N characters. */
static void
token_context(void **state)
{
	struct hits hs = scan("c", 0, 0, 2, "a b c d e f");

	(void)state;
	assert_int_equal(hs.n, 1);
	assert_string_equal(hs.out[0], "a b [c] d e");
}

/* A regex must match a whole folded word, ignoring case. */
static void
regex_words(void **state)
{
	struct hits hs = scan("^ukrain.*", 1, 0, 1,
	    "Ukraine, UKRAINIENS et Russie ukr");

	(void)state;
	assert_int_equal(hs.n, 2);
	assert_string_equal(hs.out[0], "[Ukraine], UKRAINIENS");
	assert_string_equal(hs.out[1], "Ukraine, [UKRAINIENS] et");
}

static void
bad_queries(void **state)
{
	ctk_error err;

	(void)state;
	assert_null(ctk_kwic_new("(", 1, 10, 0, &err));
	assert_int_equal(err.code, CTK_EUSAGE);
	assert_null(ctk_kwic_new(" ,; ", 0, 10, 0, &err));
	assert_int_equal(err.code, CTK_EUSAGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folded_match),
		cmocka_unit_test(decomposed_text),
		cmocka_unit_test(phrase),
		cmocka_unit_test(token_context),
		cmocka_unit_test(regex_words),
		cmocka_unit_test(bad_queries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
