/*
 * tz: wall-clock time in a named zone (IANA "Europe/Paris") to UTC, for
 * exports that write local time without an offset (old Telegram JSON
 * `date`, HTML `title` attributes). Uses ICU's zone data, so it needs no
 * process-wide TZ setting.
 */
#ifndef CTK_TZ_H
#define CTK_TZ_H

#include <stdint.h>

#include "error.h"

typedef struct ctk_tz ctk_tz;

/* Opens zone name ("UTC", "Europe/Paris", ...). Returns NULL and fills err
 * (CTK_EUSAGE) for an unknown zone. Free with ctk_tz_free(). */
ctk_tz *ctk_tz_open(const char *name, ctk_error *err);
void ctk_tz_free(ctk_tz *tz);
const char *ctk_tz_name(const ctk_tz *tz);

/* Unix seconds of a wall-clock time in tz. A time repeated when clocks go
 * back takes its first (summer time) instance; a time skipped when they go
 * forward is read with the offset in force before the change. */
int64_t ctk_tz_to_utc(ctk_tz *tz, int year, int month, int day, int hour,
    int minute, int second);

#endif
