/* Unit tests of tsvmap: the added columns replace input columns of the
 * same name, the output and the diagnostics are the same bytes for any
 * thread count (with batches far smaller than the input), a rejected
 * record is reported at its line and left out, a fatal error stops the
 * run there, --strict stops at the first rejection, and a second input
 * with other columns is skipped. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "buf.h"
#include "test_util.h"
#include "tsvmap.h"

/* The compute function: n = length of text, and its upper-case copy;
 * text "reject" is rejected, text "fatal" stops the run. */
struct upper {
	ctk_buf len[8];
	ctk_buf up[8];
};

static int
upper_compute(void *ctx, int worker, const ctk_tsvbatch *b, size_t i,
    ctk_str *values, ctk_error *err)
{
	struct upper *u = ctx;
	size_t len, k;
	const char *s = ctk_tsvbatch_field(b, i, 1, &len);
	ctk_buf *n = &u->len[worker], *up = &u->up[worker];

	if (strcmp(s, "reject") == 0)
		return ctk_error_set(err, CTK_EFORMAT, 0, 0, "rejected text");
	if (strcmp(s, "fatal") == 0)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	ctk_buf_reset(n);
	ctk_buf_printf(n, "%zu", len);
	ctk_buf_reset(up);
	for (k = 0; k < len; k++)
		ctk_buf_append_char(up, (char)(s[k] >= 'a' && s[k] <= 'z' ?
		    s[k] - 'a' + 'A' : s[k]));
	values[0].s = n->data;
	values[0].len = n->len;
	values[1].s = up->data;
	values[1].len = up->len;
	return 0;
}

struct result {
	char *out;
	size_t out_len;
	char *err;
	size_t err_len;
	int rc;
};

/* Runs the input files paths[0..n) with nthreads. */
static void
run_paths(char **paths, size_t n, int nthreads, int strict,
    struct result *res)
{
	static const char *const add[] = { "n", "upper" };
	struct upper u;
	ctk_tsvmap_spec spec;
	ctk_tsvmap *m;
	ctk_diag d;
	ctk_error e;
	FILE *out = open_memstream(&res->out, &res->out_len);
	FILE *err = open_memstream(&res->err, &res->err_len);
	size_t i;

	memset(&u, 0, sizeof u);
	memset(&spec, 0, sizeof spec);
	spec.nthreads = nthreads;
	spec.format = CTK_FORMAT_TSV;
	spec.add = add;
	spec.n_add = 2;
	spec.compute = upper_compute;
	spec.ctx = &u;
	ctk_diag_init(&d, "ctk-test");
	d.stream = err;
	d.strict = strict;
	assert_non_null(m = ctk_tsvmap_new(&spec, out, &d, NULL));
	res->rc = 0;
	for (i = 0; i < n && !ctk_diag_should_stop(&d); i++) {
		ctk_input *in = ctk_input_open(paths[i], &e);
		ctk_tsv_reader *r = ctk_tsv_reader_new(in, &e);
		int rc = ctk_tsvmap_input(m, in, r);

		if (rc != 0)
			res->rc = rc;
		ctk_tsv_reader_free(r);
		ctk_input_close(in);
	}
	ctk_tsvmap_free(m);
	fclose(out);
	fclose(err);
	for (i = 0; i < 8; i++) {
		ctk_buf_release(&u.len[i]);
		ctk_buf_release(&u.up[i]);
	}
}

/* The same from the inputs' contents, written to temporary files. */
static void
run(const char **inputs, size_t n, int nthreads, int strict,
    struct result *res)
{
	char *paths[8];
	size_t i;

	for (i = 0; i < n; i++)
		paths[i] = test_tmpfile(inputs[i], strlen(inputs[i]));
	run_paths(paths, n, nthreads, strict, res);
	for (i = 0; i < n; i++)
		test_unlink(paths[i]);
}

static void
result_free(struct result *r)
{
	free(r->out);
	free(r->err);
}

static void
columns_added_and_replaced(void **state)
{
	const char *in[] = { "id\ttext\tupper\n1\tabc\told\n2\tDé\t\n" };
	struct result r;

	(void)state;
	run(in, 1, 1, 0, &r);
	/* the input's "upper" goes, the new one comes last */
	assert_string_equal(r.out, "id\ttext\tn\tupper\n"
	    "1\tabc\t3\tABC\n2\tDé\t3\tDé\n");
	assert_int_equal(r.err_len, 0);
	result_free(&r);
}

