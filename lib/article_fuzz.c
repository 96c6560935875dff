/* libFuzzer harness: news page extraction (lib/article*.c): format
 * sniffing, charset detection, HTML parsing, main-text extraction; the
 * first byte chooses raw or extracted text. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_article.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ctk_article_opts o;
	ctk_article_stats st = { 0 };
	ctk_error err;

	if (size == 0)
		return 0;
	fuzz_article_opts(&o, data[0] & 1);
	(void)ctk_article_ingest_bytes((const char *)data + 1, size - 1, &o,
	    &st, &err);
	return 0;
}
