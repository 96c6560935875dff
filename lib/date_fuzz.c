/* libFuzzer harness: the date parsers (ctk_doc_parse_date in lib/doc.c,
 * ISO 8601 and RFC 822 in lib/rfc3339.c), and formatting of whatever they
 * accept: a parsed date must format and parse back to the same instant. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "rfc3339.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[256], out[CTK_RFC3339_SIZE], again[CTK_RFC3339_SIZE];
	int64_t t, t2;
	int is_day;

	if (size >= sizeof s)
		size = sizeof s - 1;
	memcpy(s, data, size);
	s[size] = '\0';
	if (ctk_doc_parse_date(s, &t, &is_day) == 0) {
		ctk_rfc3339_format(t, out);
		if (ctk_doc_parse_date(out, &t2, &is_day) != 0 || t2 != t)
			abort();
	}
	(void)ctk_rfc3339_from_iso8601(s, out);
	(void)ctk_rfc3339_from_rfc822(s, out);
	if (ctk_rfc3339_from_any(s, out) == 0 &&
	    ctk_rfc3339_from_any(out, again) == 0 && strcmp(out, again) != 0)
		abort();
	return 0;
}
