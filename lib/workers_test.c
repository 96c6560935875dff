/* Unit tests of workers: batches come out in input order whatever the
 * thread count, each batch is processed once, and a stop from any callback
 * ends the run with that callback's value. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <sched.h>
#include <cmocka.h>

#include "error.h"
#include "workers.h"

#define N_ITEMS 10000
#define PER_BATCH 7

struct batch {
	long first;		/* number of the first item */
	long n;
	long squares[PER_BATCH];
	int processed;		/* times process saw this filling */
};

struct job {
	long next;		/* next item to read */
	long expect;		/* next item the writer must see */
	long sum;		/* of the squares written */
	long stop_read_at;	/* -1, or the item at which read fails */
	long stop_process_at;
	long stop_write_at;
	int nthreads;
	int bad_worker;		/* a worker index out of range was seen */
};

static int
read_batch(void *ctx, void *b)
{
	struct job *j = ctx;
	struct batch *batch = b;

	if (j->next >= N_ITEMS)
		return 0;
	if (j->stop_read_at >= 0 && j->next >= j->stop_read_at)
		return CTK_EIO;
	batch->first = j->next;
	batch->n = N_ITEMS - j->next < PER_BATCH ? N_ITEMS - j->next
	    : PER_BATCH;
	batch->processed = 0;
	j->next += batch->n;
	return 1;
}

static int
process_batch(void *ctx, int worker, void *b)
{
	struct job *j = ctx;
	struct batch *batch = b;
	long i;

	if (worker < 0 || worker >= (j->nthreads > 1 ? j->nthreads : 1))
		j->bad_worker = 1;
	if (j->stop_process_at >= 0 && batch->first <= j->stop_process_at &&
	    j->stop_process_at < batch->first + batch->n)
		return CTK_ENOMEM;
	/* uneven work, so that batches finish out of order */
	if (batch->first % 3 == 0)
		sched_yield();
	for (i = 0; i < batch->n; i++)
		batch->squares[i] = (batch->first + i) * (batch->first + i);
	batch->processed++;
	return 0;
}

static int
write_batch(void *ctx, void *b)
{
	struct job *j = ctx;
	struct batch *batch = b;
	long i;

	if (batch->first != j->expect || batch->processed != 1)
		return 99;		/* out of order: fails the test */
	for (i = 0; i < batch->n; i++) {
		if (j->stop_write_at == batch->first + i)
			return 7;
		j->sum += batch->squares[i];
	}
	j->expect += batch->n;
	return 0;
}

static const ctk_workers_ops ops = { read_batch, process_batch, write_batch };

static int
run(struct job *j, int nthreads, size_t nbatches)
{
	struct batch store[16];
	void *batches[16];
	size_t i;

	for (i = 0; i < 16; i++)
		batches[i] = &store[i];
	j->nthreads = nthreads;
	return ctk_workers_run(nthreads, batches, nbatches, &ops, j);
}

static void
init_job(struct job *j)
{
	j->next = j->expect = j->sum = 0;
	j->stop_read_at = j->stop_process_at = j->stop_write_at = -1;
	j->bad_worker = 0;
}

static long
sum_of_squares(long n)
{
	return (n - 1) * n * (2 * n - 1) / 6;
}

static void
order_is_kept_for_any_thread_count(void **state)
{
	static const int threads[] = { 0, 1, 2, 3, 8 };
	static const size_t nbatches[] = { 1, 2, 6, 16 };
	struct job j;
	size_t t, b;

	(void)state;
	for (t = 0; t < sizeof threads / sizeof *threads; t++) {
		for (b = 0; b < sizeof nbatches / sizeof *nbatches; b++) {
			init_job(&j);
			assert_int_equal(run(&j, threads[t], nbatches[b]), 0);
			assert_int_equal(j.expect, N_ITEMS);
			assert_true(j.sum == sum_of_squares(N_ITEMS));
			assert_int_equal(j.bad_worker, 0);
		}
	}
}

static void
a_stop_ends_the_run_with_its_value(void **state)
{
	struct job j;
	int t;

	(void)state;
	for (t = 1; t <= 4; t++) {
		init_job(&j);
		j.stop_read_at = 5000;
		assert_int_equal(run(&j, t, 6), CTK_EIO);
		assert_true(j.expect < 5000 + PER_BATCH);

		init_job(&j);
		j.stop_process_at = 4321;
		assert_int_equal(run(&j, t, 6), CTK_ENOMEM);
		assert_true(j.expect <= 4321);

		init_job(&j);
		j.stop_write_at = 1234;
		assert_int_equal(run(&j, t, 6), 7);
		/* everything before the stop was written, in order */
		assert_true(j.sum == sum_of_squares(1234));
	}
}

static void
empty_input_and_no_batches(void **state)
{
	struct job j;

	(void)state;
	init_job(&j);
	j.next = N_ITEMS;
	assert_int_equal(run(&j, 3, 4), 0);
	assert_int_equal(j.expect, 0);
	assert_int_equal(run(&j, 3, 0), CTK_EUSAGE);
}

static void
parse_thread_counts(void **state)
{
	int n = -1;

	(void)state;
	assert_int_equal(ctk_workers_parse("4", &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(ctk_workers_parse("0", &n), 0);
	assert_int_equal(n, ctk_workers_default());
	assert_true(ctk_workers_default() >= 1);
	assert_int_equal(ctk_workers_parse("", &n), -1);
	assert_int_equal(ctk_workers_parse("2x", &n), -1);
	assert_int_equal(ctk_workers_parse("-1", &n), -1);
	assert_int_equal(ctk_workers_parse("257", &n), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(order_is_kept_for_any_thread_count),
		cmocka_unit_test(a_stop_ends_the_run_with_its_value),
		cmocka_unit_test(empty_input_and_no_batches),
		cmocka_unit_test(parse_thread_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
