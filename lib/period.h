/*
 * period: calendar periods for timelines. A date (RFC 3339, UTC, as in the
 * ctk stream: 2024-09-06T12:15:00Z, or just 2024-09-06) falls in one day,
 * ISO 8601 week (Monday to Sunday, labelled by ISO week-year: 2024-W36),
 * month (2024-09) or year (2024). Periods are numbered by consecutive
 * ordinals so that gaps can be zero-filled by counting from one to the next.
 */
#ifndef CTK_PERIOD_H
#define CTK_PERIOD_H

#include <stddef.h>

enum ctk_period_unit {
	CTK_PERIOD_DAY,
	CTK_PERIOD_WEEK,
	CTK_PERIOD_MONTH,
	CTK_PERIOD_YEAR
};

/* "day", "week", "month", "year" -> *unit; 0, or -1 for anything else. */
int ctk_period_unit_parse(const char *name, enum ctk_period_unit *unit);

/* Ordinal of the period holding date[0..len). Returns 0, or -1 when the
 * date does not start with a valid YYYY-MM-DD. */
int ctk_period_of_date(const char *date, size_t len,
    enum ctk_period_unit unit, long *ordinal);

/* Writes the label of a period ("2024-09-06", "2024-W36", "2024-09",
 * "2024") into out (at least 16 bytes). */
void ctk_period_label(enum ctk_period_unit unit, long ordinal, char *out,
    size_t size);

/* Reads a label back: its unit and ordinal. Returns 0, or -1 when s is not
 * a label. */
int ctk_period_parse_label(const char *s, enum ctk_period_unit *unit,
    long *ordinal);

#endif
