/* Unit tests of diag and error: message format and the exit-status rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "diag.h"

struct capture {
	char *text;
	size_t size;
	FILE *f;
	ctk_diag d;
};

static void
capture_start(struct capture *c)
{
	c->text = NULL;
	c->size = 0;
	c->f = open_memstream(&c->text, &c->size);
	ctk_diag_init(&c->d, "ctk-test");
	c->d.stream = c->f;
}

static void
capture_end(struct capture *c)
{
	fclose(c->f);
	free(c->text);
}

static void
messages_have_tool_file_line_col(void **state)
{
	struct capture c;
	ctk_error e;

	(void)state;
	capture_start(&c);
	ctk_diag_msg(&c.d, CTK_DIAG_ERROR, "export.json", 12, 7,
	    "unexpected %s", "'}'");
	ctk_diag_msg(&c.d, CTK_DIAG_ERROR, "a.tsv", 3, 0, "bad row");
	ctk_diag_msg(&c.d, CTK_DIAG_WARN, "a.tsv", 0, 0, "%d repairs", 2);
	ctk_diag_msg(&c.d, CTK_DIAG_ERROR, NULL, 0, 0, "no position");
	ctk_error_set(&e, CTK_EFORMAT, 4, 9, "invalid UTF-8 (byte 0x%02X)", 0xE9);
	ctk_diag_report(&c.d, CTK_DIAG_ERROR, "<stdin>", &e);
	fflush(c.f);
	assert_string_equal(c.text,
	    "ctk-test: export.json:12:7: unexpected '}'\n"
	    "ctk-test: a.tsv:3: bad row\n"
	    "ctk-test: a.tsv: warning: 2 repairs\n"
	    "ctk-test: no position\n"
	    "ctk-test: <stdin>:4:9: invalid UTF-8 (byte 0xE9)\n");
	assert_int_equal(c.d.n_errors, 4);
	assert_int_equal(c.d.n_warnings, 1);
	capture_end(&c);
}

static void
exit_status_is_the_worst_level(void **state)
{
	struct capture c;

	(void)state;
	capture_start(&c);
	assert_int_equal(ctk_diag_status(&c.d), 0);
	ctk_diag_msg(&c.d, CTK_DIAG_WARN, NULL, 0, 0, "just saying");
	assert_int_equal(ctk_diag_status(&c.d), 0);
	ctk_diag_msg(&c.d, CTK_DIAG_ERROR, NULL, 0, 0, "rejected");
	assert_int_equal(ctk_diag_status(&c.d), 1);
	assert_false(ctk_diag_should_stop(&c.d));
	ctk_diag_msg(&c.d, CTK_DIAG_FATAL, NULL, 0, 0, "disk full");
	assert_int_equal(ctk_diag_finish(&c.d), 2);
	assert_true(ctk_diag_should_stop(&c.d));
	capture_end(&c);
}

static void
strict_stops_at_first_error(void **state)
{
	struct capture c;

	(void)state;
	capture_start(&c);
	c.d.strict = 1;
	ctk_diag_msg(&c.d, CTK_DIAG_WARN, NULL, 0, 0, "w");
	assert_false(ctk_diag_should_stop(&c.d));
	ctk_diag_msg(&c.d, CTK_DIAG_ERROR, "f", 1, 0, "e");
	assert_true(ctk_diag_should_stop(&c.d));
	assert_int_equal(ctk_diag_finish(&c.d), 1);
	fflush(c.f);
	assert_non_null(strstr(c.text, "stopped at the first error (--strict)"));
	capture_end(&c);
}

static void
quiet_hides_warnings_not_errors(void **state)
{
	struct capture c;

	(void)state;
	capture_start(&c);
	c.d.quiet = 1;
	ctk_diag_msg(&c.d, CTK_DIAG_WARN, NULL, 0, 0, "hidden");
	ctk_diag_msg(&c.d, CTK_DIAG_ERROR, NULL, 0, 0, "shown");
	fflush(c.f);
	assert_string_equal(c.text, "ctk-test: shown\n");
	assert_int_equal(c.d.n_warnings, 1);
	capture_end(&c);
}

static void
a_flood_of_errors_is_capped_but_counted(void **state)
{
	struct capture c;
	int i, lines = 0;
	char *p;

	(void)state;
	capture_start(&c);
	for (i = 0; i < CTK_DIAG_MAX_PRINTED + 500; i++)
		ctk_diag_msg(&c.d, CTK_DIAG_ERROR, "big.tsv", i + 1, 0, "bad");
	assert_int_equal(ctk_diag_finish(&c.d), 1);
	fflush(c.f);
	for (p = c.text; (p = strchr(p, '\n')) != NULL; p++)
		lines++;
	assert_int_equal(lines, CTK_DIAG_MAX_PRINTED + 1);
	assert_non_null(strstr(c.text, "1500 errors in all (only the first 1000 shown)"));
	capture_end(&c);
}

static void
usage_errors_give_a_hint_and_status_2(void **state)
{
	struct capture c;

	(void)state;
	capture_start(&c);
	ctk_diag_usage(&c.d, "unknown option '%s'", "--frobnicate");
	fflush(c.f);
	assert_string_equal(c.text, "ctk-test: unknown option '--frobnicate'\n"
	    "Try 'ctk-test --help' for more information.\n");
	assert_int_equal(ctk_diag_status(&c.d), 2);
	capture_end(&c);
}

static void
write_errors_on_output_are_fatal(void **state)
{
	struct capture c;
	FILE *full = fopen("/dev/full", "w");

	(void)state;
	if (full == NULL)
		skip();
	capture_start(&c);
	fputs("some output", full);
	assert_int_equal(ctk_diag_check_output(&c.d, full, "standard output"), -1);
	fflush(c.f);
	assert_string_equal(c.text, "ctk-test: write error on standard output: "
	    "No space left on device\n");
	assert_int_equal(ctk_diag_status(&c.d), 2);
	fclose(full);
	capture_end(&c);
}

static void
error_set_returns_its_code(void **state)
{
	ctk_error e;

	(void)state;
	assert_int_equal(ctk_error_set(&e, CTK_ELIMIT, 1, 2, "x%d", 1), CTK_ELIMIT);
	assert_string_equal(e.msg, "x1");
	assert_int_equal(ctk_error_set(NULL, CTK_EIO, 0, 0, "ignored"), CTK_EIO);
	ctk_error_clear(&e);
	assert_int_equal(e.code, CTK_OK);
	assert_string_equal(e.msg, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(messages_have_tool_file_line_col),
		cmocka_unit_test(exit_status_is_the_worst_level),
		cmocka_unit_test(strict_stops_at_first_error),
		cmocka_unit_test(quiet_hides_warnings_not_errors),
		cmocka_unit_test(a_flood_of_errors_is_capped_but_counted),
		cmocka_unit_test(usage_errors_give_a_hint_and_status_2),
		cmocka_unit_test(write_errors_on_output_are_fatal),
		cmocka_unit_test(error_set_returns_its_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