/* Thousands of records, rejected ones and bad lines among them. */
static char *
big_input(void)
{
	ctk_buf b = CTK_BUF_INIT;
	int i;

	ctk_buf_printf(&b, "id\ttext\n");
	for (i = 0; i < 30000; i++) {
		if (i % 997 == 5)
			ctk_buf_printf(&b, "broken line\n");
		else if (i % 1511 == 7)
			ctk_buf_printf(&b, "%d\treject\n", i);
		else
			ctk_buf_printf(&b, "%d\ttext number %d, with some "
			    "words to make the batches fill\n", i, i);
	}
	return ctk_buf_detach(&b);
}

static void
same_bytes_for_any_thread_count(void **state)
{
	char *big = big_input();
	char *path = test_tmpfile(big, strlen(big));
	struct result one, many;
	int n;

	(void)state;
	run_paths(&path, 1, 1, 0, &one);
	assert_true(one.out_len > 1000000);
	assert_non_null(strstr(one.err, ":7: expected 2 fields, found 1"));
	assert_non_null(strstr(one.err, "rejected text"));
	assert_null(strstr(one.out, "\treject"));
	for (n = 2; n <= 4; n++) {
		run_paths(&path, 1, n, 0, &many);
		assert_int_equal(many.out_len, one.out_len);
		assert_memory_equal(many.out, one.out, one.out_len);
		assert_string_equal(many.err, one.err);
		result_free(&many);
	}
	result_free(&one);
	test_unlink(path);
	free(big);
}

static void
rejected_record_reported_at_its_line(void **state)
{
	const char *in[] = { "id\ttext\n1\ta\n2\treject\n3\tb\n" };
	struct result r;

	(void)state;
	run(in, 1, 2, 0, &r);
	assert_string_equal(r.out, "id\ttext\tn\tupper\n1\ta\t1\tA\n"
	    "3\tb\t1\tB\n");
	assert_non_null(strstr(r.err, ":3: rejected text"));
	result_free(&r);
}

static void
strict_stops_at_the_first_rejection(void **state)
{
	char *big = big_input();
	char *path = test_tmpfile(big, strlen(big));
	struct result one, two;

	(void)state;
	run_paths(&path, 1, 1, 1, &one);
	run_paths(&path, 1, 3, 1, &two);
	/* line 7 is the first bad line: records 0 to 4 are written */
	assert_int_equal(two.out_len, one.out_len);
	assert_memory_equal(two.out, one.out, one.out_len);
	assert_string_equal(two.err, one.err);
	assert_null(strstr(one.out, "\n6\t"));
	assert_non_null(strstr(one.out, "\n4\t"));
	result_free(&one);
	result_free(&two);
	test_unlink(path);
	free(big);
}

static void
fatal_error_stops_the_run(void **state)
{
	const char *in[] = { "id\ttext\n1\ta\n2\tfatal\n3\tb\n",
	    "id\ttext\n4\tc\n" };
	struct result r;

	(void)state;
	run(in, 2, 2, 0, &r);
	assert_string_equal(r.out, "id\ttext\tn\tupper\n1\ta\t1\tA\n");
	assert_non_null(strstr(r.err, "out of memory"));
	result_free(&r);
}

static void
other_columns_skipped(void **state)
{
	const char *in[] = { "id\ttext\n1\ta\n", "id\ttext\tx\n2\tb\t0\n",
	    "id\ttext\n3\tc\n" };
	struct result r;

	(void)state;
	run(in, 3, 2, 0, &r);
	assert_string_equal(r.out, "id\ttext\tn\tupper\n1\ta\t1\tA\n"
	    "3\tc\t1\tC\n");
	assert_non_null(strstr(r.err, ":1: columns differ from those of "
	    "the first input; file skipped"));
	assert_int_equal(r.rc, 1);
	result_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(columns_added_and_replaced),
		cmocka_unit_test(same_bytes_for_any_thread_count),
		cmocka_unit_test(rejected_record_reported_at_its_line),
		cmocka_unit_test(strict_stops_at_the_first_rejection),
		cmocka_unit_test(fatal_error_stops_the_run),
		cmocka_unit_test(other_columns_skipped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
