/* Unit tests of utf8: the RFC 3629 / Unicode 3.9 table of well-formed
 * byte sequences decides what is valid. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "utf8.h"

static void
decodes_every_length(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(ctk_utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 0x41);
	assert_int_equal(ctk_utf8_decode("\xC3\xA9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(ctk_utf8_decode("\xE2\x80\xAF", 3, &cp), 3);
	assert_int_equal(cp, 0x202F);
	assert_int_equal(ctk_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(ctk_utf8_decode("\xF4\x8F\xBF\xBF", 4, &cp), 4);
	assert_int_equal(cp, 0x10FFFF);
}

static void
rejects_ill_formed_sequences(void **state)
{
	static const char *bad[] = {
		"\x80",			/* lone continuation */
		"\xC0\xAF",		/* overlong '/' */
		"\xC1\xBF",		/* overlong */
		"\xE0\x80\xAF",		/* overlong 3-byte */
		"\xF0\x80\x80\xAF",	/* overlong 4-byte */
		"\xED\xA0\x80",		/* surrogate U+D800 */
		"\xED\xBF\xBF",		/* surrogate U+DFFF */
		"\xF4\x90\x80\x80",	/* U+110000 */
		"\xF5\x80\x80\x80",	/* lead byte past F4 */
		"\xFF",
		"\xC3",			/* truncated */
		"\xE2\x82",		/* truncated */
		"\xC3\x28",		/* bad continuation */
	};
	uint32_t cp;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(ctk_utf8_decode(bad[i], strlen(bad[i]), &cp), 0);
		assert_int_equal(cp, 0xFFFD);
	}
}

static void
encode_round_trips_every_scalar_value(void **state)
{
	char out[4];
	uint32_t cp, back;
	size_t n;

	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		n = ctk_utf8_encode(cp, out);
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			assert_int_equal(n, 0);
			continue;
		}
		assert_int_not_equal(n, 0);
		assert_int_equal(ctk_utf8_decode(out, n, &back), n);
		assert_int_equal(back, cp);
	}
	assert_int_equal(ctk_utf8_encode(0x110000, out), 0);
}

static void
valid_reports_offset_of_first_bad_byte(void **state)
{
	const char *s = "abcdefghij l'État \xE2\x80\x99 ok \xC3\x28 rest";
	size_t bad = 0;

	(void)state;
	assert_true(ctk_utf8_valid("", 0, &bad));
	assert_true(ctk_utf8_valid("plain ASCII text, long enough", 29, NULL));
	assert_false(ctk_utf8_valid(s, strlen(s), &bad));
	assert_int_equal(bad, (size_t)(strstr(s, "\xC3\x28") - s));
	/* a NUL byte is valid UTF-8; the TSV layer decides about it */
	assert_true(ctk_utf8_valid("a\0b", 3, NULL));
}

static void
count_counts_code_points(void **state)
{
	(void)state;
	assert_int_equal(ctk_utf8_count("État", strlen("État")), 4);
	assert_int_equal(ctk_utf8_count("\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7", 8), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decodes_every_length),
		cmocka_unit_test(rejects_ill_formed_sequences),
		cmocka_unit_test(encode_round_trips_every_scalar_value),
		cmocka_unit_test(valid_reports_offset_of_first_bad_byte),
		cmocka_unit_test(count_counts_code_points),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
