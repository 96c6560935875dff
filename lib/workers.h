/*
 * workers: an ordered batch pipeline over threads, for the tools whose
 * per-record work is expensive (tokenize, classify lang). One reader
 * thread fills batches from the input, N worker threads process batches
 * concurrently, and the calling thread consumes the processed batches in
 * input order. So the output is the same, byte for byte, whatever N is:
 * only the work in the middle runs in parallel.
 *
 * The batches themselves belong to the caller (any struct, passed as
 * void *): the pipeline only hands them round. A batch is in the hands of
 * exactly one callback at a time, so callbacks need no lock of their own
 * for the batch; state shared by the workers must be read-only or per
 * worker (the worker index says which).
 */
#ifndef CTK_WORKERS_H
#define CTK_WORKERS_H

#include <stddef.h>

typedef struct ctk_workers_ops {
	/* Fills batch with the next piece of input (the batch may hold a
	 * previous piece: reset it). Returns 1 when the batch holds work, 0
	 * at the end of the input (the batch is then unused), a negative
	 * value to stop the run. Calls never overlap. */
	int (*read)(void *ctx, void *batch);
	/* Processes one batch in worker thread `worker` (0 .. nthreads-1),
	 * concurrently with other batches. Returns 0, or a negative value
	 * to stop the run. */
	int (*process)(void *ctx, int worker, void *batch);
	/* Consumes a processed batch, in input order, in the thread that
	 * called ctk_workers_run(). Returns 0, or non-zero to stop. */
	int (*write)(void *ctx, void *batch);
} ctk_workers_ops;

/*
 * Runs read -> process -> write over the caller's batches[0..nbatches),
 * reused in turn (nbatches >= 1; about 2 * nthreads + 2 keeps every
 * worker busy). With nthreads <= 1 everything runs in the calling thread,
 * one batch at a time, and no thread is created. Returns 0 when the input
 * was consumed to its end, the first non-zero value a callback returned
 * to stop the run, or CTK_ENOMEM when a thread cannot be started. After a
 * stop, batches already read may be left unprocessed or unwritten.
 */
int ctk_workers_run(int nthreads, void **batches, size_t nbatches,
    const ctk_workers_ops *ops, void *ctx);

/* The number of processors online (at least 1): the default of -j. */
int ctk_workers_default(void);

/* Parses a -j value: a number from 1 to 256 -> *out; 0 also means the
 * default (the number of processors). Returns 0, or -1 when s is not
 * such a number. */
int ctk_workers_parse(const char *s, int *out);

#endif
