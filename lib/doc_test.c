/* Unit tests of doc (dates, columns, word lists) and tz. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "doc.h"
#include "tz.h"

static void
format_dates(void **state)
{
	char s[32];

	(void)state;
	ctk_doc_format_date(0, s);
	assert_string_equal(s, "1970-01-01T00:00:00Z");
	ctk_doc_format_date(1725624900, s);
	assert_string_equal(s, "2024-09-06T12:15:00Z");
	ctk_doc_format_date(951782400, s);	/* leap day 2000 */
	assert_string_equal(s, "2000-02-29T00:00:00Z");
	ctk_doc_format_date(-1, s);
	assert_string_equal(s, "1969-12-31T23:59:59Z");
}

static void
parse_dates(void **state)
{
	int64_t t;
	int day;

	(void)state;
	assert_int_equal(ctk_doc_parse_date("2024-09-06", &t, &day), 0);
	assert_int_equal(t, 1725580800);
	assert_int_equal(day, 1);
	assert_int_equal(ctk_doc_parse_date("2024-09-06T12:15:00Z", &t, &day),
	    0);
	assert_int_equal(t, 1725624900);
	assert_int_equal(day, 0);
	assert_int_equal(ctk_doc_parse_date("2024-09-06T14:15:00+02:00", &t,
	    &day), 0);
	assert_int_equal(t, 1725624900);
	assert_int_equal(ctk_doc_parse_date("2024-09-06 12:15", &t, &day), 0);
	assert_int_equal(t, 1725624900);
	assert_int_not_equal(ctk_doc_parse_date("06/09/2024", &t, &day), 0);
	assert_int_not_equal(ctk_doc_parse_date("2024-13-01", &t, &day), 0);
	assert_int_not_equal(ctk_doc_parse_date("2024-09-06T12:15:00+2", &t,
	    &day), 0);
}

static void
columns_and_words(void **state)
{
	ctk_doc d;

	(void)state;
	assert_int_equal(ctk_doc_col_index("id"), CTK_DOC_ID);
	assert_int_equal(ctk_doc_col_index("text_hash"), CTK_DOC_TEXT_HASH);
	assert_int_equal(ctk_doc_col_index("nope"), -1);
	ctk_doc_init(&d);
	ctk_doc_add_word(&d, CTK_DOC_MENTIONS, "@a", 2);
	ctk_doc_add_word(&d, CTK_DOC_MENTIONS, "Jean Dupont", 11);
	ctk_doc_add_word(&d, CTK_DOC_MENTIONS, "", 0);
	assert_string_equal(d.col[CTK_DOC_MENTIONS].data, "@a Jean_Dupont");
	ctk_doc_reset(&d);
	assert_int_equal(d.col[CTK_DOC_MENTIONS].len, 0);
	ctk_doc_release(&d);
}

static void
zones(void **state)
{
	ctk_error err;
	ctk_tz *tz = ctk_tz_open("Europe/Paris", &err);

	(void)state;
	assert_non_null(tz);
	/* winter: UTC+1; summer: UTC+2 */
	assert_int_equal(ctk_tz_to_utc(tz, 2024, 1, 10, 9, 0, 0), 1704873600);
	assert_int_equal(ctk_tz_to_utc(tz, 2024, 7, 1, 12, 0, 0), 1719828000);
	ctk_tz_free(tz);
	assert_null(ctk_tz_open("Mars/Olympus", &err));
	assert_int_equal(err.code, CTK_EUSAGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(format_dates),
		cmocka_unit_test(parse_dates),
		cmocka_unit_test(columns_and_words),
		cmocka_unit_test(zones),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
