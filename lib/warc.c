/*
 * warc: WARC records, their HTTP responses, and the articles in them (see
 * warc.h). Records are read one at a time from a ctk_input (or memory);
 * the previous record's memory is reused for the next.
 */
#include "warc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "article_int.h"
#include "charset.h"

#define MAX_HEADER_BYTES (1 << 20)

struct ctk_warc_reader {
	ctk_input *in;			/* or mem */
	const char *mem;
	size_t mem_len, mem_pos;
	ctk_buf line;			/* the last line read (mem) */
	ctk_buf version, type, uri, date, content_type;
	ctk_buf payload;
	int done;
};

ctk_warc_reader *
ctk_warc_reader_new(ctk_input *in)
{
	ctk_warc_reader *r = calloc(1, sizeof *r);

	if (r != NULL)
		r->in = in;
	return r;
}

ctk_warc_reader *
ctk_warc_reader_mem(const char *bytes, size_t n)
{
	ctk_warc_reader *r = calloc(1, sizeof *r);

	if (r != NULL) {
		r->mem = bytes;
		r->mem_len = n;
	}
	return r;
}

void
ctk_warc_reader_free(ctk_warc_reader *r)
{
	if (r == NULL)
		return;
	ctk_buf_release(&r->line);
	ctk_buf_release(&r->version);
	ctk_buf_release(&r->type);
	ctk_buf_release(&r->uri);
	ctk_buf_release(&r->date);
	ctk_buf_release(&r->content_type);
	ctk_buf_release(&r->payload);
	free(r);
}

static uint64_t
position(const ctk_warc_reader *r)
{
	return r->in != NULL ? ctk_input_offset(r->in) : r->mem_pos;
}

