/* Unit tests of input: plain and gzip files, long lines, bad files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <cmocka.h>

#include "buf.h"
#include "input.h"
#include "test_util.h"

/* gzip-compresses data as one member, appending to out. */
static void
gzip_member(ctk_buf *out, const char *data, size_t len)
{
	z_stream zs;
	unsigned char chunk[4096];
	int rc;

	memset(&zs, 0, sizeof zs);
	assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY), Z_OK);
	zs.next_in = (unsigned char *)data;
	zs.avail_in = (uInt)len;
	do {
		zs.next_out = chunk;
		zs.avail_out = sizeof chunk;
		rc = deflate(&zs, Z_FINISH);
		ctk_buf_append(out, chunk, sizeof chunk - zs.avail_out);
	} while (rc == Z_OK);
	assert_int_equal(rc, Z_STREAM_END);
	deflateEnd(&zs);
}

/* Reads every line of path into one string, lines joined by '|'. */
static int
slurp_lines(const char *path, ctk_buf *out, ctk_error *err)
{
	ctk_input *in = ctk_input_open(path, err);
	char *line;
	size_t len;
	int rc;

	if (in == NULL)
		return CTK_EIO;
	while ((rc = ctk_input_getline(in, &line, &len, err)) == 1) {
		assert_int_equal(line[len], '\0');
		ctk_buf_append(out, line, len);
		ctk_buf_append_char(out, '|');
	}
	ctk_input_close(in);
	return rc;
}

static void
reads_lines_with_and_without_final_newline(void **state)
{
	char *p1 = test_tmpfile("a\nbb\r\n\nccc\n", 11);
	char *p2 = test_tmpfile("x\ny", 3);
	ctk_buf b = CTK_BUF_INIT;
	ctk_error err;

	(void)state;
	assert_int_equal(slurp_lines(p1, &b, &err), 0);
	assert_string_equal(b.data, "a|bb\r||ccc|");
	ctk_buf_reset(&b);
	assert_int_equal(slurp_lines(p2, &b, &err), 0);
	assert_string_equal(b.data, "x|y|");
	ctk_buf_release(&b);
	test_unlink(p1);
	test_unlink(p2);
}

static void
counts_lines_and_offsets(void **state)
{
	char *p = test_tmpfile("one\ntwo\nthree\n", 14);
	ctk_input *in = ctk_input_open(p, NULL);
	char *line;
	size_t len;

	(void)state;
	assert_non_null(in);
	assert_int_equal(ctk_input_size(in), 14);
	assert_int_equal(ctk_input_line(in), 0);
	assert_int_equal(ctk_input_getline(in, &line, &len, NULL), 1);
	assert_int_equal(ctk_input_getline(in, &line, &len, NULL), 1);
	assert_int_equal(ctk_input_line(in), 2);
	assert_int_equal(ctk_input_offset(in), 8);
	assert_string_equal(line, "two");
	assert_false(ctk_input_is_gzip(in));
	ctk_input_close(in);
	test_unlink(p);
}

static void
a_fifty_megabyte_line_is_one_line(void **state)
{
	size_t n = 50u * 1000 * 1000, len;
	char *big = malloc(n + 3), *path, *line;
	ctk_input *in;

	(void)state;
	memset(big, 'z', n);
	memcpy(big + n, "\nq", 2);
	path = test_tmpfile(big, n + 2);
	in = ctk_input_open(path, NULL);
	assert_int_equal(ctk_input_getline(in, &line, &len, NULL), 1);
	assert_int_equal(len, n);
	assert_int_equal(line[n - 1], 'z');
	assert_int_equal(ctk_input_getline(in, &line, &len, NULL), 1);
	assert_string_equal(line, "q");
	assert_int_equal(ctk_input_getline(in, &line, &len, NULL), 0);
	ctk_input_close(in);
	test_unlink(path);
	free(big);
}

static void
gzip_is_detected_by_magic_not_name(void **state)
{
	ctk_buf gz = CTK_BUF_INIT, text = CTK_BUF_INIT;
	char *path;
	ctk_error err;

	(void)state;
	gzip_member(&gz, "héllo\nwörld\n", strlen("héllo\nwörld\n"));
	path = test_tmpfile(gz.data, gz.len);	/* no .gz suffix */
	assert_int_equal(slurp_lines(path, &text, &err), 0);
	assert_string_equal(text.data, "héllo|wörld|");
	test_unlink(path);
	ctk_buf_release(&gz);
	ctk_buf_release(&text);
}

