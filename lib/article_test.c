/* Unit tests of article: sniffing, HTML pages against hand-written
 * expected text and metadata (testdata/articles/), raw mode, charset
 * fallbacks, deep nesting. Run from the repository root. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "article.h"
#include "article_test.h"
#include "buf.h"

#define DIR "testdata/articles/"

static size_t run_page(const char *, size_t, int, struct collected *);

static void
test_sniff(void **state)
{
	(void)state;
	assert_int_equal(ctk_article_sniff("WARC/1.0\r\n", 10),
	    CTK_ARTICLE_WARC);
	assert_int_equal(ctk_article_sniff("\n  WARC/1.1\r\n", 13),
	    CTK_ARTICLE_WARC);
	assert_int_equal(ctk_article_sniff("<?xml version=\"1.0\"?>\n"
	    "<!-- generated -->\n<rss version=\"2.0\">", 58), CTK_ARTICLE_RSS);
	assert_int_equal(ctk_article_sniff("<rdf:RDF xmlns=\"\">", 18),
	    CTK_ARTICLE_RSS);
	assert_int_equal(ctk_article_sniff("\xEF\xBB\xBF<?xml version='1.0'?>"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">", 64),
	    CTK_ARTICLE_ATOM);
	assert_int_equal(ctk_article_sniff("<!DOCTYPE html><title>x</title>",
	    31), CTK_ARTICLE_HTML);
	assert_int_equal(ctk_article_sniff("  <HTML><body>", 14),
	    CTK_ARTICLE_HTML);
	assert_int_equal(ctk_article_sniff("<?xml version=\"1.0\"?><html "
	    "xmlns=\"http://www.w3.org/1999/xhtml\">", 62), CTK_ARTICLE_HTML);
	assert_int_equal(ctk_article_sniff("<!-- x --><div>hi</div>", 23),
	    CTK_ARTICLE_HTML);
	assert_int_equal(ctk_article_sniff("id\ttext\n", 8),
	    CTK_ARTICLE_UNKNOWN);
	assert_int_equal(ctk_article_sniff("", 0), CTK_ARTICLE_UNKNOWN);
	assert_string_equal(ctk_article_format_name(CTK_ARTICLE_ATOM), "atom");
}

/* Compares the fields named in expected.meta ("column: value"); an id of
 * "hash" means any "hash:" id. */
