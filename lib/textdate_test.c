/*
 * textdate_test: written dates to UTC. Every expected value was worked
 * out by hand: Paris is UTC+1 in winter and UTC+2 from the last Sunday of
 * March (02:00 -> 03:00) to the last Sunday of October (03:00 -> 02:00).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "textdate.h"

enum { UTC, PARIS };

struct parse_case {
	const char *text;
	int zone;		/* UTC or PARIS */
	int month_first;
	const char *want;	/* NULL: no date */
	size_t used;		/* bytes read; 0: the whole text */
};

static const struct parse_case parse_cases[] = {
	/* French, Paris time, summer (UTC+2) and winter (UTC+1) */
	{ "6 septembre 2024", PARIS, 0, "2024-09-05T22:00:00Z", 0 },
	{ "mardi 6 septembre 2024 \xc3\xa0 14h15", PARIS, 0,
	    "2024-09-06T12:15:00Z", 0 },
	{ "6 septembre 2024 \xc3\xa0 14 h 15", PARIS, 0,
	    "2024-09-06T12:15:00Z", 0 },
	{ "Mardi 6 septembre 2024, 14h15", PARIS, 0,
	    "2024-09-06T12:15:00Z", 0 },
	{ "1er mars 2023", PARIS, 0, "2023-02-28T23:00:00Z", 0 },
	{ "1er mars 2023 \xc3\xa0 9h", PARIS, 0, "2023-03-01T08:00:00Z", 0 },
	{ "12 janv. 2024", PARIS, 0, "2024-01-11T23:00:00Z", 0 },
	{ "3 f\xc3\xa9vr. 2024 10:30", PARIS, 0, "2024-02-03T09:30:00Z", 0 },
	{ "3 fevrier 2024", UTC, 0, "2024-02-03T00:00:00Z", 0 },
	{ "15 ao\xc3\xbbt 2024, 08h05", PARIS, 0, "2024-08-15T06:05:00Z", 0 },
	{ "15 aout 2024", UTC, 0, "2024-08-15T00:00:00Z", 0 },
	{ "25 d\xc3\xa9" "c. 2023", UTC, 0, "2023-12-25T00:00:00Z", 0 },
	{ "1 D\xc3\x89" "C. 2023", PARIS, 0, "2023-11-30T23:00:00Z", 0 },
	{ "4 juil. 2022 \xc3\xa0 18h00", PARIS, 0, "2022-07-04T16:00:00Z", 0 },
	{ "vendredi 22 novembre 2024 \xc3\xa0 07h45", PARIS, 0,
	    "2024-11-22T06:45:00Z", 0 },
	{ "6\xc2\xa0septembre\xc2\xa0" "2024", UTC, 0,
	    "2024-09-06T00:00:00Z", 0 },
	{ "6 sept. 2024 14:15:30", UTC, 0, "2024-09-06T14:15:30Z", 0 },
	{ "6 septembre 2024 \xc3\xa0 14h15 CEST", UTC, 0,
	    "2024-09-06T12:15:00Z", 0 },
	/* English */
	{ "December 27, 2016", UTC, 0, "2016-12-27T00:00:00Z", 0 },
	{ "December 27, 2016, 2:15 pm", UTC, 0, "2016-12-27T14:15:00Z", 0 },
	{ "Sept. 5, 2024 at 9:05 a.m.", UTC, 0, "2024-09-05T09:05:00Z", 0 },
	{ "Jan 3, 2021 12:00 am", UTC, 0, "2021-01-03T00:00:00Z", 0 },
	{ "Jan 3, 2021 12:30 PM", UTC, 0, "2021-01-03T12:30:00Z", 0 },
	{ "May 2, 2019 2 pm", UTC, 0, "2019-05-02T14:00:00Z", 0 },
	{ "Tuesday, March 12, 2024", UTC, 0, "2024-03-12T00:00:00Z", 0 },
	{ "27th December 2016", UTC, 0, "2016-12-27T00:00:00Z", 0 },
	{ "1st July 2023", UTC, 0, "2023-07-01T00:00:00Z", 0 },
	{ "March 12, 2024 7:30 GMT", PARIS, 0, "2024-03-12T07:30:00Z", 0 },
	{ "July 4, 2024 10:00 EDT", UTC, 0, "2024-07-04T14:00:00Z", 0 },
	/* numeric: day first, or month first for en-US pages */
	{ "27/12/2016", PARIS, 0, "2016-12-26T23:00:00Z", 0 },
	{ "12/27/2016", UTC, 1, "2016-12-27T00:00:00Z", 0 },
	{ "03/04/2024", UTC, 0, "2024-04-03T00:00:00Z", 0 },
	{ "03/04/2024", UTC, 1, "2024-03-04T00:00:00Z", 0 },
	{ "06.09.2024 14:15", PARIS, 0, "2024-09-06T12:15:00Z", 0 },
	/* a number over 12 is the day whatever the order */
	{ "27/12/2016", UTC, 1, "2016-12-27T00:00:00Z", 0 },
	{ "12/27/2016", UTC, 0, "2016-12-27T00:00:00Z", 0 },
	/* ISO; a written offset wins over the zone */
	{ "2024-11-22", UTC, 0, "2024-11-22T00:00:00Z", 0 },
	{ "2024-11-22", PARIS, 0, "2024-11-21T23:00:00Z", 0 },
	{ "2024-11-22T10:00:00+01:00", PARIS, 0, "2024-11-22T09:00:00Z", 0 },
	{ "2024-07-01T10:00:00Z", PARIS, 0, "2024-07-01T10:00:00Z", 0 },
	{ "2024-07-01 10:00", PARIS, 0, "2024-07-01T08:00:00Z", 0 },
	{ "2024-07-01 10:00 UTC", PARIS, 0, "2024-07-01T10:00:00Z", 0 },
	/* around the clock changes in Paris */
	{ "31 mars 2024 \xc3\xa0 01h30", PARIS, 0, "2024-03-31T00:30:00Z", 0 },
	{ "31 mars 2024 \xc3\xa0 03h30", PARIS, 0, "2024-03-31T01:30:00Z", 0 },
	{ "31 mars 2024 \xc3\xa0 02h30", PARIS, 0, "2024-03-31T01:30:00Z", 0 },
	{ "27 octobre 2024 \xc3\xa0 01h30", PARIS, 0, "2024-10-26T23:30:00Z",
	    0 },
	{ "27 octobre 2024 \xc3\xa0 03h30", PARIS, 0, "2024-10-27T02:30:00Z",
	    0 },
	/* what a date ends with, and what is no date */
	{ "6 septembre 2024 \xc3\xa0 Lyon", PARIS, 0, "2024-09-05T22:00:00Z",
	    16 },
	{ "27/12/2016 12 commentaires", UTC, 0, "2016-12-27T00:00:00Z", 10 },
	{ "29 f\xc3\xa9vrier 2024", UTC, 0, "2024-02-29T00:00:00Z", 0 },
	{ "29 f\xc3\xa9vrier 2023", UTC, 0, NULL, 0 },
	{ "31/04/2024", UTC, 0, NULL, 0 },
	{ "13/13/2024", UTC, 0, NULL, 0 },
	{ "6 septembre", UTC, 0, NULL, 0 },
	{ "septembre 2024", UTC, 0, NULL, 0 },
	{ "14h15", UTC, 0, NULL, 0 },
	{ "Le 6 septembre 2024", UTC, 0, NULL, 0 },
	{ "6 septembres 2024", UTC, 0, NULL, 0 },
	{ "12/2024", UTC, 0, NULL, 0 },
};

