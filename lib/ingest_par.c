/*
 * ingest_par: one job per input over the thread pipeline of workers.h
 * (see ingest_par.h). A worker ingests its input with its own ctk_ingest
 * and its own time zone (an ICU calendar is not shared between threads),
 * writes the documents to the job's spool file and keeps the diagnostics
 * with their offset in it; the writer copies the spool to the output and
 * reports each diagnostic where a serial run would have.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "doc.h"
#include "ingest_par.h"
#include "workers.h"

struct note {
	off_t at;		/* spool offset the note is reported at */
	enum ctk_diag_level level;
	char *file;
	long line, col;
	char *msg;
};

struct job {
	const ctk_ingest_par *p;
	const char *path;
	FILE *spool;
	off_t start;		/* after the header the job's writer wrote */
	ctk_tsv_writer *w;
	struct note *notes;
	size_t n_notes, cap_notes;
	uint64_t records;
	int failed;		/* out of memory or spool write error */
};

struct par {
	const ctk_ingest_par *p;
	char **paths;
	size_t n, next;
	ctk_ingest_opts *worker_opts;	/* one copy per worker (own tz) */
	uint64_t records;
};

static void
clear_notes(struct job *j)
{
	size_t i;

	for (i = 0; i < j->n_notes; i++) {
		free(j->notes[i].file);
		free(j->notes[i].msg);
	}
	j->n_notes = 0;
}

static int
on_doc(void *ctx, ctk_doc *doc)
{
	struct job *j = ctx;

	ctk_doc_write(j->w, doc, j->p->cols, j->p->ncols);
	j->records++;
	if (ctk_tsv_writer_status(j->w) != 0)
		j->failed = CTK_EIO;
	return j->failed;
}

static int
on_report(void *ctx, enum ctk_diag_level level, const char *file, long line,
    long col, const char *msg)
{
	struct job *j = ctx;
	struct note *n;
	void *p;

	if (j->n_notes == j->cap_notes) {
		j->cap_notes = j->cap_notes ? 2 * j->cap_notes : 16;
		if ((p = realloc(j->notes, j->cap_notes * sizeof *n)) ==
		    NULL) {
			j->failed = CTK_ENOMEM;
			return 1;
		}
		j->notes = p;
	}
	fflush(j->spool);
	n = &j->notes[j->n_notes++];
	n->at = ftello(j->spool);
	n->level = level;
	n->line = line;
	n->col = col;
	n->file = file != NULL ? strdup(file) : NULL;
	n->msg = strdup(msg);
	if (n->msg == NULL || (file != NULL && n->file == NULL))
		j->failed = CTK_ENOMEM;
	/* what ctk_diag_should_stop() would say after this one */
	return j->failed || level == CTK_DIAG_FATAL ||
	    (level == CTK_DIAG_ERROR && j->p->diag->strict);
}

/* ---- the three stages ---- */

static int
read_job(void *ctx, void *batch)
{
	struct par *par = ctx;
	struct job *j = batch;

	if (par->next == par->n)
		return 0;
	j->p = par->p;
	j->path = par->paths[par->next++];
	clear_notes(j);
	j->records = 0;
	j->failed = 0;
	return 1;
}

static int
start_spool(struct job *j)
{
	const char *names[CTK_DOC_NCOLS];
	size_t i;

	if (j->spool == NULL && (j->spool = tmpfile()) == NULL)
		return CTK_EIO;
	rewind(j->spool);
	if (ftruncate(fileno(j->spool), 0) != 0)
		return CTK_EIO;
	if ((j->w = ctk_tsv_writer_new(j->spool, j->p->fmt)) == NULL)
		return CTK_ENOMEM;
	/* the writer wants the header (CSV quoting, JSON keys); the
	 * spool's copy of it is skipped */
	for (i = 0; i < j->p->ncols; i++)
		names[i] = ctk_doc_colnames[j->p->cols[i]];
	ctk_tsv_writer_header(j->w, names, j->p->ncols);
	if (fflush(j->spool) != 0 || (j->start = ftello(j->spool)) < 0)
		return CTK_EIO;
	return 0;
}

