/* Unit tests of warc: the record reader, HTTP responses (chunked, gzip),
 * the three-record fixture plain and gzip-compressed, truncated files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <cmocka.h>

#include "article.h"
#include "article_test.h"
#include "buf.h"
#include "input.h"
#include "test_util.h"
#include "warc.h"

#define DIR "testdata/articles/warc-three-records/"

static void
test_reader_records(void **state)
{
	ctk_input *in;
	ctk_warc_reader *r;
	ctk_warc_record rec;
	ctk_error err;
	ctk_buf all = CTK_BUF_INIT;
	const char *second;

	(void)state;
	read_fixture(DIR "sample.warc", &all);
	second = strstr(all.data + 1, "WARC/1.1\r\n");
	assert_non_null(second);
	in = ctk_input_open(DIR "sample.warc", &err);
	assert_non_null(in);
	r = ctk_warc_reader_new(in);
	assert_int_equal(ctk_warc_next(r, &rec, &err), 1);
	assert_int_equal(rec.offset, 0);
	assert_string_equal(rec.version, "WARC/1.1");
	assert_string_equal(rec.type, "response");
	assert_string_equal(rec.target_uri,
	    "https://gazette-du-port.example/eco/prix-du-cafe");
	assert_string_equal(rec.date, "2024-10-02T08:14:03Z");
	assert_memory_equal(rec.payload, "HTTP/1.1 200 OK\r\n", 17);
	assert_int_equal(ctk_warc_next(r, &rec, &err), 1);
	assert_int_equal(rec.offset, (uint64_t)(second - all.data));
	assert_memory_equal(rec.payload, "HTTP/1.1 404", 12);
	assert_int_equal(ctk_warc_next(r, &rec, &err), 1);
	assert_string_equal(rec.target_uri,
	    "https://gazette-du-port.example/img/pixel.png");
	assert_memory_equal(rec.payload + rec.payload_len - 4, "\xae" "B`\x82",
	    4);
	assert_int_equal(ctk_warc_next(r, &rec, &err), 0);
	ctk_warc_reader_free(r);
	ctk_input_close(in);
	ctk_buf_release(&all);
}

/* The fixture's one article, from a file (plain or .gz). */
static void
check_sample(const char *path)
{
	ctk_buf want = CTK_BUF_INIT;
	struct collected c;
	ctk_article_opts o;
	ctk_article_stats st = { 0, 0, 0, 0 };
	ctk_input *in;
	ctk_error err;

	collect_init(&c, &o);
	in = ctk_input_open(path, &err);
	assert_non_null(in);
	assert_int_equal(ctk_article_ingest_input(in, &o, &st, &err), 0);
	ctk_input_close(in);
	assert_int_equal(st.n_articles, 1);
	assert_int_equal(st.n_skipped, 2);
	assert_int_equal(st.n_rejected, 0);
	assert_int_equal(c.n, 1);
	read_fixture(DIR "expected.txt", &want);
	chomp(&want);
	assert_string_equal(collected_field(&c, 0, "text"), want.data);
	assert_string_equal(collected_field(&c, 0, "id"),
	    "https://gazette-du-port.example/eco/prix-du-cafe");
	assert_string_equal(collected_field(&c, 0, "channel"),
	    "La Gazette du Port");
	assert_string_equal(collected_field(&c, 0, "title"),
	    "Le prix du café grimpe");
	assert_string_equal(collected_field(&c, 0, "date"),
	    "2024-10-02T08:14:03Z");
	assert_string_equal(collected_field(&c, 0, "lang"), "fr");
	collect_free(&c);
	ctk_buf_release(&want);
}

static void
test_sample_warc(void **state)
{
	(void)state;
	check_sample(DIR "sample.warc");
}

static void
test_sample_warc_gz(void **state)
{
	(void)state;
	check_sample(DIR "sample.warc.gz");
}

