/* Unit tests of tsv: header, escapes, errors with positions, writers, and
 * the round-trip property on generated and real text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>

#include "buf.h"
#include "tsv.h"
#include "utf8.h"
#include "test_util.h"

struct fixture {
	char *path;
	ctk_input *in;
	ctk_tsv_reader *r;
};

static ctk_tsv_reader *
open_text(struct fixture *fx, const char *text, size_t len, ctk_error *err)
{
	fx->path = test_tmpfile(text, len);
	fx->in = ctk_input_open(fx->path, NULL);
	assert_non_null(fx->in);
	fx->r = ctk_tsv_reader_new(fx->in, err);
	return fx->r;
}

static void
close_fixture(struct fixture *fx)
{
	ctk_tsv_reader_free(fx->r);
	ctk_input_close(fx->in);
	test_unlink(fx->path);
}

static void
header_columns_are_found_by_name(void **state)
{
	const char *t = "\xEF\xBB\xBFid\ttext\tlang\r\n1\tBonjour\tfr\r\n";
	struct fixture fx;
	ctk_error err;
	size_t len;

	(void)state;
	assert_non_null(open_text(&fx, t, strlen(t), &err));
	assert_int_equal(ctk_tsv_ncols(fx.r), 3);
	assert_string_equal(ctk_tsv_colname(fx.r, 0), "id");	/* BOM gone */
	assert_int_equal(ctk_tsv_col(fx.r, "lang"), 2);	/* CR gone */
	assert_int_equal(ctk_tsv_col(fx.r, "missing"), -1);
	assert_int_equal(ctk_tsv_read(fx.r, &err), 1);
	assert_string_equal(ctk_tsv_field(fx.r, 1, &len), "Bonjour");
	assert_int_equal(len, 7);
	assert_string_equal(ctk_tsv_field(fx.r, 2, NULL), "fr");
	assert_int_equal(ctk_tsv_line(fx.r), 2);
	assert_int_equal(ctk_tsv_read(fx.r, &err), 0);
	close_fixture(&fx);
}

static void
escapes_are_decoded(void **state)
{
	const char *t = "a\tb\nx\\ty\\\\z\tline1\\nline2\\r\\q\n";
	struct fixture fx;
	ctk_error err;

	(void)state;
	assert_non_null(open_text(&fx, t, strlen(t), &err));
	assert_int_equal(ctk_tsv_read(fx.r, &err), 1);
	assert_string_equal(ctk_tsv_field(fx.r, 0, NULL), "x\ty\\z");
	/* unknown escapes are kept as written */
	assert_string_equal(ctk_tsv_field(fx.r, 1, NULL), "line1\nline2\r\\q");
	close_fixture(&fx);
}

static void
ragged_rows_are_reported_and_reading_goes_on(void **state)
{
	const char *t = "a\tb\n1\t2\n3\n4\t5\t6\n7\t8\n";
	struct fixture fx;
	ctk_error err;

	(void)state;
	assert_non_null(open_text(&fx, t, strlen(t), &err));
	assert_int_equal(ctk_tsv_read(fx.r, &err), 1);
	assert_int_equal(ctk_tsv_read(fx.r, &err), CTK_EFORMAT);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.msg, "expected 2 fields, found 1");
	assert_int_equal(ctk_tsv_read(fx.r, &err), CTK_EFORMAT);
	assert_int_equal(err.line, 4);
	assert_string_equal(err.msg, "expected 2 fields, found 3");
	assert_int_equal(ctk_tsv_read(fx.r, &err), 1);
	assert_string_equal(ctk_tsv_field(fx.r, 1, NULL), "8");
	close_fixture(&fx);
}

