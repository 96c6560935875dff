/* libFuzzer harness: the supervised model reader (ctk_model_parse in
 * lib/model.c, behind `ctk classify predict --model`).
 *
 * The first byte chooses the mode. Odd: the rest is the whole file, as
 * read from disk, which tests the envelope (magic, version, length,
 * CRC-32). Even: the rest is the content after the 16-byte envelope
 * head, and the harness writes the magic, version 1, the length and a
 * valid CRC-32 itself, so that mutations reach the header fields, class
 * names, buckets and numbers instead of all dying at the checksum.
 *
 * A model that loads predicts a sample text, and must serialize back to
 * exactly the bytes it was read from (the format has one spelling). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "buf.h"
#include "ctk_features.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
put_le(unsigned char *p, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* Envelope around content[0..len): a malloc'd file of *total bytes. */
static unsigned char *
wrap(const uint8_t *content, size_t len, size_t *total)
{
	unsigned char *file;
	size_t n = 16 + len + 4;

	if ((file = malloc(n)) == NULL)
		return NULL;
	memcpy(file, "CTKM", 4);
	put_le(file + 4, CTK_MODEL_VERSION, 4);
	put_le(file + 8, n, 8);
	if (len > 0)
		memcpy(file + 16, content, len);
	put_le(file + 16 + len, crc32(0L, file, (uInt)(16 + len)), 4);
	*total = n;
	return file;
}

static void
predict_sample(const ctk_model *m)
{
	static const char sample[] = "Le gouvernement annonce une réforme; "
	    "the match ended in a draw. Кошка на ковре.";
	ctk_tokens t;
	ctk_fvec v;
	ctk_error err;
	double *prob = calloc(m->n_classes, sizeof *prob);
	size_t *top = calloc(m->n_classes, sizeof *top);

	ctk_tokens_init(&t);
	ctk_fvec_init(&v);
	if (prob != NULL && top != NULL &&
	    ctk_tokens_split(&t, sample, sizeof sample - 1, 0, &err) == 0 &&
	    ctk_features_hash(&v, &t, m->bits, m->ngrams, &err) == 0) {
		ctk_model_predict(m, &v, prob);
		ctk_model_top(m, prob, top, m->n_classes);
	}
	ctk_fvec_release(&v);
	ctk_tokens_release(&t);
	free(prob);
	free(top);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *file = NULL;
	const unsigned char *bytes;
	size_t len;
	ctk_buf again = CTK_BUF_INIT;
	ctk_model *m;
	ctk_error err;

	if (size < 1)
		return 0;
	if (data[0] & 1) {
		bytes = data + 1;
		len = size - 1;
	} else {
		if ((file = wrap(data + 1, size - 1, &len)) == NULL)
			return 0;
		bytes = file;
	}
	m = ctk_model_parse(bytes, len, &err);
	if (m != NULL) {
		predict_sample(m);
		if (ctk_model_serialize(m, &again, &err) == 0 &&
		    (again.len != len || memcmp(again.data, bytes, len) != 0))
			abort();	/* read and written forms differ */
		ctk_buf_release(&again);
		ctk_model_free(m);
	}
	free(file);
	return 0;
}
