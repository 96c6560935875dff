/*
 * langid: language identification (see langid.h for the method and
 * data/SOURCES.md for the training data).
 *
 * The text is read twice: once to tally the scripts of its letters, once
 * to score the letters of the dominant one. Each time it is read token
 * by token (runs of non-blank bytes). Tokens that
 * are URLs, e-mail addresses, @mentions or #hashtags are skipped whole;
 * in the others, letters and combining marks are case-folded and form
 * words, everything else (digits, punctuation, symbols, emoji) separates
 * words. Each word, padded with a space on both sides, gives its
 * character 1- to 4-grams, hashed to 32 bits. The model maps the low bits
 * of a hash (a bucket) to a short list of (language, weight) pairs; a
 * language's score is the sum of its weights minus, per n-gram, the cost
 * of an n-gram it never saw (naive Bayes with additive smoothing).
 */
#include "langid.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "data.h"
#include "utf8.h"

#define HEADER_SIZE 32
#define LANG_RECORD_SIZE 20
#define MAX_NGRAM 4

/*
 * Confidence: a softmax over the candidates of the log-likelihoods divided
 * by this temperature. Naive Bayes counts overlapping n-grams as
 * independent evidence and so overstates its certainty; 6 was chosen on
 * the held-out messages so that a stated p is close to the accuracy
 * measured at that p (scripts/test-langid.sh).
 */
#define TEMPERATURE 6.0

typedef struct pair {
	uint8_t lang;
	uint8_t weight;
} pair;

typedef struct lang_info {
	char code[8];
	double cost;		/* nats charged per n-gram never seen */
	int scripts[CTK_LANGID_MAX_SCRIPTS];
	int n_scripts;
} lang_info;

struct ctk_langid {
	size_t n_langs;
	lang_info langs[CTK_LANGID_MAX_LANGS];
	uint32_t mask;		/* buckets - 1 */
	uint32_t *offsets;	/* buckets + 1 starts into pairs */
	pair *pairs;
	uint64_t allowed;	/* bit per language: --langs */
	double min_p;
};

/* ---- reading text as the model sees it ---- */

/* The n-gram hash: FNV-1a over the code points from the last one
 * backwards, then a murmur3 finalizer so that the low bits mix well. */
