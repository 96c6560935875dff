/*
 * tsvmap: reader -> workers -> writer over the batches of tsvbatch.h for
 * the tools that append columns (see tsvmap.h). Every worker owns a TSV
 * writer into an in-memory sink, so the bytes of a record are made by the
 * same writer code whatever the thread count; the calling thread replays
 * the batches in order.
 */
#include <stdlib.h>
#include <string.h>

#include "tsvmap.h"
#include "workers.h"

/* Text held by a batch: big enough that the threads rarely meet. */
#define BATCH_BYTES (256 * 1024)

struct worker {
	ctk_tsvbatch_sink *sink;
	ctk_tsv_writer *w;
	ctk_str *fields;	/* the record's input columns */
	ctk_str *values;	/* the added columns */
};

struct ctk_tsvmap {
	ctk_tsvmap_spec spec;
	FILE *out;
	ctk_diag *diag;
	ctk_progress *progress;
	ctk_tsv_writer *w;
	char **header;		/* column names of the first input */
	size_t n_header;
	struct worker *workers;
	int n_workers;
	void **batches;
	size_t n_batches;
	uint64_t bytes_done;
	uint64_t records;
	/* the input being read */
	ctk_input *in;
	ctk_tsv_reader *r;
	const char *name;
	int at_end;
};

ctk_tsvmap *
ctk_tsvmap_new(const ctk_tsvmap_spec *spec, FILE *out, ctk_diag *d,
    ctk_progress *progress)
{
	ctk_tsvmap *m = calloc(1, sizeof *m);
	size_t i, n;

	if (m == NULL)
		return NULL;
	m->spec = *spec;
	m->out = out;
	m->diag = d;
	m->progress = progress;
	m->n_workers = spec->nthreads < 1 ? 1 : spec->nthreads;
	n = (size_t)m->n_workers;
	/* two batches per worker and two more (one read, one written) */
	m->n_batches = 2 * n + 2;
	m->workers = calloc(n, sizeof *m->workers);
	m->batches = calloc(m->n_batches, sizeof *m->batches);
	if ((m->w = ctk_tsv_writer_new(out, spec->format)) == NULL ||
	    m->workers == NULL || m->batches == NULL)
		goto fail;
	for (i = 0; i < n; i++) {
		m->workers[i].values = calloc(spec->n_add + 1,
		    sizeof *m->workers[i].values);
		if ((m->workers[i].sink = ctk_tsvbatch_sink_new()) == NULL ||
		    m->workers[i].values == NULL)
			goto fail;
	}
	for (i = 0; i < m->n_batches; i++)
		if ((m->batches[i] = ctk_tsvbatch_new()) == NULL)
			goto fail;
	return m;
fail:
	ctk_tsvmap_free(m);
	return NULL;
}

void
ctk_tsvmap_free(ctk_tsvmap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; m->workers != NULL && i < (size_t)m->n_workers; i++) {
		ctk_tsv_writer_free(m->workers[i].w);
		ctk_tsvbatch_sink_free(m->workers[i].sink);
		free(m->workers[i].fields);
		free(m->workers[i].values);
	}
	free(m->workers);
	for (i = 0; m->batches != NULL && i < m->n_batches; i++)
		ctk_tsvbatch_free(m->batches[i]);
	free(m->batches);
	for (i = 0; m->header != NULL && i < m->n_header; i++)
		free(m->header[i]);
	free(m->header);
	ctk_tsv_writer_free(m->w);
	free(m);
}

/* ---- the header ---- */

static int
same_header(const ctk_tsvmap *m, const ctk_tsv_reader *r)
{
	size_t i;

	if (ctk_tsv_ncols(r) != m->n_header)
		return 0;
	for (i = 0; i < m->n_header; i++)
		if (strcmp(ctk_tsv_colname(r, i), m->header[i]) != 0)
			return 0;
	return 1;
}

/* The first input's header: kept to compare the next inputs with, given
 * to every worker's writer (whose copy of it is thrown away) and written
 * by the run's writer. */
