/*
 * tsvmap: the "append columns to every record" tools (classify lang,
 * predict, lexicon) on all cores. Each input is read in batches by the
 * calling thread, the batches are handed to worker threads that compute
 * the new columns of each record, and the calling thread writes them back
 * in input order, with the diagnostics where a single-threaded run would
 * have reported them. The output is the same bytes for any thread count.
 *
 * Like ctk_tsv_writer_header_extend(), an input column named like one of
 * the added columns is replaced (dropped from its place, the new value at
 * the end). The first input fixes the header; a later input whose header
 * differs is reported and skipped.
 */
#ifndef CTK_TSVMAP_H
#define CTK_TSVMAP_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "error.h"
#include "input.h"
#include "progress.h"
#include "tsv.h"
#include "tsvbatch.h"

/*
 * Computes the added columns of record i of b, in worker thread `worker`
 * (0 .. nthreads-1): fills values[0..n_add) with strings the callback
 * owns (per worker) and keeps valid until its next call in that worker.
 * Returns 0; CTK_EFORMAT with err set to reject the record (it is
 * reported as an error at its line and not written); any other error code
 * with err set stops the run (reported as fatal).
 */
typedef int (*ctk_tsvmap_fn)(void *ctx, int worker, const ctk_tsvbatch *b,
    size_t i, ctk_str *values, ctk_error *err);

typedef struct ctk_tsvmap_spec {
	int nthreads;			/* <= 1: no thread is started */
	ctk_format format;
	const char *const *add;		/* names of the added columns */
	size_t n_add;
	ctk_tsvmap_fn compute;
	void *ctx;
} ctk_tsvmap_spec;

typedef struct ctk_tsvmap ctk_tsvmap;

/* A run writing to out, reporting through d and (when not NULL) progress.
 * The spec's arrays must outlive the run. NULL when out of memory. */
ctk_tsvmap *ctk_tsvmap_new(const ctk_tsvmap_spec *spec, FILE *out,
    ctk_diag *d, ctk_progress *progress);
void ctk_tsvmap_free(ctk_tsvmap *m);

/*
 * Writes every record of r (reading input in, whose header r has read)
 * with the added columns; the first input's call writes the header.
 * Returns 0; 1 when the input was skipped (its header differs: reported);
 * CTK_ENOMEM or CTK_EIO when the run must stop (reported as fatal).
 */
int ctk_tsvmap_input(ctk_tsvmap *m, ctk_input *in, ctk_tsv_reader *r);

#endif
