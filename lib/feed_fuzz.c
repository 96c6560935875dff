/* libFuzzer harness: RSS and Atom feeds (lib/feed.c, libxml2 with network,
 * entities and DTD loading off). */
#include <stddef.h>
#include <stdint.h>

#include "feed.h"
#include "fuzz_article.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ctk_article_opts o;
	ctk_article_stats st = { 0 };
	ctk_error err;

	fuzz_article_opts(&o, 1);
	(void)ctk_feed_parse((const char *)data, size, &o, &st, &err);
	return 0;
}