/* The next line without its "\r\n"; 1, 0 at end, or CTK_EIO. */
static int
read_line(ctk_warc_reader *r, const char **line, size_t *len,
    ctk_error *err)
{
	char *l;
	const char *nl;
	int rc;

	if (r->in != NULL) {
		if ((rc = ctk_input_getline(r->in, &l, len, err)) != 1)
			return rc;
		*line = l;
	} else {
		if (r->mem_pos >= r->mem_len)
			return 0;
		*line = r->mem + r->mem_pos;
		nl = memchr(*line, '\n', r->mem_len - r->mem_pos);
		*len = nl ? (size_t)(nl - *line) : r->mem_len - r->mem_pos;
		r->mem_pos += *len + (nl != NULL);
	}
	if (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	return 1;
}

/* Reads up to n bytes into dst (NULL: discard); returns the count read
 * (short at end of input) or CTK_EIO. */
static long long
read_bytes(ctk_warc_reader *r, char *dst, size_t n, ctk_error *err)
{
	char sink[65536];
	size_t total = 0, want;
	long got;

	if (r->in == NULL) {
		want = n < r->mem_len - r->mem_pos ? n : r->mem_len - r->mem_pos;
		if (dst != NULL)
			memcpy(dst, r->mem + r->mem_pos, want);
		r->mem_pos += want;
		return (long long)want;
	}
	while (total < n) {
		want = n - total;
		if (dst == NULL && want > sizeof sink)
			want = sizeof sink;
		got = ctk_input_read(r->in, dst ? dst + total : sink, want, err);
		if (got < 0)
			return got;
		if (got == 0)
			break;
		total += (size_t)got;
	}
	return (long long)total;
}

static int
fail(ctk_warc_reader *r, ctk_error *err, uint64_t offset, const char *what)
{
	r->done = 1;
	return ctk_error_set(err, CTK_EFORMAT, 0, 0,
	    "WARC record at byte offset %llu: %s", (unsigned long long)offset,
	    what);
}

static void
set_field(ctk_buf *b, const char *v, size_t n)
{
	while (n > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	/* WARC 1.0 allowed <uri> in angle brackets */
	if (n >= 2 && v[0] == '<' && v[n - 1] == '>') {
		v++;
		n -= 2;
	}
	ctk_buf_reset(b);
	ctk_buf_append(b, v, n);
}

/* Reads the header block after the version line; *length gets
 * Content-Length (-1 when missing or bad). 1 ok, 0 end of input,
 * CTK_EIO. */
static int
read_headers(ctk_warc_reader *r, long long *length, ctk_error *err)
{
	const char *line, *colon;
	size_t len, total = 0;
	char num[32];
	int rc;

	*length = -1;
	while ((rc = read_line(r, &line, &len, err)) == 1 && len > 0) {
		if ((total += len) > MAX_HEADER_BYTES)
			return 0;
		if ((colon = memchr(line, ':', len)) == NULL)
			continue;
		size_t name_len = (size_t)(colon - line);
		const char *v = colon + 1;
		size_t vlen = len - name_len - 1;

#define NAME_IS(s) (name_len == strlen(s) && strncasecmp(line, s, name_len) == 0)
		if (NAME_IS("WARC-Type"))
			set_field(&r->type, v, vlen);
		else if (NAME_IS("WARC-Target-URI"))
			set_field(&r->uri, v, vlen);
		else if (NAME_IS("WARC-Date"))
			set_field(&r->date, v, vlen);
		else if (NAME_IS("Content-Type"))
			set_field(&r->content_type, v, vlen);
		else if (NAME_IS("Content-Length") && vlen < sizeof num) {
			char *end;

			memcpy(num, v, vlen);
			num[vlen] = '\0';
			*length = strtoll(num, &end, 10);
			while (isspace((unsigned char)*end))
				end++;
			if (*end != '\0' || end == num || *length < 0)
				*length = -1;
		}
#undef NAME_IS
	}
	return rc;
}

/* Skips the blank lines between records; 1 with the version line, 0 at
 * the end, or CTK_EIO. */
static int
version_line(ctk_warc_reader *r, uint64_t *offset, ctk_error *err)
{
	const char *line;
	size_t len;
	int rc;

	do {
		*offset = position(r);
		if ((rc = read_line(r, &line, &len, err)) != 1)
			return rc;
	} while (len == 0);
	ctk_buf_reset(&r->version);
	ctk_buf_append(&r->version, line, len);
	return 1;
}

/* Reads the Content-Length bytes of the record at offset. */
static int
read_payload(ctk_warc_reader *r, uint64_t offset, long long length,
    ctk_error *err)
{
	char what[160];
	long long got;

	ctk_buf_reset(&r->payload);
	if (ctk_buf_grow(&r->payload, (size_t)length) < 0) {
		r->done = 1;
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	}
	if ((got = read_bytes(r, r->payload.data, (size_t)length, err)) < 0) {
		r->done = 1;
		return (int)got;
	}
	r->payload.len = (size_t)got;
	r->payload.data[got] = '\0';
	if (got < length) {
		snprintf(what, sizeof what, "truncated: Content-Length %lld, "
		    "only %lld bytes left", length, got);
		return fail(r, err, offset, what);
	}
	return 0;
}

int
ctk_warc_next(ctk_warc_reader *r, ctk_warc_record *rec, ctk_error *err)
{
	uint64_t offset;
	long long length, got;
	int rc;

	if (r->done)
		return 0;
	if ((rc = version_line(r, &offset, err)) != 1) {
		r->done = 1;
		return rc;
	}
	if (strncmp(ctk_buf_str(&r->version), "WARC/1.", 7) != 0)
		return fail(r, err, offset, "expected a \"WARC/1.x\" line");
	ctk_buf_reset(&r->type);
	ctk_buf_reset(&r->uri);
	ctk_buf_reset(&r->date);
	ctk_buf_reset(&r->content_type);
	if ((rc = read_headers(r, &length, err)) < 0) {
		r->done = 1;
		return rc;
	}
	if (rc == 0)
		return fail(r, err, offset, "truncated in its header");
	if (length < 0)
		return fail(r, err, offset, "no valid Content-Length");
	if ((unsigned long long)length > CTK_WARC_MAX_RECORD) {
		got = read_bytes(r, NULL, (size_t)length, err);
		if (got < 0)
			return (int)got;
		if (got < length)
			return fail(r, err, offset, "truncated");
		return ctk_error_set(err, CTK_ELIMIT, 0, 0,
		    "WARC record at byte offset %llu: %lld bytes, over the "
		    "limit of %zu MB: skipped", (unsigned long long)offset,
		    length, CTK_WARC_MAX_RECORD >> 20);
	}
	if ((rc = read_payload(r, offset, length, err)) != 0)
		return rc;
	rec->offset = offset;
	rec->version = ctk_buf_str(&r->version);
	rec->type = ctk_buf_str(&r->type);
	rec->target_uri = ctk_buf_str(&r->uri);
	rec->date = ctk_buf_str(&r->date);
	rec->content_type = ctk_buf_str(&r->content_type);
	rec->payload = ctk_buf_str(&r->payload);
	rec->payload_len = r->payload.len;
	return 1;
}

/* Undoes Transfer-Encoding: chunked; stops quietly at a malformed size
 * line, keeping what came before (servers and crawlers get it wrong). */
static int
dechunk(const char *p, size_t n, ctk_buf *out)
{
	const char *end = p + n;
	unsigned long long size;
	char *stop;

	while (p < end) {
		size = strtoull(p, &stop, 16);
		if (stop == p)
			break;
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL || size == 0)
			break;
		p++;
		if (size > (unsigned long long)(end - p))
			size = (unsigned long long)(end - p);
		if (ctk_buf_append(out, p, (size_t)size) < 0)
			return -1;
		p += size;
		while (p < end && (*p == '\r' || *p == '\n'))
			p++;
	}
	return 0;
}

/* Undoes Content-Encoding gzip or deflate (zlib or raw). */
static int
inflate_body(const char *p, size_t n, int raw, ctk_buf *out)
{
	z_stream zs;
	char chunk[65536];
	int rc;

	memset(&zs, 0, sizeof zs);
	if (inflateInit2(&zs, raw ? -15 : 15 + 32) != Z_OK)
		return -1;
	zs.next_in = (unsigned char *)(uintptr_t)p;
	zs.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
	do {
		zs.next_out = (unsigned char *)chunk;
		zs.avail_out = sizeof chunk;
		rc = inflate(&zs, Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END)
			break;
		if (ctk_buf_append(out, chunk, sizeof chunk - zs.avail_out) < 0 ||
		    out->len > CTK_WARC_MAX_RECORD) {
			rc = Z_MEM_ERROR;
			break;
		}
	} while (rc != Z_STREAM_END && (zs.avail_in > 0 || zs.avail_out == 0));
	inflateEnd(&zs);
	return rc == Z_STREAM_END || (rc == Z_OK && out->len > 0) ? 0 : -1;
}

static void
header_value(char *dst, size_t size, const char *v, size_t n)
{
	while (n > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t' ||
	    v[n - 1] == '\r'))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

/* Reads the header lines; sets the body, transfer and content codings. */
static const char *
http_headers(const char *p, const char *end, ctk_http_response *resp,
    char *transfer, char *coding, size_t size)
{
	const char *nl, *colon;
	char ct[256];
	size_t len, i;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (len == 0 || (len == 1 && *p == '\r'))
			return nl ? nl + 1 : end;
		colon = memchr(p, ':', len);
		if (colon != NULL) {
			size_t name_len = (size_t)(colon - p);
			const char *v = colon + 1;
			size_t vlen = len - name_len - 1;

			if (name_len == 12 && strncasecmp(p, "Content-Type", 12) == 0) {
				header_value(ct, sizeof ct, v, vlen);
				ctk_charset_from_content_type(ct, resp->charset,
				    sizeof resp->charset);
				for (i = 0; ct[i] != '\0' && ct[i] != ';' &&
				    ct[i] != ' ' && i + 1 < sizeof resp->content_type; i++)
					resp->content_type[i] =
					    (char)tolower((unsigned char)ct[i]);
				resp->content_type[i] = '\0';
			} else if (name_len == 17 &&
			    strncasecmp(p, "Transfer-Encoding", 17) == 0)
				header_value(transfer, size, v, vlen);
			else if (name_len == 16 &&
			    strncasecmp(p, "Content-Encoding", 16) == 0)
				header_value(coding, size, v, vlen);
			else if (name_len == 4 && strncasecmp(p, "Date", 4) == 0)
				header_value(resp->date, sizeof resp->date, v,
				    vlen);
		}
		p = nl ? nl + 1 : end;
	}
	return end;
}

