/*
 * textin: the two simple readers of ingest. Plain UTF-8 text becomes one
 * document per file, or per line, or per paragraph (--split); a ctk TSV
 * document stream is checked (UTF-8, field count, id, date) and passed
 * through, its columns matched to the document columns by name.
 */
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "tsv.h"
#include "utf8.h"

/* ---- plain text ---- */

struct textin {
	ctk_ingest *ix;
	ctk_input *in;
	ctk_doc doc;
	ctk_buf text;
	long first_line;
	int dropped;	/* the document being gathered went over the limit */
};

/* Reports a document over --max-doc-size (once) and drops what was
 * gathered of it. */
static int
too_large(struct textin *t, long line, const char *what)
{
	ctk_buf_reset(&t->text);
	if (t->dropped)
		return 0;
	t->dropped = 1;
	return ctk_ingest_report(t->ix, CTK_DIAG_ERROR, ctk_input_name(t->in),
	    line, 0, "%s larger than the limit of %zu bytes (--max-doc-size); "
	    "skipped", what, t->ix->opts->max_doc_size);
}

/* Whether adding n bytes to the document would pass the limit. */
static int
over_limit(const struct textin *t, size_t n)
{
	size_t max = t->ix->opts->max_doc_size;

	return max > 0 && (n > max || t->text.len > max - n);
}

static int
emit_text(struct textin *t, int numbered)
{
	const char *name = ctk_input_name(t->in);
	size_t bad, n = t->text.len;

	while (n > 0 && (t->text.data[n - 1] == '\n' ||
	    t->text.data[n - 1] == '\r'))
		n--;
	if (n == 0)
		return 0;
	if (!ctk_utf8_valid(t->text.data, n, &bad)) {
		long line = t->first_line, col = 1;
		size_t i;

		for (i = 0; i < bad; i++, col++)
			if (t->text.data[i] == '\n') {
				line++;
				col = 0;
			}
		return ctk_ingest_report(t->ix, CTK_DIAG_ERROR, name, line,
		    col, "invalid UTF-8; document skipped");
	}
	ctk_doc_reset(&t->doc);
	if (numbered)
		ctk_buf_printf(&t->doc.col[CTK_DOC_ID], "%s:%ld", name,
		    t->first_line);
	else
		ctk_doc_set_str(&t->doc, CTK_DOC_ID, name);
	ctk_doc_set_str(&t->doc, CTK_DOC_KIND, "text");
	ctk_doc_set_str(&t->doc, CTK_DOC_SOURCE, name);
	ctk_doc_set(&t->doc, CTK_DOC_TEXT, t->text.data, n);
	t->doc.line = t->first_line;
	return ctk_ingest_emit(t->ix, &t->doc);
}

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr(" \t\r\f\v", s[i]) == NULL)
			return 0;
	return 1;
}

static int
split_text(struct textin *t, enum ctk_ingest_split split, ctk_error *err)
{
	char *line;
	size_t len;
	int rc;

	while ((rc = ctk_input_getline(t->in, &line, &len, err)) != 0) {
		long no = ctk_input_line(t->in);

		if (rc == CTK_ELIMIT) {
			if (too_large(t, err->line, split == CTK_SPLIT_LINES ?
			    "line" : "paragraph") != 0)
				return 1;
			if (split == CTK_SPLIT_LINES)
				t->dropped = 0;
			continue;
		}
		if (rc < 0)
			break;
		if (split == CTK_SPLIT_LINES) {
			ctk_buf_reset(&t->text);
			ctk_buf_append(&t->text, line, len);
			t->first_line = no;
			if (!blank(line, len) && emit_text(t, 1) != 0)
				return 1;
			continue;
		}
		if (blank(line, len)) {
			if (t->text.len > 0 && emit_text(t, 1) != 0)
				return 1;
			ctk_buf_reset(&t->text);
			t->dropped = 0;
			continue;
		}
		if (!t->dropped && over_limit(t, len + 1) &&
		    too_large(t, t->text.len ? t->first_line : no,
		    "paragraph") != 0)
			return 1;
		if (t->dropped)
			continue;
		if (t->text.len == 0)
			t->first_line = no;
		else
			ctk_buf_append_char(&t->text, '\n');
		if (len > 0 && line[len - 1] == '\r')
			len--;
		ctk_buf_append(&t->text, line, len);
	}
	if (rc == 0 && split == CTK_SPLIT_PARAGRAPHS && t->text.len > 0)
		return emit_text(t, 1);
	return rc < 0 ? rc : 0;
}

static int
whole_text(struct textin *t, ctk_error *err)
{
	char chunk[65536];
	long n;

	t->first_line = 1;
	/* past the limit the rest is read through, not held */
	while ((n = ctk_input_read(t->in, chunk, sizeof chunk, err)) > 0) {
		if (!t->dropped && over_limit(t, (size_t)n) &&
		    too_large(t, 1, "file") != 0)
			return 1;
		if (t->dropped)
			continue;
		if (ctk_buf_append(&t->text, chunk, (size_t)n) != 0)
			return ctk_error_set(err, CTK_ENOMEM, 0, 0,
			    "out of memory");
	}
	if (n < 0)
		return (int)n;
	return t->dropped ? 0 : emit_text(t, 0);
}

