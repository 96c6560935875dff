/* libFuzzer harness: the Telegram HTML export page reader (lib/tghtml.c, libxml2), through ctk_input (so gzip too), with
 * every document written out as TSV. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_ingest(data, size, ctk_tghtml_read_page);
	return 0;
}