static uint32_t
finish_hash(uint32_t h, unsigned n)
{
	h ^= n * 0x9e3779b9u;
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

typedef struct scanner {
	uint32_t hist[MAX_NGRAM];	/* last code points, hist[0] newest */
	unsigned n_hist;
	ctk_langid_feature_fn *fn;	/* NULL: first pass, tally scripts */
	void *arg;
	int only_group;			/* second pass: script group kept */
	size_t n_letters;
	int scripts[8];			/* dominant script tally */
	size_t script_counts[8];
	unsigned n_scripts;
} scanner;

static void
emit(scanner *sc, uint32_t cp, unsigned min_n)
{
	uint32_t h = 0x811c9dc5u;
	unsigned n;

	memmove(sc->hist + 1, sc->hist, (MAX_NGRAM - 1) * sizeof sc->hist[0]);
	sc->hist[0] = cp;
	if (sc->n_hist < MAX_NGRAM)
		sc->n_hist++;
	for (n = 1; n <= sc->n_hist; n++) {
		h = (h ^ sc->hist[n - 1]) * 0x01000193u;
		if (n >= min_n)
			sc->fn(finish_hash(h, n), sc->arg);
	}
}

static void
word_end(scanner *sc)
{
	if (sc->n_hist > 1 && sc->fn != NULL)
		emit(sc, ' ', 2);
	sc->n_hist = 0;
}

/* The script of a letter, Katakana folded into Hiragana; 0 (Common) for
 * the letters that belong to several scripts. */
static int
script_of(uint32_t cp)
{
	UErrorCode status = U_ZERO_ERROR;
	int s;

	if (cp < 0x80)
		return USCRIPT_LATIN;
	s = (int)uscript_getScript((UChar32)cp, &status);
	if (U_FAILURE(status) || s == USCRIPT_INHERITED)
		return USCRIPT_COMMON;
	return s == USCRIPT_KATAKANA ? USCRIPT_HIRAGANA : s;
}

/* Japanese words mix Han and Kana: one group for the filter. */
static int
script_group(int s)
{
	return s == USCRIPT_HIRAGANA ? USCRIPT_HAN : s;
}

static void
count_script(scanner *sc, int s)
{
	unsigned i;

	for (i = 0; i < sc->n_scripts; i++)
		if (sc->scripts[i] == s)
			break;
	if (i == sc->n_scripts) {
		if (i == 8)
			return;
		sc->scripts[i] = s;
		sc->script_counts[i] = 0;
		sc->n_scripts++;
	}
	/* A Han, Kana or Hangul character carries about as much as a
	 * short word: it weighs more than a letter of an alphabet. */
	sc->script_counts[i] += (s == USCRIPT_HAN || s == USCRIPT_HIRAGANA ||
	    s == USCRIPT_HANGUL) ? 3 : 1;
}

/* One code point of a word: letters and marks go in (case-folded), the
 * rest ends the word. */
static void
feed(scanner *sc, uint32_t cp)
{
	int8_t type;
	int script;

	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		else if (cp < 'a' || cp > 'z') {
			word_end(sc);
			return;
		}
	} else {
		type = u_charType((UChar32)cp);
		if (type < U_UPPERCASE_LETTER ||
		    type > U_COMBINING_SPACING_MARK) {
			word_end(sc);
			return;
		}
		if (type <= U_OTHER_LETTER)
			cp = (uint32_t)u_foldCase((UChar32)cp,
			    U_FOLD_CASE_DEFAULT);
	}
	script = script_of(cp);
	if (sc->fn == NULL) {
		/* first pass: only the script tally */
		if (script != USCRIPT_COMMON)
			count_script(sc, script);
		sc->n_letters++;
		return;
	}
	/* second pass: letters of other scripts (an English brand name in
	 * a Russian message) are not evidence among the candidates */
	if (script != USCRIPT_COMMON &&
	    script_group(script) != sc->only_group) {
		word_end(sc);
		return;
	}
	if (sc->n_hist == 0)
		emit(sc, ' ', 2);
	emit(sc, cp, 1);
}

static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

static int
starts_with_ci(const char *s, size_t n, const char *prefix)
{
	size_t i;

	for (i = 0; prefix[i] != '\0'; i++) {
		char c = (i < n) ? s[i] : '\0';

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != prefix[i])
			return 0;
	}
	return 1;
}

/* URLs, e-mail addresses, mentions and hashtags say nothing about the
 * language of the message around them. */
static int
skip_token(const char *s, size_t n)
{
	if (s[0] == '@' || s[0] == '#')
		return 1;
	if (memchr(s, '@', n) != NULL)
		return 1;
	if (starts_with_ci(s, n, "www.") || starts_with_ci(s, n, "http:") ||
	    starts_with_ci(s, n, "https:"))
		return 1;
	/* example.org/page, t.me/channel */
	return memchr(s, '/', n) != NULL && memchr(s, '.', n) != NULL;
}

static void
scan_token(scanner *sc, const char *s, size_t n)
{
	size_t i = 0, step;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			feed(sc, (unsigned char)s[i]);
			i++;
			continue;
		}
		step = ctk_utf8_decode(s + i, n - i, &cp);
		if (step == 0) {
			word_end(sc);
			i++;
			continue;
		}
		feed(sc, cp);
		i += step;
	}
	word_end(sc);
}

