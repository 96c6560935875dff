/* doc: the document record and its column order (see doc.h). */
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "rfc3339.h"

const char *const ctk_doc_colnames[CTK_DOC_NCOLS] = {
	"id", "kind", "source", "channel", "date", "author", "title", "url",
	"fwd_from", "reply_to", "lang", "text",
	"views", "edited", "links", "hashtags", "mentions", "media", "action",
	"text_hash", "description"
};

void
ctk_doc_init(ctk_doc *d)
{
	int i;

	for (i = 0; i < CTK_DOC_NCOLS; i++)
		ctk_buf_init(&d->col[i]);
	d->date = 0;
	d->has_date = 0;
	d->line = d->colno = 0;
}

void
ctk_doc_release(ctk_doc *d)
{
	int i;

	for (i = 0; i < CTK_DOC_NCOLS; i++)
		ctk_buf_release(&d->col[i]);
}

void
ctk_doc_reset(ctk_doc *d)
{
	int i;

	for (i = 0; i < CTK_DOC_NCOLS; i++)
		ctk_buf_reset(&d->col[i]);
	d->date = 0;
	d->has_date = 0;
	d->line = d->colno = 0;
}

int
ctk_doc_col_index(const char *name)
{
	int i;

	for (i = 0; i < CTK_DOC_NCOLS; i++)
		if (strcmp(ctk_doc_colnames[i], name) == 0)
			return i;
	return -1;
}

int
ctk_doc_set(ctk_doc *d, enum ctk_doc_col c, const char *s, size_t len)
{
	ctk_buf_reset(&d->col[c]);
	if (ctk_buf_append(&d->col[c], s, len) != 0)
		return CTK_ENOMEM;
	return 0;
}

int
ctk_doc_set_str(ctk_doc *d, enum ctk_doc_col c, const char *s)
{
	return ctk_doc_set(d, c, s, strlen(s));
}

int
ctk_doc_add_word(ctk_doc *d, enum ctk_doc_col c, const char *s, size_t len)
{
	ctk_buf *b = &d->col[c];
	size_t i, start;

	if (len == 0)
		return 0;
	if (b->len > 0 && ctk_buf_append_char(b, ' ') != 0)
		return CTK_ENOMEM;
	start = b->len;
	if (ctk_buf_append(b, s, len) != 0)
		return CTK_ENOMEM;
	for (i = start; i < b->len; i++)
		if (b->data[i] == ' ' || b->data[i] == '\t' ||
		    b->data[i] == '\n' || b->data[i] == '\r')
			b->data[i] = '_';
	return 0;
}


int64_t
ctk_doc_utc_seconds(int year, int month, int day, int hour, int minute,
    int second)
{
	return ctk_days_from_civil(year, month, day) * 86400 + hour * 3600 +
	    minute * 60 + second;
}

size_t
ctk_doc_format_date(int64_t t, char *out)
{
	/* clamp to the years RFC 3339 can write, then the one formatter */
	if (t < -62167219200LL)		/* 0000-01-01 */
		t = -62167219200LL;
	if (t > 253402300799LL)		/* 9999-12-31T23:59:59 */
		t = 253402300799LL;
	ctk_rfc3339_format(t, out);
	return 20;
}

int
ctk_doc_set_date(ctk_doc *d, int64_t t)
{
	char s[32];
	size_t n = ctk_doc_format_date(t, s);

	d->date = t;
	d->has_date = 1;
	return ctk_doc_set(d, CTK_DOC_DATE, s, n);
}

/* Reads exactly n digits at *p into *v. */
static int
digits(const char **p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return -1;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 0;
}

static int
parse_zone(const char *p, int *offset)
{
	int h, m, sign;

	*offset = 0;
	if (*p == '\0')
		return 0;
	if ((p[0] == 'Z' || p[0] == 'z') && p[1] == '\0')
		return 0;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, &h) != 0 || *p++ != ':' || digits(&p, 2, &m) != 0 ||
	    *p != '\0' || h > 23 || m > 59)
		return -1;
	*offset = sign * (h * 3600 + m * 60);
	return 0;
}

int
ctk_doc_parse_date(const char *s, int64_t *t, int *is_day)
{
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0, offset;

	*is_day = 0;
	if (digits(&p, 4, &y) != 0 || *p++ != '-' || digits(&p, 2, &mo) != 0 ||
	    *p++ != '-' || digits(&p, 2, &d) != 0)
		return CTK_EFORMAT;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return CTK_EFORMAT;
	if (*p == '\0') {
		*is_day = 1;
		*t = ctk_doc_utc_seconds(y, mo, d, 0, 0, 0);
		return 0;
	}
	if (*p != 'T' && *p != 't' && *p != ' ')
		return CTK_EFORMAT;
	p++;
	if (digits(&p, 2, &h) != 0 || *p++ != ':' || digits(&p, 2, &mi) != 0)
		return CTK_EFORMAT;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, &sec) != 0)
			return CTK_EFORMAT;
	}
	if (h > 23 || mi > 59 || sec > 60 || parse_zone(p, &offset) != 0)
		return CTK_EFORMAT;
	*t = ctk_doc_utc_seconds(y, mo, d, h, mi, sec) - offset;
	return 0;
}

int
ctk_doc_write(ctk_tsv_writer *w, const ctk_doc *d, const int *cols, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const ctk_buf *b = &d->col[cols[i]];

		ctk_tsv_writer_field(w, ctk_buf_str(b), b->len);
	}
	return ctk_tsv_writer_end_record(w);
}