static void
invalid_utf8_is_reported_with_line_and_column(void **state)
{
	const char *t = "id\ttext\n1\tok\n2\tcaf\xE9 au lait\n3\tfine\n";
	struct fixture fx;
	ctk_error err;

	(void)state;
	assert_non_null(open_text(&fx, t, strlen(t), &err));
	assert_int_equal(ctk_tsv_read(fx.r, &err), 1);
	assert_int_equal(ctk_tsv_read(fx.r, &err), CTK_EFORMAT);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 6);	/* "2\tcaf" is 5 bytes */
	assert_string_equal(err.msg, "invalid UTF-8 (byte 0xE9)");
	assert_int_equal(ctk_tsv_read(fx.r, &err), 1);
	assert_string_equal(ctk_tsv_field(fx.r, 1, NULL), "fine");
	close_fixture(&fx);
}

static void
nul_byte_is_reported_and_the_line_skipped(void **state)
{
	const char t[] = "id\ttext\n1\tbefore\0after\n2\tfine\n";
	struct fixture fx;
	ctk_error err;

	(void)state;
	assert_non_null(open_text(&fx, t, sizeof t - 1, &err));
	assert_int_equal(ctk_tsv_read(fx.r, &err), CTK_EFORMAT);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 9);	/* "1\tbefore" is 8 bytes */
	assert_string_equal(err.msg, "NUL byte");
	assert_int_equal(ctk_tsv_read(fx.r, &err), 1);
	assert_string_equal(ctk_tsv_field(fx.r, 1, NULL), "fine");
	close_fixture(&fx);
}

static void
utf16_input_gets_a_conversion_hint(void **state)
{
	const char le[] = "\xFF\xFEi\0d\0\n\0";
	const char be[] = "\xFE\xFF\0i\0d\0\n";
	struct fixture fx;
	ctk_error err;

	(void)state;
	assert_null(open_text(&fx, le, sizeof le - 1, &err));
	assert_int_equal(err.code, CTK_EFORMAT);
	assert_string_equal(err.msg, CTK_UTF16_MESSAGE);
	close_fixture(&fx);
	assert_null(open_text(&fx, be, sizeof be - 1, &err));
	assert_string_equal(err.msg, CTK_UTF16_MESSAGE);
	close_fixture(&fx);
}

static void
missing_or_bad_header_is_an_error(void **state)
{
	struct fixture fx;
	ctk_error err;

	(void)state;
	assert_null(open_text(&fx, "", 0, &err));
	assert_string_equal(err.msg, "empty input: no header line");
	close_fixture(&fx);
	assert_null(open_text(&fx, "a\t\tc\n", 5, &err));
	assert_string_equal(err.msg, "header: column 2 has no name");
	close_fixture(&fx);
	assert_null(open_text(&fx, "a\xFF\n", 3, &err));
	assert_int_equal(err.col, 2);
	close_fixture(&fx);
}

static char *
write_with(ctk_format fmt, void (*body)(ctk_tsv_writer *))
{
	char *data = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&data, &size);
	ctk_tsv_writer *w = ctk_tsv_writer_new(f, fmt);

	body(w);
	assert_int_equal(ctk_tsv_writer_status(w), 0);
	ctk_tsv_writer_free(w);
	fclose(f);
	return data;
}

static void
sample_table(ctk_tsv_writer *w)
{
	static const char *const names[] = { "id", "text", "lang" };
	ctk_str row1[] = { { "1", 1 }, { "say \"hi\", \\ok\\\tnow\nend", 22 },
	    { "", 0 } };
	ctk_str row2[] = { { "2", 1 }, { "Ça\x01", 4 }, { "fr", 2 } };

	ctk_tsv_writer_header(w, names, 3);
	ctk_tsv_writer_record(w, row1, 3);
	ctk_tsv_writer_record(w, row2, 3);
}

