/*
 * langid-train: builds the language model of `ctk classify lang` from the
 * training text written by scripts/langid-corpus.py (lines of
 * "lang TAB source TAB text", grouped by language). Built and run by
 * scripts/train-langid.sh; it uses libctk's own feature extraction
 * (ctk_langid_features), so training and classifying see the same n-grams.
 *
 * Naive Bayes with additive smoothing (alpha), each language's counts
 * scaled to the same total so that a language with more text does not
 * win by default. A bucket's weight for a language is
 * log(1 + count / alpha) in 1/16 nat; an n-gram the language never saw
 * costs log((total + alpha * buckets_used) / alpha). Scripts of a language:
 * those of at least 5% of the letters of its UDHR text.
 *
 * The output is a pure function of the input: no clock, no randomness,
 * fixed iteration order, integer rounding of doubles computed in one
 * order. usage: langid-train BITS INPUT.tsv OUTPUT.bin
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "langid.h"
#include "utf8.h"

#define ALPHA 0.5
#define SCRIPT_SHARE 0.05
#define MAX_SCRIPT 256

static unsigned bits;
static size_t n_langs;
static char codes[CTK_LANGID_MAX_LANGS][8];
static double *counts;		/* a row of CTK_LANGID_MAX_LANGS per bucket */
#define COUNT(b, l) counts[(size_t)(b) * CTK_LANGID_MAX_LANGS + (l)]
static double script_letters[CTK_LANGID_MAX_LANGS][MAX_SCRIPT];

typedef struct feature_ctx {
	size_t lang;
} feature_ctx;

static void
count_feature(uint32_t hash, void *arg)
{
	feature_ctx *fc = arg;
	size_t b = hash & ((1u << bits) - 1);

	COUNT(b, fc->lang) += 1;
}

static void
count_scripts(size_t lang, const char *text, size_t len)
{
	size_t i = 0, step;
	uint32_t cp;
	int s;

	while (i < len) {
		step = ctk_utf8_decode(text + i, len - i, &cp);
		if (step == 0)
			step = 1;
		s = ctk_langid_script(text + i, step);
		if (s > 0 && s < MAX_SCRIPT)
			script_letters[lang][s] += 1;
		i += step;
	}
}

static size_t
lang_index(const char *code)
{
	size_t i;

	for (i = 0; i < n_langs; i++)
		if (strcmp(codes[i], code) == 0)
			return i;
	if (n_langs == CTK_LANGID_MAX_LANGS || strlen(code) > 7) {
		fprintf(stderr, "langid-train: too many languages or bad code "
		    "'%s'\n", code);
		exit(2);
	}
	snprintf(codes[n_langs], sizeof codes[0], "%s", code);
	return n_langs++;
}

static void
read_input(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *src, *text;
	size_t cap = 0;
	ssize_t n;
	feature_ctx fc;

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		src = strchr(line, '\t');
		text = src ? strchr(src + 1, '\t') : NULL;
		if (text == NULL)
			continue;
		*src++ = '\0';
		*text++ = '\0';
		fc.lang = lang_index(line);
		ctk_langid_features(text, strlen(text), count_feature, &fc);
		if (strcmp(src, "udhr") == 0)
			count_scripts(fc.lang, text, strlen(text));
	}
	free(line);
	fclose(f);
}

static void
put_u32(FILE *f, uint32_t v)
{
	unsigned char b[4] = { v & 0xff, v >> 8 & 0xff, v >> 16 & 0xff,
	    v >> 24 & 0xff };

	fwrite(b, 1, 4, f);
}

static void
put_varint(FILE *f, uint32_t v)
{
	while (v >= 0x80) {
		fputc((int)(v & 0x7f) | 0x80, f);
		v >>= 7;
	}
	fputc((int)v, f);
}

static void
write_lang(FILE *f, size_t l, double cost)
{
	double total = 0;
	int s, best, k, n = 0;
	unsigned char sc[2 * CTK_LANGID_MAX_SCRIPTS];
	double taken[MAX_SCRIPT] = { 0 };

	fwrite(codes[l], 1, 8, f);
	put_u32(f, (uint32_t)lround(cost * CTK_LANGID_COST_SCALE));
	memset(sc, 0xff, sizeof sc);
	for (s = 0; s < MAX_SCRIPT; s++)
		total += script_letters[l][s];
	for (k = 0; k < CTK_LANGID_MAX_SCRIPTS; k++) {
		best = -1;
		for (s = 0; s < MAX_SCRIPT; s++)
			if (!taken[s] && script_letters[l][s] >=
			    SCRIPT_SHARE * total && (best < 0 ||
			    script_letters[l][s] > script_letters[l][best]))
				best = s;
		if (best < 0)
			break;
		taken[best] = 1;
		sc[2 * n] = best & 0xff;
		sc[2 * n + 1] = best >> 8;
		n++;
	}
	fwrite(sc, 1, sizeof sc, f);
}

