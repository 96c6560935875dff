/* Unit tests of feed: RSS 2.0 and Atom fixtures against hand-written
 * expected.tsv, malformed feeds (line and column, earlier items kept),
 * XXE and entity bombs (nothing expanded, nothing read). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "article.h"
#include "article_test.h"
#include "buf.h"
#include "feed.h"
#include "test_util.h"

#define DIR "testdata/articles/"

/* Undoes the \n escapes of an expected.tsv field. */
static void
unescape(const char *s, ctk_buf *out)
{
	ctk_buf_reset(out);
	for (; *s != '\0'; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			ctk_buf_append_char(out, '\n');
			s++;
		} else
			ctk_buf_append_char(out, *s);
	}
}

/* Each row of expected.tsv (after its header) against one article. */
static void
check_feed(const char *name, size_t n_items)
{
	char path[256], *line, *save = NULL, *col, *names[16];
	ctk_buf feed = CTK_BUF_INIT, tsv = CTK_BUF_INIT, want = CTK_BUF_INIT;
	struct collected c;
	ctk_article_opts o;
	ctk_error err;
	size_t row = 0, n_names = 0, i;

	snprintf(path, sizeof path, DIR "%s/input.xml", name);
	read_fixture(path, &feed);
	collect_init(&c, &o);
	assert_int_equal(ctk_article_ingest_bytes(feed.data, feed.len, &o,
	    NULL, &err), 0);
	assert_int_equal(c.n, n_items);
	assert_int_equal(c.n_problems, 0);
	snprintf(path, sizeof path, DIR "%s/expected.tsv", name);
	read_fixture(path, &tsv);
	for (line = strtok_r(tsv.data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		for (i = 0, col = line; col != NULL && i < 16; i++) {
			char *tab = strchr(col, '\t');

			if (tab != NULL)
				*tab = '\0';
			if (n_names < 16 && row == 0)
				names[n_names++] = col;
			else if (row > 0) {
				const char *got = collected_field(&c, row - 1,
				    names[i]);

				unescape(col, &want);
				assert_non_null(got);
				if (strcmp(names[i], "id") == 0 &&
				    strcmp(col, "hash") == 0)
					assert_memory_equal(got, "hash:", 5);
				else
					assert_string_equal(got,
					    ctk_buf_str(&want));
			}
			col = tab != NULL ? tab + 1 : NULL;
		}
		row++;
	}
	assert_int_equal(row, n_items + 1);
	collect_free(&c);
	ctk_buf_release(&feed);
	ctk_buf_release(&tsv);
	ctk_buf_release(&want);
}

static void
test_rss2_items(void **state)
{
	(void)state;
	check_feed("rss2-content-encoded", 3);
}

static void
test_atom_entries(void **state)
{
	(void)state;
	check_feed("atom-html-xhtml", 2);
}

static void
test_malformed_feed_keeps_earlier_items(void **state)
{
	const char feed[] = "<?xml version=\"1.0\"?>\n"
	    "<rss version=\"2.0\"><channel><title>T</title>\n"
	    "<item><title>First</title><link>https://a.example/1</link>"
	    "</item>\n"
	    "<item><title>Second</title><link>https://a.example/2</link>"
	    "</item>\n"
	    "<item><title>Broken <b>tag</title></item>\n"
	    "</channel></rss>\n";
	struct collected c;
	ctk_article_opts o;
	ctk_article_stats st = { 0, 0, 0, 0 };
	ctk_error err;

	(void)state;
	collect_init(&c, &o);
	assert_int_equal(ctk_feed_parse(feed, sizeof feed - 1, &o, &st, &err),
	    0);
	assert_true(c.n >= 2);
	assert_string_equal(collected_field(&c, 0, "title"), "First");
	assert_string_equal(collected_field(&c, 1, "url"),
	    "https://a.example/2");
	assert_int_equal(c.n_problems, 1);
	assert_int_equal(c.severity[0], CTK_ARTICLE_ERROR);
	assert_int_equal(st.n_rejected, 1);
	assert_int_equal(c.problems[0].line, 5);
	assert_true(c.problems[0].col > 0);
	collect_free(&c);
}

static void
test_strict_malformed_feed(void **state)
{
	const char feed[] = "<rss><channel><item><title>A</title></item>\n"
	    "<item><title>B</titel></item></channel></rss>";
	struct collected c;
	ctk_article_opts o;
	ctk_error err;

	(void)state;
	collect_init(&c, &o);
	c.strict = 1;
	assert_int_equal(ctk_feed_parse(feed, sizeof feed - 1, &o, NULL, &err),
	    CTK_EFORMAT);
	assert_int_equal(err.line, 2);
	collect_free(&c);
}

static void
test_truncated_feed(void **state)
{
	const char feed[] = "<rss version=\"2.0\"><channel><title>T</title>"
	    "<item><title>Kept</title><description>Whole item."
	    "</description></item><item><title>Cut";
	struct collected c;
	ctk_article_opts o;
	ctk_error err;

	(void)state;
	collect_init(&c, &o);
	assert_int_equal(ctk_feed_parse(feed, sizeof feed - 1, &o, NULL, &err),
	    0);
	assert_true(c.n >= 1);
	assert_string_equal(collected_field(&c, 0, "title"), "Kept");
	assert_string_equal(collected_field(&c, 0, "text"), "Whole item.");
	assert_int_equal(c.n_problems, 1);
	assert_int_equal(c.problems[0].line, 1);
	collect_free(&c);
}

static void
test_xxe_reads_no_file(void **state)
{
	const char secret[] = "TOP-SECRET-CONTENT-42";
	char *path = test_tmpfile(secret, sizeof secret - 1);
	ctk_buf feed = CTK_BUF_INIT;
	struct collected c;
	ctk_article_opts o;
	ctk_error err;
	size_t i, j;

	(void)state;
	ctk_buf_printf(&feed, "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://%s\">\n"
	    "<!ENTITY %% remote SYSTEM \"file://%s\"> %%remote;]>\n"
	    "<rss version=\"2.0\"><channel><title>&xxe;</title>"
	    "<item><title>A &xxe; B</title><description>&xxe;</description>"
	    "</item></channel></rss>\n", path, path);
	collect_init(&c, &o);
	ctk_feed_parse(feed.data, feed.len, &o, NULL, &err);
	assert_int_equal(c.n, 1);
	for (i = 0; i < c.n; i++)
		for (j = 0; j < CTK_ARTICLE_NCOLUMNS; j++)
			assert_null(strstr(c.field[i][j], "TOP-SECRET"));
	assert_string_equal(collected_field(&c, 0, "title"), "A B");
	collect_free(&c);
	ctk_buf_release(&feed);
	test_unlink(path);
}

static void
test_billion_laughs_is_not_expanded(void **state)
{
	ctk_buf feed = CTK_BUF_INIT;
	struct collected c;
	ctk_article_opts o;
	ctk_error err;
	time_t start = time(NULL);
	int i;

	(void)state;
	ctk_buf_append_str(&feed, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
	    "<!ENTITY lol0 \"lol\">\n");
	for (i = 1; i < 10; i++)
		ctk_buf_printf(&feed, "<!ENTITY lol%d \"&lol%d;&lol%d;&lol%d;"
		    "&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;\">\n",
		    i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1,
		    i - 1, i - 1, i - 1);
	ctk_buf_append_str(&feed, "]>\n<rss version=\"2.0\"><channel>"
	    "<title>Laughs</title><item><title>Bomb</title>"
	    "<description>&lol9;</description></item></channel></rss>\n");
	collect_init(&c, &o);
	ctk_feed_parse(feed.data, feed.len, &o, NULL, &err);
	assert_true(time(NULL) - start < 5);
	for (size_t k = 0; k < c.n; k++)
		assert_true(strlen(collected_field(&c, k, "text")) < 1000);
	collect_free(&c);
	ctk_buf_release(&feed);
}

static void
test_not_a_feed(void **state)
{
	const char doc[] = "<?xml version=\"1.0\"?><svg></svg>";
	struct collected c;
	ctk_article_opts o;
	ctk_error err;

	(void)state;
	collect_init(&c, &o);
	assert_int_equal(ctk_feed_parse(doc, sizeof doc - 1, &o, NULL, &err),
	    CTK_EFORMAT);
	assert_non_null(strstr(err.msg, "not an RSS or Atom feed"));
}

static void
test_feed_in_latin1(void **state)
{
	const char feed[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
	    "<rss version=\"2.0\"><channel><title>Caf\xe9</title><item>"
	    "<title>\xc9t\xe9</title><description>D\xe9j\xe0 l\xe0."
	    "</description></item></channel></rss>";
	struct collected c;
	ctk_article_opts o;
	ctk_error err;

	(void)state;
	collect_init(&c, &o);
	assert_int_equal(ctk_feed_parse(feed, sizeof feed - 1, &o, NULL, &err),
	    0);
	assert_int_equal(c.n, 1);
	assert_string_equal(collected_field(&c, 0, "channel"), "Café");
	assert_string_equal(collected_field(&c, 0, "title"), "Été");
	assert_string_equal(collected_field(&c, 0, "text"), "Déjà là.");
	collect_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss2_items),
		cmocka_unit_test(test_atom_entries),
		cmocka_unit_test(test_malformed_feed_keeps_earlier_items),
		cmocka_unit_test(test_strict_malformed_feed),
		cmocka_unit_test(test_truncated_feed),
		cmocka_unit_test(test_xxe_reads_no_file),
		cmocka_unit_test(test_billion_laughs_is_not_expanded),
		cmocka_unit_test(test_not_a_feed),
		cmocka_unit_test(test_feed_in_latin1),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
