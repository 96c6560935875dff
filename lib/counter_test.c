/* Unit tests of the string -> count hash table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counter.h"

static void
counts_and_docs(void **state)
{
	ctk_counter *c = ctk_counter_new();
	ctk_counter_entry *e;

	(void)state;
	assert_non_null(c);
	ctk_counter_add(c, "le", 2, 1, 1);
	ctk_counter_add(c, "le", 2, 1, 1);
	ctk_counter_add(c, "la", 2, 1, 1);
	ctk_counter_add(c, "le", 2, 1, 2);
	e = ctk_counter_get(c, "le", 2, 0);
	assert_non_null(e);
	assert_int_equal(e->count, 3);
	assert_int_equal(e->docs, 2);
	assert_null(ctk_counter_get(c, "les", 3, 0));
	assert_int_equal(ctk_counter_size(c), 2);
	ctk_counter_free(c);
}

/* Keys with NUL bytes inside are distinct from their prefixes. */
static void
composite_keys(void **state)
{
	ctk_counter *c = ctk_counter_new();

	(void)state;
	ctk_counter_add(c, "a\0b", 3, 1, 1);
	ctk_counter_add(c, "a", 1, 5, 1);
	assert_int_equal(ctk_counter_get(c, "a\0b", 3, 0)->count, 1);
	assert_int_equal(ctk_counter_get(c, "a", 1, 0)->count, 5);
	ctk_counter_free(c);
}

/* Many keys force rehashing; pointers taken before stay valid. */
static void
growth_and_order(void **state)
{
	ctk_counter *c = ctk_counter_new();
	ctk_counter_entry *first, **v;
	char key[32];
	int i, n;

	(void)state;
	first = ctk_counter_add(c, "k0", 2, 1, 1);
	for (i = 0; i < 20000; i++) {
		n = snprintf(key, sizeof key, "k%d", i);
		assert_non_null(ctk_counter_add(c, key, (size_t)n, i % 7, 1));
	}
	assert_int_equal(ctk_counter_size(c), 20000);
	assert_int_equal(first->count, 1);
	v = ctk_counter_sorted(c);
	assert_non_null(v);
	/* count 6 (i % 7 == 6) first, keys bytewise: k1000 < k10002 < k104 */
	assert_int_equal(v[0]->count, 6);
	assert_string_equal(v[0]->key, "k1000");
	assert_string_equal(v[1]->key, "k10002");
	assert_int_equal(v[19999]->count, 0);
	free(v);
	ctk_counter_free(c);
}

/* ctk_counter_add_many() is n calls of ctk_counter_add() in order: same
 * counts, docs and insertion order, on keys of every length from 0 to 40
 * (each tail size of the hash), keys that differ only in their last byte
 * or by a trailing NUL, and enough of them to make the table grow. */
static void
add_many_matches_add(void **state)
{
	ctk_counter *one = ctk_counter_new(), *many = ctk_counter_new();
	char keys[200][48];
	const char *ptrs[200];
	size_t lens[200], i, k, round;
	ctk_counter_entry *a, *b;

	(void)state;
	assert_non_null(one);
	assert_non_null(many);
	for (round = 0; round < 300; round++) {
		for (k = 0; k < 200; k++) {
			size_t pick = (round * 7919 + k * 104729) % 4000;

			lens[k] = pick % 41;
			memset(keys[k], 'a', sizeof keys[k]);
			for (i = 0; i < lens[k]; i++)
				keys[k][i] = (char)('a' +
				    (pick / 41 * (i + 3) + i) % 26);
			if (lens[k] > 0 && pick % 5 == 0)
				keys[k][lens[k] - 1] = '\0';
			ptrs[k] = keys[k];
			ctk_counter_add(one, keys[k], lens[k], 1, round / 3 + 1);
		}
		assert_int_equal(ctk_counter_add_many(many, ptrs, lens, 200,
		    round / 3 + 1), 0);
	}
	assert_int_equal(ctk_counter_size(one), ctk_counter_size(many));
	assert_true(ctk_counter_size(one) > 1000);
	for (i = 0; i < ctk_counter_size(one); i++) {
		a = ctk_counter_at(one, i);
		b = ctk_counter_at(many, i);
		assert_int_equal(a->len, b->len);
		assert_memory_equal(a->key, b->key, a->len);
		assert_int_equal(a->count, b->count);
		assert_int_equal(a->docs, b->docs);
		assert_ptr_equal(ctk_counter_get(many, a->key, a->len, 0), b);
	}
	ctk_counter_free(one);
	ctk_counter_free(many);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_and_docs),
		cmocka_unit_test(composite_keys),
		cmocka_unit_test(growth_and_order),
		cmocka_unit_test(add_many_matches_add),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