static void
writers_escape_for_each_format(void **state)
{
	char *tsv = write_with(CTK_FORMAT_TSV, sample_table);
	char *csv = write_with(CTK_FORMAT_CSV, sample_table);
	char *jsonl = write_with(CTK_FORMAT_JSONL, sample_table);

	(void)state;
	assert_string_equal(tsv, "id\ttext\tlang\n"
	    "1\tsay \"hi\", \\\\ok\\\\\\tnow\\nend\t\n"
	    "2\tÇa\x01\tfr\n");
	assert_string_equal(csv, "id,text,lang\n"
	    "1,\"say \"\"hi\"\", \\ok\\\tnow\nend\",\n"
	    "2,Ça\x01,fr\n");
	assert_string_equal(jsonl,
	    "{\"id\":\"1\",\"text\":\"say \\\"hi\\\", \\\\ok\\\\\\tnow\\nend\","
	    "\"lang\":null}\n"
	    "{\"id\":\"2\",\"text\":\"Ça\\u0001\",\"lang\":\"fr\"}\n");
	free(tsv);
	free(csv);
	free(jsonl);
}

static void
format_names_parse(void **state)
{
	ctk_format f;

	(void)state;
	assert_int_equal(ctk_format_parse("csv", &f), 0);
	assert_int_equal(f, CTK_FORMAT_CSV);
	assert_int_equal(ctk_format_parse("jsonl", &f), 0);
	assert_int_equal(f, CTK_FORMAT_JSONL);
	assert_int_equal(ctk_format_parse("xml", &f), -1);
}

static void
extend_appends_and_replaces_columns(void **state)
{
	const char *t = "id\tlang\ttext\n1\tde\tHallo\n";
	static const char *const add[] = { "lang", "lang_p" };
	ctk_str values[] = { { "en", 2 }, { "0.9", 3 } };
	struct fixture fx;
	ctk_error err;
	char *out = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&out, &size);
	ctk_tsv_writer *w = ctk_tsv_writer_new(f, CTK_FORMAT_TSV);

	(void)state;
	assert_non_null(open_text(&fx, t, strlen(t), &err));
	ctk_tsv_writer_header_extend(w, fx.r, add, 2);
	assert_int_equal(ctk_tsv_read(fx.r, &err), 1);
	ctk_tsv_writer_extend(w, fx.r, values);
	ctk_tsv_writer_free(w);
	fclose(f);
	assert_string_equal(out, "id\ttext\tlang\tlang_p\n1\tHallo\ten\t0.9\n");
	free(out);
	close_fixture(&fx);
}

/* Writes every string as one field (plus an id), reads them back and
 * checks each is identical. */
static void
assert_round_trip(char **strings, size_t n)
{
	static const char *const names[] = { "id", "text" };
	ctk_buf file = CTK_BUF_INIT;
	char *data = NULL, idbuf[32];
	size_t size = 0, i, len;
	FILE *f = open_memstream(&data, &size);
	ctk_tsv_writer *w = ctk_tsv_writer_new(f, CTK_FORMAT_TSV);
	struct fixture fx;
	ctk_error err;

	ctk_tsv_writer_header(w, names, 2);
	for (i = 0; i < n; i++) {
		ctk_str row[2];
		snprintf(idbuf, sizeof idbuf, "%zu", i);
		row[0].s = idbuf;
		row[0].len = strlen(idbuf);
		row[1].s = strings[i];
		row[1].len = strlen(strings[i]);
		ctk_tsv_writer_record(w, row, 2);
	}
	ctk_tsv_writer_free(w);
	fclose(f);
	assert_non_null(open_text(&fx, data, size, &err));
	for (i = 0; i < n; i++) {
		assert_int_equal(ctk_tsv_read(fx.r, &err), 1);
		assert_string_equal(ctk_tsv_field(fx.r, 1, &len), strings[i]);
		assert_int_equal(len, strlen(strings[i]));
	}
	assert_int_equal(ctk_tsv_read(fx.r, &err), 0);
	close_fixture(&fx);
	free(data);
	ctk_buf_release(&file);
}