int
ctk_textin_read(ctk_ingest *ix, ctk_input *in)
{
	struct textin t;
	ctk_error err;
	int rc;

	memset(&t, 0, sizeof t);
	t.ix = ix;
	t.in = in;
	ctk_doc_init(&t.doc);
	ctk_buf_init(&t.text);
	if (ix->opts->split == CTK_SPLIT_NONE)
		rc = whole_text(&t, &err);
	else
		rc = split_text(&t, ix->opts->split, &err);
	if (rc < 0)
		rc = ctk_ingest_report(ix, CTK_DIAG_ERROR, ctk_input_name(in),
		    err.line, err.col, "%s", err.msg);
	ctk_doc_release(&t.doc);
	ctk_buf_release(&t.text);
	return rc || ix->stopped;
}

/* ---- ctk TSV ---- */

/* Maps input columns to document columns; warns about the others. */
static int
map_columns(ctk_ingest *ix, ctk_tsv_reader *r, int *map, const char *name)
{
	size_t i, n = ctk_tsv_ncols(r);
	ctk_buf dropped = CTK_BUF_INIT;

	for (i = 0; i < n; i++) {
		map[i] = ctk_doc_col_index(ctk_tsv_colname(r, i));
		if (map[i] < 0)
			ctk_buf_printf(&dropped, "%s%s", dropped.len ? ", " :
			    "", ctk_tsv_colname(r, i));
	}
	if (dropped.len > 0)
		ctk_ingest_report(ix, CTK_DIAG_WARN, name, 1, 0, "columns "
		    "that are not document columns are dropped: %s",
		    dropped.data);
	ctk_buf_release(&dropped);
	return ctk_tsv_col(r, "id");
}

static int
tsv_record(ctk_ingest *ix, ctk_tsv_reader *r, const int *map, ctk_doc *doc,
    const char *name)
{
	size_t i, n = ctk_tsv_ncols(r), len;
	int is_day;

	ctk_doc_reset(doc);
	for (i = 0; i < n; i++) {
		const char *v = ctk_tsv_field(r, i, &len);

		if (map[i] >= 0)
			ctk_doc_set(doc, map[i], v, len);
	}
	if (doc->col[CTK_DOC_ID].len == 0)
		return ctk_ingest_report(ix, CTK_DIAG_ERROR, name,
		    ctk_tsv_line(r), 0, "empty id; record skipped");
	/* dates are normalized to RFC 3339 UTC like every reader's */
	if (doc->col[CTK_DOC_DATE].len > 0) {
		int64_t t;

		if (ctk_doc_parse_date(doc->col[CTK_DOC_DATE].data, &t,
		    &is_day) != 0)
			return ctk_ingest_report(ix, CTK_DIAG_ERROR, name,
			    ctk_tsv_line(r), 0, "bad date '%.40s'; record "
			    "skipped", doc->col[CTK_DOC_DATE].data);
		ctk_doc_set_date(doc, t);
	}
	doc->line = ctk_tsv_line(r);
	return ctk_ingest_emit(ix, doc);
}

int
ctk_tsvin_read(ctk_ingest *ix, ctk_input *in)
{
	const char *name = ctk_input_name(in);
	ctk_tsv_reader *r;
	ctk_error err;
	ctk_doc doc;
	int *map, rc;

	if ((r = ctk_tsv_reader_new(in, &err)) == NULL)
		return ctk_ingest_report(ix, CTK_DIAG_ERROR, name, err.line,
		    err.col, "%s", err.msg);
	if ((map = calloc(ctk_tsv_ncols(r), sizeof *map)) == NULL) {
		ctk_tsv_reader_free(r);
		return ctk_ingest_report(ix, CTK_DIAG_FATAL, name, 0, 0,
		    "out of memory");
	}
	ctk_doc_init(&doc);
	map_columns(ix, r, map, name);
	while ((rc = ctk_tsv_read(r, &err)) != 0) {
		if (rc == CTK_EFORMAT)
			rc = ctk_ingest_report(ix, CTK_DIAG_ERROR, name,
			    err.line, err.col, "%s", err.msg);
		else if (rc == CTK_ELIMIT)
			rc = ctk_ingest_report(ix, CTK_DIAG_ERROR, name,
			    err.line, 0, "record larger than the limit of %zu "
			    "bytes (--max-doc-size); skipped",
			    ix->opts->max_doc_size);
		else if (rc < 0)
			rc = ctk_ingest_report(ix, CTK_DIAG_ERROR, name,
			    err.line, err.col, "%s", err.msg) || 1;
		else
			rc = tsv_record(ix, r, map, &doc, name);
		if (rc != 0 || ix->stopped)
			break;
	}
	ctk_doc_release(&doc);
	free(map);
	ctk_tsv_reader_free(r);
	return ix->stopped;
}
