/* libFuzzer harness: written dates, read at the start of the input and
 * searched through it, in UTC, day first and month first. */
#include <stddef.h>
#include <stdint.h>

#include "textdate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ctk_textdate_opts o = { NULL, 0 };
	char out[CTK_RFC3339_SIZE];
	int64_t t;

	for (o.month_first = 0; o.month_first < 2; o.month_first++) {
		(void)ctk_textdate_parse((const char *)data, size, &o, &t);
		(void)ctk_textdate_find((const char *)data, size, &o, out);
	}
	return 0;
}