static void
multi_member_gzip_is_read_whole(void **state)
{
	ctk_buf gz = CTK_BUF_INIT, text = CTK_BUF_INIT, big = CTK_BUF_INIT;
	char *path;
	ctk_error err;
	int i;

	(void)state;
	for (i = 0; i < 20000; i++)
		ctk_buf_printf(&big, "line %d of the first member\n", i);
	gzip_member(&gz, big.data, big.len);
	gzip_member(&gz, "second\n", 7);
	gzip_member(&gz, "third", 5);
	path = test_tmpfile(gz.data, gz.len);
	assert_int_equal(slurp_lines(path, &text, &err), 0);
	assert_non_null(strstr(text.data, "line 19999 of the first member|second|third|"));
	test_unlink(path);
	ctk_buf_release(&gz);
	ctk_buf_release(&text);
	ctk_buf_release(&big);
}

static void
truncated_gzip_is_an_error_after_the_good_lines(void **state)
{
	ctk_buf gz = CTK_BUF_INIT, text = CTK_BUF_INIT, big = CTK_BUF_INIT;
	char *path;
	ctk_error err;
	int i;

	(void)state;
	for (i = 0; i < 50000; i++)
		ctk_buf_printf(&big, "record %d\n", i);
	gzip_member(&gz, big.data, big.len);
	path = test_tmpfile(gz.data, gz.len / 2);
	assert_int_equal(slurp_lines(path, &text, &err), CTK_EIO);
	assert_non_null(strstr(err.msg, "truncated gzip"));
	assert_true(err.line > 1);
	assert_non_null(strstr(text.data, "record 0|record 1|"));
	test_unlink(path);
	ctk_buf_release(&gz);
	ctk_buf_release(&text);
	ctk_buf_release(&big);
}

static void
corrupt_gzip_and_trailing_garbage_are_errors(void **state)
{
	ctk_buf gz = CTK_BUF_INIT, text = CTK_BUF_INIT;
	char *path;
	ctk_error err;

	(void)state;
	gzip_member(&gz, "abc\n", 4);
	ctk_buf_append(&gz, "junk", 4);
	path = test_tmpfile(gz.data, gz.len);
	assert_int_equal(slurp_lines(path, &text, &err), CTK_EIO);
	assert_string_equal(err.msg, "trailing garbage after gzip data");
	test_unlink(path);
	ctk_buf_reset(&text);
	gz.data[12] ^= 0x55;	/* inside the deflate data */
	gz.len -= 4;
	path = test_tmpfile(gz.data, gz.len);
	assert_int_equal(slurp_lines(path, &text, &err), CTK_EIO);
	assert_non_null(strstr(err.msg, "gzip"));
	test_unlink(path);
	ctk_buf_release(&gz);
	ctk_buf_release(&text);
}

static void
missing_file_and_directory_are_refused(void **state)
{
	ctk_error err;

	(void)state;
	assert_null(ctk_input_open("/nonexistent/ctk/file.json", &err));
	assert_int_equal(err.code, CTK_EIO);
	assert_string_equal(err.msg, "cannot open: No such file or directory");
	assert_null(ctk_input_open("/tmp", &err));
	assert_string_equal(err.msg, "is a directory");
}

static void
unreadable_file_is_refused(void **state)
{
	char *path = test_tmpfile("secret\n", 7);
	ctk_error err;

	(void)state;
	if (geteuid() == 0) {
		/* root reads any file: use a path through a non-directory */
		assert_null(ctk_input_open("/etc/passwd/x", &err));
		assert_string_equal(err.msg, "cannot open: Not a directory");
	} else {
		chmod(path, 0);
		assert_null(ctk_input_open(path, &err));
		assert_string_equal(err.msg, "cannot open: Permission denied");
	}
	test_unlink(path);
}

