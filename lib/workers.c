/*
 * workers: the ordered batch pipeline (see workers.h). One mutex and one
 * condition variable guard a ring of batch slots; batch number s lives in
 * slot s % nbatches. The reader may fill batch s once batch s - nbatches
 * has been written; workers take batches in input order; the writer
 * waits for batch n_written to be processed. Every state change is
 * broadcast: batches are big (thousands of records), so the wake-ups are
 * rare and the simplicity is worth more than a finer scheme.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "error.h"
#include "workers.h"

#define MAX_THREADS 256

struct pipeline {
	const ctk_workers_ops *ops;
	void *ctx;
	void **batches;
	size_t nbatches;
	unsigned char *done;	/* per slot: processed, not yet written */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	size_t n_read;		/* batches read so far */
	size_t n_taken;		/* batches handed to workers */
	size_t n_written;
	int eof;		/* the reader saw the end of the input */
	int stop;		/* a callback asked to stop */
	int result;		/* its value */
};

struct worker {
	struct pipeline *p;
	int index;
};

static void
halt(struct pipeline *p, int value)
{
	pthread_mutex_lock(&p->lock);
	if (!p->stop) {
		p->stop = 1;
		p->result = value;
	}
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

static void *
reader_main(void *arg)
{
	struct pipeline *p = arg;
	size_t seq;
	int rc;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (!p->stop && p->n_read - p->n_written >= p->nbatches)
			pthread_cond_wait(&p->changed, &p->lock);
		seq = p->n_read;
		rc = p->stop;
		pthread_mutex_unlock(&p->lock);
		if (rc)
			return NULL;
		/* the slot is ours alone until n_read moves past it */
		rc = p->ops->read(p->ctx, p->batches[seq % p->nbatches]);
		if (rc < 0) {
			halt(p, rc);
			return NULL;
		}
		pthread_mutex_lock(&p->lock);
		if (rc == 0)
			p->eof = 1;
		else
			p->n_read++;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
		if (rc == 0)
			return NULL;
	}
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct pipeline *p = w->p;
	size_t seq;
	int rc;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (!p->stop && p->n_taken == p->n_read && !p->eof)
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->stop || p->n_taken == p->n_read) {
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
		seq = p->n_taken++;
		pthread_mutex_unlock(&p->lock);
		rc = p->ops->process(p->ctx, w->index,
		    p->batches[seq % p->nbatches]);
		if (rc != 0) {
			halt(p, rc);
			return NULL;
		}
		pthread_mutex_lock(&p->lock);
		p->done[seq % p->nbatches] = 1;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
	}
}

/* The calling thread's part: write processed batches in order. */
static void
write_in_order(struct pipeline *p)
{
	size_t slot;
	int rc;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		slot = p->n_written % p->nbatches;
		while (!p->stop && !p->done[slot] &&
		    !(p->eof && p->n_written == p->n_read))
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->stop || !p->done[slot]) {
			pthread_mutex_unlock(&p->lock);
			return;
		}
		pthread_mutex_unlock(&p->lock);
		rc = p->ops->write(p->ctx, p->batches[slot]);
		if (rc != 0) {
			halt(p, rc);
			return;
		}
		pthread_mutex_lock(&p->lock);
		p->done[slot] = 0;
		p->n_written++;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
	}
}

static int
run_serial(void *batch, const ctk_workers_ops *ops, void *ctx)
{
	int rc;

	while ((rc = ops->read(ctx, batch)) > 0) {
		if ((rc = ops->process(ctx, 0, batch)) != 0)
			return rc;
		if ((rc = ops->write(ctx, batch)) != 0)
			return rc;
	}
	return rc;
}

static int
run_threads(struct pipeline *p, int nthreads)
{
	pthread_t reader, threads[MAX_THREADS];
	struct worker workers[MAX_THREADS];
	int i, started = 0, reader_started;

	reader_started = pthread_create(&reader, NULL, reader_main, p) == 0;
	if (!reader_started)
		halt(p, CTK_ENOMEM);
	for (i = 0; i < nthreads && reader_started; i++) {
		workers[i].p = p;
		workers[i].index = i;
		if (pthread_create(&threads[i], NULL, worker_main,
		    &workers[i]) != 0) {
			halt(p, CTK_ENOMEM);
			break;
		}
		started++;
	}
	if (started > 0)
		write_in_order(p);
	else
		halt(p, CTK_ENOMEM);
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	if (reader_started)
		pthread_join(reader, NULL);
	return p->result;
}

int
ctk_workers_run(int nthreads, void **batches, size_t nbatches,
    const ctk_workers_ops *ops, void *ctx)
{
	struct pipeline p = { 0 };
	int rc;

	if (nbatches == 0)
		return CTK_EUSAGE;
	if (nthreads <= 1)
		return run_serial(batches[0], ops, ctx);
	if (nthreads > MAX_THREADS)
		nthreads = MAX_THREADS;
	p.ops = ops;
	p.ctx = ctx;
	p.batches = batches;
	p.nbatches = nbatches;
	if ((p.done = calloc(nbatches, 1)) == NULL)
		return CTK_ENOMEM;
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.changed, NULL);
	rc = run_threads(&p, nthreads);
	pthread_cond_destroy(&p.changed);
	pthread_mutex_destroy(&p.lock);
	free(p.done);
	return rc;
}

int
ctk_workers_default(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > MAX_THREADS ? MAX_THREADS : (int)n;
}

int
ctk_workers_parse(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end != '\0' || v < 0 || v > MAX_THREADS)
		return -1;
	*out = v == 0 ? ctk_workers_default() : (int)v;
	return 0;
}