/* A random valid UTF-8 string, rich in the characters escaping is about. */
static char *
random_string(unsigned *seed)
{
	static const uint32_t special[] = { '\t', '\n', '\r', '\\', 'n', 't',
	    '\\', ' ', '"', 0xE9, 0x202F, 0x1F600, 0xFEFF, 0x2028 };
	ctk_buf b = CTK_BUF_INIT;
	size_t n = (size_t)(rand_r(seed) % 40), i, k;
	char enc[4];
	uint32_t cp;

	for (i = 0; i < n; i++) {
		switch (rand_r(seed) % 3) {
		case 0:
			cp = special[rand_r(seed) % (sizeof special / sizeof special[0])];
			break;
		case 1:
			cp = 1 + (uint32_t)(rand_r(seed) % 0x7F);
			break;
		default:
			cp = 1 + (uint32_t)(rand_r(seed) % 0x10FFFF);
		}
		k = ctk_utf8_encode(cp, enc);
		ctk_buf_append(&b, enc, k);
	}
	return ctk_buf_detach(&b);
}

static void
round_trip_of_generated_strings(void **state)
{
	enum { N = 5000 };
	char **strings = calloc(N, sizeof *strings);
	unsigned seed = 20241125;
	size_t i;

	(void)state;
	strings[0] = strdup("");
	strings[1] = strdup("\\");
	strings[2] = strdup("\\t literally");
	strings[3] = strdup("\t\n\r\\\\n");
	for (i = 4; i < N; i++)
		strings[i] = random_string(&seed);
	assert_round_trip(strings, N);
	for (i = 0; i < N; i++)
		free(strings[i]);
	free(strings);
}

static void
round_trip_of_real_corpus_text(void **state)
{
	const char *dir = "../shared/corpora/telegram";
	ctk_buf all = CTK_BUF_INIT;
	char **strings = NULL, path[1024], *line = NULL;
	size_t n = 0, cap = 0, lcap = 0;
	ssize_t len;
	struct dirent *e;
	DIR *d = opendir(dir);
	FILE *f;

	(void)state;
	if (d == NULL) {
		print_message("skipping: %s not found\n", dir);
		skip();
	}
	/* Each file whole, and each of its lines, is one field. */
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		ctk_buf_reset(&all);
		while ((len = getline(&line, &lcap, f)) > 0) {
			if (n + 2 >= cap) {
				char **grown = realloc(strings,
				    (cap * 2 + 64) * sizeof *strings);

				assert_non_null(grown);
				strings = grown;
				cap = cap * 2 + 64;
			}
			ctk_buf_append(&all, line, (size_t)len);
			strings[n++] = strdup(line);
		}
		strings[n++] = strdup(ctk_buf_str(&all));
		fclose(f);
	}
	closedir(d);
	assert_true(n > 100);
	assert_round_trip(strings, n);
	while (n > 0)
		free(strings[--n]);
	free(strings);
	free(line);
	ctk_buf_release(&all);
}

static void
a_fifty_megabyte_field_survives(void **state)
{
	size_t n = 50u * 1000 * 1000;
	char **s = malloc(sizeof *s);

	(void)state;
	s[0] = malloc(n + 1);
	memset(s[0], 'a', n);
	s[0][1000] = '\t';
	s[0][2000] = '\n';
	s[0][n] = '\0';
	assert_round_trip(s, 1);
	free(s[0]);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_columns_are_found_by_name),
		cmocka_unit_test(escapes_are_decoded),
		cmocka_unit_test(ragged_rows_are_reported_and_reading_goes_on),
		cmocka_unit_test(invalid_utf8_is_reported_with_line_and_column),
		cmocka_unit_test(missing_or_bad_header_is_an_error),
		cmocka_unit_test(writers_escape_for_each_format),
		cmocka_unit_test(format_names_parse),
		cmocka_unit_test(extend_appends_and_replaces_columns),
		cmocka_unit_test(nul_byte_is_reported_and_the_line_skipped),
		cmocka_unit_test(utf16_input_gets_a_conversion_hint),
		cmocka_unit_test(round_trip_of_generated_strings),
		cmocka_unit_test(round_trip_of_real_corpus_text),
		cmocka_unit_test(a_fifty_megabyte_field_survives),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
