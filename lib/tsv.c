/*
 * tsv: reader and writer of the ctk stream (see tsv.h).
 *
 * The reader works in place: a line from ctk_input is split on tabs and
 * each field unescaped where it lies (unescaping never lengthens), so a
 * record costs no copy and no allocation once the offsets array has grown.
 */
#include "tsv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

struct ctk_tsv_reader {
	ctk_input *in;
	size_t ncols;
	char **names;
	char **fields;		/* ncols pointers into the current line */
	size_t *lens;
	long line;
};

static size_t
unescape_in_place(char *s, size_t len)
{
	char *src = memchr(s, '\\', len), *end = s + len, *dst;

	if (src == NULL)
		return len;
	dst = src;
	while (src < end) {
		if (*src != '\\' || src + 1 == end) {
			*dst++ = *src++;
			continue;
		}
		switch (src[1]) {
		case '\\': *dst++ = '\\'; break;
		case 't': *dst++ = '\t'; break;
		case 'n': *dst++ = '\n'; break;
		case 'r': *dst++ = '\r'; break;
		default:	/* unknown escape: keep it as written */
			*dst++ = src[0];
			*dst++ = src[1];
			break;
		}
		src += 2;
	}
	*dst = '\0';
	return (size_t)(dst - s);
}

/* Checks UTF-8 and strips a trailing CR. A NUL byte is refused too: no
 * escape stands for it, and fields are handed out as C strings. */
static int
check_line(ctk_tsv_reader *r, char *line, size_t *len, ctk_error *err)
{
	size_t bad;
	const char *nul;

	if (*len > 0 && line[*len - 1] == '\r')
		line[--*len] = '\0';
	if ((nul = memchr(line, '\0', *len)) != NULL)
		return ctk_error_set(err, CTK_EFORMAT, r->line,
		    (long)(nul - line) + 1, "NUL byte");
	if (!ctk_utf8_valid(line, *len, &bad))
		return ctk_error_set(err, CTK_EFORMAT, r->line, (long)bad + 1,
		    "invalid UTF-8 (byte 0x%02X)", (unsigned char)line[bad]);
	return 0;
}

static size_t
count_fields(const char *line, size_t len)
{
	size_t n = 1;
	const char *p = line, *end = line + len;

	while ((p = memchr(p, '\t', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

static void
split(ctk_tsv_reader *r, char *line, size_t len)
{
	char *p = line, *end = line + len, *tab;
	size_t i;

	for (i = 0; i < r->ncols; i++) {
		tab = memchr(p, '\t', (size_t)(end - p));
		if (tab == NULL)
			tab = end;
		*tab = '\0';
		r->fields[i] = p;
		r->lens[i] = unescape_in_place(p, (size_t)(tab - p));
		p = tab + 1;
	}
}

static int
read_header(ctk_tsv_reader *r, ctk_error *err)
{
	char *line;
	size_t len, i;
	int rc;

	rc = ctk_input_getline(r->in, &line, &len, err);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return ctk_error_set(err, CTK_EFORMAT, 1, 0,
		    "empty input: no header line");
	r->line = ctk_input_line(r->in);
	if (len >= 2 && (memcmp(line, "\xFF\xFE", 2) == 0 ||
	    memcmp(line, "\xFE\xFF", 2) == 0))
		return ctk_error_set(err, CTK_EFORMAT, 1, 1, "%s",
		    CTK_UTF16_MESSAGE);
	if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
		line += 3;
		len -= 3;
	}
	if ((rc = check_line(r, line, &len, err)) < 0)
		return rc;
	if (len == 0)
		return ctk_error_set(err, CTK_EFORMAT, r->line, 0,
		    "empty header line");
	r->ncols = count_fields(line, len);
	r->names = calloc(r->ncols, sizeof *r->names);
	r->fields = calloc(r->ncols, sizeof *r->fields);
	r->lens = calloc(r->ncols, sizeof *r->lens);
	if (r->names == NULL || r->fields == NULL || r->lens == NULL)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	split(r, line, len);
	for (i = 0; i < r->ncols; i++) {
		if ((r->names[i] = strdup(r->fields[i])) == NULL)
			return ctk_error_set(err, CTK_ENOMEM, 0, 0,
			    "out of memory");
		if (r->lens[i] == 0)
			return ctk_error_set(err, CTK_EFORMAT, r->line, 0,
			    "header: column %zu has no name", i + 1);
	}
	return 0;
}

ctk_tsv_reader *
ctk_tsv_reader_new(ctk_input *in, ctk_error *err)
{
	ctk_tsv_reader *r = calloc(1, sizeof *r);

	if (r == NULL) {
		ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
		return NULL;
	}
	r->in = in;
	if (read_header(r, err) < 0) {
		ctk_tsv_reader_free(r);
		return NULL;
	}
	return r;
}

void
ctk_tsv_reader_free(ctk_tsv_reader *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->names != NULL)
		for (i = 0; i < r->ncols; i++)
			free(r->names[i]);
	free(r->names);
	free(r->fields);
	free(r->lens);
	free(r);
}

size_t
ctk_tsv_ncols(const ctk_tsv_reader *r)
{
	return r->ncols;
}

const char *
ctk_tsv_colname(const ctk_tsv_reader *r, size_t i)
{
	return i < r->ncols ? r->names[i] : NULL;
}

int
ctk_tsv_col(const ctk_tsv_reader *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->names[i], name) == 0)
			return (int)i;
	return -1;
}

