/*
 * textdate: dates as people write them in French and English news pages
 * ("Publié le mardi 6 septembre 2024 à 14h15", "December 27, 2016, 2:15
 * pm", "27/12/2016", "2024-11-22"), to UTC. The last resort for the date
 * of a page whose markup names none.
 *
 * A date written without an offset is wall-clock time in opts->tz (UTC
 * when NULL); a date without a time is midnight there. Numeric dates are
 * day/month/year unless opts->month_first (pages in en-US).
 */
#ifndef CTK_TEXTDATE_H
#define CTK_TEXTDATE_H

#include <stddef.h>
#include <stdint.h>

#include "rfc3339.h"
#include "tz.h"

typedef struct ctk_textdate_opts {
	ctk_tz *tz;		/* zone of zoneless dates; NULL: UTC; not owned */
	int month_first;	/* 1: "12/27/2016" is m/d/y (en-US) */
} ctk_textdate_opts;

/* Reads one date (an optional weekday, the date, an optional time and
 * zone) at the very start of s[0..n). Returns the number of bytes it
 * used and sets *t to Unix seconds (UTC), or returns 0 when s does not
 * start with a date. o may be NULL (UTC, day first). */
size_t ctk_textdate_parse(const char *s, size_t n, const ctk_textdate_opts *o,
    int64_t *t);

/* The publication date written in text[0..n): the first date after a
 * "publié"/"published"/"posted" label, else the first date not labelled
 * as an update ("mis à jour", "updated", "modifié"), else the first
 * update. Writes it to out as RFC 3339 UTC and returns 0; returns -1
 * when the text holds no date. */
int ctk_textdate_find(const char *text, size_t n, const ctk_textdate_opts *o,
    char out[CTK_RFC3339_SIZE]);

#endif