/* Undoes the content coding of body[0..n) into decoded. */
static int
decode_body(const char *body, size_t n, const char *coding, ctk_buf *decoded,
    ctk_error *err)
{
	int rc, deflate = strcasecmp(coding, "deflate") == 0;

	ctk_buf_reset(decoded);
	if (coding[0] == '\0' || strcasecmp(coding, "identity") == 0) {
		if (ctk_buf_append(decoded, body, n) < 0)
			return ctk_error_set(err, CTK_ENOMEM, 0, 0,
			    "out of memory");
		return 0;
	}
	if (!deflate && strcasecmp(coding, "gzip") != 0 &&
	    strcasecmp(coding, "x-gzip") != 0)
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "unsupported Content-Encoding \"%s\"", coding);
	rc = inflate_body(body, n, 0, decoded);
	/* "deflate" is often sent raw, without the zlib header */
	if (rc < 0 && deflate) {
		ctk_buf_reset(decoded);
		rc = inflate_body(body, n, 1, decoded);
	}
	if (rc < 0)
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "cannot undo Content-Encoding %s", coding);
	return 0;
}

int
ctk_http_parse_response(const char *payload, size_t n,
    ctk_http_response *resp, ctk_buf *decoded, ctk_error *err)
{
	const char *p = payload, *end = payload + n, *body;
	char transfer[64] = "", coding[64] = "", *stop;
	ctk_buf dechunked = CTK_BUF_INIT;
	size_t body_len;
	long status;
	int rc;

	memset(resp, 0, sizeof *resp);
	if (n < 12 || strncmp(p, "HTTP/", 5) != 0)
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "not an HTTP response");
	p = memchr(p, ' ', n);
	status = p ? strtol(p + 1, &stop, 10) : -1;
	if (p == NULL || stop == p + 1 || status < 100 || status > 999)
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "bad HTTP status line");
	resp->status = (int)status;
	p = memchr(p, '\n', (size_t)(end - p));
	body = http_headers(p ? p + 1 : end, end, resp, transfer, coding,
	    sizeof transfer);
	body_len = (size_t)(end - body);
	if (strcasecmp(transfer, "chunked") == 0) {
		if (dechunk(body, body_len, &dechunked) < 0) {
			ctk_buf_release(&dechunked);
			return ctk_error_set(err, CTK_ENOMEM, 0, 0,
			    "out of memory");
		}
		body = ctk_buf_str(&dechunked);
		body_len = dechunked.len;
	}
	rc = decode_body(body, body_len, coding, decoded, err);
	ctk_buf_release(&dechunked);
	resp->body = ctk_buf_str(decoded);
	resp->body_len = decoded->len;
	return rc;
}

