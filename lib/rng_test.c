/* Unit tests of rng: published splitmix64 output, xoshiro256** values from
 * scripts/classify-ref.py, determinism, ranges and shuffles. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "rng.h"

static void
splitmix64_known_values(void **state)
{
	uint64_t s = 0;

	(void)state;
	assert_true(ctk_rng_splitmix64(&s) == 0xe220a8397b1dcdafULL);
	assert_true(ctk_rng_splitmix64(&s) == 0x6e789e6aa1b965f4ULL);
	assert_true(ctk_rng_splitmix64(&s) == 0x06c45d188009454fULL);
}

static void
xoshiro_matches_reference(void **state)
{
	ctk_rng r;

	(void)state;
	ctk_rng_seed(&r, 42);
	assert_true(ctk_rng_next(&r) == 0x15780b2e0c2ec716ULL);
	assert_true(ctk_rng_next(&r) == 0x6104d9866d113a7eULL);
	assert_true(ctk_rng_next(&r) == 0xae17533239e499a1ULL);
}

static void
below_and_double_in_range(void **state)
{
	ctk_rng r;
	unsigned seen[7] = { 0 }, i;
	double d;

	(void)state;
	ctk_rng_seed(&r, 7);
	for (i = 0; i < 7000; i++)
		seen[ctk_rng_below(&r, 7)]++;
	for (i = 0; i < 7; i++)
		assert_true(seen[i] > 850 && seen[i] < 1150);
	for (i = 0; i < 1000; i++) {
		d = ctk_rng_double(&r);
		assert_true(d >= 0 && d < 1);
	}
}

static void
shuffle_is_a_fixed_permutation(void **state)
{
	size_t a[50], b[50], i, sum = 0;
	ctk_rng r1, r2;

	(void)state;
	for (i = 0; i < 50; i++)
		a[i] = b[i] = i;
	ctk_rng_seed(&r1, 3);
	ctk_rng_seed(&r2, 3);
	ctk_rng_shuffle(&r1, a, 50);
	ctk_rng_shuffle(&r2, b, 50);
	assert_memory_equal(a, b, sizeof a);
	for (i = 0; i < 50; i++)
		sum += a[i];
	assert_int_equal(sum, 49 * 50 / 2);
	for (i = 0; i < 50 && a[i] == i; i++)
		;
	assert_true(i < 50);	/* not left in order */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(splitmix64_known_values),
		cmocka_unit_test(xoshiro_matches_reference),
		cmocka_unit_test(below_and_double_in_range),
		cmocka_unit_test(shuffle_is_a_fixed_permutation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
