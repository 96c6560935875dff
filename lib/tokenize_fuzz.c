/* libFuzzer harness: the tokenizer (lib/tokenize.c) over arbitrary bytes
 * (invalid UTF-8 included), with sentences and n-grams on, then sentence
 * splitting and normalization of the same bytes. The first byte picks the
 * language and options. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "tokenize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
on_token(const ctk_tok_token *tok, void *arg)
{
	size_t text_len = *(size_t *)arg;

	if (tok->start > tok->end || tok->end > text_len)
		abort();
	return 0;
}

static int
on_sentence(size_t sent, size_t start, size_t end, void *arg)
{
	(void)sent;
	if (start > end || end > *(size_t *)arg)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { "fr", "en", "ru", "" };
	static ctk_tok *toks[8];
	ctk_tok_options o;
	ctk_error err;
	const char *norm;
	size_t norm_len, len;
	unsigned mode;
	ctk_tok *t;

	if (size == 0)
		return 0;
	mode = data[0] & 7;
	data++;
	len = size - 1;
	/* one tokenizer per mode, kept across runs as a tool keeps it */
	if (toks[mode] == NULL) {
		ctk_tok_options_init(&o);
		o.types = (1u << CTK_TOK_NTYPES) - 1;
		o.stem = mode & 1;
		o.strip_accents = (mode >> 1) & 1;
		o.nfkc = (mode >> 2) & 1;
		o.ngram_min = 1;
		o.ngram_max = mode & 2 ? 3 : 1;
		o.sentences = 1;
		o.lang = "fr";
		toks[mode] = ctk_tok_new(&o, &err);
		if (toks[mode] == NULL)
			return 0;
	}
	t = toks[mode];
	(void)ctk_tok_run(t, (const char *)data, len, langs[mode & 3],
	    on_token, &len, &err);
	(void)ctk_tok_sentences(t, (const char *)data, len, on_sentence, &len,
	    &err);
	(void)ctk_tok_normalize(t, (const char *)data, len, &norm, &norm_len);
	return 0;
}
