/*
 * textdate: written dates in French and English text to UTC (see
 * textdate.h). A small hand-written scanner: an optional weekday, then an
 * ISO, numeric or spelled-out date, then an optional time ("14h15",
 * "14 h 15", "à 14h15", "2:15 pm", "T14:15:00+02:00") and zone.
 */
#include "textdate.h"

#include <string.h>

#include "rfc3339.h"

struct stamp {
	int year, month, day, hour, minute, second;
	int has_offset, offset_min;
};

struct word {
	const char *name;
	int value;
};

/* Longer names first is not needed: a name only matches whole. */
static const struct word months[] = {
	{ "janvier", 1 }, { "janv", 1 }, { "january", 1 }, { "jan", 1 },
	{ "f\xc3\xa9vrier", 2 }, { "fevrier", 2 }, { "f\xc3\xa9vr", 2 },
	{ "fevr", 2 }, { "f\xc3\xa9v", 2 }, { "february", 2 }, { "feb", 2 },
	{ "mars", 3 }, { "march", 3 }, { "mar", 3 },
	{ "avril", 4 }, { "avr", 4 }, { "april", 4 }, { "apr", 4 },
	{ "mai", 5 }, { "may", 5 },
	{ "juin", 6 }, { "june", 6 }, { "jun", 6 },
	{ "juillet", 7 }, { "juill", 7 }, { "juil", 7 }, { "july", 7 },
	{ "jul", 7 },
	{ "ao\xc3\xbbt", 8 }, { "aout", 8 }, { "august", 8 }, { "aug", 8 },
	{ "septembre", 9 }, { "september", 9 }, { "sept", 9 }, { "sep", 9 },
	{ "octobre", 10 }, { "october", 10 }, { "oct", 10 },
	{ "novembre", 11 }, { "november", 11 }, { "nov", 11 },
	{ "d\xc3\xa9" "cembre", 12 }, { "decembre", 12 }, { "december", 12 },
	{ "d\xc3\xa9" "c", 12 }, { "dec", 12 },
	{ NULL, 0 }
};

static const struct word weekdays[] = {
	{ "lundi", 1 }, { "mardi", 2 }, { "mercredi", 3 }, { "jeudi", 4 },
	{ "vendredi", 5 }, { "samedi", 6 }, { "dimanche", 7 },
	{ "monday", 1 }, { "tuesday", 2 }, { "wednesday", 3 },
	{ "thursday", 4 }, { "friday", 5 }, { "saturday", 6 }, { "sunday", 7 },
	{ "mon", 1 }, { "tue", 2 }, { "tues", 2 }, { "wed", 3 }, { "thu", 4 },
	{ "thur", 4 }, { "thurs", 4 }, { "fri", 5 }, { "sat", 6 },
	{ "sun", 7 }, { "lun", 1 }, { "mer", 3 }, { "jeu", 4 },
	{ "ven", 5 }, { "sam", 6 }, { "dim", 7 },
	{ NULL, 0 }
};

/* Zone abbreviations news pages print after a time. */
static const struct word zones[] = {
	{ "utc", 0 }, { "gmt", 0 }, { "cet", 60 }, { "cest", 120 },
	{ "bst", 60 }, { "est", -300 }, { "edt", -240 }, { "cst", -360 },
	{ "cdt", -300 }, { "pst", -480 }, { "pdt", -420 },
	{ NULL, 0 }
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c;
}

/* 1 when a letter starts at p (a no-break space is not one). */
static int
letter_at(const char *p, const char *end)
{
	if (p >= end || !is_letter((unsigned char)*p))
		return 0;
	if ((unsigned char)*p < 0x80)
		return 1;
	return !(end - p >= 2 && memcmp(p, "\xc2\xa0", 2) == 0) &&
	    !(end - p >= 3 && (memcmp(p, "\xe2\x80\xaf", 3) == 0 ||
	    memcmp(p, "\xe2\x80\x89", 3) == 0));
}

/* Blanks, including the no-break and narrow no-break spaces of French
 * typography. */
static const char *
skip_blanks(const char *p, const char *end)
{
	for (;;) {
		if (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
		    *p == '\r'))
			p++;
		else if (end - p >= 2 && memcmp(p, "\xc2\xa0", 2) == 0)
			p += 2;
		else if (end - p >= 3 && (memcmp(p, "\xe2\x80\xaf", 3) == 0 ||
		    memcmp(p, "\xe2\x80\x89", 3) == 0))
			p += 3;
		else
			return p;
	}
}

/* A whole word of the table at p, ASCII case folded, with an optional
 * abbreviation dot; returns the end or NULL. */
