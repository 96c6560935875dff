/* Unit tests of rfc3339: ISO 8601 and RFC 822 dates to RFC 3339 UTC. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "rfc3339.h"

static void
iso(const char *in, const char *want)
{
	char out[CTK_RFC3339_SIZE];

	if (want == NULL) {
		assert_int_equal(ctk_rfc3339_from_iso8601(in, out), -1);
		assert_string_equal(out, "");
		return;
	}
	assert_int_equal(ctk_rfc3339_from_iso8601(in, out), 0);
	assert_string_equal(out, want);
}

static void
rfc822(const char *in, const char *want)
{
	char out[CTK_RFC3339_SIZE];

	if (want == NULL) {
		assert_int_equal(ctk_rfc3339_from_rfc822(in, out), -1);
		return;
	}
	assert_int_equal(ctk_rfc3339_from_rfc822(in, out), 0);
	assert_string_equal(out, want);
}

static void
test_iso8601(void **state)
{
	(void)state;
	iso("2024-09-06T12:15:00Z", "2024-09-06T12:15:00Z");
	iso("2024-09-06T14:15:00+02:00", "2024-09-06T12:15:00Z");
	iso("2024-09-06T14:15:00.123+0200", "2024-09-06T12:15:00Z");
	iso("2024-01-01T00:30:00+01:00", "2023-12-31T23:30:00Z");
	iso("2024-02-28T23:00:00-05:00", "2024-02-29T04:00:00Z");
	iso("2024-09-06 14:15", "2024-09-06T14:15:00Z");
	iso("2024-09-06", "2024-09-06T00:00:00Z");
	iso("20240906T141500Z", "2024-09-06T14:15:00Z");
	iso(" 2024-09-06T12:15:00Z ", "2024-09-06T12:15:00Z");
	iso("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z");
	iso("2024-13-01", NULL);
	iso("2023-02-30T00:00:00Z", NULL);
	iso("6 septembre 2024", NULL);
	iso("2024-09-06T12:15:00+25:00", NULL);
	iso("", NULL);
}

static void
test_rfc822(void **state)
{
	(void)state;
	rfc822("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z");
	rfc822("Tue, 11 Jun 2024 09:30:00 +0200", "2024-06-11T07:30:00Z");
	rfc822("11 Jun 2024 09:30 -0430", "2024-06-11T14:00:00Z");
	rfc822("Sun, 09 Jun 24 08:00 EST", "2024-06-09T13:00:00Z");
	rfc822("Mon, 1 Jan 1999 00:00:00 PDT", "1999-01-01T07:00:00Z");
	rfc822("Wed, 02 Oct 2024 08:14:03 UT", "2024-10-02T08:14:03Z");
	rfc822("Wed, 02 Oct 2024 08:14:03", "2024-10-02T08:14:03Z");
	rfc822("Wed, 02 Foo 2024 08:14:03 GMT", NULL);
	rfc822("yesterday", NULL);
}

static void
test_any(void **state)
{
	char out[CTK_RFC3339_SIZE];

	(void)state;
	assert_int_equal(ctk_rfc3339_from_any("Tue, 10 Jun 2003 04:00:00 GMT",
	    out), 0);
	assert_string_equal(out, "2003-06-10T04:00:00Z");
	assert_int_equal(ctk_rfc3339_from_any("2003-06-10T04:00:00Z", out), 0);
	ctk_rfc3339_format(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	ctk_rfc3339_format(951782400, out);
	assert_string_equal(out, "2000-02-29T00:00:00Z");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso8601),
		cmocka_unit_test(test_rfc822),
		cmocka_unit_test(test_any),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
