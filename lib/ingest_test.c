/*
 * Unit tests of the ingest readers through the public API: documents and
 * diagnostics collected by callbacks. Run from the repository root (make
 * check does), since they read testdata/ingest/fixtures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest.h"

struct seen {
	int docs, errors, warnings;
	char last_id[64];
	char last_text[256];
	char first_error[256];
};

static int
on_doc(void *ctx, ctk_doc *doc)
{
	struct seen *s = ctx;
	const ctk_buf *t = &doc->col[CTK_DOC_TEXT];
	size_t from = t->len > 200 ? t->len - 200 : 0;

	s->docs++;
	snprintf(s->last_id, sizeof s->last_id, "%s",
	    ctk_buf_str(&doc->col[CTK_DOC_ID]));
	/* long texts: keep their last bytes */
	snprintf(s->last_text, sizeof s->last_text, "%s",
	    ctk_buf_str(t) + from);
	return 0;
}

static int
on_report(void *ctx, enum ctk_diag_level level, const char *file, long line,
    long col, const char *msg)
{
	struct seen *s = ctx;

	(void)file;
	if (level == CTK_DIAG_WARN) {
		s->warnings++;
		return 0;
	}
	if (s->errors++ == 0)
		snprintf(s->first_error, sizeof s->first_error, "%ld:%ld: %s",
		    line, col, msg);
	return 0;
}

static void
run(const char *path, ctk_ingest_opts *o, struct seen *s)
{
	ctk_ingest ix;

	memset(s, 0, sizeof *s);
	ctk_ingest_init(&ix, o);
	ix.emit = on_doc;
	ix.report = on_report;
	ix.ctx = s;
	ctk_ingest_path(&ix, path);
	ctk_ingest_release(&ix);
}

static void
json_fixtures(void **state)
{
	ctk_ingest_opts o = { .lenient = 1 };
	struct seen s;

	(void)state;
	run("testdata/ingest/fixtures/channel.json", &o, &s);
	assert_int_equal(s.docs, 11);
	assert_int_equal(s.errors, 0);
	assert_int_equal(s.warnings, 1);	/* one unsupported message */
	run("testdata/ingest/fixtures/broken.json", &o, &s);
	assert_int_equal(s.docs, 5);
	/* 5 rejected messages and 1 unknown entity type (text kept) */
	assert_int_equal(s.errors, 6);
	assert_string_equal(s.first_error, "35:3: message without id; "
	    "message skipped");
	o.no_service = 1;
	run("testdata/ingest/fixtures/full-account.json", &o, &s);
	assert_int_equal(s.docs, 4);
	assert_string_equal(s.last_id, "33:70");
}

static void
html_fixtures(void **state)
{
	ctk_ingest_opts o = { .lenient = 1, .no_service = 1 };
	struct seen s;

	(void)state;
	run("testdata/ingest/fixtures/group_html", &o, &s);
	assert_int_equal(s.docs, 12);
	assert_string_equal(s.last_id, "Groupe Test:114");
	assert_string_equal(s.last_text, "Fin.");
	run("testdata/ingest/fixtures/group_html_gap", &o, &s);
	assert_int_equal(s.docs, 4);
	assert_int_equal(s.errors, 1);
}

/* A \xHH escape and a UTF-8 sequence cut by the reader's chunk boundary
 * (256 KiB) are still repaired and decoded. */
static void
chunk_boundaries(void **state)
{
	char path[] = "/tmp/ctk-ingest-test-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	ctk_ingest_opts o = { .lenient = 1 };
	struct seen s;
	size_t pad, i;
	const char *head = "{\"id\": 1, \"messages\": [{\"id\": 1, \"type\": "
	    "\"message\", \"date_unixtime\": \"1\", \"text\": \"";

	(void)state;
	assert_non_null(f);
	for (pad = 262144 - 3; pad <= 262144 - 1; pad++) {
		rewind(f);
		assert_int_equal(ftruncate(fd, 0), 0);
		fputs(head, f);
		for (i = strlen(head); i < pad; i++)
			fputc('a', f);
		fputs("\\x41\xc3\xa9\\x42\"}]}", f);
		fflush(f);
		run(path, &o, &s);
		assert_int_equal(s.docs, 1);
		assert_int_equal(s.errors, 0);
		assert_int_equal(s.warnings, 1);	/* the repair count */
		assert_string_equal(s.last_text + strlen(s.last_text) - 4,
		    "A\xc3\xa9" "B");
	}
	fclose(f);
	unlink(path);
}

/* Diagnostics after the first chunk still name the right line, also
 * when a raw newline inside a string was escaped by the repair filter. */
static void
positions_across_chunks(void **state)
{
	char path[] = "/tmp/ctk-ingest-test-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	ctk_ingest_opts o = { .lenient = 1 };
	struct seen s;
	long line = 1, i;

	(void)state;
	assert_non_null(f);
	fputs("{\"id\": 7, \"messages\": [\n", f);
	line++;
	fputs("{\"id\": 1, \"type\": \"message\", \"date_unixtime\": \"1\", "
	    "\"text\": \"raw\nnewline\"},\n", f);
	line += 2;
	for (i = 2; i < 20000; i++, line++)
		fprintf(f, "{\"id\": %ld, \"type\": \"message\", "
		    "\"date_unixtime\": \"1\", \"text\": \"padding\"},\n", i);
	fputs("  {\"type\": \"message\", \"date_unixtime\": \"1\"}\n]}\n", f);
	fclose(f);
	run(path, &o, &s);
	unlink(path);
	assert_int_equal(s.docs, 19999);
	assert_int_equal(s.errors, 1);
	{
		char want[64];

		snprintf(want, sizeof want, "%ld:3: message without id", line);
		assert_memory_equal(s.first_error, want, strlen(want));
	}
}

static void
sniffing(void **state)
{
	const char *chat = "  {\"name\": \"a\", \"messages\"";

	(void)state;
	assert_int_equal(ctk_ingest_sniff(chat, strlen(chat)), CTK_FMT_TGJSON);
	assert_int_equal(ctk_ingest_sniff("{\"a\": 1}", 8), CTK_FMT_UNKNOWN);
	assert_int_equal(ctk_ingest_sniff("id\ttext\nx\ty\n", 12),
	    CTK_FMT_TSV);
	assert_int_equal(ctk_ingest_sniff("<html><div class=\"history\">",
	    27), CTK_FMT_TGHTML);
	/* other HTML is a news page; the index pages of a Telegram HTML
	 * export are not */
	assert_int_equal(ctk_ingest_sniff("<html><body>", 12), CTK_FMT_ARTICLE);
	assert_int_equal(ctk_ingest_sniff("<html><div class=\"page_wrap\">",
	    30), CTK_FMT_UNKNOWN);
	assert_int_equal(ctk_ingest_sniff("<?xml version=\"1.0\"?><rss>", 26),
	    CTK_FMT_ARTICLE);
	assert_int_equal(ctk_ingest_sniff("WARC/1.0\r\n\0\0", 14),
	    CTK_FMT_ARTICLE);
	assert_int_equal(ctk_ingest_sniff("bonjour\tle monde\n", 17),
	    CTK_FMT_TEXT);
	assert_int_equal(ctk_ingest_sniff("\xff\xd8\x00\x10", 4),
	    CTK_FMT_UNKNOWN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_fixtures),
		cmocka_unit_test(html_fixtures),
		cmocka_unit_test(chunk_boundaries),
		cmocka_unit_test(positions_across_chunks),
		cmocka_unit_test(sniffing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
