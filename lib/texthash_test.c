/* Unit tests of texthash: what counts as the same text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "texthash.h"

static uint64_t
hash(const char *s)
{
	ctk_buf scratch = CTK_BUF_INIT;
	uint64_t h;

	ctk_texthash(s, strlen(s), &scratch, &h);
	ctk_buf_release(&scratch);
	return h;
}

static void
normal_form(void **state)
{
	ctk_buf b = CTK_BUF_INIT;
	const char *s = "  \xc3\x89T\xc3\x89\t\n  Stra\xc3\x9f" "e  ";

	(void)state;
	ctk_texthash_normalize(s, strlen(s), &b);
	/* É folded to é, ß to ss, white space collapsed and trimmed */
	assert_string_equal(b.data, "\xc3\xa9t\xc3\xa9 strasse");
	ctk_buf_reset(&b);
	ctk_texthash_normalize("  A  b ", 7, &b);
	assert_string_equal(b.data, "a b");
	ctk_buf_release(&b);
}

static void
same_and_different(void **state)
{
	(void)state;
	/* FNV-1a 64 reference values */
	assert_true(ctk_texthash_fnv1a("", 0) == 0xcbf29ce484222325ULL);
	assert_true(ctk_texthash_fnv1a("a", 1) == 0xaf63dc4c8601ec8cULL);
	assert_true(hash("Hello  World") == hash("hello\nworld"));
	/* NFD e + combining acute equals NFC é */
	assert_true(hash("caf\x65\xcc\x81") == hash("caf\xc3\xa9"));
	assert_true(hash("cafe") != hash("caf\xc3\xa9"));
	assert_true(hash(" \t ") == 0);
}

static void
hex(void **state)
{
	char s[17];

	(void)state;
	ctk_texthash_hex(0xaf63dc4c8601ec8cULL, s);
	assert_string_equal(s, "af63dc4c8601ec8c");
	ctk_texthash_hex(1, s);
	assert_string_equal(s, "0000000000000001");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normal_form),
		cmocka_unit_test(same_and_different),
		cmocka_unit_test(hex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