/* Wraps the caller's callbacks to name the record in reports and to tell
 * the caller's stop (emit) from a bad page. */
struct wrap {
	const ctk_article_opts *outer;
	const ctk_warc_record *rec;
	int emit_rc, report_rc;
};

static int
wrap_emit(void *ctx, const ctk_article *a)
{
	struct wrap *w = ctx;

	if (w->outer->emit == NULL)
		return 0;
	w->emit_rc = w->outer->emit(w->outer->ctx, a);
	return w->emit_rc;
}

static int
wrap_report(void *ctx, enum ctk_article_severity severity, const ctk_error *e)
{
	struct wrap *w = ctx;
	ctk_error named;

	if (w->outer->report == NULL)
		return 0;
	ctk_error_set(&named, e->code, e->line, e->col,
	    "WARC record at byte offset %llu (%s): %s",
	    (unsigned long long)w->rec->offset, w->rec->target_uri, e->msg);
	w->report_rc = w->outer->report(w->outer->ctx, severity, &named);
	return w->report_rc;
}

static int
is_html_type(const char *t)
{
	return strcmp(t, "text/html") == 0 ||
	    strcmp(t, "application/xhtml+xml") == 0;
}

/* One record to an article, or skipped. Returns the stop value of
 * emit() or report() (err filled), or 0; a bad page is reported and
 * counted. */