int
ctk_tsv_read(ctk_tsv_reader *r, ctk_error *err)
{
	char *line;
	size_t len, n;
	int rc;

	rc = ctk_input_getline(r->in, &line, &len, err);
	if (rc <= 0)
		return rc;
	r->line = ctk_input_line(r->in);
	if ((rc = check_line(r, line, &len, err)) < 0)
		return rc;
	n = count_fields(line, len);
	if (n != r->ncols)
		return ctk_error_set(err, CTK_EFORMAT, r->line, 0,
		    "expected %zu fields, found %zu", r->ncols, n);
	split(r, line, len);
	return 1;
}

const char *
ctk_tsv_field(const ctk_tsv_reader *r, size_t i, size_t *len)
{
	if (len != NULL)
		*len = r->lens[i];
	return r->fields[i];
}

ctk_str
ctk_tsv_field_str(const ctk_tsv_reader *r, size_t i)
{
	ctk_str s = { r->fields[i], r->lens[i] };
	return s;
}

long
ctk_tsv_line(const ctk_tsv_reader *r)
{
	return r->line;
}

/* The escape of a character that cannot stand in a field, or NULL. */
static const char *
tsv_escape_of(char c)
{
	switch (c) {
	case '\\': return "\\\\";
	case '\t': return "\\t";
	case '\n': return "\\n";
	case '\r': return "\\r";
	default: return NULL;
	}
}

int
ctk_tsv_escape(ctk_buf *out, const char *s, size_t len)
{
	size_t i, span = 0;
	const char *esc;

	for (i = 0; i < len; i++) {
		if ((esc = tsv_escape_of(s[i])) == NULL)
			continue;
		if (ctk_buf_append(out, s + span, i - span) < 0 ||
		    ctk_buf_append(out, esc, 2) < 0)
			return CTK_ENOMEM;
		span = i + 1;
	}
	return ctk_buf_append(out, s + span, len - span) < 0 ? CTK_ENOMEM : 0;
}

int
ctk_tsv_unescape(ctk_buf *out, const char *s, size_t len)
{
	size_t at = out->len, n;

	if (ctk_buf_append(out, s, len) < 0)
		return CTK_ENOMEM;
	n = unescape_in_place(out->data + at, len);
	out->len = at + n;
	out->data[out->len] = '\0';
	return 0;
}

/* ---- writer ---- */

struct ctk_tsv_writer {
	FILE *out;
	ctk_format fmt;
	char **names;
	size_t ncols;
	size_t field_i;
	int failed;
	unsigned char *keep;	/* extend: 1 for each input column kept */
	size_t n_in;
};

int
ctk_format_parse(const char *name, ctk_format *fmt)
{
	if (strcmp(name, "tsv") == 0)
		*fmt = CTK_FORMAT_TSV;
	else if (strcmp(name, "csv") == 0)
		*fmt = CTK_FORMAT_CSV;
	else if (strcmp(name, "jsonl") == 0)
		*fmt = CTK_FORMAT_JSONL;
	else
		return -1;
	return 0;
}

