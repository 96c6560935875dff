/* tz: local wall-clock time to UTC with ICU calendars (see tz.h). */
#include "tz.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/ustring.h>

struct ctk_tz {
	char *name;
	UCalendar *cal;
};

ctk_tz *
ctk_tz_open(const char *name, ctk_error *err)
{
	UChar id[128], canon[128];
	UErrorCode status = U_ZERO_ERROR;
	UBool is_system = 0;
	ctk_tz *tz;

	if (strlen(name) >= sizeof id / sizeof id[0]) {
		ctk_error_set(err, CTK_EUSAGE, 0, 0, "unknown time zone '%s'",
		    name);
		return NULL;
	}
	u_uastrcpy(id, name);
	ucal_getCanonicalTimeZoneID(id, -1, canon, 128, &is_system, &status);
	if (U_FAILURE(status) || !is_system) {
		ctk_error_set(err, CTK_EUSAGE, 0, 0, "unknown time zone '%s'",
		    name);
		return NULL;
	}
	if ((tz = calloc(1, sizeof *tz)) == NULL ||
	    (tz->name = strdup(name)) == NULL) {
		free(tz);
		ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
		return NULL;
	}
	tz->cal = ucal_open(id, -1, "en_US_POSIX", UCAL_GREGORIAN, &status);
	if (U_FAILURE(status)) {
		ctk_error_set(err, CTK_EUSAGE, 0, 0, "time zone '%s': %s",
		    name, u_errorName(status));
		ctk_tz_free(tz);
		return NULL;
	}
	ucal_setGregorianChange(tz->cal, -1e300, &status);
	return tz;
}

void
ctk_tz_free(ctk_tz *tz)
{
	if (tz == NULL)
		return;
	if (tz->cal != NULL)
		ucal_close(tz->cal);
	free(tz->name);
	free(tz);
}

const char *
ctk_tz_name(const ctk_tz *tz)
{
	return tz->name;
}

int64_t
ctk_tz_to_utc(ctk_tz *tz, int year, int month, int day, int hour, int minute,
    int second)
{
	UErrorCode status = U_ZERO_ERROR;
	UDate ms;

	ucal_clear(tz->cal);
	ucal_setDateTime(tz->cal, year, month - 1, day, hour, minute, second,
	    &status);
	ms = ucal_getMillis(tz->cal, &status);
	if (U_FAILURE(status))
		return 0;
	return (int64_t)(ms / 1000.0 + (ms < 0 ? -0.5 : 0.5));
}
