/*
 * features (ctk_features.h, not features.h, which would shadow glibc's):
 * what the supervised classifiers and the lexicon see of a
 * document. Tokens come either from a `tokens` column written by ctk
 * tokenize (split on ASCII spaces, taken as they are: tokenize has already
 * case-folded and NFC-normalized them) or from raw text split on Unicode
 * White_Space, each token then case-folded (Unicode full case folding) and
 * NFC-normalized. Accents can be stripped (NFD, drop the nonspacing marks,
 * NFC) on either path.
 *
 * Hashed features for the models: each token (unigram) and each pair of
 * adjacent tokens (bigram, hashed as the two tokens joined by one space)
 * is hashed with 64-bit FNV-1a, mixed with the MurmurHash3 finalizer, and
 * its low `bits` bits are the bucket. The result is a sparse vector of
 * (bucket, count), sorted by bucket.
 */
#ifndef CTK_FEATURES_H
#define CTK_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"

enum {
	CTK_TOKENS_PRETOKENIZED = 1,	/* input is a tokens column */
	CTK_TOKENS_STRIP_ACCENTS = 2,	/* remove diacritics */
	CTK_TOKENS_TRIM_PUNCT = 4	/* raw text: trim punctuation (Unicode
					 * category P) off both ends of each
					 * token, dropping tokens left empty */
};

/* The tokens of one document. Reuse one across documents: memory is kept
 * between calls. ctk_tokens_release() frees it. */
typedef struct ctk_tokens {
	ctk_buf text;		/* the tokens, each followed by a NUL */
	size_t *start;		/* token i is text.data + start[i] */
	size_t *len;		/* ... of len[i] bytes */
	size_t n;
	size_t cap;
	void *scratch;		/* UTF-16 work space for ICU */
	size_t scratch_cap;	/* in UTF-16 units, per half */
	struct latin *latin;	/* fast path for Latin letters, made lazily */
} ctk_tokens;

void ctk_tokens_init(ctk_tokens *t);
void ctk_tokens_release(ctk_tokens *t);

/* Replaces the content of t with the tokens of s[0..len) as described
 * above (flags: CTK_TOKENS_*). Invalid UTF-8 bytes are kept as they are
 * (only ASCII is folded in such a token). Returns 0, or CTK_ENOMEM. */
int ctk_tokens_split(ctk_tokens *t, const char *s, size_t len,
    unsigned flags, ctk_error *err);

/* Normalizes one term (a lexicon entry) the way raw-text tokens are:
 * case fold, NFC, accents stripped when flags says so; appends the result
 * to out. Returns 0, or CTK_ENOMEM. */
int ctk_tokens_normalize(ctk_tokens *t, ctk_buf *out, const char *s,
    size_t len, unsigned flags, ctk_error *err);

/* A sparse feature vector: n (bucket, value) pairs sorted by bucket,
 * buckets unique. Free with ctk_fvec_release(). */
typedef struct ctk_fvec {
	uint32_t *bucket;
	float *value;
	size_t n;
	size_t cap;
} ctk_fvec;

void ctk_fvec_init(ctk_fvec *v);
void ctk_fvec_release(ctk_fvec *v);

#define CTK_FEATURES_MIN_BITS 4
#define CTK_FEATURES_MAX_BITS 24

/* Fills v with the hashed unigram (and, when ngrams is 2, bigram) counts
 * of t in 2^bits buckets. Returns 0, or CTK_ENOMEM. */
int ctk_features_hash(ctk_fvec *v, const ctk_tokens *t, unsigned bits,
    unsigned ngrams, ctk_error *err);

/* The bucket of one key string (a token, or two tokens joined by a
 * space): exposed so that tests can check the documented function. */
uint32_t ctk_features_bucket(const char *key, size_t len, unsigned bits);

#endif
