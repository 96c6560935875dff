/* fuzz_article: shared callbacks of the libFuzzer harnesses of the news
 * readers (article HTML, RSS/Atom, WARC): every field of every article is
 * touched (so a dangling pointer shows under ASan) and problems are
 * swallowed. Header only, included by the lib/NAME_fuzz.c harnesses. */
#ifndef CTK_FUZZ_ARTICLE_H
#define CTK_FUZZ_ARTICLE_H

#include <string.h>

#include "article.h"

static size_t fuzz_article_bytes;

static int
fuzz_article_emit(void *ctx, const ctk_article *a)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < CTK_ARTICLE_NCOLUMNS; i++)
		fuzz_article_bytes += strlen(ctk_article_field(a, i));
	return 0;
}

static int
fuzz_article_report(void *ctx, enum ctk_article_severity severity,
    const ctk_error *e)
{
	(void)ctx;
	(void)severity;
	(void)e;
	return 0;
}

static void
fuzz_article_opts(ctk_article_opts *o, int raw)
{
	memset(o, 0, sizeof *o);
	o->raw = raw;
	o->source = "fuzz";
	o->base_url = "https://example.org/a/b.html";
	o->emit = fuzz_article_emit;
	o->report = fuzz_article_report;
}

#endif
