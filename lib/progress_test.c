/* Unit tests of progress: the line format and the terminal-only rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "progress.h"

static void
line_shows_size_records_rate_and_eta(void **state)
{
	char line[160];

	(void)state;
	/* 50 MB of 200 MB in 5 s: 10 MB/s, 25%, 15 s left */
	ctk_progress_format(line, sizeof line, 50000000, 1234, 5.0, 200000000);
	assert_string_equal(line, "50.0 MB, 1234 records, 10.0 MB/s, 25%, ETA 0:15");
	ctk_progress_format(line, sizeof line, 1500000, 7, 0.5, 0);
	assert_string_equal(line, "1.5 MB, 7 records, 3.0 MB/s");
}

static void
nothing_is_written_when_not_a_terminal(void **state)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	ctk_progress p;

	(void)state;
	ctk_progress_init(&p, f, -1, 100);	/* auto: a memstream is no tty */
	assert_false(p.enabled);
	ctk_progress_update(&p, 50, 1);
	ctk_progress_finish(&p);
	fflush(f);
	assert_int_equal(size, 0);
	fclose(f);
	free(text);
}

static void
forced_progress_is_rate_limited(void **state)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	ctk_progress p;
	int i;

	(void)state;
	ctk_progress_init(&p, f, 1, 0);
	p.last -= 1.0;	/* as if the last redraw were a second ago */
	for (i = 0; i < 100000; i++)
		ctk_progress_update(&p, (uint64_t)i, (uint64_t)i);
	fflush(f);
	/* one redraw, not 100000: the next is 250 ms away */
	assert_true(size > 0 && size < 100);
	ctk_progress_finish(&p);
	fclose(f);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(line_shows_size_records_rate_and_eta),
		cmocka_unit_test(nothing_is_written_when_not_a_terminal),
		cmocka_unit_test(forced_progress_is_rate_limited),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