ctk_tsv_writer *
ctk_tsv_writer_new(FILE *out, ctk_format fmt)
{
	ctk_tsv_writer *w = calloc(1, sizeof *w);

	if (w == NULL)
		return NULL;
	w->out = out;
	w->fmt = fmt;
	return w;
}

static void
free_names(ctk_tsv_writer *w)
{
	size_t i;

	for (i = 0; i < w->ncols; i++)
		free(w->names[i]);
	free(w->names);
	w->names = NULL;
	w->ncols = 0;
}

void
ctk_tsv_writer_free(ctk_tsv_writer *w)
{
	if (w == NULL)
		return;
	free_names(w);
	free(w->keep);
	free(w);
}

/* glibc's fwrite takes the stream lock on every call, which showed in
 * profiles of tools that write many short fields; a writer owns its
 * stream, so the unlocked variant is safe where it exists. */
#ifdef __GLIBC__
#define write_bytes fwrite_unlocked
#define write_byte putc_unlocked
#else
#define write_bytes fwrite
#define write_byte putc
#endif

static void
put(ctk_tsv_writer *w, const char *s, size_t len)
{
	if (len == 1) {
		/* separators and newlines: a byte costs less than a call
		 * of fwrite */
		if (write_byte((unsigned char)*s, w->out) == EOF)
			w->failed = 1;
		return;
	}
	if (len > 0 && write_bytes(s, 1, len, w->out) != len)
		w->failed = 1;
}

/* Whether any of the 8 bytes of x may need an escape: a backslash, or a
 * byte below 0x0E (tab, newline and carriage return are 9, 10 and 13).
 * False alarms are fine: the caller then looks at the bytes one by one. */
static int
may_need_escape(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, highs = ones * 0x80;
	uint64_t bs = x ^ (ones * '\\');

	return (((x - ones * 0x0E) & ~x) | ((bs - ones) & ~bs)) & highs ?
	    1 : 0;
}

static void
put_tsv(ctk_tsv_writer *w, const char *s, size_t len)
{
	size_t i, span = 0;
	const char *esc;
	uint64_t x;

	/* long fields (whole texts) are mostly plain: skip them 8 bytes at
	 * a time */
	for (i = 0; i < len; i++) {
		while (i + 8 <= len) {
			memcpy(&x, s + i, 8);
			if (may_need_escape(x))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if ((esc = tsv_escape_of(s[i])) == NULL)
			continue;
		put(w, s + span, i - span);
		put(w, esc, 2);
		span = i + 1;
	}
	put(w, s + span, len - span);
}

static void
put_csv(ctk_tsv_writer *w, const char *s, size_t len)
{
	size_t i, span = 0;

	for (i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			break;
	if (i == len) {
		put(w, s, len);
		return;
	}
	put(w, "\"", 1);
	for (i = 0; i < len; i++) {
		if (s[i] != '"')
			continue;
		put(w, s + span, i + 1 - span);
		put(w, "\"", 1);
		span = i + 1;
	}
	put(w, s + span, len - span);
	put(w, "\"", 1);
}

static void
put_json_string(ctk_tsv_writer *w, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, span = 0;
	char esc[7];
	size_t n;

	put(w, "\"", 1);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		n = 2;
		esc[0] = '\\';
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\t': esc[1] = 't'; break;
		case '\r': esc[1] = 'r'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			n = 6;
		}
		put(w, s + span, i - span);
		put(w, esc, n);
		span = i + 1;
	}
	put(w, s + span, len - span);
	put(w, "\"", 1);
}

int
ctk_tsv_writer_header(ctk_tsv_writer *w, const char *const *names, size_t n)
{
	size_t i;

	free_names(w);
	w->names = calloc(n ? n : 1, sizeof *w->names);
	if (w->names == NULL)
		return CTK_ENOMEM;
	for (i = 0; i < n; i++) {
		if ((w->names[i] = strdup(names[i])) == NULL)
			return CTK_ENOMEM;
		w->ncols = i + 1;
	}
	if (w->fmt == CTK_FORMAT_JSONL)
		return 0;
	for (i = 0; i < n; i++) {
		if (i > 0)
			put(w, w->fmt == CTK_FORMAT_CSV ? "," : "\t", 1);
		if (w->fmt == CTK_FORMAT_CSV)
			put_csv(w, names[i], strlen(names[i]));
		else
			put_tsv(w, names[i], strlen(names[i]));
	}
	put(w, "\n", 1);
	return w->failed ? CTK_EIO : 0;
}