static int
ingest_job(void *ctx, int worker, void *batch)
{
	struct par *par = ctx;
	struct job *j = batch;
	ctk_ingest ix;
	int rc;

	if ((rc = start_spool(j)) != 0)
		return rc;
	ctk_ingest_init(&ix, &par->worker_opts[worker]);
	ix.emit = on_doc;
	ix.report = on_report;
	ix.ctx = j;
	ctk_ingest_path(&ix, j->path);
	ctk_ingest_release(&ix);
	ctk_tsv_writer_free(j->w);
	j->w = NULL;
	if (fflush(j->spool) != 0)
		return CTK_EIO;
	return j->failed;
}

/* Copies the spool from where it is to offset end (-1: its end). */
static int
copy_spool(struct job *j, off_t end, FILE *out)
{
	char buf[1 << 16];
	off_t pos = ftello(j->spool);
	size_t want, got;

	for (;;) {
		want = sizeof buf;
		if (end >= 0 && (off_t)want > end - pos)
			want = (size_t)(end - pos);
		if (want == 0)
			return 0;
		got = fread(buf, 1, want, j->spool);
		if (got == 0)
			return ferror(j->spool) ? CTK_EIO : 0;
		if (fwrite(buf, 1, got, out) != got)
			return CTK_EIO;
		pos += (off_t)got;
	}
}

static int
write_job(void *ctx, void *batch)
{
	struct par *par = ctx;
	struct job *j = batch;
	const struct note *n;
	size_t i;
	int rc;

	if (fseeko(j->spool, j->start, SEEK_SET) != 0)
		return CTK_EIO;
	for (i = 0; i < j->n_notes; i++) {
		n = &j->notes[i];
		if ((rc = copy_spool(j, n->at, par->p->out)) != 0)
			return rc;
		ctk_diag_msg(par->p->diag, n->level, n->file, n->line, n->col,
		    "%s", n->msg);
		if (ctk_diag_should_stop(par->p->diag))
			return 1;
	}
	if ((rc = copy_spool(j, -1, par->p->out)) != 0)
		return rc;
	par->records += j->records;
	if (par->p->progress != NULL)
		ctk_progress_update(par->p->progress, 0, par->records);
	return 0;
}

static const ctk_workers_ops ops = { read_job, ingest_job, write_job };

/* Each worker's options: the caller's, with a time zone of its own. */
static int
copy_opts(struct par *par, int nthreads)
{
	const ctk_ingest_opts *o = par->p->opts;
	ctk_error err;
	int i;

	par->worker_opts = calloc((size_t)nthreads, sizeof *o);
	if (par->worker_opts == NULL)
		return CTK_ENOMEM;
	for (i = 0; i < nthreads; i++) {
		par->worker_opts[i] = *o;
		if (o->tz != NULL && (par->worker_opts[i].tz =
		    ctk_tz_open(ctk_tz_name(o->tz), &err)) == NULL)
			return CTK_ENOMEM;
	}
	return 0;
}

int
ctk_ingest_par_run(const ctk_ingest_par *p, char **paths, size_t n)
{
	struct par par = { 0 };
	struct job *jobs;
	void **batches;
	size_t i, n_batches;
	int nthreads = p->nthreads < 1 ? 1 : p->nthreads, rc;

	/* libxml2 sets up its globals on first use, which is a race when
	 * the first use is in two workers at once: do it here, once */
	xmlInitParser();
	par.p = p;
	par.paths = paths;
	par.n = n;
	n_batches = 2 * (size_t)nthreads + 2;
	jobs = calloc(n_batches, sizeof *jobs);
	batches = calloc(n_batches, sizeof *batches);
	if (jobs == NULL || batches == NULL || copy_opts(&par, nthreads) != 0)
		rc = CTK_ENOMEM;
	else {
		for (i = 0; i < n_batches; i++)
			batches[i] = &jobs[i];
		rc = ctk_workers_run(nthreads, batches, n_batches, &ops, &par);
	}
	for (i = 0; jobs != NULL && i < n_batches; i++) {
		clear_notes(&jobs[i]);
		free(jobs[i].notes);
		ctk_tsv_writer_free(jobs[i].w);
		if (jobs[i].spool != NULL)
			fclose(jobs[i].spool);
	}
	for (i = 0; par.worker_opts != NULL && i < (size_t)nthreads; i++)
		if (p->opts->tz != NULL)
			ctk_tz_free(par.worker_opts[i].tz);
	free(par.worker_opts);
	free(batches);
	free(jobs);
	return rc;
}