static void
check_meta(const struct collected *c, size_t article, const char *path)
{
	ctk_buf meta = CTK_BUF_INIT;
	char *line, *save = NULL, *sep;
	const char *got;

	read_fixture(path, &meta);
	for (line = strtok_r(meta.data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		sep = strstr(line, ": ");
		if (sep == NULL) {	/* "lang:" with an empty value */
			sep = strchr(line, ':');
			assert_non_null(sep);
			*sep = '\0';
			sep[1] = '\0';
		} else
			*sep = '\0';
		got = collected_field(c, article, line);
		assert_non_null(got);
		if (strcmp(line, "id") == 0 && strcmp(sep + 2, "hash") == 0)
			assert_memory_equal(got, "hash:", 5);
		else
			assert_string_equal(got, sep + 2);
	}
	ctk_buf_release(&meta);
}

static void
check_boilerplate_absent(const char *text, const char *path)
{
	ctk_buf list = CTK_BUF_INIT;
	char *line, *save = NULL;

	read_fixture(path, &list);
	for (line = strtok_r(list.data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		if (strstr(text, line) != NULL)
			fail_msg("boilerplate \"%s\" in the text", line);
	ctk_buf_release(&list);
}

/* One page: its text equals expected.txt exactly (or, when exact is 0,
 * holds every expected paragraph), no boilerplate, metadata as in
 * expected.meta. */
static void
check_page(const char *name, const char *base_url, int exact)
{
	char path[256];
	ctk_buf page = CTK_BUF_INIT, expected = CTK_BUF_INIT;
	struct collected c;
	ctk_article_opts o;
	ctk_article_stats st = { 0, 0, 0, 0 };
	ctk_error err;
	char *para, *save = NULL;

	snprintf(path, sizeof path, DIR "%s/input.html", name);
	read_fixture(path, &page);
	collect_init(&c, &o);
	o.base_url = base_url;
	o.source = "page.html";
	assert_int_equal(ctk_article_ingest_bytes(page.data, page.len, &o,
	    &st, &err), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(st.n_articles, 1);
	assert_int_equal(c.n_problems, 0);
	assert_string_equal(collected_field(&c, 0, "source"), "page.html");
	snprintf(path, sizeof path, DIR "%s/expected.txt", name);
	read_fixture(path, &expected);
	chomp(&expected);
	if (exact)
		assert_string_equal(collected_field(&c, 0, "text"),
		    expected.data);
	for (para = strtok_r(expected.data, "\n", &save); para != NULL;
	    para = strtok_r(NULL, "\n", &save))
		assert_non_null(strstr(collected_field(&c, 0, "text"), para));
	snprintf(path, sizeof path, DIR "%s/boilerplate.txt", name);
	check_boilerplate_absent(collected_field(&c, 0, "text"), path);
	snprintf(path, sizeof path, DIR "%s/expected.meta", name);
	check_meta(&c, 0, path);
	collect_free(&c);
	ctk_buf_release(&page);
	ctk_buf_release(&expected);
}

static void
test_french_news_cp1252(void **state)
{
	(void)state;
	check_page("fr-news-cp1252", "https://www.lemonde.fr/planete/", 1);
}

static void
test_relative_canonical_resolved_against_og_url(void **state)
{
	ctk_buf page = CTK_BUF_INIT;
	struct collected c;

	(void)state;
	read_fixture(DIR "fr-news-cp1252/input.html", &page);
	assert_int_equal(run_page(page.data, page.len, 0, &c), 1);
	assert_string_equal(collected_field(&c, 0, "url"),
	    "https://www.lemonde.fr/planete/article/2024/09/06/"
	    "a-lyon-la-metropole-veut-doubler-les-pistes-cyclables_6300000_"
	    "3244.html");
	collect_free(&c);
	ctk_buf_release(&page);
}

static void
test_english_news_jsonld(void **state)
{
	(void)state;
	check_page("en-news-jsonld", NULL, 1);
}

static void
test_french_blog_without_article_element(void **state)
{
	(void)state;
	check_page("fr-blog-no-article",
	    "https://jardin-de-mireille.example/potager/tomates-en-pot", 1);
}

static void
test_undeclared_charset_is_detected(void **state)
{
	(void)state;
	check_page("fr-undeclared-charset", NULL, 0);
}

/* Runs one page from memory; returns the collected article count. */
static size_t
run_page(const char *bytes, size_t n, int raw, struct collected *c)
{
	ctk_article_opts o;
	ctk_error err;

	collect_init(c, &o);
	o.raw = raw;
	assert_int_equal(ctk_article_from_html(bytes, n, NULL, &o, NULL,
	    &err), 0);
	return c->n;
}

static void
test_raw_mode_keeps_all_visible_text(void **state)
{
	ctk_buf page = CTK_BUF_INIT;
	struct collected c;
	const char *text;

	(void)state;
	read_fixture(DIR "fr-news-cp1252/input.html", &page);
	assert_int_equal(run_page(page.data, page.len, 1, &c), 1);
	text = collected_field(&c, 0, "text");
	assert_non_null(strstr(text, "PUBLICITÉ"));
	assert_non_null(strstr(text, "Encore des millions dépensés"));
	assert_non_null(strstr(text, "La métropole de Lyon a présenté"));
	assert_non_null(strstr(text, "\n\nPUBLICITÉ\n\n"));
	assert_null(strstr(text, "dataLayer"));
	assert_null(strstr(text, "cookie-banner {"));
	assert_null(strstr(text, "tracking"));
	collect_free(&c);
	ctk_buf_release(&page);
}

static const char body_fr[] = "<p>Le caf\xe9 co\xfbte 3 \x80 au comptoir "
    "depuis la rentr\xe9" "e, ce qui f\xe2" "che les habitu\xe9s du "
    "quartier et les \xe9tudiants de la facult\xe9 voisine, qui y passent "
    "leurs matin\xe9" "es \xe0 r\xe9viser.</p>";

static void
test_unknown_charset_falls_back_to_detection(void **state)
{
	ctk_buf page = CTK_BUF_INIT;
	struct collected c;
	ctk_article_opts o;
	ctk_article_stats st = { 0, 0, 0, 0 };
	ctk_error err;

	(void)state;
	ctk_buf_append_str(&page, "<html><head><meta charset=\"x-klingon-8\">"
	    "</head><body>");
	ctk_buf_append_str(&page, body_fr);
	ctk_buf_append_str(&page, "</body></html>");
	collect_init(&c, &o);
	assert_int_equal(ctk_article_ingest_bytes(page.data, page.len, &o,
	    &st, &err), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.n_problems, 1);
	/* an error (the exit status tells), yet the page is read */
	assert_int_equal(c.severity[0], CTK_ARTICLE_ERROR);
	assert_int_equal(st.n_rejected, 1);
	assert_non_null(strstr(c.problems[0].msg, "x-klingon-8"));
	assert_non_null(strstr(collected_field(&c, 0, "text"),
	    "Le café coûte 3 € au comptoir"));
	collect_free(&c);
	ctk_buf_release(&page);
}

static void
test_declared_iso_8859_15_wins(void **state)
{
	const char page[] = "<html><head><meta http-equiv=\"content-type\" "
	    "content=\"text/html; charset=ISO-8859-15\"></head><body><p>"
	    "Prix : 12 \xa4 le kilo pour les c\xbdurs de palmier.</p>"
	    "</body></html>";
	struct collected c;

	(void)state;
	assert_int_equal(run_page(page, sizeof page - 1, 1, &c), 1);
	assert_string_equal(collected_field(&c, 0, "text"),
	    "Prix : 12 € le kilo pour les cœurs de palmier.");
	collect_free(&c);
}

static void
test_text_is_nfc(void **state)
{
	/* "e" + U+0301 COMBINING ACUTE ACCENT must come out as U+00E9 */
	const char page[] = "<html><head><meta charset=\"utf-8\"></head>"
	    "<body><p>Caf" "e\xcc\x81 et the\xcc\x81.</p></body></html>";
	struct collected c;

	(void)state;
	assert_int_equal(run_page(page, sizeof page - 1, 1, &c), 1);
	assert_string_equal(collected_field(&c, 0, "text"),
	    "Caf\xc3\xa9 et th\xc3\xa9.");
	collect_free(&c);
}

static void
test_million_nested_tags(void **state)
{
	ctk_buf page = CTK_BUF_INIT;
	struct collected c;
	size_t i;

	(void)state;
	ctk_buf_append_str(&page, "<html><body>");
	for (i = 0; i < 1000000; i++)
		ctk_buf_append(&page, "<div>", 5);
	ctk_buf_append_str(&page, "profond");
	assert_int_equal(run_page(page.data, page.len, 1, &c), 1);
	/* libxml2 stops at its depth limit; the loss is reported */
	assert_int_equal(c.n_problems, 1);
	assert_int_equal(c.severity[0], CTK_ARTICLE_WARN);
	assert_non_null(strstr(c.problems[0].msg, "nested deeper"));
	collect_free(&c);
	ctk_buf_release(&page);
}

static void
test_html_fragment_text(void **state)
{
	ctk_buf out = CTK_BUF_INIT;
	ctk_error err;
	const char *frag = "<p>One <b>bold</b>&nbsp;word.</p><ul><li>two"
	    "</li><li>three<br>four</li></ul><script>x()</script>";

	(void)state;
	assert_int_equal(ctk_article_html_text(frag, strlen(frag), 1, &out,
	    &err), 0);
	assert_string_equal(out.data,
	    "One bold\xc2\xa0word.\n\ntwo\n\nthree\nfour");
	ctk_buf_release(&out);
}

static void
test_emit_stop_is_returned(void **state)
{
	const char page[] = "<html><body><p>x</p></body></html>";
	struct collected c;
	ctk_article_opts o;
	ctk_error err;

	(void)state;
	collect_init(&c, &o);
	c.stop_after = 1;
	assert_int_equal(ctk_article_ingest_bytes(page, sizeof page - 1, &o,
	    NULL, &err), CTK_EIO);
	collect_free(&c);
}

static void
test_byline_skips_author_boxes(void **state)
{
	const char page[] = "<html><body class=\"one-author\"><div "
	    "class=\"author-box\">Jean Dupont est journaliste depuis trente "
	    "ans, il a couvert les guerres du Golfe, des Balkans et du Caucase "
	    "pour plusieurs quotidiens nationaux.</div><p>Texte <span "
	    "class=\"byline\">Par Jean Dupont</span></p></body></html>";
	struct collected c;

	(void)state;
	assert_int_equal(run_page(page, sizeof page - 1, 0, &c), 1);
	assert_string_equal(collected_field(&c, 0, "author"), "Jean Dupont");
	collect_free(&c);
}

static void
test_unknown_format(void **state)
{
	struct collected c;
	ctk_article_opts o;
	ctk_error err;

	(void)state;
	collect_init(&c, &o);
	assert_int_equal(ctk_article_ingest_bytes("a,b,c\n1,2,3\n", 12, &o,
	    NULL, &err), CTK_EFORMAT);
	assert_non_null(strstr(err.msg, "not an HTML page"));
	assert_int_equal(c.n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_french_news_cp1252),
		cmocka_unit_test(test_relative_canonical_resolved_against_og_url),
		cmocka_unit_test(test_english_news_jsonld),
		cmocka_unit_test(test_french_blog_without_article_element),
		cmocka_unit_test(test_undeclared_charset_is_detected),
		cmocka_unit_test(test_raw_mode_keeps_all_visible_text),
		cmocka_unit_test(test_unknown_charset_falls_back_to_detection),
		cmocka_unit_test(test_declared_iso_8859_15_wins),
		cmocka_unit_test(test_text_is_nfc),
		cmocka_unit_test(test_million_nested_tags),
		cmocka_unit_test(test_html_fragment_text),
		cmocka_unit_test(test_emit_stop_is_returned),
		cmocka_unit_test(test_byline_skips_author_boxes),
		cmocka_unit_test(test_unknown_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