static ctk_tz *paris;

static int
setup(void **state)
{
	ctk_error err;

	(void)state;
	paris = ctk_tz_open("Europe/Paris", &err);
	return paris == NULL;
}

static int
teardown(void **state)
{
	(void)state;
	ctk_tz_free(paris);
	return 0;
}

static void
test_parse(void **state)
{
	char got[CTK_RFC3339_SIZE];
	size_t i, used;
	int64_t t;

	(void)state;
	for (i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
		const struct parse_case *c = &parse_cases[i];
		ctk_textdate_opts o = { c->zone == PARIS ? paris : NULL,
		    c->month_first };

		used = ctk_textdate_parse(c->text, strlen(c->text), &o, &t);
		if (c->want == NULL) {
			if (used != 0)
				fail_msg("\"%s\": read a date", c->text);
			continue;
		}
		if (used == 0)
			fail_msg("\"%s\": no date", c->text);
		ctk_rfc3339_format(t, got);
		if (strcmp(got, c->want) != 0)
			fail_msg("\"%s\": %s, want %s", c->text, got, c->want);
		if (used != (c->used ? c->used : strlen(c->text)))
			fail_msg("\"%s\": read %zu bytes", c->text, used);
	}
}

struct find_case {
	const char *text;
	int zone;
	int month_first;
	const char *want;
};

static const struct find_case find_cases[] = {
	{ "Par Claire Dub\xc5\x93uf Publi\xc3\xa9 le 6 septembre 2024 \xc3\xa0"
	    " 14h15, mis \xc3\xa0 jour le 7 septembre 2024 \xc3\xa0 08h00",
	    PARIS, 0, "2024-09-06T12:15:00Z" },
	{ "Mis \xc3\xa0 jour le 7 septembre 2024 \xc3\xa0 08h00. Publi\xc3\xa9"
	    " le 6 septembre 2024 \xc3\xa0 14h15", PARIS, 0,
	    "2024-09-06T12:15:00Z" },
	{ "Updated March 13, 2024. Posted March 12, 2024 9:00 am", UTC, 0,
	    "2024-03-12T09:00:00Z" },
	{ "Mis \xc3\xa0 jour le 7 septembre 2024", PARIS, 0,
	    "2024-09-06T22:00:00Z" },
	{ "Le concert aura lieu le 1er mars 2023 \xc3\xa0 Paris.", PARIS, 0,
	    "2023-02-28T23:00:00Z" },
	{ "By Fiona MacLeod | 12/27/2016", UTC, 1, "2016-12-27T00:00:00Z" },
	{ "Accueil > Monde. Le 3 avril 2024, vers 10h, puis le 5 avril 2024",
	    PARIS, 0, "2024-04-03T08:00:00Z" },
	{ "No date here in 2024, only 12/2024 and x2024-11-22", UTC, 0,
	    NULL },
	{ "", UTC, 0, NULL },
};

static void
test_find(void **state)
{
	char got[CTK_RFC3339_SIZE];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof find_cases / sizeof find_cases[0]; i++) {
		const struct find_case *c = &find_cases[i];
		ctk_textdate_opts o = { c->zone == PARIS ? paris : NULL,
		    c->month_first };

		rc = ctk_textdate_find(c->text, strlen(c->text), &o, got);
		if (c->want == NULL) {
			if (rc == 0)
				fail_msg("\"%s\": found %s", c->text, got);
			continue;
		}
		if (rc != 0)
			fail_msg("\"%s\": no date", c->text);
		if (strcmp(got, c->want) != 0)
			fail_msg("\"%s\": %s, want %s", c->text, got, c->want);
	}
}

static void
test_no_opts_is_utc(void **state)
{
	int64_t t;

	(void)state;
	assert_int_equal(ctk_textdate_parse("2 janvier 1970", 14, NULL, &t),
	    14);
	assert_int_equal(t, 86400);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_no_opts_is_utc),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
