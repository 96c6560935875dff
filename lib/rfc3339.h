/*
 * rfc3339: the dates found in web pages, feeds and WARC headers, turned
 * into the one form ctk writes: RFC 3339 in UTC, "2024-09-06T12:15:00Z".
 * Reads ISO 8601 / RFC 3339 (HTML meta tags, JSON-LD, <time>, Atom,
 * WARC-Date) and RFC 822 / RFC 1123 (RSS pubDate, HTTP headers).
 */
#ifndef CTK_RFC3339_H
#define CTK_RFC3339_H

#include <stdint.h>

#define CTK_RFC3339_SIZE 21	/* "YYYY-MM-DDTHH:MM:SSZ" and NUL */

/* "2024-09-06T14:15:00+02:00", "2024-09-06T12:15:00.123Z",
 * "2024-09-06 14:15", "20240906T141500Z", "2024-09-06" (midnight UTC).
 * A time without zone is taken as UTC. Writes out and returns 0, or
 * returns -1 when s is not such a date (out is then ""). */
int ctk_rfc3339_from_iso8601(const char *s, char out[CTK_RFC3339_SIZE]);

/* "Tue, 10 Jun 2003 04:00:00 GMT", "10 Jun 2003 06:00 +0200", weekday
 * optional, two-digit years as in RFC 822 (< 50: 20xx), zones GMT, UT, UTC,
 * Z, EST/EDT/CST/CDT/MST/MDT/PST/PDT, +hhmm, +hh:mm; no zone = UTC. */
int ctk_rfc3339_from_rfc822(const char *s, char out[CTK_RFC3339_SIZE]);

/* Tries ISO 8601, then RFC 822. */
int ctk_rfc3339_from_any(const char *s, char out[CTK_RFC3339_SIZE]);

/* Days from 1970-01-01 to the proleptic Gregorian date y-m-d (Howard
 * Hinnant's civil calendar): the one conversion every date parser of ctk
 * uses. */
int64_t ctk_days_from_civil(int64_t y, int m, int d);

/* Seconds since the epoch (proleptic Gregorian, no leap seconds) as
 * RFC 3339 UTC. */
void ctk_rfc3339_format(int64_t t, char out[CTK_RFC3339_SIZE]);

#endif
