/*
 * tsvbatch: records copied out of a reader for the worker threads, and
 * the output and diagnostics that come back (see tsvbatch.h). Fields of
 * all records sit in one buffer, NUL-separated, so a batch costs a few
 * allocations however many records it holds, and is reused batch after
 * batch.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tsvbatch.h"

#define NOT_A_NOTE ((size_t)-1)

struct item {
	long line;
	size_t field0;		/* index of its first field in off/len */
	size_t note;		/* index in notes, or NOT_A_NOTE */
};

struct note {
	size_t at;		/* output offset it is reported at */
	enum ctk_diag_level level;
	ctk_error err;
};

struct ctk_tsvbatch {
	ctk_buf text;		/* the fields, each NUL-terminated */
	size_t *off;		/* per field: offset in text */
	size_t *len;
	size_t n_fields, cap_fields;
	struct item *items;
	size_t n_items, cap_items;
	struct note *notes;	/* read notes, then the workers' */
	size_t n_notes, cap_notes;
	size_t n_read_notes;
	size_t *emitted;	/* indices in notes, in output order */
	size_t n_emitted, cap_emitted;
	ctk_buf out;
	uint64_t records;
	uint64_t offset;
};

struct ctk_tsvbatch_sink {
	FILE *file;
	char *data;
	size_t size;
};

ctk_tsvbatch *
ctk_tsvbatch_new(void)
{
	ctk_tsvbatch *b = calloc(1, sizeof *b);

	if (b == NULL)
		return NULL;
	ctk_buf_init(&b->text);
	ctk_buf_init(&b->out);
	return b;
}

void
ctk_tsvbatch_free(ctk_tsvbatch *b)
{
	if (b == NULL)
		return;
	ctk_buf_release(&b->text);
	ctk_buf_release(&b->out);
	free(b->off);
	free(b->len);
	free(b->items);
	free(b->notes);
	free(b->emitted);
	free(b);
}

/* Makes room for one more element in *array of *cap elements. */
static int
grow(void **array, size_t *cap, size_t n, size_t size)
{
	size_t new_cap;
	void *p;

	if (n < *cap)
		return 0;
	new_cap = *cap ? *cap * 2 : 256;
	if ((p = realloc(*array, new_cap * size)) == NULL)
		return CTK_ENOMEM;
	*array = p;
	*cap = new_cap;
	return 0;
}

static int
add_field(ctk_tsvbatch *b, const char *s, size_t len)
{
	if (b->n_fields == b->cap_fields) {
		size_t cap = b->cap_fields, *off = b->off, *lens = b->len;
		size_t new_cap = cap ? cap * 2 : 1024;

		if ((off = realloc(off, new_cap * sizeof *off)) == NULL)
			return CTK_ENOMEM;
		b->off = off;
		if ((lens = realloc(lens, new_cap * sizeof *lens)) == NULL)
			return CTK_ENOMEM;
		b->len = lens;
		b->cap_fields = new_cap;
	}
	b->off[b->n_fields] = b->text.len;
	b->len[b->n_fields++] = len;
	if (ctk_buf_append(&b->text, s, len) < 0 ||
	    ctk_buf_append_char(&b->text, '\0') < 0)
		return CTK_ENOMEM;
	return 0;
}

static int
add_item(ctk_tsvbatch *b, long line, const ctk_error *err)
{
	struct item *it;
	struct note *n;

	if (grow((void **)&b->items, &b->cap_items, b->n_items,
	    sizeof *b->items) < 0)
		return CTK_ENOMEM;
	it = &b->items[b->n_items++];
	it->line = line;
	it->field0 = b->n_fields;
	it->note = NOT_A_NOTE;
	if (err == NULL)
		return 0;
	if (grow((void **)&b->notes, &b->cap_notes, b->n_notes,
	    sizeof *b->notes) < 0)
		return CTK_ENOMEM;
	n = &b->notes[b->n_notes];
	n->at = 0;
	n->level = CTK_DIAG_ERROR;
	n->err = *err;
	it->note = b->n_notes++;
	return 0;
}

static int
add_record(ctk_tsvbatch *b, const ctk_tsv_reader *r)
{
	size_t i, len, n = ctk_tsv_ncols(r);
	const char *s;

	if (add_item(b, ctk_tsv_line(r), NULL) < 0)
		return CTK_ENOMEM;
	for (i = 0; i < n; i++) {
		s = ctk_tsv_field(r, i, &len);
		if (add_field(b, s, len) < 0)
			return CTK_ENOMEM;
	}
	b->records++;
	return 0;
}

static void
reset(ctk_tsvbatch *b)
{
	ctk_buf_reset(&b->text);
	ctk_buf_reset(&b->out);
	b->n_fields = b->n_items = b->n_notes = b->n_read_notes = 0;
	b->n_emitted = 0;
	b->records = 0;
}

