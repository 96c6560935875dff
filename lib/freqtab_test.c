/* Unit tests of frequency tables: counting, ranks, and reading tables
 * back the way merge and keyness do. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "freqtab.h"

/* Competition ranks: a tie shares the rank, the next rank skips. */
static void
ranks_and_order(void **state)
{
	ctk_freqtab *t = ctk_freqtab_new(1, 0);
	ctk_freqtab_row *rows;
	long n;

	(void)state;
	ctk_freqtab_count(t, "g", 1, "b", 1, 1);
	ctk_freqtab_count(t, "g", 1, "a", 1, 1);
	ctk_freqtab_count(t, "g", 1, "c", 1, 1);
	ctk_freqtab_count(t, "g", 1, "c", 1, 2);
	ctk_freqtab_count(t, "f", 1, "z", 1, 3);
	ctk_freqtab_add_total(t, "g", 1, 1, 4);
	ctk_freqtab_add_total(t, "f", 1, 1, 1);
	n = ctk_freqtab_rows(t, 0, 0, &rows);
	assert_int_equal(n, 4);
	/* group f first (bytewise), then g: c (2), a (1), b (1) */
	assert_memory_equal(rows[0].term, "z", 1);
	assert_int_equal(rows[0].rank, 1);
	assert_memory_equal(rows[1].term, "c", 1);
	assert_int_equal(rows[1].docs, 2);
	assert_int_equal(rows[1].total, 4);
	assert_memory_equal(rows[2].term, "a", 1);
	assert_int_equal(rows[2].rank, 2);
	assert_memory_equal(rows[3].term, "b", 1);
	assert_int_equal(rows[3].rank, 2);
	free(rows);
	/* top 1 per group, min count 2 */
	assert_int_equal(ctk_freqtab_rows(t, 0, 1, &rows), 2);
	free(rows);
	assert_int_equal(ctk_freqtab_rows(t, 2, 0, &rows), 1);
	free(rows);
	ctk_freqtab_free(t);
}

static void
load(ctk_freqtab *t, const char *text, uint64_t file_no, const char *only,
    const char *except)
{
	FILE *f = tmpfile();
	ctk_input *in;
	ctk_tsv_reader *r;
	ctk_error err;

	fputs(text, f);
	rewind(f);
	in = ctk_input_from_fd(fileno(f), "test", &err);
	r = ctk_tsv_reader_new(in, &err);
	assert_int_equal(ctk_freqtab_load_header(t, r, NULL, &err), 0);
	while (ctk_tsv_read(r, &err) == 1)
		assert_int_equal(ctk_freqtab_load_row(t, r, file_no, only,
		    except, &err), 0);
	ctk_tsv_reader_free(r);
	ctk_input_close(in);
	fclose(f);
}

/* Each file's group total is taken once, however many rows repeat it;
 * the n of a row is the number of words of its term. */
static void
totals_once_per_file(void **state)
{
	ctk_freqtab *t = ctk_freqtab_new(1, 1);
	const char *shard = "group\tn\trank\tterm\tcount\tdocs\tper_million"
	    "\ttotal\ng\t1\t1\tx\t3\t1\t0\t10\ng\t1\t2\ty\t1\t1\t0\t10\n"
	    "g\t2\t1\tx y\t2\t1\t0\t9\n";

	(void)state;
	load(t, shard, 1, NULL, NULL);
	load(t, shard, 2, NULL, NULL);
	assert_int_equal(ctk_freqtab_total(t, "g", 1, 1), 20);
	assert_int_equal(ctk_freqtab_total(t, "g", 1, 2), 18);
	assert_int_equal(ctk_freqtab_get(t, "g", 1, "x", 1), 6);
	assert_int_equal(ctk_freqtab_get(t, "g", 1, "x y", 3), 4);
	ctk_freqtab_free(t);
}

/* An ungrouped table sums groups: the reference of a one-table keyness. */
static void
collapse_groups(void **state)
{
	ctk_freqtab *ref = ctk_freqtab_new(0, 0);
	const char *table = "group\tterm\tcount\ttotal\n"
	    "a\tx\t1\t5\nb\tx\t2\t7\nb\ty\t4\t7\nt\tx\t9\t100\n";

	(void)state;
	load(ref, table, 1, NULL, "t");
	assert_int_equal(ctk_freqtab_total(ref, "", 0, 1), 12);
	assert_int_equal(ctk_freqtab_get(ref, "", 0, "x", 1), 3);
	assert_int_equal(ctk_freqtab_get(ref, "", 0, "y", 1), 4);
	ctk_freqtab_free(ref);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ranks_and_order),
		cmocka_unit_test(totals_once_per_file),
		cmocka_unit_test(collapse_groups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
