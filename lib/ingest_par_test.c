/* Unit tests of ingest_par: several inputs read on threads give the
 * documents and diagnostics in input order, the same for any thread
 * count, and --strict stops where a serial run stops. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "doc.h"
#include "ingest_par.h"
#include "test_util.h"

static char *
export_json(int channel, int n)
{
	ctk_buf b;
	int i;

	ctk_buf_init(&b);
	ctk_buf_printf(&b, "{\"name\": \"C%d\", \"type\": \"public_channel\", "
	    "\"id\": %d, \"messages\": [", channel, channel);
	for (i = 1; i <= n; i++)
		ctk_buf_printf(&b, "%s{\"id\": %d, \"type\": \"message\", "
		    "\"date\": \"2024-01-01T00:00:%02d\", \"date_unixtime\": "
		    "\"%d\", \"from\": \"C%d\", \"text\": \"message %d of %d\"}",
		    i > 1 ? ", " : "", i, i % 60, 1704067200 + i, channel, i,
		    channel);
	ctk_buf_append_str(&b, "]}\n");
	return ctk_buf_detach(&b);
}

struct result {
	char *out, *err;
	size_t out_len, err_len;
	int rc;
};

static void
run(char **paths, size_t n, int nthreads, int strict, struct result *res)
{
	ctk_ingest_opts opts;
	ctk_ingest_par p;
	ctk_diag d;
	int cols[CTK_DOC_NCOLS];
	FILE *out = open_memstream(&res->out, &res->out_len);
	FILE *err = open_memstream(&res->err, &res->err_len);
	size_t i;

	memset(&opts, 0, sizeof opts);
	opts.lenient = 1;
	opts.no_hash = 1;
	for (i = 0; i < CTK_DOC_NCOLS; i++)
		cols[i] = (int)i;
	ctk_diag_init(&d, "ctk-ingest");
	d.stream = err;
	d.strict = strict;
	memset(&p, 0, sizeof p);
	p.opts = &opts;
	p.nthreads = nthreads;
	p.fmt = CTK_FORMAT_TSV;
	p.cols = cols;
	p.ncols = CTK_DOC_NCOLS;
	p.out = out;
	p.diag = &d;
	res->rc = ctk_ingest_par_run(&p, paths, n);
	fclose(out);
	fclose(err);
}

static void
same_bytes_in_input_order(void **state)
{
	char *json[5], *paths[6];
	struct result one, many;
	size_t i;
	char *a, *b;

	(void)state;
	for (i = 0; i < 5; i++) {
		json[i] = export_json((int)i + 1, 50 * (int)(5 - i));
		paths[i < 2 ? i : i + 1] = test_tmpfile(json[i],
		    strlen(json[i]));
	}
	paths[2] = "/nonexistent/ctk-test.json";
	run(paths, 6, 1, 0, &one);
	run(paths, 6, 3, 0, &many);
	assert_int_equal(one.rc, 0);
	assert_int_equal(many.rc, 0);
	assert_string_equal(one.out, many.out);
	assert_string_equal(one.err, many.err);
	assert_non_null(strstr(one.err, "/nonexistent/ctk-test.json"));
	/* channel 1's messages come before channel 5's */
	a = strstr(one.out, "message 1 of 1");
	b = strstr(one.out, "message 1 of 5");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(a < b);
	free(one.out);
	free(one.err);
	free(many.out);
	free(many.err);

	/* --strict: the missing file stops the run after the first two */
	run(paths, 6, 3, 1, &many);
	assert_int_equal(many.rc, 1);
	assert_non_null(strstr(many.out, "message 1 of 2"));
	assert_null(strstr(many.out, "of 4"));
	free(many.out);
	free(many.err);
	for (i = 0; i < 6; i++)
		if (i != 2)
			test_unlink(paths[i]);
	for (i = 0; i < 5; i++)
		free(json[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_bytes_in_input_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