static void
peek_then_read_sees_the_same_bytes(void **state)
{
	ctk_buf gz = CTK_BUF_INIT;
	char *path, buf[64];
	const char *head;
	ctk_input *in;
	long n;

	(void)state;
	gzip_member(&gz, "{\"name\": \"x\"}", 13);
	path = test_tmpfile(gz.data, gz.len);
	in = ctk_input_open(path, NULL);
	n = ctk_input_peek(in, &head, 1, NULL);
	assert_int_equal(n, 1);
	assert_int_equal(head[0], '{');
	n = ctk_input_read(in, buf, sizeof buf, NULL);
	assert_int_equal(n, 13);
	assert_memory_equal(buf, "{\"name\": \"x\"}", 13);
	assert_int_equal(ctk_input_read(in, buf, sizeof buf, NULL), 0);
	assert_true(ctk_input_is_gzip(in));
	ctk_input_close(in);
	test_unlink(path);
	ctk_buf_release(&gz);
}

static void
memory_input_reads_plain_and_gzip_bytes(void **state)
{
	ctk_buf gz = CTK_BUF_INIT;
	ctk_input *in;
	char *line;
	size_t len;

	(void)state;
	in = ctk_input_from_memory("a\nb", 3, "mem", NULL);
	assert_int_equal(ctk_input_size(in), 3);
	assert_int_equal(ctk_input_getline(in, &line, &len, NULL), 1);
	assert_string_equal(line, "a");
	assert_int_equal(ctk_input_getline(in, &line, &len, NULL), 1);
	assert_string_equal(line, "b");
	assert_int_equal(ctk_input_getline(in, &line, &len, NULL), 0);
	assert_string_equal(ctk_input_name(in), "mem");
	ctk_input_close(in);
	gzip_member(&gz, "zipped\n", 7);
	in = ctk_input_from_memory(gz.data, gz.len, "mem.gz", NULL);
	assert_int_equal(ctk_input_getline(in, &line, &len, NULL), 1);
	assert_string_equal(line, "zipped");
	assert_true(ctk_input_is_gzip(in));
	ctk_input_close(in);
	ctk_buf_release(&gz);
}

static void
line_over_the_limit_is_skipped_in_bounded_memory(void **state)
{
	size_t big = (size_t)3 << 20, n;
	char *text = malloc(big + 64), *line;
	ctk_input *in;
	ctk_error err;
	size_t len;

	(void)state;
	assert_non_null(text);
	n = (size_t)sprintf(text, "short\n");
	memset(text + n, 'x', big);
	n += big;
	n += (size_t)sprintf(text + n, "\nafter\n%s", "1234567890");
	in = ctk_input_from_memory(text, n, "mem", NULL);
	ctk_input_set_max_line(in, 10);
	assert_int_equal(ctk_input_getline(in, &line, &len, &err), 1);
	assert_string_equal(line, "short");
	assert_int_equal(ctk_input_getline(in, &line, &len, &err), CTK_ELIMIT);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.msg,
	    "line longer than the limit of 10 bytes; skipped");
	assert_int_equal(ctk_input_getline(in, &line, &len, &err), 1);
	assert_string_equal(line, "after");
	assert_int_equal(ctk_input_line(in), 3);
	/* exactly at the limit, without a final newline: kept */
	assert_int_equal(ctk_input_getline(in, &line, &len, &err), 1);
	assert_string_equal(line, "1234567890");
	assert_int_equal(ctk_input_getline(in, &line, &len, &err), 0);
	assert_int_equal(ctk_input_offset(in), n);
	ctk_input_close(in);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_lines_with_and_without_final_newline),
		cmocka_unit_test(counts_lines_and_offsets),
		cmocka_unit_test(a_fifty_megabyte_line_is_one_line),
		cmocka_unit_test(gzip_is_detected_by_magic_not_name),
		cmocka_unit_test(multi_member_gzip_is_read_whole),
		cmocka_unit_test(truncated_gzip_is_an_error_after_the_good_lines),
		cmocka_unit_test(corrupt_gzip_and_trailing_garbage_are_errors),
		cmocka_unit_test(missing_file_and_directory_are_refused),
		cmocka_unit_test(unreadable_file_is_refused),
		cmocka_unit_test(peek_then_read_sees_the_same_bytes),
		cmocka_unit_test(memory_input_reads_plain_and_gzip_bytes),
		cmocka_unit_test(line_over_the_limit_is_skipped_in_bounded_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
