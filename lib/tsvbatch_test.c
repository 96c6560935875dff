/* Unit tests of tsvbatch: records and bad lines are copied in order,
 * batches end near the size asked, output and notes are replayed in
 * order, and a replay stops where --strict would have stopped. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_util.h"
#include "tsvbatch.h"

static const char input[] =
    "id\ttext\n"
    "1\tone\\tescaped\n"
    "broken\n"
    "2\ttwo\n"
    "3\tthree\n";

struct fixture {
	char *path;
	ctk_input *in;
	ctk_tsv_reader *r;
	ctk_tsvbatch *b;
	ctk_tsvbatch_sink *sink;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	ctk_error err;

	f->path = test_tmpfile(input, sizeof input - 1);
	f->in = ctk_input_open(f->path, &err);
	f->r = ctk_tsv_reader_new(f->in, &err);
	f->b = ctk_tsvbatch_new();
	f->sink = ctk_tsvbatch_sink_new();
	assert_non_null(f->in);
	assert_non_null(f->r);
	assert_non_null(f->b);
	assert_non_null(f->sink);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	ctk_tsvbatch_sink_free(f->sink);
	ctk_tsvbatch_free(f->b);
	ctk_tsv_reader_free(f->r);
	ctk_input_close(f->in);
	test_unlink(f->path);
	free(f);
	return 0;
}

static void
fill_copies_records_and_bad_lines(void **state)
{
	struct fixture *f = *state;
	size_t len;
	int at_end = 0;

	assert_int_equal(ctk_tsvbatch_fill(f->b, f->r, f->in, 1 << 20,
	    &at_end), 1);
	assert_int_equal(at_end, 1);
	assert_int_equal(ctk_tsvbatch_count(f->b), 4);
	assert_true(ctk_tsvbatch_records(f->b) == 3);
	assert_true(ctk_tsvbatch_offset(f->b) == sizeof input - 1);
	assert_true(ctk_tsvbatch_is_record(f->b, 0));
	assert_false(ctk_tsvbatch_is_record(f->b, 1));
	assert_string_equal(ctk_tsvbatch_field(f->b, 0, 1, &len),
	    "one\tescaped");
	assert_int_equal(len, 11);
	assert_string_equal(ctk_tsvbatch_field(f->b, 3, 0, NULL), "3");
	assert_int_equal(ctk_tsvbatch_line(f->b, 0), 2);
	assert_int_equal(ctk_tsvbatch_line(f->b, 1), 3);
	assert_int_equal(ctk_tsvbatch_line(f->b, 3), 5);
	/* and then the end */
	assert_int_equal(ctk_tsvbatch_fill(f->b, f->r, f->in, 1 << 20,
	    &at_end), 0);
}

static void
small_batches_end_near_the_size(void **state)
{
	struct fixture *f = *state;
	int at_end = 0;
	size_t n = 0;

	while (ctk_tsvbatch_fill(f->b, f->r, f->in, 1, &at_end) == 1) {
		assert_int_equal(ctk_tsvbatch_count(f->b),
		    n == 1 ? 2 : 1);	/* a bad line holds no text */
		n++;
	}
	assert_int_equal(n, 3);
}

/* A worker's pass over the batch: one output line per record, the bad
 * line's note where it was met. */
static void
work(struct fixture *f)
{
	FILE *out = ctk_tsvbatch_sink_file(f->sink);
	size_t i;

	fputs("header written by a writer, thrown away\n", out);
	assert_int_equal(ctk_tsvbatch_sink_drain(f->sink, NULL), 0);
	for (i = 0; i < ctk_tsvbatch_count(f->b); i++) {
		if (!ctk_tsvbatch_is_record(f->b, i)) {
			assert_int_equal(ctk_tsvbatch_note_item(f->b, f->sink,
			    i), 0);
			continue;
		}
		fprintf(out, "<%s>\n", ctk_tsvbatch_field(f->b, i, 0, NULL));
	}
	assert_int_equal(ctk_tsvbatch_sink_drain(f->sink, f->b), 0);
}

static char *
replay(struct fixture *f, int strict, int *rc, char **diag_text)
{
	char *out_text = NULL, *err_text = NULL;
	size_t out_size = 0, err_size = 0;
	FILE *out = open_memstream(&out_text, &out_size);
	FILE *err = open_memstream(&err_text, &err_size);
	ctk_diag d;

	ctk_diag_init(&d, "ctk-test");
	d.stream = err;
	d.strict = strict;
	*rc = ctk_tsvbatch_replay(f->b, out, &d, "in.tsv");
	fclose(out);
	fclose(err);
	*diag_text = err_text;
	return out_text;
}

static void
replay_keeps_the_order(void **state)
{
	struct fixture *f = *state;
	char *out, *diag;
	int at_end = 0, rc;

	ctk_tsvbatch_fill(f->b, f->r, f->in, 1 << 20, &at_end);
	work(f);
	out = replay(f, 0, &rc, &diag);
	assert_int_equal(rc, 0);
	assert_string_equal(out, "<1>\n<2>\n<3>\n");
	assert_non_null(strstr(diag, "ctk-test: in.tsv:3:"));
	free(out);
	free(diag);

	/* --strict: the output stops at the bad line */
	out = replay(f, 1, &rc, &diag);
	assert_int_equal(rc, 1);
	assert_string_equal(out, "<1>\n");
	free(out);
	free(diag);
}

static void
worker_notes_sit_after_their_output(void **state)
{
	struct fixture *f = *state;
	ctk_error err;
	char *out, *diag;
	int at_end = 0, rc;

	ctk_tsvbatch_fill(f->b, f->r, f->in, 1 << 20, &at_end);
	fputs("partial\n", ctk_tsvbatch_sink_file(f->sink));
	ctk_error_set(&err, CTK_ELIMIT, 4, 0, "too long");
	assert_int_equal(ctk_tsvbatch_note(f->b, f->sink, CTK_DIAG_FATAL,
	    &err), 0);
	fputs("never written\n", ctk_tsvbatch_sink_file(f->sink));
	ctk_tsvbatch_sink_drain(f->sink, f->b);
	out = replay(f, 0, &rc, &diag);
	assert_int_equal(rc, 1);	/* fatal: stop */
	assert_string_equal(out, "partial\n");
	assert_non_null(strstr(diag, "in.tsv:4: too long"));
	free(out);
	free(diag);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    fill_copies_records_and_bad_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    small_batches_end_near_the_size, setup, teardown),
		cmocka_unit_test_setup_teardown(replay_keeps_the_order,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    worker_notes_sit_after_their_output, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