int
ctk_tsvbatch_fill(ctk_tsvbatch *b, ctk_tsv_reader *r, ctk_input *in,
    size_t max_bytes, int *at_end)
{
	ctk_error err;
	int rc;

	reset(b);
	while (!*at_end && b->text.len < max_bytes) {
		ctk_error_clear(&err);
		rc = ctk_tsv_read(r, &err);
		if (rc == 0) {
			*at_end = 1;
		} else if (rc == CTK_EFORMAT || rc == CTK_EIO) {
			if (add_item(b, err.line, &err) < 0)
				return CTK_ENOMEM;
			if (rc == CTK_EIO)
				*at_end = 1;
		} else if (add_record(b, r) < 0) {
			return CTK_ENOMEM;
		}
	}
	b->n_read_notes = b->n_notes;
	b->offset = ctk_input_raw_offset(in);
	return b->n_items > 0 ? 1 : 0;
}

size_t
ctk_tsvbatch_count(const ctk_tsvbatch *b)
{
	return b->n_items;
}

int
ctk_tsvbatch_is_record(const ctk_tsvbatch *b, size_t i)
{
	return b->items[i].note == NOT_A_NOTE;
}

const char *
ctk_tsvbatch_field(const ctk_tsvbatch *b, size_t i, size_t col, size_t *len)
{
	size_t f = b->items[i].field0 + col;

	if (len != NULL)
		*len = b->len[f];
	return b->text.data + b->off[f];
}

long
ctk_tsvbatch_line(const ctk_tsvbatch *b, size_t i)
{
	return b->items[i].line;
}

uint64_t
ctk_tsvbatch_records(const ctk_tsvbatch *b)
{
	return b->records;
}

uint64_t
ctk_tsvbatch_offset(const ctk_tsvbatch *b)
{
	return b->offset;
}

/* ---- sink ---- */

ctk_tsvbatch_sink *
ctk_tsvbatch_sink_new(void)
{
	ctk_tsvbatch_sink *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	if ((s->file = open_memstream(&s->data, &s->size)) == NULL) {
		free(s);
		return NULL;
	}
	return s;
}

void
ctk_tsvbatch_sink_free(ctk_tsvbatch_sink *s)
{
	if (s == NULL)
		return;
	fclose(s->file);
	free(s->data);
	free(s);
}

FILE *
ctk_tsvbatch_sink_file(ctk_tsvbatch_sink *s)
{
	return s->file;
}

int
ctk_tsvbatch_sink_drain(ctk_tsvbatch_sink *s, ctk_tsvbatch *b)
{
	off_t n;

	if (fflush(s->file) != 0 || (n = ftello(s->file)) < 0)
		return CTK_EIO;
	if (b != NULL && n > 0 && ctk_buf_append(&b->out, s->data,
	    (size_t)n) < 0)
		return CTK_ENOMEM;
	rewind(s->file);
	return 0;
}

static int
emit(ctk_tsvbatch *b, size_t note)
{
	if (grow((void **)&b->emitted, &b->cap_emitted, b->n_emitted,
	    sizeof *b->emitted) < 0)
		return CTK_ENOMEM;
	b->notes[note].at = b->out.len;
	b->emitted[b->n_emitted++] = note;
	return 0;
}

int
ctk_tsvbatch_note_item(ctk_tsvbatch *b, ctk_tsvbatch_sink *s, size_t i)
{
	int rc;

	if (b->items[i].note == NOT_A_NOTE)
		return 0;
	if ((rc = ctk_tsvbatch_sink_drain(s, b)) != 0)
		return rc;
	return emit(b, b->items[i].note);
}

int
ctk_tsvbatch_note(ctk_tsvbatch *b, ctk_tsvbatch_sink *s,
    enum ctk_diag_level level, const ctk_error *err)
{
	struct note *n;
	int rc;

	if ((rc = ctk_tsvbatch_sink_drain(s, b)) != 0)
		return rc;
	if (grow((void **)&b->notes, &b->cap_notes, b->n_notes,
	    sizeof *b->notes) < 0)
		return CTK_ENOMEM;
	n = &b->notes[b->n_notes];
	n->level = level;
	n->err = *err;
	return emit(b, b->n_notes++);
}

/* ---- replay ---- */

static int
write_span(const ctk_tsvbatch *b, size_t from, size_t to, FILE *out)
{
	if (to <= from)
		return 0;
	return fwrite(b->out.data + from, 1, to - from, out) == to - from ?
	    0 : CTK_EIO;
}

int
ctk_tsvbatch_replay(const ctk_tsvbatch *b, FILE *out, ctk_diag *d,
    const char *name)
{
	const struct note *n;
	size_t i, done = 0;

	for (i = 0; i < b->n_emitted; i++) {
		n = &b->notes[b->emitted[i]];
		if (write_span(b, done, n->at, out) != 0)
			return CTK_EIO;
		done = n->at;
		ctk_diag_report(d, n->level, name, &n->err);
		if (ctk_diag_should_stop(d))
			return 1;
	}
	return write_span(b, done, b->out.len, out);
}
