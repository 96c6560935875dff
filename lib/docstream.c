/*
 * docstream: see docstream.h. Everything a document holds is copied into
 * one buffer and addressed by offsets until the document is complete; only
 * then are pointers made, because the buffer may move while it grows. In
 * vertical input the record that starts the next document has already been
 * read when a document ends, so it is kept as "pending".
 */
#include "docstream.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

struct ctk_docstream {
	ctk_tsv_reader *r;
	int vertical;
	int col_tokens;		/* tokens, or token in vertical input */
	int col_id, col_sent;
	size_t n_fields;
	int *col_fields;
	ctk_buf store;		/* all bytes of the current document */
	size_t *tok_off, *tok_len, *seg;
	size_t n_tok, cap_tok;
	size_t *field_off, *field_len;
	const char **tokens, **fields;
	size_t cap_ptr;
	ctk_buf cur_id, cur_sent;
	ctk_error held;		/* a bad record met inside a document */
	int has_held;
	int pending;		/* a vertical record waits for the next doc */
	long pending_line;
	int at_end;
	uint64_t stamp;
};

static int
find_columns(ctk_docstream *ds, const char *token_column, int vertical,
    int need_tokens, ctk_error *err)
{
	ds->col_tokens = ctk_tsv_col(ds->r, token_column);
	ds->col_id = ctk_tsv_col(ds->r, "id");
	ds->col_sent = ctk_tsv_col(ds->r, "sent");
	if (vertical < 0)
		vertical = ds->col_tokens < 0 && ctk_tsv_col(ds->r, "token") >= 0;
	ds->vertical = vertical;
	if (vertical) {
		ds->col_tokens = ctk_tsv_col(ds->r, "token");
		if (ds->col_tokens < 0 || ds->col_id < 0)
			return ctk_error_set(err, CTK_EUSAGE, 1, 0,
			    "vertical input needs columns id and token");
	} else if (need_tokens && ds->col_tokens < 0) {
		return ctk_error_set(err, CTK_EUSAGE, 1, 0,
		    "no column '%s' (run ctk tokenize first, or see "
		    "--column and --vertical)", token_column);
	}
	return 0;
}

ctk_docstream *
ctk_docstream_new(ctk_tsv_reader *r, const char *token_column, int vertical,
    int need_tokens, const char *const *fields, size_t n_fields,
    ctk_error *err)
{
	ctk_docstream *ds = calloc(1, sizeof *ds);
	size_t i;

	if (ds == NULL) {
		ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
		return NULL;
	}
	ds->r = r;
	ctk_buf_init(&ds->store);
	ctk_buf_init(&ds->cur_id);
	ctk_buf_init(&ds->cur_sent);
	if (find_columns(ds, token_column ? token_column : "tokens", vertical,
	    need_tokens, err) != 0) {
		ctk_docstream_free(ds);
		return NULL;
	}
	ds->n_fields = n_fields;
	ds->col_fields = calloc(n_fields + 1, sizeof *ds->col_fields);
	ds->field_off = calloc(n_fields + 1, sizeof *ds->field_off);
	ds->field_len = calloc(n_fields + 1, sizeof *ds->field_len);
	ds->fields = calloc(n_fields + 1, sizeof *ds->fields);
	if (!ds->col_fields || !ds->field_off || !ds->field_len ||
	    !ds->fields) {
		ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
		ctk_docstream_free(ds);
		return NULL;
	}
	for (i = 0; i < n_fields; i++)
		ds->col_fields[i] = ctk_tsv_col(r, fields[i]);
	return ds;
}

void
ctk_docstream_free(ctk_docstream *ds)
{
	if (ds == NULL)
		return;
	ctk_buf_release(&ds->store);
	ctk_buf_release(&ds->cur_id);
	ctk_buf_release(&ds->cur_sent);
	free(ds->tok_off);
	free(ds->tok_len);
	free(ds->seg);
	free(ds->tokens);
	free(ds->col_fields);
	free(ds->field_off);
	free(ds->field_len);
	free(ds->fields);
	free(ds);
}

int
ctk_docstream_has_field(const ctk_docstream *ds, size_t i)
{
	return i < ds->n_fields && ds->col_fields[i] >= 0;
}

int
ctk_docstream_is_vertical(const ctk_docstream *ds)
{
	return ds->vertical;
}