static int
start_header(ctk_tsvmap *m, const ctk_tsv_reader *r)
{
	size_t i, n = ctk_tsv_ncols(r);
	struct worker *w;
	int rc;

	if ((m->header = calloc(n ? n : 1, sizeof *m->header)) == NULL)
		return CTK_ENOMEM;
	for (i = 0; i < n; i++)
		if ((m->header[i] = strdup(ctk_tsv_colname(r, i))) == NULL)
			return CTK_ENOMEM;
	m->n_header = n;
	for (i = 0; i < (size_t)m->n_workers; i++) {
		w = &m->workers[i];
		if ((w->fields = calloc(n ? n : 1, sizeof *w->fields)) ==
		    NULL || (w->w = ctk_tsv_writer_new(
		    ctk_tsvbatch_sink_file(w->sink), m->spec.format)) == NULL ||
		    ctk_tsv_writer_header_extend(w->w, r, m->spec.add,
		    m->spec.n_add) < 0 ||
		    ctk_tsvbatch_sink_drain(w->sink, NULL) < 0)
			return CTK_ENOMEM;
	}
	rc = ctk_tsv_writer_header_extend(m->w, r, m->spec.add, m->spec.n_add);
	return rc < 0 ? rc : 0;
}

/* ---- the three stages of ctk_workers_run() ---- */

static int
read_batch(void *ctx, void *batch)
{
	ctk_tsvmap *m = ctx;

	return ctk_tsvbatch_fill(batch, m->r, m->in, BATCH_BYTES,
	    &m->at_end);
}

/* Record i: its new columns, then the whole record through the worker's
 * writer; a rejected record becomes a note. Returns 0, or 1 after a
 * fatal note (the rest of the batch is not processed). */
static int
map_record(const ctk_tsvmap *m, struct worker *w, ctk_tsvbatch *b,
    size_t i)
{
	ctk_error err;
	size_t col;
	int rc;

	memset(&err, 0, sizeof err);
	rc = m->spec.compute(m->spec.ctx, (int)(w - m->workers), b, i,
	    w->values, &err);
	if (rc == CTK_EFORMAT) {
		if (err.line == 0)
			err.line = ctk_tsvbatch_line(b, i);
		return ctk_tsvbatch_note(b, w->sink, CTK_DIAG_ERROR, &err) < 0 ?
		    CTK_ENOMEM : 0;
	}
	if (rc != 0) {
		if (ctk_tsvbatch_note(b, w->sink, CTK_DIAG_FATAL, &err) < 0)
			return CTK_ENOMEM;
		return 1;
	}
	for (col = 0; col < m->n_header; col++)
		w->fields[col].s = ctk_tsvbatch_field(b, i, col,
		    &w->fields[col].len);
	return ctk_tsv_writer_extend_fields(w->w, w->fields, w->values) < 0 ?
	    CTK_ENOMEM : 0;
}

static int
process_batch(void *ctx, int index, void *batch)
{
	const ctk_tsvmap *m = ctx;
	struct worker *w = &m->workers[index];
	ctk_tsvbatch *b = batch;
	size_t i, n = ctk_tsvbatch_count(b);
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		if (!ctk_tsvbatch_is_record(b, i))
			rc = ctk_tsvbatch_note_item(b, w->sink, i);
		else
			rc = map_record(m, w, b, i);
	}
	if (rc < 0)
		return CTK_ENOMEM;
	return ctk_tsvbatch_sink_drain(w->sink, b) < 0 ? CTK_ENOMEM : 0;
}

static int
write_batch(void *ctx, void *batch)
{
	ctk_tsvmap *m = ctx;
	int rc;

	rc = ctk_tsvbatch_replay(batch, m->out, m->diag, m->name);
	m->records += ctk_tsvbatch_records(batch);
	if (m->progress != NULL)
		ctk_progress_update(m->progress, m->bytes_done +
		    ctk_tsvbatch_offset(batch), m->records);
	return rc;
}

static const ctk_workers_ops pipeline = {
	read_batch, process_batch, write_batch
};

int
ctk_tsvmap_input(ctk_tsvmap *m, ctk_input *in, ctk_tsv_reader *r)
{
	const char *name = ctk_input_name(in);
	int rc;

	if (m->header == NULL && (rc = start_header(m, r)) != 0) {
		if (rc == CTK_ENOMEM)
			ctk_diag_msg(m->diag, CTK_DIAG_FATAL, NULL, 0, 0,
			    "out of memory");
		return rc;
	}
	if (!same_header(m, r)) {
		ctk_diag_msg(m->diag, CTK_DIAG_ERROR, name, 1, 0,
		    "columns differ from those of the first input; "
		    "file skipped");
		return 1;
	}
	m->in = in;
	m->r = r;
	m->name = name;
	m->at_end = 0;
	rc = ctk_workers_run(m->n_workers, m->batches, m->n_batches,
	    &pipeline, m);
	m->bytes_done += ctk_input_raw_offset(in);
	if (rc == CTK_ENOMEM)
		ctk_diag_msg(m->diag, CTK_DIAG_FATAL, name, 0, 0,
		    "out of memory");
	return rc == CTK_ENOMEM || rc == CTK_EIO ? rc : 0;
}
