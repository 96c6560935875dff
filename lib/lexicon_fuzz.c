/* libFuzzer harness: the lexicon reader (ctk_lexicon_load in
 * lib/lexicon.c), TSV and LIWC .dic alike, and matching with what it
 * loaded. The first byte chooses the flags (bit 0: strip accents); the
 * rest is the file. A lexicon that loads is matched against a sample
 * text, so that the index built from fuzzed terms is walked too. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "buf.h"
#include "ctk_features.h"
#include "input.h"
#include "lexicon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
ignore_report(void *ctx, const ctk_error *err)
{
	(void)ctx;
	(void)err;
}

/* Matches the sample, then the file's own bytes as a text, so that terms
 * the fuzzer wrote can find themselves. */
static void
match_some(ctk_lexicon *lx, const uint8_t *text, size_t len)
{
	static const char sample[] = "Je suis très heureux, happy happy "
	    "joy! L'abandon des élèves, not good at all; sad * ** abc";
	ctk_buf matches = CTK_BUF_INIT;
	ctk_tokens t;
	ctk_error err;
	double *total;
	size_t n = ctk_lexicon_ncategories(lx), i;

	if ((total = calloc(n ? n : 1, sizeof *total)) == NULL)
		return;
	for (i = 0; i < n; i++)
		(void)ctk_lexicon_category(lx, i);
	ctk_tokens_init(&t);
	if (ctk_tokens_split(&t, sample, sizeof sample - 1,
	    ctk_lexicon_flags(lx), &err) == 0)
		(void)ctk_lexicon_match(lx, &t, total, &matches, &err);
	if (ctk_tokens_split(&t, (const char *)text, len,
	    ctk_lexicon_flags(lx), &err) == 0)
		(void)ctk_lexicon_match(lx, &t, total, &matches, &err);
	ctk_tokens_release(&t);
	ctk_buf_release(&matches);
	free(total);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ctk_lexicon *lx;
	ctk_input *in;
	ctk_error err;
	unsigned flags;

	if (size < 1)
		return 0;
	flags = (data[0] & 1) ? CTK_TOKENS_STRIP_ACCENTS : 0;
	data++;
	size--;
	if ((lx = ctk_lexicon_new(flags)) == NULL)
		return 0;
	in = ctk_input_from_memory(data, size, "fuzz", &err);
	if (in != NULL && ctk_lexicon_load(lx, in, ignore_report, NULL,
	    &err) == 0) {
		(void)ctk_lexicon_nterms(lx);
		match_some(lx, data, size);
	}
	ctk_input_close(in);
	ctk_lexicon_free(lx);
	return 0;
}
