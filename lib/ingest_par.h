/*
 * ingest_par: ingests several inputs side by side on worker threads, one
 * input (file or folder) per job, and writes the documents and the
 * diagnostics in the order of the inputs: the same bytes as
 * ctk_ingest_path() on each input in turn. A job's documents are spooled
 * to an unnamed temporary file (tmpfile(3)), so memory stays flat however
 * big an input is; the disk holds at most a few inputs' documents.
 *
 * Filters that need every input at once (dedup) and the store are not
 * for this: the caller runs those serially.
 */
#ifndef CTK_INGEST_PAR_H
#define CTK_INGEST_PAR_H

#include <stdio.h>

#include "diag.h"
#include "ingest.h"
#include "progress.h"
#include "tsv.h"

typedef struct ctk_ingest_par {
	const ctk_ingest_opts *opts;	/* opts->dedup must be 0 */
	int nthreads;
	ctk_format fmt;
	const int *cols;		/* the output columns (ctk_doc) */
	size_t ncols;
	FILE *out;			/* header already written */
	ctk_diag *diag;			/* diagnostics, in input order */
	ctk_progress *progress;		/* may be NULL */
} ctk_ingest_par;

/* Ingests paths[0..n) as described above. Returns 0, 1 when the run
 * stopped early (--strict, a fatal error, reported through diag), or
 * CTK_ENOMEM / CTK_EIO (not reported: the caller says it). */
int ctk_ingest_par_run(const ctk_ingest_par *p, char **paths, size_t n);

#endif