static void
scan(scanner *sc, const char *text, size_t len)
{
	size_t i = 0, start;

	while (i < len) {
		while (i < len && is_blank((unsigned char)text[i]))
			i++;
		start = i;
		while (i < len && !is_blank((unsigned char)text[i]))
			i++;
		if (i > start && !skip_token(text + start, i - start))
			scan_token(sc, text + start, i - start);
	}
}

/*
 * The script with the most (weighted) letters. Han and Kana are one
 * writing system, Japanese mixing them: together they count as Han, and
 * as Hiragana (Japanese only) when there is any Kana at all.
 */
static int
dominant_script(const scanner *sc)
{
	size_t best = 0, han = 0, kana = 0, n;
	int script = USCRIPT_COMMON;
	unsigned i;

	for (i = 0; i < sc->n_scripts; i++) {
		if (sc->scripts[i] == USCRIPT_HAN)
			han = sc->script_counts[i];
		else if (sc->scripts[i] == USCRIPT_HIRAGANA)
			kana = sc->script_counts[i];
	}
	for (i = 0; i < sc->n_scripts; i++) {
		n = sc->script_counts[i];
		if (sc->scripts[i] == USCRIPT_HAN ||
		    sc->scripts[i] == USCRIPT_HIRAGANA)
			n = han + kana;
		if (n > best) {
			best = n;
			script = sc->scripts[i];
		}
	}
	if (script == USCRIPT_HAN && kana > 0)
		script = USCRIPT_HIRAGANA;
	return script;
}

/* Reads text twice: once to find the dominant script, once to give fn
 * the n-grams of the letters of that script (when fn is not NULL).
 * Returns the dominant script. */
static int
read_text(scanner *sc, const char *text, size_t len,
    ctk_langid_feature_fn *fn, void *arg)
{
	int dominant;

	memset(sc, 0, sizeof *sc);
	scan(sc, text, len);
	dominant = dominant_script(sc);
	if (fn != NULL && sc->n_letters > 0) {
		sc->fn = fn;
		sc->arg = arg;
		sc->only_group = script_group(dominant);
		sc->n_hist = 0;
		scan(sc, text, len);
	}
	return dominant;
}

size_t
ctk_langid_features(const char *text, size_t len, ctk_langid_feature_fn *fn,
    void *arg)
{
	scanner sc;

	read_text(&sc, text, len, fn, arg);
	return sc.n_letters;
}

int
ctk_langid_script(const char *text, size_t len)
{
	scanner sc;

	return read_text(&sc, text, len, NULL, NULL);
}

/* ---- the model file ---- */

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* FNV-1a over the body: catches truncation and stray edits. */
static uint32_t
checksum(const unsigned char *p, size_t n)
{
	uint32_t h = 0x811c9dc5u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x01000193u;
	return h;
}

static int
read_file(const char *path, unsigned char **data, size_t *size,
    ctk_error *err)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL, *grown;
	size_t n = 0, cap = 0, got;

	if (f == NULL)
		return ctk_error_set(err, CTK_EIO, 0, 0,
		    "cannot open language model %s: %s", path, strerror(errno));
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			grown = realloc(buf, cap);
			if (grown == NULL) {
				free(buf);
				fclose(f);
				return ctk_error_set(err, CTK_ENOMEM, 0, 0,
				    "out of memory reading %s", path);
			}
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return ctk_error_set(err, CTK_EIO, 0, 0,
		    "cannot read language model %s", path);
	}
	fclose(f);
	*data = buf;
	*size = n;
	return 0;
}

static int
corrupt(ctk_error *err, const char *path, const char *why)
{
	return ctk_error_set(err, CTK_EFORMAT, 0, 0,
	    "%s: not a usable language model: %s", path, why);
}

