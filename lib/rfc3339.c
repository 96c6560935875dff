/*
 * rfc3339: ISO 8601 and RFC 822 dates to RFC 3339 UTC (see rfc3339.h).
 * Calendar arithmetic is done here rather than with timegm()/gmtime(),
 * which depend on the C library and the TZ environment.
 */
#include "rfc3339.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int64_t
ctk_days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Writes v as exactly n decimal digits. */
static void
put(char *p, int v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
ctk_rfc3339_format(int64_t t, char out[CTK_RFC3339_SIZE])
{
	int64_t days = (t >= 0 ? t : t - 86399) / 86400;
	int64_t secs = t - days * 86400, z, era, doe, yoe, y, doy, mp, d, m;

	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	if (y < 0 || y > 9999) {
		out[0] = '\0';
		return;
	}
	put(out, (int)y, 4);
	out[4] = '-';
	put(out + 5, (int)m, 2);
	out[7] = '-';
	put(out + 8, (int)d, 2);
	out[10] = 'T';
	put(out + 11, (int)(secs / 3600), 2);
	out[13] = ':';
	put(out + 14, (int)(secs / 60 % 60), 2);
	out[16] = ':';
	put(out + 17, (int)(secs % 60), 2);
	out[19] = 'Z';
	out[20] = '\0';
}

/* Reads exactly n digits. */
static int
digits(const char **p, int n, int *value)
{
	int v = 0;

	while (n-- > 0) {
		/* *p is a NUL-terminated string (clang-analyzer sees an
		 * uninitialized byte through ctk_rfc3339_from_iso8601) */
		/* NOLINTNEXTLINE(clang-analyzer-core.uninitialized.ArraySubscript) */
		if (!isdigit((unsigned char)**p))
			return -1;
		v = v * 10 + (*(*p)++ - '0');
	}
	*value = v;
	return 0;
}

static int
valid(int y, int mo, int d, int h, int mi, int s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 &&
	    d <= mdays[mo - 1] && h >= 0 && h <= 24 && mi >= 0 && mi <= 59 &&
	    s >= 0 && s <= 60;
}

static int
emit(int y, int mo, int d, int h, int mi, int s, int offset_min,
    char out[CTK_RFC3339_SIZE])
{
	int64_t t;

	if (!valid(y, mo, d, h, mi, s)) {
		out[0] = '\0';
		return -1;
	}
	if (s == 60)
		s = 59;	/* a leap second is not worth a broken date */
	t = ctk_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s -
	    (int64_t)offset_min * 60;
	ctk_rfc3339_format(t, out);
	return out[0] != '\0' ? 0 : -1;
}

/* "+hh:mm", "+hhmm", "+hh", "Z" or nothing; *offset in minutes. */
static int
iso_zone(const char *p, int *offset)
{
	int sign, hh = 0, mm = 0;

	*offset = 0;
	while (*p == ' ')
		p++;
	if (*p == '\0' || ((*p == 'Z' || *p == 'z') && p[1] == '\0'))
		return 0;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, &hh) < 0)
		return -1;
	if (*p == ':')
		p++;
	if (*p != '\0' && digits(&p, 2, &mm) < 0)
		return -1;
	if (*p != '\0' || hh > 23 || mm > 59)
		return -1;
	*offset = sign * (hh * 60 + mm);
	return 0;
}

