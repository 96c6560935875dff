/* Unit tests of buf. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"

static void
empty_buffer_reads_as_empty_string(void **state)
{
	ctk_buf b = CTK_BUF_INIT;

	(void)state;
	assert_string_equal(ctk_buf_str(&b), "");
	assert_int_equal(b.len, 0);
	ctk_buf_release(&b);
}

static void
append_and_printf_build_a_string(void **state)
{
	ctk_buf b = CTK_BUF_INIT;

	(void)state;
	assert_int_equal(ctk_buf_append(&b, "ab", 2), 0);
	assert_int_equal(ctk_buf_append_char(&b, 'c'), 0);
	assert_int_equal(ctk_buf_append_str(&b, "déf"), 0);
	assert_int_equal(ctk_buf_printf(&b, "-%d-%s", 42, "x"), 0);
	assert_string_equal(b.data, "abcdéf-42-x");
	assert_int_equal(b.len, strlen("abcdéf-42-x"));
	ctk_buf_reset(&b);
	assert_string_equal(ctk_buf_str(&b), "");
	ctk_buf_release(&b);
}

static void
grows_to_many_megabytes(void **state)
{
	ctk_buf b = CTK_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 3000000; i++)
		assert_int_equal(ctk_buf_append_char(&b, (char)('a' + i % 26)), 0);
	assert_int_equal(b.len, 3000000);
	assert_int_equal(b.data[2999999], 'a' + 2999999 % 26);
	assert_int_equal(b.data[3000000], '\0');
	ctk_buf_release(&b);
}

static void
detach_hands_over_ownership(void **state)
{
	ctk_buf b = CTK_BUF_INIT;
	char *s;

	(void)state;
	s = ctk_buf_detach(&b);	/* never NULL, even when empty */
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	ctk_buf_append_str(&b, "kept");
	s = ctk_buf_detach(&b);
	assert_string_equal(s, "kept");
	assert_null(b.data);
	free(s);
}

static void
grow_refuses_overflow(void **state)
{
	ctk_buf b = CTK_BUF_INIT;

	(void)state;
	ctk_buf_append_str(&b, "x");
	assert_int_equal(ctk_buf_grow(&b, (size_t)-1), -1);
	assert_string_equal(b.data, "x");
	ctk_buf_release(&b);
}

static void
grow_array_doubles_and_keeps_contents(void **state)
{
	int *a = NULL;
	size_t cap = 0, i;

	(void)state;
	assert_int_equal(ctk_grow_array((void **)&a, &cap, 1, sizeof *a), 0);
	assert_int_equal(cap, 16);
	for (i = 0; i < 16; i++)
		a[i] = (int)i;
	assert_int_equal(ctk_grow_array((void **)&a, &cap, 40, sizeof *a), 0);
	assert_int_equal(cap, 64);
	assert_int_equal(a[15], 15);
	assert_int_equal(ctk_grow_array((void **)&a, &cap, 10, sizeof *a), 0);
	assert_int_equal(cap, 64);	/* never shrinks */
	assert_int_equal(ctk_grow_array((void **)&a, &cap, (size_t)-1 / 2,
	    sizeof *a), -1);
	assert_int_equal(a[15], 15);	/* left as it was */
	free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_buffer_reads_as_empty_string),
		cmocka_unit_test(append_and_printf_build_a_string),
		cmocka_unit_test(grows_to_many_megabytes),
		cmocka_unit_test(detach_hands_over_ownership),
		cmocka_unit_test(grow_refuses_overflow),
		cmocka_unit_test(grow_array_doubles_and_keeps_contents),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