static int
weight_of(double count)
{
	long w = lround(log1p(count / ALPHA) * CTK_LANGID_SCALE);

	return w > 255 ? 255 : (int)w;
}

/* Scales every language's counts to the mean total; returns that total
 * and stores the number of buckets any language uses. */
static double
normalize_counts(size_t buckets, size_t *used)
{
	double totals[CTK_LANGID_MAX_LANGS] = { 0 }, target = 0;
	size_t b, l;

	*used = 0;
	for (b = 0; b < buckets; b++) {
		int any = 0;

		for (l = 0; l < n_langs; l++) {
			totals[l] += COUNT(b, l);
			any |= COUNT(b, l) > 0;
		}
		*used += any;
	}
	for (l = 0; l < n_langs; l++)
		target += totals[l] / (double)n_langs;
	for (b = 0; b < buckets; b++)
		for (l = 0; l < n_langs; l++)
			COUNT(b, l) *= target / totals[l];
	return target;
}

/* Writes language l's weights; returns how many. */
static uint32_t
write_weights(FILE *out, size_t buckets, size_t l)
{
	uint32_t count = 0, prev = 0;
	size_t b;

	for (b = 0; b < buckets; b++)
		count += weight_of(COUNT(b, l)) > 0;
	put_u32(out, count);
	for (b = 0; b < buckets; b++) {
		int w = weight_of(COUNT(b, l));

		if (w == 0)
			continue;
		put_varint(out, (uint32_t)b - prev);
		fputc(w, out);
		prev = (uint32_t)b;
	}
	return count;
}

/* Fills in the entry count and the checksum of the body. */
static int
patch_header(FILE *out, uint32_t n_entries)
{
	uint32_t h = 0x811c9dc5u;
	unsigned char *data;
	long body, i;

	if (fflush(out) != 0)
		return -1;
	body = ftell(out) - 32;
	data = malloc((size_t)body);
	if (data == NULL || fseek(out, 32, SEEK_SET) != 0 ||
	    fread(data, 1, (size_t)body, out) != (size_t)body) {
		free(data);
		return -1;
	}
	for (i = 0; i < body; i++)
		h = (h ^ data[i]) * 0x01000193u;
	free(data);
	if (fseek(out, 20, SEEK_SET) != 0)
		return -1;
	put_u32(out, n_entries);
	put_u32(out, h);
	return 0;
}

int
main(int argc, char **argv)
{
	size_t buckets, l, used;
	uint32_t n_entries = 0;
	double target;
	FILE *out;

	if (argc != 4) {
		fprintf(stderr, "usage: langid-train BITS INPUT OUTPUT\n");
		return 2;
	}
	bits = (unsigned)atoi(argv[1]);
	if (bits < 8 || bits > 24)
		return 2;
	buckets = (size_t)1 << bits;
	counts = calloc(buckets * CTK_LANGID_MAX_LANGS, sizeof counts[0]);
	if (counts == NULL)
		return 2;
	read_input(argv[2]);
	target = normalize_counts(buckets, &used);
	out = fopen(argv[3], "w+b");
	if (out == NULL) {
		perror(argv[3]);
		return 2;
	}
	fwrite(CTK_LANGID_MAGIC, 1, 8, out);
	put_u32(out, CTK_LANGID_VERSION);
	put_u32(out, (uint32_t)n_langs);
	put_u32(out, bits);
	put_u32(out, 0);	/* entries, patched below */
	put_u32(out, 0);	/* checksum, patched below */
	put_u32(out, 0);
	for (l = 0; l < n_langs; l++)
		write_lang(out, l, log((target + ALPHA * (double)used) /
		    ALPHA));
	for (l = 0; l < n_langs; l++)
		n_entries += write_weights(out, buckets, l);
	free(counts);
	if (patch_header(out, n_entries) < 0 || fclose(out) != 0) {
		perror(argv[3]);
		return 2;
	}
	fprintf(stderr, "langid-train: %zu languages, %u entries, "
	    "%zu buckets used of %zu\n", n_langs, (unsigned)n_entries, used,
	    buckets);
	return 0;
}