static int
parse_header(ctk_langid *li, const unsigned char *p, size_t size,
    const char *path, uint32_t *n_entries, ctk_error *err)
{
	uint32_t version, n_langs, bits;

	if (size < 8 || memcmp(p, CTK_LANGID_MAGIC, 8) != 0)
		return corrupt(err, path, "bad magic number");
	if (size < HEADER_SIZE)
		return corrupt(err, path, "truncated header");
	version = get_u32(p + 8);
	if (version != CTK_LANGID_VERSION)
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "%s: language model version %u, this ctk reads version %d",
		    path, (unsigned)version, CTK_LANGID_VERSION);
	n_langs = get_u32(p + 12);
	bits = get_u32(p + 16);
	*n_entries = get_u32(p + 20);
	if (get_u32(p + 24) != checksum(p + HEADER_SIZE, size - HEADER_SIZE))
		return corrupt(err, path, "checksum mismatch (truncated or "
		    "damaged file)");
	if (n_langs == 0 || n_langs > CTK_LANGID_MAX_LANGS || bits < 8 ||
	    bits > 24)
		return corrupt(err, path, "impossible sizes in header");
	if (size < HEADER_SIZE + (size_t)n_langs * LANG_RECORD_SIZE)
		return corrupt(err, path, "truncated language table");
	/* each entry takes two bytes at least: a count beyond that would
	 * have the loader allocate gigabytes for a small damaged file */
	if (*n_entries > (size - HEADER_SIZE - (size_t)n_langs *
	    LANG_RECORD_SIZE) / 2)
		return corrupt(err, path, "more entries than the file holds");
	li->n_langs = n_langs;
	li->mask = (1u << bits) - 1;
	return 0;
}

static int
parse_langs(ctk_langid *li, const unsigned char *p, const char *path,
    ctk_error *err)
{
	size_t i, j;
	unsigned sc;

	for (i = 0; i < li->n_langs; i++, p += LANG_RECORD_SIZE) {
		lang_info *l = &li->langs[i];

		memcpy(l->code, p, 8);
		if (l->code[7] != '\0' || l->code[0] == '\0')
			return corrupt(err, path, "bad language code");
		for (j = 0; l->code[j] != '\0'; j++)
			if (l->code[j] < 'a' || l->code[j] > 'z')
				return corrupt(err, path, "bad language code");
		l->cost = (double)get_u32(p + 8) / CTK_LANGID_COST_SCALE;
		l->n_scripts = 0;
		for (j = 0; j < CTK_LANGID_MAX_SCRIPTS; j++) {
			sc = (unsigned)p[12 + 2 * j] |
			    (unsigned)p[13 + 2 * j] << 8;
			if (sc != 0xffff)
				l->scripts[l->n_scripts++] = (int)sc;
		}
	}
	return 0;
}

/*
 * The weights: for each language, a count, then (bucket delta as a
 * LEB128 varint, weight byte) pairs in increasing bucket order. Read
 * twice: once to size each bucket's list, once to fill it.
 */
static int
read_varint(const unsigned char **p, const unsigned char *end, uint32_t *v)
{
	uint32_t x = 0;
	unsigned shift;

	for (shift = 0; shift < 32; shift += 7) {
		if (*p >= end)
			return -1;
		x |= (uint32_t)(**p & 0x7f) << shift;
		if ((*(*p)++ & 0x80) == 0) {
			*v = x;
			return 0;
		}
	}
	return -1;
}

static int
walk_entries(ctk_langid *li, const unsigned char *p, const unsigned char *end,
    uint32_t n_entries, int fill)
{
	uint32_t count, delta, bucket, seen = 0;
	size_t l, k;

	for (l = 0; l < li->n_langs; l++) {
		if (end - p < 4)
			return -1;
		count = get_u32(p);
		p += 4;
		bucket = 0;
		for (k = 0; k < count; k++) {
			if (read_varint(&p, end, &delta) < 0 || p >= end)
				return -1;
			if ((k > 0 && delta == 0) || delta > li->mask - bucket)
				return -1;
			bucket += delta;
			if (fill) {
				pair *slot = &li->pairs[li->offsets[bucket]++];

				slot->lang = (uint8_t)l;
				slot->weight = *p;
			} else
				li->offsets[bucket + 1]++;
			p++;
		}
		seen += count;
	}
	return (p == end && seen == n_entries) ? 0 : -1;
}

