/* Unit tests of the model file: a round trip through a file keeps every
 * parameter and prediction; a truncated, corrupted, newer or foreign file
 * is refused with a message that says which. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <cmocka.h>

#include "buf.h"
#include "model.h"
#include "test_util.h"

static ctk_model *
toy_model(int kind)
{
	static const char *const docs[][2] = {
		{ "a b c", "one" }, { "a a d", "one" }, { "x y z", "two" },
		{ "y y w", "two" }, { "q r", "three" },
	};
	ctk_dataset ds;
	ctk_tokens t;
	ctk_fvec v;
	ctk_train_options o;
	ctk_error err;
	size_t i, idx[5];
	ctk_model *m;

	ctk_dataset_init(&ds);
	ctk_tokens_init(&t);
	ctk_fvec_init(&v);
	for (i = 0; i < 5; i++) {
		ctk_tokens_split(&t, docs[i][0], strlen(docs[i][0]), 0, &err);
		ctk_features_hash(&v, &t, 12, 2, &err);
		ctk_dataset_add(&ds, &v, docs[i][1], strlen(docs[i][1]), &err);
		idx[i] = i;
	}
	ctk_dataset_sort_classes(&ds);
	ctk_train_options_default(&o);
	o.kind = kind;
	o.bits = 12;
	m = ctk_model_train(&ds, idx, 5, &o, &err);
	assert_non_null(m);
	ctk_tokens_release(&t);
	ctk_fvec_release(&v);
	ctk_dataset_release(&ds);
	return m;
}

static void
round_trip_keeps_everything(void **state)
{
	int kinds[2] = { CTK_MODEL_NB, CTK_MODEL_LOGREG }, k;
	char *path = test_tmpfile("", 0);
	ctk_model *m, *back;
	ctk_error err;
	size_t i;

	(void)state;
	for (k = 0; k < 2; k++) {
		m = toy_model(kinds[k]);
		assert_int_equal(ctk_model_save(m, path, &err), 0);
		back = ctk_model_load(path, &err);
		assert_non_null(back);
		assert_int_equal(back->kind, kinds[k]);
		assert_int_equal(back->bits, 12);
		assert_int_equal(back->ngrams, 2);
		assert_int_equal(back->n_classes, 3);
		assert_string_equal(back->classes[0], "one");
		assert_string_equal(back->classes[2], "two");
		assert_int_equal(back->n_rows, m->n_rows);
		assert_memory_equal(back->row_bucket, m->row_bucket,
		    m->n_rows * sizeof *m->row_bucket);
		assert_memory_equal(back->row_value, m->row_value,
		    m->n_rows * 3 * sizeof *m->row_value);
		assert_memory_equal(back->bias, m->bias, 3 * sizeof *m->bias);
		for (i = 0; i < m->n_rows * 3; i++)
			assert_true(back->weight[i] == m->weight[i]);
		ctk_model_free(back);
		ctk_model_free(m);
	}
	test_unlink(path);
}

static ctk_buf
serialized(void)
{
	ctk_buf b = CTK_BUF_INIT;
	ctk_error err;
	ctk_model *m = toy_model(CTK_MODEL_NB);

	assert_int_equal(ctk_model_serialize(m, &b, &err), 0);
	ctk_model_free(m);
	return b;
}

static void
expect_refused(const void *data, size_t len, const char *why)
{
	ctk_error err;

	assert_null(ctk_model_parse(data, len, &err));
	if (strstr(err.msg, why) == NULL)
		fail_msg("'%s' does not say '%s'", err.msg, why);
}

static void
truncated_file_is_refused(void **state)
{
	ctk_buf b = serialized();

	(void)state;
	expect_refused(b.data, b.len - 1, "truncated");
	expect_refused(b.data, b.len / 2, "truncated");
	expect_refused(b.data, 10, "truncated");
	expect_refused(b.data, 0, "truncated");
	ctk_buf_release(&b);
}

static void
corrupt_file_is_refused(void **state)
{
	ctk_buf b = serialized();

	(void)state;
	b.data[b.len / 2] ^= 0x40;
	expect_refused(b.data, b.len, "checksum mismatch");
	b.data[b.len / 2] ^= 0x40;
	b.data[b.len - 1] ^= 1;		/* the checksum itself */
	expect_refused(b.data, b.len, "checksum mismatch");
	b.data[b.len - 1] ^= 1;
	ctk_buf_append(&b, "x", 1);
	expect_refused(b.data, b.len, "bytes after the end");
	ctk_buf_release(&b);
}

/* Writes the checksum of an edited file, so that the content is what
 * gets checked. */
static void
resum(ctk_buf *b)
{
	uint32_t sum;
	int i;

	sum = (uint32_t)crc32(0L, (const Bytef *)b->data, (uInt)(b->len - 4));
	for (i = 0; i < 4; i++)
		b->data[b->len - 4 + (size_t)i] = (char)(sum >> (8 * i));
}

/* A consistent file whose header says bits 30: the checksum is right, the
 * content is not. */
static void
bad_header_is_refused(void **state)
{
	ctk_buf b = serialized();

	(void)state;
	b.data[20] = 30;
	resum(&b);
	expect_refused(b.data, b.len, "bad header fields");
	ctk_buf_release(&b);
}

/* The first class name, "one", is at byte 48. A NUL byte in it would be
 * cut off when the model is written or printed again (found by the
 * fuzzer: read and written forms differed); invalid UTF-8 would go into
 * the TSV output. Both are refused. */
static void
class_name_not_text_is_refused(void **state)
{
	ctk_buf b = serialized();

	(void)state;
	assert_memory_equal(b.data + 44, "\003\000\000\000one", 7);
	b.data[49] = '\0';
	resum(&b);
	expect_refused(b.data, b.len, "class name is not UTF-8 text");
	b.data[49] = (char)0xff;
	resum(&b);
	expect_refused(b.data, b.len, "class name is not UTF-8 text");
	ctk_buf_release(&b);
}

static void
newer_version_is_refused(void **state)
{
	ctk_buf b = serialized();

	(void)state;
	b.data[4] = 2;
	expect_refused(b.data, b.len, "version 2 is newer");
	ctk_buf_release(&b);
}

static void
foreign_file_is_refused(void **state)
{
	ctk_error err;

	(void)state;
	expect_refused("id\ttext\n", 8, "not a ctk model file");
	assert_null(ctk_model_load("/nonexistent/model.ctkm", &err));
	assert_int_equal(err.code, CTK_EIO);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_keeps_everything),
		cmocka_unit_test(truncated_file_is_refused),
		cmocka_unit_test(corrupt_file_is_refused),
		cmocka_unit_test(bad_header_is_refused),
		cmocka_unit_test(class_name_not_text_is_refused),
		cmocka_unit_test(newer_version_is_refused),
		cmocka_unit_test(foreign_file_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
