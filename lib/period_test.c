/*
 * Unit tests of calendar periods. Expected day numbers and ISO weeks were
 * computed independently with Python's datetime (date.isocalendar()).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "period.h"

static const struct {
	const char *date;
	long day;
	const char *week;
} cases[] = {
	{ "2024-09-06T12:15:00Z", 19972, "2024-W36" },
	{ "2021-01-03", 18630, "2020-W53" },
	{ "2020-12-31T23:59:59Z", 18627, "2020-W53" },
	{ "2026-01-01", 20454, "2026-W01" },
	{ "2015-12-28", 16797, "2015-W53" },
	{ "1969-12-29", -3, "1970-W01" },
	{ "2000-02-29", 11016, "2000-W09" },
};

static void
days_and_weeks(void **state)
{
	enum ctk_period_unit unit;
	char label[16];
	long ord, back;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *s = cases[i].date;

		assert_int_equal(ctk_period_of_date(s, strlen(s),
		    CTK_PERIOD_DAY, &ord), 0);
		assert_int_equal(ord, cases[i].day);
		ctk_period_label(CTK_PERIOD_DAY, ord, label, sizeof label);
		assert_memory_equal(label, s, 10);
		assert_int_equal(ctk_period_of_date(s, strlen(s),
		    CTK_PERIOD_WEEK, &ord), 0);
		ctk_period_label(CTK_PERIOD_WEEK, ord, label, sizeof label);
		assert_string_equal(label, cases[i].week);
		assert_int_equal(ctk_period_parse_label(label, &unit, &back),
		    0);
		assert_int_equal(unit, CTK_PERIOD_WEEK);
		assert_int_equal(back, ord);
	}
}

static void
months_and_years(void **state)
{
	enum ctk_period_unit unit;
	char label[16];
	long ord, back;

	(void)state;
	assert_int_equal(ctk_period_of_date("2024-12-31", 10,
	    CTK_PERIOD_MONTH, &ord), 0);
	ctk_period_label(CTK_PERIOD_MONTH, ord + 1, label, sizeof label);
	assert_string_equal(label, "2025-01");
	assert_int_equal(ctk_period_parse_label("2025-01", &unit, &back), 0);
	assert_int_equal(unit, CTK_PERIOD_MONTH);
	assert_int_equal(back, ord + 1);
	assert_int_equal(ctk_period_of_date("2024-12-31", 10,
	    CTK_PERIOD_YEAR, &ord), 0);
	assert_int_equal(ord, 2024);
}

static void
bad_dates(void **state)
{
	long ord;

	(void)state;
	assert_int_equal(ctk_period_of_date("2023-02-29", 10,
	    CTK_PERIOD_DAY, &ord), -1);
	assert_int_equal(ctk_period_of_date("2023-13-01", 10,
	    CTK_PERIOD_DAY, &ord), -1);
	assert_int_equal(ctk_period_of_date("yesterday", 9,
	    CTK_PERIOD_DAY, &ord), -1);
	assert_int_equal(ctk_period_of_date("2023-01-01X", 11,
	    CTK_PERIOD_DAY, &ord), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(days_and_weeks),
		cmocka_unit_test(months_and_years),
		cmocka_unit_test(bad_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