static int
push_token(ctk_docstream *ds, const char *s, size_t len, size_t seg)
{
	if (ds->n_tok == ds->cap_tok) {
		size_t cap = ds->cap_tok ? ds->cap_tok * 2 : 256;
		size_t *off = realloc(ds->tok_off, cap * sizeof *off);

		if (off == NULL)
			return -1;
		ds->tok_off = off;
		off = realloc(ds->tok_len, cap * sizeof *off);
		if (off == NULL)
			return -1;
		ds->tok_len = off;
		off = realloc(ds->seg, cap * sizeof *off);
		if (off == NULL)
			return -1;
		ds->seg = off;
		ds->cap_tok = cap;
	}
	ds->tok_off[ds->n_tok] = ds->store.len;
	ds->tok_len[ds->n_tok] = len;
	ds->seg[ds->n_tok] = seg;
	ds->n_tok++;
	if (ctk_buf_append(&ds->store, s, len) != 0 ||
	    ctk_buf_append_char(&ds->store, '\0') != 0)
		return -1;
	return 0;
}

/* Makes room for n more tokens. */
static int
reserve_tokens(ctk_docstream *ds, size_t n)
{
	size_t cap = ds->cap_tok ? ds->cap_tok : 256, *p;

	if (ds->n_tok + n <= ds->cap_tok)
		return 0;
	while (cap < ds->n_tok + n)
		cap *= 2;
	if ((p = realloc(ds->tok_off, cap * sizeof *p)) == NULL)
		return -1;
	ds->tok_off = p;
	if ((p = realloc(ds->tok_len, cap * sizeof *p)) == NULL)
		return -1;
	ds->tok_len = p;
	if ((p = realloc(ds->seg, cap * sizeof *p)) == NULL)
		return -1;
	ds->seg = p;
	ds->cap_tok = cap;
	return 0;
}

/* Splits a tokens field on spaces; empty tokens (doubled spaces) are
 * skipped rather than counted. The field is copied once and its spaces
 * turned into NULs in place, which is what push_token() per token would
 * make, minus a copy and a check per token. */
static int
split_tokens(ctk_docstream *ds, const char *s, size_t len)
{
	size_t base = ds->store.len, i = 0, j;
	char *d;

	/* at most one token per two bytes, plus one */
	if (reserve_tokens(ds, len / 2 + 1) != 0 ||
	    ctk_buf_append(&ds->store, s, len) != 0 ||
	    ctk_buf_append_char(&ds->store, '\0') != 0)
		return -1;
	d = ds->store.data + base;
	while (i < len) {
		if (d[i] == ' ') {
			d[i++] = '\0';	/* a NUL before every token */
			continue;
		}
		/* tokens are short: a loop beats a memchr() call */
		for (j = i + 1; j < len && d[j] != ' '; j++)
			;
		d[j] = '\0';
		ds->tok_off[ds->n_tok] = base + i;
		ds->tok_len[ds->n_tok] = j - i;
		ds->seg[ds->n_tok] = 0;
		ds->n_tok++;
		i = j + 1;	/* past the space, now a NUL */
	}
	return 0;
}

static int
finish(ctk_docstream *ds, ctk_doc *doc, long line)
{
	size_t i;

	if (ds->n_tok + ds->n_fields + 1 > ds->cap_ptr) {
		size_t cap = ds->n_tok + ds->n_fields + 1;
		const char **p = realloc(ds->tokens, cap * sizeof *p);

		if (p == NULL)
			return CTK_ENOMEM;
		ds->tokens = p;
		ds->cap_ptr = cap;
	}
	for (i = 0; i < ds->n_tok; i++)
		ds->tokens[i] = ds->store.data + ds->tok_off[i];
	for (i = 0; i < ds->n_fields; i++)
		ds->fields[i] = ds->field_len[i] == 0 ? "" :
		    ds->store.data + ds->field_off[i];
	doc->stamp = ++ds->stamp;
	doc->line = line;
	doc->n_tokens = ds->n_tok;
	doc->tokens = ds->tokens;
	doc->lens = ds->tok_len;
	doc->segment = ds->seg;
	doc->fields = ds->fields;
	doc->field_lens = ds->field_len;
	return 1;
}

/* The store starts with a NUL byte, so that every token (after it, a
 * field's NUL or another token's) has a NUL just before it: see
 * docstream.h. */
static int
start_doc(ctk_docstream *ds)
{
	ctk_buf_reset(&ds->store);
	ds->n_tok = 0;
	return ctk_buf_append_char(&ds->store, '\0');
}

