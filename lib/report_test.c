/* Unit tests of report: filters, counting and the page, through the
 * public API. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report.h"

static ctk_str
S(const char *s)
{
	ctk_str x = { s, strlen(s) };

	return x;
}

static ctk_report_doc
doc(const char *id, const char *channel, const char *date, const char *lang,
    const char *text)
{
	ctk_report_doc d;

	memset(&d, 0, sizeof d);
	d.id = S(id);
	d.kind = S("message");
	d.channel = S(channel);
	d.date = S(date);
	d.url = S("");
	d.fwd_from = S("");
	d.lang = S(lang);
	d.text = S(text);
	d.views = S("");
	d.links = S("");
	d.text_hash = S("");
	return d;
}

/* The page of r as a string; the caller frees it. */
static char *
page(ctk_report *r)
{
	char *data = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&data, &size);
	ctk_error err;

	assert_non_null(f);
	assert_int_equal(ctk_report_write(r, f, &err), 0);
	fclose(f);
	return data;
}

static int
setup(void **state)
{
	(void)state;
	/* make check sets CTK_DATADIR; a manual run from the top works too */
	if (getenv("CTK_DATADIR") == NULL)
		setenv("CTK_DATADIR", "data", 1);
	return 0;
}

static void
bad_dates_and_interface_languages_are_usage_errors(void **state)
{
	ctk_report_opts o;
	ctk_error err;

	(void)state;
	memset(&o, 0, sizeof o);
	o.since = "2024-9";
	assert_null(ctk_report_new(&o, &err));
	assert_int_equal(err.code, CTK_EUSAGE);
	o.since = "2024-09";
	o.ui_lang = "de";
	assert_null(ctk_report_new(&o, &err));
	assert_int_equal(err.code, CTK_EUSAGE);
}

static void
filters_keep_channel_period_and_language(void **state)
{
	const char *channels[] = { "a", "b" };
	ctk_report_opts o;
	ctk_report *r;
	ctk_report_doc d;
	ctk_error err;

	(void)state;
	memset(&o, 0, sizeof o);
	o.channels = channels;
	o.n_channels = 2;
	o.since = "2024-09";
	o.until = "2024-09-30";
	o.lang = "fr";
	r = ctk_report_new(&o, &err);
	assert_non_null(r);
	d = doc("1", "a", "2024-09-01T00:00:00Z", "fr", "bonjour");
	assert_int_equal(ctk_report_add(r, &d, &err), 1);
	/* until a day takes the whole day */
	d = doc("2", "b", "2024-09-30T23:59:59Z", "fr-FR", "salut");
	assert_int_equal(ctk_report_add(r, &d, &err), 1);
	d = doc("3", "c", "2024-09-02T00:00:00Z", "fr", "autre canal");
	assert_int_equal(ctk_report_add(r, &d, &err), 0);
	d = doc("4", "a", "2024-08-31T23:59:59Z", "fr", "trop tôt");
	assert_int_equal(ctk_report_add(r, &d, &err), 0);
	d = doc("5", "a", "2024-10-01T00:00:00Z", "fr", "trop tard");
	assert_int_equal(ctk_report_add(r, &d, &err), 0);
	d = doc("6", "a", "", "fr", "sans date");
	assert_int_equal(ctk_report_add(r, &d, &err), 0);
	d = doc("7", "a", "2024-09-03T00:00:00Z", "en", "english");
	assert_int_equal(ctk_report_add(r, &d, &err), 0);
	assert_int_equal(ctk_report_ndocs(r), 2);
	ctk_report_free(r);
}