static const char *
match_word(const char *p, const char *end, const struct word *table,
    int *value)
{
	if (p >= end)
		return NULL;
	for (size_t i = 0; table[i].name != NULL; i++) {
		const char *w = table[i].name, *q = p;

		/* every name starts with an ASCII letter: a cheap first test */
		if (lower((unsigned char)*p) != (unsigned char)*w)
			continue;
		while (*w != '\0' && q < end) {
			/* "DÉC.": a capital É is C3 89, small é C3 A9 */
			if ((unsigned char)*q == 0xC3 && end - q >= 2 &&
			    (unsigned char)w[0] == 0xC3 &&
			    (unsigned char)w[1] == 0xA9 &&
			    (unsigned char)q[1] == 0x89) {
				q += 2;
				w += 2;
			} else if (lower((unsigned char)*q) ==
			    (unsigned char)*w) {
				q++;
				w++;
			} else
				break;
		}
		if (*w != '\0' || letter_at(q, end))
			continue;
		if (q < end && *q == '.')
			q++;
		*value = table[i].value;
		return q;
	}
	return NULL;
}

/* 1 to max digits; NULL unless at least min digits and no more follow. */
static const char *
number(const char *p, const char *end, int min, int max, int *value)
{
	int n = 0, v = 0;

	while (p < end && is_digit((unsigned char)*p) && n < max) {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	if (n < min || (p < end && is_digit((unsigned char)*p)))
		return NULL;
	*value = v;
	return p;
}

static int
days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static int
valid_day(int y, int m, int d)
{
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= days_in_month(y, m);
}

/* "er", "st", "nd", "rd", "th" after a day number. */
static const char *
ordinal(const char *p, const char *end)
{
	static const char *const suffixes[] = { "er", "re", "st", "nd", "rd",
	    "th", NULL };

	for (size_t i = 0; suffixes[i] != NULL; i++)
		if (end - p >= 2 && lower((unsigned char)p[0]) ==
		    suffixes[i][0] && lower((unsigned char)p[1]) ==
		    suffixes[i][1] && !letter_at(p + 2, end))
			return p + 2;
	return p;
}

/* "2024-11-22" */
static const char *
iso_date(const char *p, const char *end, struct stamp *s)
{
	if ((p = number(p, end, 4, 4, &s->year)) == NULL || p >= end ||
	    *p != '-' || (p = number(p + 1, end, 2, 2, &s->month)) == NULL ||
	    p >= end || *p != '-' ||
	    (p = number(p + 1, end, 2, 2, &s->day)) == NULL)
		return NULL;
	return p;
}

/* "27/12/2016", "27.12.2016", "27-12-2016" */
static const char *
numeric_date(const char *p, const char *end, int month_first,
    struct stamp *s)
{
	int a, b;
	char sep;

	if ((p = number(p, end, 1, 2, &a)) == NULL || p >= end)
		return NULL;
	sep = *p;
	if ((sep != '/' && sep != '.' && sep != '-') ||
	    (p = number(p + 1, end, 1, 2, &b)) == NULL || p >= end ||
	    *p != sep || (p = number(p + 1, end, 4, 4, &s->year)) == NULL)
		return NULL;
	/* a number over 12 can only be the day, whatever the page's habit */
	if (month_first ? a > 12 && b <= 12 : b > 12 && a <= 12)
		month_first = !month_first;
	s->day = month_first ? b : a;
	s->month = month_first ? a : b;
	return p;
}

/* "6 septembre 2024", "1er mars 2023", "27th December 2016" */
static const char *
day_month_year(const char *p, const char *end, struct stamp *s)
{
	if ((p = number(p, end, 1, 2, &s->day)) == NULL)
		return NULL;
	p = skip_blanks(ordinal(p, end), end);
	if (end - p >= 3 && memcmp(p, "of ", 3) == 0)
		p = skip_blanks(p + 3, end);
	if ((p = match_word(p, end, months, &s->month)) == NULL)
		return NULL;
	p = skip_blanks(p, end);
	if (p < end && *p == ',')
		p = skip_blanks(p + 1, end);
	return number(p, end, 4, 4, &s->year);
}

/* "December 27, 2016", "Sept. 5th 2024" */
static const char *
month_day_year(const char *p, const char *end, struct stamp *s)
{
	if ((p = match_word(p, end, months, &s->month)) == NULL)
		return NULL;
	p = skip_blanks(p, end);
	if ((p = number(p, end, 1, 2, &s->day)) == NULL)
		return NULL;
	p = skip_blanks(ordinal(p, end), end);
	if (p < end && *p == ',')
		p = skip_blanks(p + 1, end);
	return number(p, end, 4, 4, &s->year);
}

/* Separators between a date and its time: ",", "-", "–", "—", "|", "·",
 * "à", "at", "@", "vers". */
static const char *
time_lead(const char *p, const char *end)
{
	static const char *const leads[] = { ",", "-", "\xe2\x80\x93",
	    "\xe2\x80\x94", "|", "\xc2\xb7", NULL };
	static const char *const words[] = { "\xc3\xa0", "a", "at", "@",
	    "vers", NULL };
	size_t i, n;

	p = skip_blanks(p, end);
	for (i = 0; leads[i] != NULL; i++) {
		n = strlen(leads[i]);
		if ((size_t)(end - p) >= n && memcmp(p, leads[i], n) == 0) {
			p = skip_blanks(p + n, end);
			break;
		}
	}
	for (i = 0; words[i] != NULL; i++) {
		n = strlen(words[i]);
		if ((size_t)(end - p) > n && strncmp(p, words[i], n) == 0 &&
		    !letter_at(p + n, end))
			return skip_blanks(p + n, end);
	}
	return p;
}

/* "am", "pm", "a.m.", "p.m." after a time: adjusts s->hour. */
static const char *
meridiem(const char *p, const char *end, struct stamp *s)
{
	const char *q = skip_blanks(p, end);
	int pm;

	if (end - q < 2 || (lower((unsigned char)*q) != 'a' &&
	    lower((unsigned char)*q) != 'p'))
		return p;
	pm = lower((unsigned char)*q) == 'p';
	if (lower((unsigned char)q[1]) == 'm')
		q += 2;
	else if (end - q >= 4 && q[1] == '.' && lower((unsigned char)q[2]) ==
	    'm' && q[3] == '.')
		q += 4;
	else
		return p;
	if (letter_at(q, end))
		return p;
	if (s->hour < 1 || s->hour > 12)
		return NULL;
	s->hour = s->hour % 12 + (pm ? 12 : 0);
	return q;
}

/* "Z", "+02:00", "+0200", "UTC", "GMT+1", "CEST" */
static const char *
zone(const char *p, const char *end, struct stamp *s)
{
	const char *q = p;
	int h, m = 0, sign, abbrev;

	if (q < end && *q == 'Z') {
		s->has_offset = 1;
		s->offset_min = 0;
		return q + 1;
	}
	q = skip_blanks(q, end);
	if ((q = match_word(q, end, zones, &abbrev)) != NULL) {
		s->has_offset = 1;
		s->offset_min = abbrev;
		p = q;
	} else
		q = p;
	if (q >= end || (*q != '+' && *q != '-'))
		return p;
	sign = *q == '-' ? -1 : 1;
	if ((q = number(q + 1, end, 1, 2, &h)) == NULL)
		return p;
	if (q < end && *q == ':')
		q++;
	if (q < end && is_digit((unsigned char)*q) &&
	    (q = number(q, end, 2, 2, &m)) == NULL)
		return p;
	if (h > 14 || m > 59)
		return p;
	s->has_offset = 1;
	s->offset_min += sign * (h * 60 + m);
	return q;
}

/* The time after a date; returns p itself when there is none. */
static const char *
clock_time(const char *p, const char *end, int iso, struct stamp *s);

static const char *
time_of_day(const char *p, const char *end, int iso, struct stamp *s)
{
	struct stamp tried = *s;
	const char *q = clock_time(p, end, iso, &tried);

	/* a failed attempt leaves the date at midnight */
	if (q != p)
		*s = tried;
	return q;
}

static const char *
clock_time(const char *p, const char *end, int iso, struct stamp *s)
{
	const char *q = iso && p < end && *p == 'T' ? p + 1 : time_lead(p,
	    end);
	int frac;

	if ((q = number(q, end, 1, 2, &s->hour)) == NULL)
		return p;
	if (q < end && *q == ':') {
		if ((q = number(q + 1, end, 2, 2, &s->minute)) == NULL)
			return p;
		if (q < end && *q == ':' &&
		    (q = number(q + 1, end, 2, 2, &s->second)) == NULL)
			return p;
		if (q < end && (*q == '.' || *q == ',') && q + 1 < end &&
		    is_digit((unsigned char)q[1]))
			q = number(q + 1, end, 1, 9, &frac);
	} else {
		const char *h = skip_blanks(q, end);

		if (h < end && (*h == 'h' || *h == 'H') &&
		    !letter_at(h + 1, end)) {
			const char *m = skip_blanks(h + 1, end);

			q = h + 1;
			if ((m = number(m, end, 2, 2, &s->minute)) != NULL)
				q = m;
		} else if ((h = meridiem(q, end, s)) == q || h == NULL)
			return p;
		else
			q = h;
	}
	if (q == NULL || (q = meridiem(q, end, s)) == NULL)
		return p;
	if (s->hour > 23 || s->minute > 59 || s->second > 59)
		return p;
	return zone(q, end, s);
}


static const char *
date_part(const char *p, const char *end, int month_first, struct stamp *s,
    int *iso)
{
	const char *q;

	*iso = 0;
	if ((q = iso_date(p, end, s)) != NULL) {
		*iso = 1;
		return q;
	}
	if ((q = numeric_date(p, end, month_first, s)) != NULL)
		return q;
	if ((q = day_month_year(p, end, s)) != NULL)
		return q;
	return month_day_year(p, end, s);
}

size_t
ctk_textdate_parse(const char *str, size_t n, const ctk_textdate_opts *o,
    int64_t *t)
{
	const char *p = str, *end = str + n, *q;
	struct stamp s;
	int iso, wd;

	memset(&s, 0, sizeof s);
	if ((q = match_word(p, end, weekdays, &wd)) != NULL) {
		q = skip_blanks(q, end);
		if (q < end && *q == ',')
			q = skip_blanks(q + 1, end);
		p = q;
	}
	if ((q = date_part(p, end, o != NULL && o->month_first, &s, &iso)) ==
	    NULL || !valid_day(s.year, s.month, s.day))
		return 0;
	q = time_of_day(q, end, iso, &s);
	if (s.has_offset || o == NULL || o->tz == NULL)
		*t = ctk_days_from_civil(s.year, s.month, s.day) * 86400 +
		    s.hour * 3600 + s.minute * 60 + s.second -
		    (int64_t)s.offset_min * 60;
	else
		*t = ctk_tz_to_utc(o->tz, s.year, s.month, s.day, s.hour,
		    s.minute, s.second);
	return (size_t)(q - str);
}

enum label { UNLABELLED, PUBLISHED, UPDATED };

/* The label of a date from the words just before it: the nearest of
 * "publié"/"published"/"posted" and "mis à jour"/"updated"/"modifié". */
static enum label
label_before(const char *text, size_t at)
{
	static const char *const published[] = { "publi", "posted",
	    "mis en ligne", "paru", NULL };
	static const char *const updated[] = { "mis \xc3\xa0 jour",
	    "mis a jour", "m\xc3\xa0j", "maj ", "updated", "update",
	    "modifi", "actualis", "edited", NULL };
	char window[64];
	size_t start = at > 48 ? at - 48 : 0, n = at - start, i;
	long best_pub = -1, best_upd = -1;

	for (i = 0; i < n; i++)
		window[i] = (char)lower((unsigned char)text[start + i]);
	window[n] = '\0';
	for (i = 0; published[i] != NULL; i++)
		for (const char *h = strstr(window, published[i]); h != NULL;
		    h = strstr(h + 1, published[i]))
			if (h - window > best_pub)
				best_pub = h - window;
	for (i = 0; updated[i] != NULL; i++)
		for (const char *h = strstr(window, updated[i]); h != NULL;
		    h = strstr(h + 1, updated[i]))
			if (h - window > best_upd)
				best_upd = h - window;
	if (best_pub < 0 && best_upd < 0)
		return UNLABELLED;
	return best_pub > best_upd ? PUBLISHED : UPDATED;
}

/* Can a date start with the ASCII letter c? Only a weekday or a month
 * name does (the other forms start with a digit): skipping the other
 * words saves trying every table on each of them. */
static int
may_start_date(unsigned char c)
{
	switch (lower(c)) {
	case 'a': case 'd': case 'f': case 'j': case 'l': case 'm': case 'n':
	case 'o': case 's': case 't': case 'v': case 'w':
		return 1;
	default:
		return 0;
	}
}

/* Only the start of a page is searched: bylines come first. */
#define SEARCH_LIMIT ((size_t)256 << 10)

int
ctk_textdate_find(const char *text, size_t n, const ctk_textdate_opts *o,
    char out[CTK_RFC3339_SIZE])
{
	int64_t t, found[3];
	int have[3] = { 0, 0, 0 };
	size_t i, used;
	enum label l;

	if (n > SEARCH_LIMIT)
		n = SEARCH_LIMIT;
	for (i = 0; i < n && !have[PUBLISHED]; i++) {
		unsigned char c = (unsigned char)text[i];

		if (!is_digit(c) && !((c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z')))
			continue;
		if (i > 0 && (is_digit((unsigned char)text[i - 1]) ||
		    is_letter((unsigned char)text[i - 1])))
			continue;
		if (!is_digit(c) && !may_start_date(c))
			continue;
		if ((used = ctk_textdate_parse(text + i, n - i, o, &t)) == 0)
			continue;
		l = label_before(text, i);
		if (!have[l]) {
			have[l] = 1;
			found[l] = t;
		}
		i += used - 1;
	}
	for (l = PUBLISHED; ; l = l == PUBLISHED ? UNLABELLED : UPDATED) {
		if (have[l]) {
			ctk_rfc3339_format(found[l], out);
			return 0;
		}
		if (l == UPDATED)
			return -1;
	}
}