int
ctk_rfc3339_from_iso8601(const char *s, char out[CTK_RFC3339_SIZE])
{
	char trimmed[64];
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0, offset, basic;
	size_t n;

	out[0] = '\0';
	while (isspace((unsigned char)*p))
		p++;
	/* a copy without trailing blanks, so the zone is at the end */
	for (n = strlen(p); n > 0 && isspace((unsigned char)p[n - 1]); n--)
		;
	if (n >= sizeof trimmed)
		return -1;
	memcpy(trimmed, p, n);
	trimmed[n] = '\0';
	p = trimmed;
	if (digits(&p, 4, &y) < 0)
		return -1;
	basic = *p != '-';
	if (!basic)
		p++;
	if (digits(&p, 2, &mo) < 0 || (!basic && *p++ != '-') ||
	    digits(&p, 2, &d) < 0)
		return -1;
	if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
		p++;
		if (digits(&p, 2, &h) < 0 || (!basic && *p++ != ':') ||
		    digits(&p, 2, &mi) < 0)
			return -1;
		if ((!basic && *p == ':') || (basic && isdigit((unsigned char)*p))) {
			if (!basic)
				p++;
			if (digits(&p, 2, &sec) < 0)
				return -1;
		}
		if (*p == '.' || *p == ',')
			for (p++; isdigit((unsigned char)*p); p++)
				;
	}
	if (iso_zone(p, &offset) < 0)
		return -1;
	return emit(y, mo, d, h, mi, sec, offset, out);
}

static int
month_number(const char *p)
{
	static const char *const names[] = { "jan", "feb", "mar", "apr",
	    "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
	int i;

	for (i = 0; i < 12; i++)
		if (strncasecmp(p, names[i], 3) == 0)
			return i + 1;
	return 0;
}

static int
rfc822_zone(const char *p, int *offset)
{
	static const struct {
		const char *name;
		int minutes;
	} zones[] = { { "GMT", 0 }, { "UTC", 0 }, { "UT", 0 }, { "Z", 0 },
	    { "EST", -300 }, { "EDT", -240 }, { "CST", -360 },
	    { "CDT", -300 }, { "MST", -420 }, { "MDT", -360 },
	    { "PST", -480 }, { "PDT", -420 } };
	size_t i, len;

	while (*p == ' ')
		p++;
	*offset = 0;
	if (*p == '+' || *p == '-')
		return iso_zone(p, offset);
	for (len = 0; isalpha((unsigned char)p[len]); len++)
		;
	if (len == 0)
		return *p == '\0' ? 0 : -1;
	for (i = 0; i < sizeof zones / sizeof zones[0]; i++)
		if (strlen(zones[i].name) == len &&
		    strncasecmp(p, zones[i].name, len) == 0) {
			*offset = zones[i].minutes;
			return 0;
		}
	return 0;	/* military or unknown zone: RFC 5322 says take UTC */
}

int
ctk_rfc3339_from_rfc822(const char *s, char out[CTK_RFC3339_SIZE])
{
	const char *p = s;
	int y, mo, d, h, mi, sec = 0, offset, n;

	out[0] = '\0';
	while (isspace((unsigned char)*p))
		p++;
	if (isalpha((unsigned char)*p)) {	/* weekday */
		while (isalpha((unsigned char)*p))
			p++;
		if (*p == ',')
			p++;
		while (*p == ' ')
			p++;
	}
	for (d = 0, n = 0; isdigit((unsigned char)*p) && n < 2; n++)
		d = d * 10 + (*p++ - '0');
	if (n == 0 || *p++ != ' ' || (mo = month_number(p)) == 0)
		return -1;
	while (isalpha((unsigned char)*p))
		p++;
	while (*p == ' ')
		p++;
	for (y = 0, n = 0; isdigit((unsigned char)*p) && n < 4; n++)
		y = y * 10 + (*p++ - '0');
	if (n == 2)
		y += y < 50 ? 2000 : 1900;
	else if (n != 4)
		return -1;
	while (*p == ' ')
		p++;
	if (digits(&p, 2, &h) < 0 || *p++ != ':' || digits(&p, 2, &mi) < 0)
		return -1;
	if (*p == ':' && (p++, digits(&p, 2, &sec) < 0))
		return -1;
	if (rfc822_zone(p, &offset) < 0)
		return -1;
	return emit(y, mo, d, h, mi, sec, offset, out);
}

int
ctk_rfc3339_from_any(const char *s, char out[CTK_RFC3339_SIZE])
{
	if (ctk_rfc3339_from_iso8601(s, out) == 0)
		return 0;
	return ctk_rfc3339_from_rfc822(s, out);
}