int
ctk_tsv_writer_field(ctk_tsv_writer *w, const char *s, size_t len)
{
	size_t i = w->field_i++;

	switch (w->fmt) {
	case CTK_FORMAT_TSV:
		if (i > 0)
			put(w, "\t", 1);
		put_tsv(w, s, len);
		break;
	case CTK_FORMAT_CSV:
		if (i > 0)
			put(w, ",", 1);
		put_csv(w, s, len);
		break;
	case CTK_FORMAT_JSONL:
		put(w, i == 0 ? "{" : ",", 1);
		put_json_string(w, i < w->ncols ? w->names[i] : "?",
		    i < w->ncols ? strlen(w->names[i]) : 1);
		put(w, ":", 1);
		if (len == 0)
			put(w, "null", 4);
		else
			put_json_string(w, s, len);
		break;
	}
	return w->failed ? CTK_EIO : 0;
}

int
ctk_tsv_writer_end_record(ctk_tsv_writer *w)
{
	if (w->fmt == CTK_FORMAT_JSONL)
		put(w, w->field_i == 0 ? "{}\n" : "}\n", w->field_i ? 2 : 3);
	else
		put(w, "\n", 1);
	w->field_i = 0;
	return w->failed ? CTK_EIO : 0;
}

int
ctk_tsv_writer_record(ctk_tsv_writer *w, const ctk_str *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		ctk_tsv_writer_field(w, fields[i].s, fields[i].len);
	return ctk_tsv_writer_end_record(w);
}

static int
is_added(const char *name, const char *const *add, size_t n_add)
{
	size_t i;

	for (i = 0; i < n_add; i++)
		if (strcmp(name, add[i]) == 0)
			return 1;
	return 0;
}

int
ctk_tsv_writer_header_extend(ctk_tsv_writer *w, const ctk_tsv_reader *r,
    const char *const *add, size_t n_add)
{
	size_t n_in = ctk_tsv_ncols(r), i, n = 0;
	const char **names;
	int rc;

	free(w->keep);
	w->keep = calloc(n_in ? n_in : 1, 1);
	names = calloc(n_in + n_add + 1, sizeof *names);
	if (w->keep == NULL || names == NULL) {
		free(names);
		return CTK_ENOMEM;
	}
	w->n_in = n_in;
	for (i = 0; i < n_in; i++) {
		w->keep[i] = !is_added(ctk_tsv_colname(r, i), add, n_add);
		if (w->keep[i])
			names[n++] = ctk_tsv_colname(r, i);
	}
	for (i = 0; i < n_add; i++)
		names[n++] = add[i];
	rc = ctk_tsv_writer_header(w, names, n);
	free(names);
	return rc;
}

/* The added values after the n_kept input fields; ends the record. */
static int
end_extended(ctk_tsv_writer *w, size_t n_kept, const ctk_str *values)
{
	size_t i;

	for (i = 0; i + n_kept < w->ncols; i++)
		ctk_tsv_writer_field(w, values[i].s, values[i].len);
	return ctk_tsv_writer_end_record(w);
}

int
ctk_tsv_writer_extend(ctk_tsv_writer *w, const ctk_tsv_reader *r,
    const ctk_str *values)
{
	size_t i, n_kept = 0;

	for (i = 0; i < w->n_in; i++)
		if (w->keep[i]) {
			ctk_tsv_writer_field(w, r->fields[i], r->lens[i]);
			n_kept++;
		}
	return end_extended(w, n_kept, values);
}

int
ctk_tsv_writer_extend_fields(ctk_tsv_writer *w, const ctk_str *fields,
    const ctk_str *values)
{
	size_t i, n_kept = 0;

	for (i = 0; i < w->n_in; i++)
		if (w->keep[i]) {
			ctk_tsv_writer_field(w, fields[i].s, fields[i].len);
			n_kept++;
		}
	return end_extended(w, n_kept, values);
}

int
ctk_tsv_writer_status(const ctk_tsv_writer *w)
{
	return w->failed ? CTK_EIO : 0;
}
