/* Unit tests of shard: the published FNV-1a 64 test vectors, and an even
 * spread of many keys. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "shard.h"

static void
hash_is_fnv1a_64(void **state)
{
	(void)state;
	/* vectors from the FNV reference (Noll, "FNV hash" test suite) */
	assert_true(ctk_shard_hash("", 0) == 0xcbf29ce484222325ULL);
	assert_true(ctk_shard_hash("a", 1) == 0xaf63dc4c8601ec8cULL);
	assert_true(ctk_shard_hash("foobar", 6) == 0x85944171f73967e8ULL);
}

static void
shards_are_even_and_in_range(void **state)
{
	unsigned counts[7] = { 0 }, i, s;
	char key[32];

	(void)state;
	for (i = 0; i < 70000; i++) {
		snprintf(key, sizeof key, "channel:%u", i);
		s = ctk_shard_of(key, strlen(key), 7);
		assert_true(s < 7);
		counts[s]++;
	}
	for (i = 0; i < 7; i++)	/* within 5% of 10000 */
		assert_true(counts[i] > 9500 && counts[i] < 10500);
	assert_int_equal(ctk_shard_of("x", 1, 1), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hash_is_fnv1a_64),
		cmocka_unit_test(shards_are_even_and_in_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
