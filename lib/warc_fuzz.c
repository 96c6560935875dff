/* libFuzzer harness: WARC records and the HTTP responses inside them
 * (lib/warc.c), read as a stream through ctk_input (so .warc.gz too). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_article.h"
#include "input.h"
#include "warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ctk_article_opts o;
	ctk_article_stats st = { 0 };
	ctk_error err;
	ctk_input *in = ctk_input_from_memory(data, size, "fuzz", NULL);

	if (in == NULL)
		return 0;
	fuzz_article_opts(&o, 0);
	(void)ctk_warc_ingest(in, &o, &st, &err);
	ctk_input_close(in);
	return 0;
}