static void
page_counts_words_without_stopwords_and_escapes(void **state)
{
	ctk_report_opts o;
	ctk_report *r;
	ctk_report_doc d;
	ctk_error err;
	char *html;

	(void)state;
	memset(&o, 0, sizeof o);
	o.title = "T&T";
	r = ctk_report_new(&o, &err);
	assert_non_null(r);
	/* "le" and "de" are French stopwords: 3 word tokens, 2 types */
	d = doc("1", "<x>", "2024-09-01T10:00:00Z", "fr",
	    "le chat de la voisine et le chat");
	assert_int_equal(ctk_report_add(r, &d, &err), 1);
	html = page(r);
	assert_non_null(strstr(html, "<html xmlns=\"http://www.w3.org/1999/"
	    "xhtml\" lang=\"fr\""));
	assert_non_null(strstr(html, "<title>T&amp;T</title>"));
	assert_non_null(strstr(html, "<dt>Documents</dt><dd>1</dd>"));
	assert_non_null(strstr(html, "retir\xc3\xa9s)</dt><dd>3</dd>"));
	assert_non_null(strstr(html, "<dt>Mots distincts</dt><dd>2</dd>"));
	assert_non_null(strstr(html, "<td>chat</td><td class=\"n\">2</td>"));
	assert_non_null(strstr(html, "<td>&lt;x&gt;</td>"));
	assert_null(strstr(html, "<x>"));
	free(html);
	ctk_report_free(r);
}

static void
most_viewed_are_kept_in_order(void **state)
{
	ctk_report_opts o;
	ctk_report *r;
	ctk_report_doc d;
	ctk_error err;
	char *html, *a, *b, *c;

	(void)state;
	memset(&o, 0, sizeof o);
	o.ui_lang = "en";
	r = ctk_report_new(&o, &err);
	assert_non_null(r);
	d = doc("1", "a", "2024-09-01T10:00:00Z", "en", "first one");
	d.views = S("5");
	assert_int_equal(ctk_report_add(r, &d, &err), 1);
	d = doc("2", "a", "2024-09-02T10:00:00Z", "en", "second one");
	d.views = S("500");
	d.url = S("https://t.me/a/2");
	assert_int_equal(ctk_report_add(r, &d, &err), 1);
	d = doc("3", "a", "2024-09-03T10:00:00Z", "en", "third one");
	d.views = S("not a number");
	assert_int_equal(ctk_report_add(r, &d, &err), 1);
	html = page(r);
	a = strstr(html, "<td class=\"n\">500</td>");
	b = strstr(html, "<td class=\"n\">5</td>");
	c = strstr(html, "third one");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(a < b);
	assert_null(c);
	assert_non_null(strstr(html, "<a href=\"https://t.me/a/2\">open</a>"));
	free(html);
	ctk_report_free(r);
}

static void
keywords_against_reference_use_g2(void **state)
{
	ctk_report_opts o;
	ctk_report *r;
	ctk_report_doc d;
	ctk_error err;
	char *html;

	(void)state;
	memset(&o, 0, sizeof o);
	o.ui_lang = "en";
	o.reference = "ref";
	r = ctk_report_new(&o, &err);
	assert_non_null(r);
	d = doc("t", "a", "2024-09-01T10:00:00Z", "fr", "guerre guerre "
	    "guerre guerre guerre guerre guerre alpha beta gamma");
	assert_int_equal(ctk_report_add(r, &d, &err), 1);
	d = doc("r", "b", "2024-09-01T10:00:00Z", "fr", "guerre guerre delta "
	    "epsilon zeta theta iota kappa lambda");
	assert_int_equal(ctk_report_add_reference(r, &d, &err), 1);
	html = page(r);
	/* 7 of 10 against 2 of 9: the example of ctk-stats(1) */
	assert_non_null(strstr(html, "<td>guerre</td><td class=\"n\">7</td>"
	    "<td class=\"n\">2</td><td class=\"n\">4.534939</td>"
	    "<td class=\"n\">1.655352</td>"));
	free(html);
	ctk_report_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_dates_and_interface_languages_are_usage_errors),
		cmocka_unit_test(filters_keep_channel_period_and_language),
		cmocka_unit_test(page_counts_words_without_stopwords_and_escapes),
		cmocka_unit_test(most_viewed_are_kept_in_order),
		cmocka_unit_test(keywords_against_reference_use_g2),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