static int
build_table(ctk_langid *li, const unsigned char *p, const unsigned char *end,
    uint32_t n_entries, const char *path, ctk_error *err)
{
	size_t b, buckets = (size_t)li->mask + 1;

	li->offsets = calloc(buckets + 1, sizeof li->offsets[0]);
	li->pairs = malloc((n_entries ? n_entries : 1) * sizeof li->pairs[0]);
	if (li->offsets == NULL || li->pairs == NULL)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0,
		    "out of memory loading %s", path);
	if (walk_entries(li, p, end, n_entries, 0) < 0)
		return corrupt(err, path, "bad weight table");
	for (b = 0; b < buckets; b++)
		li->offsets[b + 1] += li->offsets[b];
	/* Filling advances offsets[b] to the end of bucket b, which is
	 * the start of bucket b + 1: shift back afterwards. */
	if (walk_entries(li, p, end, n_entries, 1) < 0)
		return corrupt(err, path, "bad weight table");
	memmove(li->offsets + 1, li->offsets, buckets * sizeof li->offsets[0]);
	li->offsets[0] = 0;
	return 0;
}

ctk_langid *
ctk_langid_open(const char *path, ctk_error *err)
{
	char found[4096];
	unsigned char *data = NULL;
	size_t size = 0;
	uint32_t n_entries = 0;
	ctk_langid *li;
	int rc;

	if (path == NULL) {
		if (ctk_data_path(CTK_LANGID_MODEL, found, sizeof found) < 0) {
			ctk_error_set(err, CTK_EIO, 0, 0, "language model %s "
			    "not found (set CTK_DATADIR, or run "
			    "scripts/train-langid.sh)", CTK_LANGID_MODEL);
			return NULL;
		}
		path = found;
	}
	li = calloc(1, sizeof *li);
	if (li == NULL) {
		ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
		return NULL;
	}
	rc = read_file(path, &data, &size, err);
	if (rc == 0)
		rc = parse_header(li, data, size, path, &n_entries, err);
	if (rc == 0)
		rc = parse_langs(li, data + HEADER_SIZE, path, err);
	if (rc == 0)
		rc = build_table(li, data + HEADER_SIZE +
		    li->n_langs * LANG_RECORD_SIZE, data + size, n_entries,
		    path, err);
	free(data);
	if (rc != 0) {
		ctk_langid_free(li);
		return NULL;
	}
	li->allowed = li->n_langs == 64 ? ~(uint64_t)0 :
	    ((uint64_t)1 << li->n_langs) - 1;
	li->min_p = CTK_LANGID_DEFAULT_MIN_P;
	return li;
}

void
ctk_langid_free(ctk_langid *li)
{
	if (li == NULL)
		return;
	free(li->offsets);
	free(li->pairs);
	free(li);
}

size_t
ctk_langid_nlangs(const ctk_langid *li)
{
	return li->n_langs;
}

const char *
ctk_langid_lang(const ctk_langid *li, size_t i)
{
	return i < li->n_langs ? li->langs[i].code : NULL;
}

static int
find_lang(const ctk_langid *li, const char *code, size_t len)
{
	size_t i;

	for (i = 0; i < li->n_langs; i++)
		if (strlen(li->langs[i].code) == len &&
		    memcmp(li->langs[i].code, code, len) == 0)
			return (int)i;
	return -1;
}

static int
unknown_lang(const ctk_langid *li, const char *code, size_t len,
    ctk_error *err)
{
	char known[CTK_LANGID_MAX_LANGS * 8 + 1];
	size_t i, n = 0;

	known[0] = '\0';
	for (i = 0; i < li->n_langs; i++)
		n += (size_t)snprintf(known + n, sizeof known - n, "%s%s",
		    i ? "," : "", li->langs[i].code);
	return ctk_error_set(err, CTK_EUSAGE, 0, 0,
	    "unknown language '%.*s' (known: %s)",
	    (int)(len > 20 ? 20 : len), code, known);
}

