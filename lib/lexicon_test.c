/* Unit tests of lexicon: exact, prefix and multiword terms, the longest
 * match rule, weights, accent stripping, TSV and LIWC .dic parsing with
 * their error positions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "lexicon.h"

struct reports {
	int n;
	ctk_error last;
};

static void
collect(void *ctx, const ctk_error *e)
{
	struct reports *r = ctx;

	r->n++;
	r->last = *e;
}

static ctk_lexicon *
load(const char *text, unsigned flags, struct reports *r)
{
	ctk_error err;
	ctk_input *in = ctk_input_from_memory(text, strlen(text), "lex", &err);
	ctk_lexicon *lx = ctk_lexicon_new(flags);

	assert_non_null(in);
	memset(r, 0, sizeof *r);
	assert_int_equal(ctk_lexicon_load(lx, in, collect, r, &err), 0);
	ctk_input_close(in);
	return lx;
}

/* Matches text (raw, punctuation trimmed); returns the matches string. */
static const char *
run(ctk_lexicon *lx, const char *text, double *total, long *n)
{
	static ctk_buf m = CTK_BUF_INIT;
	ctk_tokens t;
	ctk_error err;

	ctk_tokens_init(&t);
	ctk_buf_reset(&m);
	assert_int_equal(ctk_tokens_split(&t, text, strlen(text),
	    ctk_lexicon_flags(lx) | CTK_TOKENS_TRIM_PUNCT, &err), 0);
	*n = ctk_lexicon_match(lx, &t, total, &m, &err);
	ctk_tokens_release(&t);
	return ctk_buf_str(&m);
}

static void
exact_prefix_and_multiword(void **state)
{
	struct reports r;
	ctk_lexicon *lx = load("term\tcategory\n"
	    "good\tpos\n"
	    "happ*\tpos\t2\n"
	    "not good\tneg\n"
	    "\xc3\xa9tat islamique\tgroup\n"
	    "bad\tneg\t1.5\n"
	    "bad\tanger\n", 0, &r);
	double total[4];
	long n;

	(void)state;
	assert_int_equal(r.n, 0);
	assert_int_equal(ctk_lexicon_ncategories(lx), 4);
	assert_string_equal(ctk_lexicon_category(lx, 0), "pos");
	assert_string_equal(ctk_lexicon_category(lx, 3), "anger");
	assert_int_equal(ctk_lexicon_nterms(lx), 5);
	assert_string_equal(run(lx, "Good, HAPPINESS and happy!", total, &n),
	    "good;happiness;happy");
	assert_int_equal(n, 3);
	assert_true(total[0] == 5);	/* 1 + 2 + 2 */
	/* "not good" is longer than "good": only it counts */
	assert_string_equal(run(lx, "it is not good, bad", total, &n),
	    "not good;bad");
	assert_true(total[0] == 0);
	assert_true(total[1] == 2.5);
	assert_true(total[3] == 1);
	assert_string_equal(run(lx, "\xc3\x89tat islamique", total, &n),
	    "\xc3\xa9tat islamique");
	assert_true(total[2] == 1);
	/* the prefix needs one more byte at most: "happ" itself matches */
	assert_string_equal(run(lx, "hap happ", total, &n), "happ");
	ctk_lexicon_free(lx);
}

static void
longer_prefix_wins_and_exact_beats_prefix(void **state)
{
	struct reports r;
	ctk_lexicon *lx = load("abs*\tx\nabsolu*\ty\nabsolut\tz\n", 0, &r);
	double total[3];
	long n;

	(void)state;
	run(lx, "absolument absent absolut", total, &n);
	assert_int_equal(n, 3);
	assert_true(total[0] == 1);	/* absent */
	assert_true(total[1] == 1);	/* absolument */
	assert_true(total[2] == 1);	/* absolut: exact, 7 letters */
	ctk_lexicon_free(lx);
}

static void
accents_stripped_on_both_sides(void **state)
{
	struct reports r;
	ctk_lexicon *lx = load("\xc3\xa9tat islamique\tgroup\nnaive\tx\n",
	    CTK_TOKENS_STRIP_ACCENTS, &r);
	double total[2];
	long n;

	(void)state;
	assert_string_equal(run(lx, "Etat; \xc3\x89TAT ISLAMIQUE, "
	    "na\xc3\xafve", total, &n), "etat islamique;naive");
	ctk_lexicon_free(lx);
}

static void
bad_lines_reported_with_position(void **state)
{
	struct reports r;
	ctk_lexicon *lx = load("good\tpos\n# comment\n\nbad\tneg\tlots\n"
	    "x\n*\tneg\nok\tneg\t-2\n", 0, &r);

	(void)state;
	assert_int_equal(r.n, 3);
	assert_int_equal(r.last.line, 6);
	assert_non_null(strstr(r.last.msg, "wildcard"));
	assert_int_equal(ctk_lexicon_nterms(lx), 2);
	ctk_lexicon_free(lx);
	lx = load("good\tpos\nbad\tneg\tlots\n", 0, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.last.line, 2);
	assert_int_equal(r.last.col, 9);
	assert_string_equal(r.last.msg, "bad weight 'lots': expected a number");
	ctk_lexicon_free(lx);
}

static void
liwc_dic_is_read(void **state)
{
	struct reports r;
	ctk_lexicon *lx = load("%\n1\tposemo\n2\tnegemo\n3\taffect\n%\n"
	    "happ*\t1\t3\n"
	    "sad\t2 3\n"
	    "kind of\t1\n"
	    "bogus\t9\n", 0, &r);
	double total[3];
	long n;

	(void)state;
	assert_int_equal(r.n, 1);
	assert_int_equal(r.last.line, 9);
	assert_int_equal(r.last.col, 7);
	assert_int_equal(ctk_lexicon_ncategories(lx), 3);
	assert_string_equal(ctk_lexicon_category(lx, 2), "affect");
	run(lx, "Happy and sad, kind of", total, &n);
	assert_int_equal(n, 3);
	assert_true(total[0] == 2);
	assert_true(total[1] == 1);
	assert_true(total[2] == 2);
	ctk_lexicon_free(lx);
}

static void
liwc_header_must_close(void **state)
{
	ctk_error err;
	ctk_input *in = ctk_input_from_memory("%\n1\tx\n", 6, "lex", &err);
	ctk_lexicon *lx = ctk_lexicon_new(0);

	(void)state;
	assert_int_equal(ctk_lexicon_load(lx, in, NULL, NULL, &err),
	    CTK_EFORMAT);
	assert_non_null(strstr(err.msg, "not closed"));
	ctk_input_close(in);
	ctk_lexicon_free(lx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exact_prefix_and_multiword),
		cmocka_unit_test(longer_prefix_wins_and_exact_beats_prefix),
		cmocka_unit_test(accents_stripped_on_both_sides),
		cmocka_unit_test(bad_lines_reported_with_position),
		cmocka_unit_test(liwc_dic_is_read),
		cmocka_unit_test(liwc_header_must_close),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