static int
take_record(const ctk_warc_record *rec, const ctk_article_opts *o,
    ctk_article_stats *st, ctk_buf *decoded, ctk_error *err)
{
	struct wrap w = { o, rec, 0, 0 };
	ctk_article_opts inner = *o;
	ctk_article_hints hints;
	ctk_http_response resp;
	ctk_error e;
	int rc;

	/* rec is filled: ctk_warc_next() returned 1 (clang-analyzer
	 * follows a path where it did not) */
	/* NOLINTNEXTLINE(clang-analyzer-core.CallAndMessage) */
	if (strcmp(rec->type, "response") != 0 ||
	    strncasecmp(rec->content_type, "application/http", 16) != 0)
		goto skipped;
	inner.emit = wrap_emit;
	inner.report = wrap_report;
	inner.ctx = &w;
	if (ctk_http_parse_response(rec->payload, rec->payload_len, &resp,
	    decoded, &e) != 0)
		return ctk_article_problem(&inner, st, CTK_ARTICLE_ERROR, &e,
		    err);
	if (resp.status != 200 || !is_html_type(resp.content_type))
		goto skipped;
	hints.charset = resp.charset;
	hints.url = rec->target_uri;
	hints.date = rec->date[0] != '\0' ? rec->date : resp.date;
	rc = ctk_article_from_html(resp.body, resp.body_len, &hints, &inner,
	    st, &e);
	if (w.emit_rc != 0 || w.report_rc != 0) {
		if (err != NULL)
			*err = e;
		return rc;
	}
	if (rc != 0)
		return ctk_article_problem(&inner, st, CTK_ARTICLE_ERROR, &e,
		    err);
	return 0;
skipped:
	if (st != NULL)
		st->n_skipped++;
	return 0;
}

static int
ingest(ctk_warc_reader *r, const ctk_article_opts *o, ctk_article_stats *st,
    ctk_error *err)
{
	ctk_buf decoded = CTK_BUF_INIT;
	ctk_warc_record rec;
	ctk_error e;
	int rc;

	for (;;) {
		rc = ctk_warc_next(r, &rec, &e);
		if (rc == 0)
			break;
		if (rc == CTK_EFORMAT || rc == CTK_ELIMIT) {
			if ((rc = ctk_article_problem(o, st, CTK_ARTICLE_ERROR,
			    &e, err)) != 0)
				break;
			continue;
		}
		if (rc < 0) {
			if (err != NULL)
				*err = e;
			/* say where a cut or unreadable file stopped */
			if (err != NULL && rc == CTK_EIO && r->in != NULL)
				ctk_error_set(err, CTK_EIO, 0, 0, "WARC data "
				    "stops after byte %llu (%lu article(s) read "
				    "before): %s", (unsigned long long)
				    ctk_input_offset(r->in), st != NULL ?
				    st->n_articles : 0UL, e.msg);
			break;
		}
		if ((rc = take_record(&rec, o, st, &decoded, err)) != 0)
			break;
	}
	ctk_buf_release(&decoded);
	ctk_warc_reader_free(r);
	return rc;
}

int
ctk_warc_ingest(ctk_input *in, const ctk_article_opts *opts,
    ctk_article_stats *stats, ctk_error *err)
{
	ctk_warc_reader *r = ctk_warc_reader_new(in);

	if (r == NULL)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	return ingest(r, opts, stats, err);
}

int
ctk_warc_ingest_bytes(const char *bytes, size_t n,
    const ctk_article_opts *opts, ctk_article_stats *stats, ctk_error *err)
{
	ctk_warc_reader *r = ctk_warc_reader_mem(bytes, n);

	if (r == NULL)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	return ingest(r, opts, stats, err);
}