int
ctk_langid_restrict(ctk_langid *li, const char *codes, ctk_error *err)
{
	uint64_t allowed = 0;
	const char *p = codes;
	size_t len;
	int i;

	if (codes == NULL || *codes == '\0') {
		li->allowed = li->n_langs == 64 ? ~(uint64_t)0 :
		    ((uint64_t)1 << li->n_langs) - 1;
		return 0;
	}
	while (*p != '\0') {
		len = strcspn(p, ",");
		i = find_lang(li, p, len);
		if (i < 0)
			return unknown_lang(li, p, len, err);
		allowed |= (uint64_t)1 << i;
		p += len + (p[len] == ',');
	}
	li->allowed = allowed;
	return 0;
}

void
ctk_langid_set_min_p(ctk_langid *li, double min_p)
{
	li->min_p = min_p;
}

/* ---- classifying ---- */

typedef struct scores {
	const ctk_langid *li;
	uint64_t sum[CTK_LANGID_MAX_LANGS];
	size_t n_features;
} scores;

static void
add_feature(uint32_t hash, void *arg)
{
	scores *s = arg;
	const ctk_langid *li = s->li;
	uint32_t b = hash & li->mask, k, end = li->offsets[b + 1];

	for (k = li->offsets[b]; k < end; k++)
		s->sum[li->pairs[k].lang] += li->pairs[k].weight;
	s->n_features++;
}

static int
writes_script(const lang_info *l, int script)
{
	int j;

	for (j = 0; j < l->n_scripts; j++)
		if (l->scripts[j] == script)
			return 1;
	return 0;
}

static void
set_und(ctk_langid_result *out)
{
	memcpy(out->lang, "und", 4);
	out->p = 0;
}

/* Picks the best candidate and its softmax probability. */
static void
decide(const ctk_langid *li, const scores *s, uint64_t candidates,
    ctk_langid_result *out)
{
	double loglik[CTK_LANGID_MAX_LANGS], best = -HUGE_VAL, total = 0;
	size_t i, best_i = 0;

	for (i = 0; i < li->n_langs; i++) {
		if (!(candidates >> i & 1))
			continue;
		loglik[i] = ((double)s->sum[i] / CTK_LANGID_SCALE -
		    (double)s->n_features * li->langs[i].cost) / TEMPERATURE;
		if (loglik[i] > best) {
			best = loglik[i];
			best_i = i;
		}
	}
	for (i = 0; i < li->n_langs; i++)
		if (candidates >> i & 1)
			total += exp(loglik[i] - best);
	memcpy(out->lang, li->langs[best_i].code, sizeof out->lang);
	out->p = 1.0 / total;
}

int
ctk_langid_classify(const ctk_langid *li, const char *text, size_t len,
    ctk_langid_result *out)
{
	scanner sc;
	scores s;
	uint64_t candidates = 0;
	size_t i;

	s.li = li;
	s.n_features = 0;
	memset(s.sum, 0, li->n_langs * sizeof s.sum[0]);
	out->script = read_text(&sc, text, len, add_feature, &s);
	out->n_letters = sc.n_letters;
	for (i = 0; i < li->n_langs; i++)
		if ((li->allowed >> i & 1) &&
		    writes_script(&li->langs[i], out->script))
			candidates |= (uint64_t)1 << i;
	if (sc.n_letters == 0 || candidates == 0) {
		set_und(out);
		return 0;
	}
	decide(li, &s, candidates, out);
	if (out->p < li->min_p) {
		double p = out->p;

		set_und(out);
		out->p = p;
	}
	return 0;
}
