/* Unit tests of the document reader: tokens columns and vertical input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "docstream.h"

struct fixture {
	FILE *f;
	ctk_input *in;
	ctk_tsv_reader *r;
	ctk_docstream *ds;
};

static void
open_text(struct fixture *fx, const char *text, const char *const *fields,
    size_t n_fields)
{
	ctk_error err;

	fx->f = tmpfile();
	assert_non_null(fx->f);
	fputs(text, fx->f);
	rewind(fx->f);
	fx->in = ctk_input_from_fd(fileno(fx->f), "test", &err);
	assert_non_null(fx->in);
	fx->r = ctk_tsv_reader_new(fx->in, &err);
	assert_non_null(fx->r);
	fx->ds = ctk_docstream_new(fx->r, NULL, -1, 1, fields, n_fields, &err);
	assert_non_null(fx->ds);
}

static void
close_fixture(struct fixture *fx)
{
	ctk_docstream_free(fx->ds);
	ctk_tsv_reader_free(fx->r);
	ctk_input_close(fx->in);
	fclose(fx->f);
}

/* One record, one document; doubled spaces do not make empty tokens. */
static void
tokens_column(void **state)
{
	const char *fields[] = { "channel", "missing" };
	struct fixture fx;
	ctk_doc doc;
	ctk_error err;

	(void)state;
	open_text(&fx, "id\tchannel\ttokens\n1\tc1\tle  chat \n2\tc2\t\n",
	    fields, 2);
	assert_false(ctk_docstream_is_vertical(fx.ds));
	assert_true(ctk_docstream_has_field(fx.ds, 0));
	assert_false(ctk_docstream_has_field(fx.ds, 1));
	assert_int_equal(ctk_docstream_next(fx.ds, &doc, &err), 1);
	assert_int_equal(doc.n_tokens, 2);
	assert_string_equal(doc.tokens[0], "le");
	assert_string_equal(doc.tokens[1], "chat");
	/* each token has a NUL before it (keys in place, docstream.h) */
	assert_int_equal(doc.tokens[0][-1], '\0');
	assert_int_equal(doc.tokens[1][-1], '\0');
	assert_int_equal(doc.segment[0], doc.segment[1]);
	assert_string_equal(doc.fields[0], "c1");
	assert_string_equal(doc.fields[1], "");
	assert_int_equal(ctk_docstream_next(fx.ds, &doc, &err), 1);
	assert_int_equal(doc.n_tokens, 0);
	assert_string_equal(doc.fields[0], "c2");
	assert_int_equal(ctk_docstream_next(fx.ds, &doc, &err), 0);
	close_fixture(&fx);
}

/* Consecutive rows with one id are one document; sent makes segments. */
static void
vertical(void **state)
{
	struct fixture fx;
	ctk_doc doc;
	ctk_error err;
	uint64_t first;

	(void)state;
	open_text(&fx, "id\tsent\tpos\ttoken\ttype\n"
	    "a\t1\t1\tx\tword\na\t1\t2\ty\tword\na\t2\t3\tz\tword\n"
	    "b\t1\t1\tw\tword\n", NULL, 0);
	assert_true(ctk_docstream_is_vertical(fx.ds));
	assert_int_equal(ctk_docstream_next(fx.ds, &doc, &err), 1);
	first = doc.stamp;
	assert_int_equal(doc.n_tokens, 3);
	assert_string_equal(doc.tokens[2], "z");
	assert_int_equal(doc.tokens[0][-1], '\0');
	assert_int_equal(doc.tokens[2][-1], '\0');
	assert_int_equal(doc.segment[0], doc.segment[1]);
	assert_true(doc.segment[1] != doc.segment[2]);
	assert_int_equal(ctk_docstream_next(fx.ds, &doc, &err), 1);
	assert_true(doc.stamp != first);
	assert_int_equal(doc.n_tokens, 1);
	assert_string_equal(doc.tokens[0], "w");
	assert_int_equal(ctk_docstream_next(fx.ds, &doc, &err), 0);
	close_fixture(&fx);
}

/* A bad row inside a vertical document ends it and is reported next. */
static void
vertical_bad_row(void **state)
{
	struct fixture fx;
	ctk_doc doc;
	ctk_error err;

	(void)state;
	open_text(&fx, "id\tsent\tpos\ttoken\ttype\n"
	    "a\t1\t1\tx\tword\nbroken\na\t1\t2\ty\tword\n", NULL, 0);
	assert_int_equal(ctk_docstream_next(fx.ds, &doc, &err), 1);
	assert_int_equal(doc.n_tokens, 1);
	assert_int_equal(ctk_docstream_next(fx.ds, &doc, &err), CTK_EFORMAT);
	assert_int_equal(err.line, 3);
	assert_int_equal(ctk_docstream_next(fx.ds, &doc, &err), 1);
	assert_string_equal(doc.tokens[0], "y");
	assert_int_equal(ctk_docstream_next(fx.ds, &doc, &err), 0);
	close_fixture(&fx);
}

static void
missing_tokens(void **state)
{
	FILE *f = tmpfile();
	ctk_input *in;
	ctk_tsv_reader *r;
	ctk_error err;

	(void)state;
	fputs("id\ttext\n1\thello\n", f);
	rewind(f);
	in = ctk_input_from_fd(fileno(f), "test", &err);
	r = ctk_tsv_reader_new(in, &err);
	assert_null(ctk_docstream_new(r, NULL, -1, 1, NULL, 0, &err));
	assert_int_equal(err.code, CTK_EUSAGE);
	ctk_tsv_reader_free(r);
	ctk_input_close(in);
	fclose(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tokens_column),
		cmocka_unit_test(vertical),
		cmocka_unit_test(vertical_bad_row),
		cmocka_unit_test(missing_tokens),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