static void
test_truncated_warc_keeps_earlier_records(void **state)
{
	ctk_buf all = CTK_BUF_INIT;
	struct collected c;
	ctk_article_opts o;
	ctk_article_stats st = { 0, 0, 0, 0 };
	ctk_error err;
	const char *third;
	char offset[64];

	(void)state;
	read_fixture(DIR "sample.warc", &all);
	third = strstr(strstr(all.data + 1, "WARC/1.1\r\n") + 1,
	    "WARC/1.1\r\n");
	assert_non_null(third);
	collect_init(&c, &o);
	assert_int_equal(ctk_article_ingest_bytes(all.data, all.len - 60, &o,
	    &st, &err), 0);
	assert_int_equal(st.n_articles, 1);
	assert_int_equal(st.n_skipped, 1);
	assert_int_equal(st.n_rejected, 1);
	assert_int_equal(c.n_problems, 1);
	snprintf(offset, sizeof offset, "byte offset %ld: truncated",
	    (long)(third - all.data));
	assert_non_null(strstr(c.problems[0].msg, offset));
	collect_free(&c);
	ctk_buf_release(&all);
}

static void
test_strict_stops_at_first_bad_record(void **state)
{
	const char warc[] = "WARC/1.0\r\nWARC-Type: response\r\n\r\n"
	    "WARC/1.0\r\nContent-Length: 0\r\n\r\n";
	struct collected c;
	ctk_article_opts o;
	ctk_article_stats st = { 0, 0, 0, 0 };
	ctk_error err;

	(void)state;
	collect_init(&c, &o);
	c.strict = 1;
	assert_int_equal(ctk_article_ingest_bytes(warc, sizeof warc - 1, &o,
	    &st, &err), CTK_EFORMAT);
	assert_int_equal(st.n_rejected, 1);
	assert_non_null(strstr(err.msg, "no valid Content-Length"));
}

static void
test_truncated_warc_gz(void **state)
{
	ctk_buf all = CTK_BUF_INIT;
	struct collected c;
	ctk_article_opts o;
	ctk_input *in;
	ctk_error err;
	char *path;
	int rc;

	(void)state;
	read_fixture(DIR "sample.warc.gz", &all);
	path = test_tmpfile(all.data, all.len - 100);
	collect_init(&c, &o);
	in = ctk_input_open(path, &err);
	assert_non_null(in);
	rc = ctk_article_ingest_input(in, &o, NULL, &err);
	ctk_input_close(in);
	/* the gzip damage is in the last member: the first page is out */
	assert_int_equal(c.n, 1);
	assert_true(rc == CTK_EIO || c.n_problems == 1);
	collect_free(&c);
	ctk_buf_release(&all);
	test_unlink(path);
}

static void
test_record_without_length(void **state)
{
	const char warc[] = "WARC/1.0\r\nWARC-Type: response\r\n\r\n"
	    "HTTP/1.1 200 OK\r\n\r\n";
	ctk_warc_reader *r = ctk_warc_reader_mem(warc, sizeof warc - 1);
	ctk_warc_record rec;
	ctk_error err;

	(void)state;
	assert_int_equal(ctk_warc_next(r, &rec, &err), CTK_EFORMAT);
	assert_non_null(strstr(err.msg, "byte offset 0: no valid "
	    "Content-Length"));
	assert_int_equal(ctk_warc_next(r, &rec, &err), 0);
	ctk_warc_reader_free(r);
}

static void
test_oversized_record_claim(void **state)
{
	const char warc[] = "WARC/1.0\r\nWARC-Type: response\r\n"
	    "Content-Length: 999999999999\r\n\r\nshort";
	ctk_warc_reader *r = ctk_warc_reader_mem(warc, sizeof warc - 1);
	ctk_warc_record rec;
	ctk_error err;

	(void)state;
	assert_int_equal(ctk_warc_next(r, &rec, &err), CTK_EFORMAT);
	assert_non_null(strstr(err.msg, "truncated"));
	ctk_warc_reader_free(r);
}

