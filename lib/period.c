/*
 * period: day numbers (days since 1970-01-01 in the proleptic Gregorian
 * calendar) are the common currency: days, weeks and labels are computed
 * from them with integer arithmetic, never through the C library's time
 * zone machinery.
 */
#include "period.h"

#include <stdio.h>
#include <string.h>

static long
floor_div(long a, long b)
{
	long q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Day number of y-m-d: count whole 400-year eras, then days in the era
 * with the year starting in March so that the leap day comes last. */
static long
day_number(long y, int m, int d)
{
	long era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_date(long z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int
days_in_month(long y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int
ctk_period_unit_parse(const char *name, enum ctk_period_unit *unit)
{
	static const char *const names[] = { "day", "week", "month", "year" };
	int i;

	for (i = 0; i < 4; i++) {
		if (strcmp(name, names[i]) == 0) {
			*unit = (enum ctk_period_unit)i;
			return 0;
		}
	}
	return -1;
}

static int
digits(const char *s, int n, long *out)
{
	long v = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int
parse_ymd(const char *s, size_t len, long *y, int *m, int *d)
{
	long mm, dd;

	if (len < 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, y) ||
	    digits(s + 5, 2, &mm) || digits(s + 8, 2, &dd))
		return -1;
	if (len > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ')
		return -1;
	if (mm < 1 || mm > 12 || dd < 1 || dd > days_in_month(*y, (int)mm))
		return -1;
	*m = (int)mm;
	*d = (int)dd;
	return 0;
}

/* Weeks are numbered so that week 0 starts on Monday 1969-12-29. */
static long
week_of_day(long z)
{
	return floor_div(z + 3, 7);
}

int
ctk_period_of_date(const char *date, size_t len, enum ctk_period_unit unit,
    long *ordinal)
{
	long y;
	int m, d;

	if (parse_ymd(date, len, &y, &m, &d) != 0)
		return -1;
	switch (unit) {
	case CTK_PERIOD_DAY:
		*ordinal = day_number(y, m, d);
		break;
	case CTK_PERIOD_WEEK:
		*ordinal = week_of_day(day_number(y, m, d));
		break;
	case CTK_PERIOD_MONTH:
		*ordinal = y * 12 + m - 1;
		break;
	case CTK_PERIOD_YEAR:
		*ordinal = y;
		break;
	}
	return 0;
}

void
ctk_period_label(enum ctk_period_unit unit, long ordinal, char *out,
    size_t size)
{
	long y;
	int m, d;

	switch (unit) {
	case CTK_PERIOD_DAY:
		civil_date(ordinal, &y, &m, &d);
		snprintf(out, size, "%04ld-%02d-%02d", y, m, d);
		break;
	case CTK_PERIOD_WEEK:
		/* the ISO week-year is the year of the week's Thursday */
		civil_date(ordinal * 7, &y, &m, &d);
		snprintf(out, size, "%04ld-W%02ld", y,
		    (ordinal * 7 - day_number(y, 1, 1)) / 7 + 1);
		break;
	case CTK_PERIOD_MONTH:
		snprintf(out, size, "%04ld-%02ld", floor_div(ordinal, 12),
		    ordinal - floor_div(ordinal, 12) * 12 + 1);
		break;
	case CTK_PERIOD_YEAR:
		snprintf(out, size, "%04ld", ordinal);
		break;
	}
}

int
ctk_period_parse_label(const char *s, enum ctk_period_unit *unit,
    long *ordinal)
{
	size_t len = strlen(s);
	long y, w, mm;
	int m, d;

	if (len == 4 && digits(s, 4, &y) == 0) {
		*unit = CTK_PERIOD_YEAR;
		*ordinal = y;
		return 0;
	}
	if (len == 7 && s[4] == '-' && digits(s, 4, &y) == 0 &&
	    digits(s + 5, 2, &mm) == 0 && mm >= 1 && mm <= 12) {
		*unit = CTK_PERIOD_MONTH;
		*ordinal = y * 12 + mm - 1;
		return 0;
	}
	if (len == 8 && s[4] == '-' && s[5] == 'W' && digits(s, 4, &y) == 0 &&
	    digits(s + 6, 2, &w) == 0 && w >= 1 && w <= 53) {
		/* week 1 is the week holding January 4th */
		*unit = CTK_PERIOD_WEEK;
		*ordinal = week_of_day(day_number(y, 1, 4)) + w - 1;
		return 0;
	}
	if (len == 10 && parse_ymd(s, len, &y, &m, &d) == 0) {
		*unit = CTK_PERIOD_DAY;
		*ordinal = day_number(y, m, d);
		return 0;
	}
	return -1;
}
