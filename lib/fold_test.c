/* Unit tests of case folding + NFC (values from the Unicode CaseFolding
 * and normalization tables, checked by hand). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "fold.h"

static void
folds(void **state)
{
	ctk_buf out = CTK_BUF_INIT;
	ctk_error err;

	(void)state;
	assert_int_equal(ctk_fold("État", strlen("État"), &out, &err), 0);
	assert_string_equal(out.data, "état");
	/* decomposed E + U+0301 composes to U+00E9 */
	assert_int_equal(ctk_fold("E\xcc\x81TAT", 6, &out, &err), 0);
	assert_string_equal(out.data, "\xc3\xa9tat");
	/* full folding: German sharp s becomes "ss" */
	assert_int_equal(ctk_fold("Straße", strlen("Straße"), &out, &err), 0);
	assert_string_equal(out.data, "strasse");
	assert_int_equal(ctk_fold("", 0, &out, &err), 0);
	assert_string_equal(ctk_buf_str(&out), "");
	assert_int_equal(ctk_fold("\xff", 1, &out, &err), CTK_EFORMAT);
	ctk_buf_release(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
