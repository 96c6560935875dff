/* Unit tests of features: white-space splitting, case folding, NFC, accent
 * stripping, punctuation trimming, the tokens-column path, and the hashed
 * n-gram counts (bucket values from scripts/classify-ref.py). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ctk_features.h"
#include "utf8.h"

static size_t
encode(uint32_t cp, char *out)
{
	return ctk_utf8_encode(cp, out);
}

/* The tokens of s joined by '|'. */
static const char *
split(ctk_tokens *t, const char *s, unsigned flags)
{
	static char out[512];
	ctk_error err;
	size_t i;

	assert_int_equal(ctk_tokens_split(t, s, strlen(s), flags, &err), 0);
	out[0] = '\0';
	for (i = 0; i < t->n; i++) {
		if (i > 0)
			strcat(out, "|");
		assert_int_equal(strlen(t->text.data + t->start[i]), t->len[i]);
		strcat(out, t->text.data + t->start[i]);
	}
	return out;
}

static void
splits_on_unicode_white_space_and_folds(void **state)
{
	ctk_tokens t;

	(void)state;
	ctk_tokens_init(&t);
	assert_string_equal(split(&t, "  Hello\tWORLD\n", 0), "hello|world");
	/* no-break space, ideographic space, line separator */
	assert_string_equal(split(&t, "a\xc2\xa0" "b\xe3\x80\x80" "c\xe2\x80\xa8"
	    "d", 0), "a|b|c|d");
	/* full case folding: É -> é, ß -> ss, Σ -> σ */
	assert_string_equal(split(&t, "\xc3\x89T\xc3\x89 Stra\xc3\x9f" "e "
	    "\xce\xa3", 0), "\xc3\xa9t\xc3\xa9|strasse|\xcf\x83");
	/* NFC: e + combining acute -> é */
	assert_string_equal(split(&t, "Cafe\xcc\x81", 0), "caf\xc3\xa9");
	assert_string_equal(split(&t, "word, (x)", 0), "word,|(x)");
	assert_string_equal(split(&t, "", 0), "");
	ctk_tokens_release(&t);
}

static void
strips_accents_and_trims_punctuation(void **state)
{
	ctk_tokens t;

	(void)state;
	ctk_tokens_init(&t);
	assert_string_equal(split(&t, "\xc3\x89tat Isl\xc3\xa2mique "
	    "na\xc3\xaf" "ve", CTK_TOKENS_STRIP_ACCENTS), "etat|islamique|naive");
	assert_string_equal(split(&t, "\xc2\xab" "Bonjour\xc2\xbb, monde! ... "
	    "l'eau", CTK_TOKENS_TRIM_PUNCT), "bonjour|monde|l'eau");
	ctk_tokens_release(&t);
}

static void
tokens_column_is_taken_as_is(void **state)
{
	ctk_tokens t;

	(void)state;
	ctk_tokens_init(&t);
	/* tokenize has already folded: Case stays, tabs are not separators */
	assert_string_equal(split(&t, "Case  x\ty ,", CTK_TOKENS_PRETOKENIZED),
	    "Case|x\ty|,");
	assert_string_equal(split(&t, "\xc3\xa9t\xc3\xa9 a",
	    CTK_TOKENS_PRETOKENIZED | CTK_TOKENS_STRIP_ACCENTS), "ete|a");
	ctk_tokens_release(&t);
}

static void
buckets_match_reference(void **state)
{
	(void)state;
	assert_int_equal(ctk_features_bucket("hello", 5, 20), 143940);
	assert_int_equal(ctk_features_bucket("hello world", 11, 20), 976341);
	assert_int_equal(ctk_features_bucket("\xc3\xa9t\xc3\xa9", 5, 20),
	    973371);
}

static float
value_of(const ctk_fvec *v, uint32_t b)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (v->bucket[i] == b)
			return v->value[i];
	return 0;
}

static void
hashes_unigrams_and_bigrams(void **state)
{
	ctk_tokens t;
	ctk_fvec v;
	ctk_error err;
	size_t i;

	(void)state;
	ctk_tokens_init(&t);
	ctk_fvec_init(&v);
	split(&t, "Hello world hello world", 0);
	assert_int_equal(ctk_features_hash(&v, &t, 20, 2, &err), 0);
	/* hello x2, world x2, "hello world" x2, "world hello" x1 */
	assert_int_equal(v.n, 4);
	for (i = 1; i < v.n; i++)
		assert_true(v.bucket[i - 1] < v.bucket[i]);
	assert_true(value_of(&v, 143940) == 2.0f);
	assert_true(value_of(&v, 976341) == 2.0f);
	assert_true(value_of(&v, ctk_features_bucket("world hello", 11, 20))
	    == 1.0f);
	assert_int_equal(ctk_features_hash(&v, &t, 20, 1, &err), 0);
	assert_int_equal(v.n, 2);
	ctk_fvec_release(&v);
	ctk_tokens_release(&t);
}

/* The Latin fast path agrees with ICU: a letter alone (fast path) must
 * normalize as it does next to a CJK ideograph (which sends the token
 * through ICU). */
static void
latin_fast_path_agrees_with_icu(void **state)
{
	ctk_tokens t;
	ctk_buf fast = CTK_BUF_INIT, slow = CTK_BUF_INIT;
	ctk_error err;
	char in[16];
	uint32_t cp;
	size_t n;
	unsigned flags;

	(void)state;
	ctk_tokens_init(&t);
	for (flags = 0; flags <= CTK_TOKENS_STRIP_ACCENTS;
	    flags += CTK_TOKENS_STRIP_ACCENTS) {
		for (cp = 0x80; cp < 0x250; cp++) {
			n = encode(cp, in);
			ctk_buf_reset(&fast);
			ctk_buf_reset(&slow);
			assert_int_equal(ctk_tokens_normalize(&t, &fast, in, n,
			    flags, &err), 0);
			ctk_buf_append_str(&fast, "\xe4\xb8\x80");
			memcpy(in + n, "\xe4\xb8\x80", 3);
			assert_int_equal(ctk_tokens_normalize(&t, &slow, in,
			    n + 3, flags, &err), 0);
			if (strcmp(fast.data, slow.data) != 0)
				fail_msg("U+%04X: '%s' != '%s'", (unsigned)cp,
				    fast.data, slow.data);
		}
	}
	ctk_buf_release(&fast);
	ctk_buf_release(&slow);
	ctk_tokens_release(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(splits_on_unicode_white_space_and_folds),
		cmocka_unit_test(strips_accents_and_trims_punctuation),
		cmocka_unit_test(tokens_column_is_taken_as_is),
		cmocka_unit_test(buckets_match_reference),
		cmocka_unit_test(hashes_unigrams_and_bigrams),
		cmocka_unit_test(latin_fast_path_agrees_with_icu),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