/* Each field is copied with its own NUL so that callers get C strings. */
static int
copy_fields_terminated(ctk_docstream *ds)
{
	size_t i, len;
	const char *s;

	for (i = 0; i < ds->n_fields; i++) {
		ds->field_len[i] = 0;
		ds->field_off[i] = ds->store.len;
		if (ds->col_fields[i] < 0)
			continue;
		s = ctk_tsv_field(ds->r, (size_t)ds->col_fields[i], &len);
		ds->field_len[i] = len;
		if (ctk_buf_append(&ds->store, s, len) != 0 ||
		    ctk_buf_append_char(&ds->store, '\0') != 0)
			return -1;
	}
	return 0;
}

static int
next_flat(ctk_docstream *ds, ctk_doc *doc, ctk_error *err)
{
	int rc = ctk_tsv_read(ds->r, err);
	const char *s;
	size_t len;

	if (rc <= 0)
		return rc;
	if (start_doc(ds) != 0 || copy_fields_terminated(ds) != 0)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	if (ds->col_tokens >= 0) {
		s = ctk_tsv_field(ds->r, (size_t)ds->col_tokens, &len);
		if (split_tokens(ds, s, len) != 0)
			return ctk_error_set(err, CTK_ENOMEM, 0, 0,
			    "out of memory");
	}
	return finish(ds, doc, ctk_tsv_line(ds->r));
}

static int
same(const ctk_buf *b, const char *s, size_t len)
{
	return b->len == len && memcmp(ctk_buf_str(b), s, len) == 0;
}

static int
set(ctk_buf *b, const char *s, size_t len)
{
	ctk_buf_reset(b);
	return ctk_buf_append(b, s, len);
}

/* Starts a document from the record the reader holds. */
static int
begin_vertical(ctk_docstream *ds, size_t *seg)
{
	const char *s;
	size_t len;

	if (start_doc(ds) != 0)
		return -1;
	ds->pending_line = ctk_tsv_line(ds->r);
	*seg = 0;
	s = ctk_tsv_field(ds->r, (size_t)ds->col_id, &len);
	if (set(&ds->cur_id, s, len) != 0)
		return -1;
	s = ds->col_sent >= 0 ?
	    ctk_tsv_field(ds->r, (size_t)ds->col_sent, &len) : "";
	if (ds->col_sent < 0)
		len = 0;
	if (set(&ds->cur_sent, s, len) != 0 || copy_fields_terminated(ds))
		return -1;
	s = ctk_tsv_field(ds->r, (size_t)ds->col_tokens, &len);
	return len > 0 ? push_token(ds, s, len, 0) : 0;
}

/* Adds the record the reader holds to the current document. */
static int
extend_vertical(ctk_docstream *ds, size_t *seg)
{
	const char *s;
	size_t len;

	if (ds->col_sent >= 0) {
		s = ctk_tsv_field(ds->r, (size_t)ds->col_sent, &len);
		if (!same(&ds->cur_sent, s, len)) {
			(*seg)++;
			if (set(&ds->cur_sent, s, len) != 0)
				return -1;
		}
	}
	s = ctk_tsv_field(ds->r, (size_t)ds->col_tokens, &len);
	return len > 0 ? push_token(ds, s, len, *seg) : 0;
}

static int
next_vertical(ctk_docstream *ds, ctk_doc *doc, ctk_error *err)
{
	size_t seg, len;
	const char *s;
	int rc;

	if (ds->has_held) {
		ds->has_held = 0;
		*err = ds->held;
		return CTK_EFORMAT;
	}
	if (ds->at_end)
		return 0;
	if (!ds->pending && (rc = ctk_tsv_read(ds->r, err)) <= 0)
		return rc;
	ds->pending = 0;
	if (begin_vertical(ds, &seg) != 0)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	for (;;) {
		rc = ctk_tsv_read(ds->r, err);
		if (rc == 0)
			ds->at_end = 1;
		if (rc == CTK_EFORMAT) {
			/* end the document here; report the record next */
			ds->held = *err;
			ds->has_held = 1;
		}
		if (rc < 0 && rc != CTK_EFORMAT)
			return rc;
		if (rc <= 0)
			return finish(ds, doc, ds->pending_line);
		s = ctk_tsv_field(ds->r, (size_t)ds->col_id, &len);
		if (!same(&ds->cur_id, s, len)) {
			ds->pending = 1;
			return finish(ds, doc, ds->pending_line);
		}
		if (extend_vertical(ds, &seg) != 0)
			return ctk_error_set(err, CTK_ENOMEM, 0, 0,
			    "out of memory");
	}
}

int
ctk_docstream_next(ctk_docstream *ds, ctk_doc *doc, ctk_error *err)
{
	return ds->vertical ? next_vertical(ds, doc, err) :
	    next_flat(ds, doc, err);
}