static void
test_not_warc_line(void **state)
{
	const char warc[] = "HTTP/1.1 200 OK\r\n\r\n";
	ctk_warc_reader *r = ctk_warc_reader_mem(warc, sizeof warc - 1);
	ctk_warc_record rec;
	ctk_error err;

	(void)state;
	assert_int_equal(ctk_warc_next(r, &rec, &err), CTK_EFORMAT);
	assert_non_null(strstr(err.msg, "expected a \"WARC/1.x\" line"));
	ctk_warc_reader_free(r);
}

static void
test_http_chunked_gzip(void **state)
{
	const char body[] = "<html><body><p>Bonjour</p></body></html>";
	unsigned char gz[256];
	ctk_buf payload = CTK_BUF_INIT, decoded = CTK_BUF_INIT;
	ctk_http_response resp;
	ctk_error err;
	z_stream zs;
	size_t gz_len, half;

	(void)state;
	memset(&zs, 0, sizeof zs);
	assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY), Z_OK);
	zs.next_in = (unsigned char *)body;
	zs.avail_in = sizeof body - 1;
	zs.next_out = gz;
	zs.avail_out = sizeof gz;
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	gz_len = sizeof gz - zs.avail_out;
	deflateEnd(&zs);
	half = gz_len / 2;
	ctk_buf_append_str(&payload, "HTTP/1.1 200 OK\r\nContent-Type: "
	    "Text/HTML; Charset=\"windows-1252\"\r\nTransfer-Encoding: chunked"
	    "\r\nContent-Encoding: gzip\r\nDate: Wed, 02 Oct 2024 08:14:03 GMT"
	    "\r\n\r\n");
	ctk_buf_printf(&payload, "%zx\r\n", half);
	ctk_buf_append(&payload, gz, half);
	ctk_buf_printf(&payload, "\r\n%zx;ext=1\r\n", gz_len - half);
	ctk_buf_append(&payload, gz + half, gz_len - half);
	ctk_buf_append_str(&payload, "\r\n0\r\n\r\n");
	assert_int_equal(ctk_http_parse_response(payload.data, payload.len,
	    &resp, &decoded, &err), 0);
	assert_int_equal(resp.status, 200);
	assert_string_equal(resp.content_type, "text/html");
	assert_string_equal(resp.charset, "windows-1252");
	assert_string_equal(resp.date, "Wed, 02 Oct 2024 08:14:03 GMT");
	assert_int_equal(resp.body_len, sizeof body - 1);
	assert_memory_equal(resp.body, body, sizeof body - 1);
	ctk_buf_release(&payload);
	ctk_buf_release(&decoded);
}

static void
test_http_bad_status(void **state)
{
	ctk_buf decoded = CTK_BUF_INIT;
	ctk_http_response resp;
	ctk_error err;

	(void)state;
	assert_int_equal(ctk_http_parse_response("HTTP/1.1 OK\r\n\r\n", 15,
	    &resp, &decoded, &err), CTK_EFORMAT);
	assert_int_equal(ctk_http_parse_response("GET / HTTP/1.1\r\n\r\n", 18,
	    &resp, &decoded, &err), CTK_EFORMAT);
	assert_int_equal(ctk_http_parse_response("HTTP/1.1 200 OK\r\n"
	    "Content-Encoding: br\r\n\r\nxyz", 44, &resp, &decoded, &err),
	    CTK_EFORMAT);
	assert_non_null(strstr(err.msg, "unsupported Content-Encoding"));
	ctk_buf_release(&decoded);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader_records),
		cmocka_unit_test(test_sample_warc),
		cmocka_unit_test(test_sample_warc_gz),
		cmocka_unit_test(test_truncated_warc_keeps_earlier_records),
		cmocka_unit_test(test_strict_stops_at_first_bad_record),
		cmocka_unit_test(test_truncated_warc_gz),
		cmocka_unit_test(test_record_without_length),
		cmocka_unit_test(test_oversized_record_claim),
		cmocka_unit_test(test_not_warc_line),
		cmocka_unit_test(test_http_chunked_gzip),
		cmocka_unit_test(test_http_bad_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
