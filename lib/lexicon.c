/*
 * lexicon: terms, categories and fast matching (see lexicon.h).
 *
 * Speed comes from two hash tables keyed by the first token of a term: one
 * for exact first tokens, and one holding every leading substring of every
 * prefix (wildcard) first token, so that looking for the prefixes of a
 * document token walks its bytes and stops at the first substring no
 * wildcard starts with. Only the terms found there are compared further,
 * token by token, which handles multiword terms.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"

#include "fnv.h"

/* ---- a byte-string -> id hash table (ids 0, 1, ... in insertion order) */

/* One slot holds what a probe needs, so that a miss costs one cache line. */
struct slot {
	uint64_t hash;
	int32_t id;		/* -1: empty */
	uint32_t len;		/* the key's length, and SLOT_MARK */
};

/* Set on the slots of keys that are whole wildcard patterns, so that the
 * prefix walk needs no other memory to know it. */
#define SLOT_MARK 0x80000000u

struct strmap {
	ctk_buf keys;		/* key bytes, back to back */
	size_t *key_off;	/* per id */
	size_t *key_len;
	size_t n, cap_ids;
	struct slot *slot;
	size_t n_slots;		/* power of two */
	uint64_t *bloom;	/* 8 n_slots bits: a clear bit means absent */
};

/* Most looked-up tokens are not in the lexicon: a one-bit filter over
 * other hash bits than the slot's answers them without a probe. */
static size_t
bloom_bit(const struct strmap *m, uint64_t h)
{
	return (size_t)(h >> 32) & (8 * m->n_slots - 1);
}

static void
strmap_release(struct strmap *m)
{
	ctk_buf_release(&m->keys);
	free(m->key_off);
	free(m->key_len);
	free(m->slot);
	free(m->bloom);
	memset(m, 0, sizeof *m);
}


static long
strmap_find(const struct strmap *m, uint64_t h, const char *s, size_t len)
{
	size_t i, mask = m->n_slots - 1;
	const struct slot *sl;

	if (m->n_slots == 0)
		return -1;
	i = bloom_bit(m, h);
	if (!(m->bloom[i / 64] >> (i % 64) & 1))
		return -1;
	for (i = (size_t)(h ^ (h >> 29)) & mask;; i = (i + 1) & mask) {
		sl = &m->slot[i];
		if (sl->id < 0)
			return -1;
		if (sl->hash == h && sl->len == len &&
		    memcmp(m->keys.data + m->key_off[sl->id], s, len) == 0)
			return sl->id;
	}
}

/* Like strmap_find but trusting the 64-bit hash and the length, without
 * comparing the bytes: for the prefix walk, where a false "present" only
 * makes the walk go one step further, and real hits are compared later.
 * A marked key's id comes back as -2 - id. */
static long
strmap_find_hash(const struct strmap *m, uint64_t h, size_t len)
{
	size_t i, mask = m->n_slots - 1;
	const struct slot *sl;

	i = bloom_bit(m, h);
	if (!(m->bloom[i / 64] >> (i % 64) & 1))
		return -1;
	for (i = (size_t)(h ^ (h >> 29)) & mask;; i = (i + 1) & mask) {
		sl = &m->slot[i];
		if (sl->id < 0)
			return -1;
		if (sl->hash == h && (sl->len & ~SLOT_MARK) == len)
			return (sl->len & SLOT_MARK) ? -2 - sl->id : sl->id;
	}
}

static void
strmap_place(struct strmap *m, uint64_t h, long id, size_t len)
{
	size_t i, mask = m->n_slots - 1;

	for (i = (size_t)(h ^ (h >> 29)) & mask; m->slot[i].id >= 0;
	    i = (i + 1) & mask)
		;
	m->slot[i].hash = h;
	m->slot[i].id = (int32_t)id;
	m->slot[i].len = (uint32_t)len;
	i = bloom_bit(m, h);
	m->bloom[i / 64] |= UINT64_C(1) << (i % 64);
}

static int
strmap_rehash(struct strmap *m)
{
	size_t n = m->n_slots ? 2 * m->n_slots : 64, i, old_n = m->n_slots;
	struct slot *old = m->slot;
	uint64_t *old_bloom = m->bloom;

	m->slot = malloc(n * sizeof *m->slot);
	m->bloom = calloc(n / 8, sizeof *m->bloom);	/* 8 n bits */
	if (m->slot == NULL || m->bloom == NULL) {
		free(m->slot);
		free(m->bloom);
		m->slot = old;
		m->bloom = old_bloom;
		return -1;
	}
	free(old_bloom);
	for (i = 0; i < n; i++)
		m->slot[i].id = -1;
	m->n_slots = n;
	for (i = 0; i < old_n; i++)
		if (old[i].id >= 0)
			strmap_place(m, old[i].hash, old[i].id, old[i].len);
	free(old);
	return 0;
}

/* The id of s, added when new; -1 out of memory. */
static long
strmap_put(struct strmap *m, const char *s, size_t len)
{
	uint64_t h = ctk_fnv1a(s, len);
	long id = strmap_find(m, h, s, len);
	void *p;

	if (id >= 0)
		return id;
	if (len > UINT32_MAX || m->n >= INT32_MAX)
		return -1;
	if (2 * (m->n + 1) > m->n_slots && strmap_rehash(m) < 0)
		return -1;
	if (m->n == m->cap_ids) {
		size_t ncap = m->cap_ids ? 2 * m->cap_ids : 64;

		if ((p = realloc(m->key_off, ncap * sizeof *m->key_off)) == NULL)
			return -1;
		m->key_off = p;
		if ((p = realloc(m->key_len, ncap * sizeof *m->key_len)) == NULL)
			return -1;
		m->key_len = p;
		m->cap_ids = ncap;
	}
	m->key_off[m->n] = m->keys.len;
	m->key_len[m->n] = len;
	if (ctk_buf_append(&m->keys, s, len) < 0)
		return -1;
	strmap_place(m, h, (long)m->n, len);
	return (long)m->n++;
}

/* ---- the lexicon ---- */

struct pattern {
	size_t off;		/* in lx->pat_text */
	size_t len;
	int prefix;
};

struct term {
	size_t first_pat, n_pat;
	size_t literal;		/* bytes that are not wildcards */
	size_t first_cat, n_cat;	/* in lx->tcat, after indexing */
	size_t cat0;		/* the first category and weight, copied */
	double weight0;		/* here to save a cache miss per match */
};

struct tcat {
	size_t term, cat, seq;
	double weight;
};

struct ctk_lexicon {
	unsigned flags;
	struct strmap cats;	/* category names */
	char **cat_name;	/* NUL-terminated, per category id */
	size_t cap_cat_name;
	struct strmap terms;	/* normalized term text ("a* b") */
	struct term *term;
	size_t cap_term;
	struct pattern *pat;
	size_t n_pat, cap_pat;
	ctk_buf pat_text;
	struct tcat *tcat;
	size_t n_tcat, cap_tcat;
	ctk_tokens tok;		/* work space for normalizing terms */
	ctk_buf key;
	int indexed;
	struct strmap exact;	/* first token -> group */
	struct strmap pre;	/* leading substrings of prefix first tokens */
	size_t *e_start, *p_start;	/* group g: members [start[g], start[g+1]) */
	size_t *e_member, *p_member;
};

ctk_lexicon *
ctk_lexicon_new(unsigned flags)
{
	ctk_lexicon *lx = calloc(1, sizeof *lx);

	if (lx == NULL)
		return NULL;
	lx->flags = flags & CTK_TOKENS_STRIP_ACCENTS;
	ctk_tokens_init(&lx->tok);
	return lx;
}

static void
drop_index(ctk_lexicon *lx)
{
	strmap_release(&lx->exact);
	strmap_release(&lx->pre);
	free(lx->e_start);
	free(lx->p_start);
	free(lx->e_member);
	free(lx->p_member);
	lx->e_start = lx->p_start = lx->e_member = lx->p_member = NULL;
	lx->indexed = 0;
}

void
ctk_lexicon_free(ctk_lexicon *lx)
{
	size_t i;

	if (lx == NULL)
		return;
	drop_index(lx);
	for (i = 0; i < lx->cats.n; i++)
		free(lx->cat_name[i]);
	free(lx->cat_name);
	strmap_release(&lx->cats);
	strmap_release(&lx->terms);
	free(lx->term);
	free(lx->pat);
	free(lx->tcat);
	ctk_buf_release(&lx->pat_text);
	ctk_buf_release(&lx->key);
	ctk_tokens_release(&lx->tok);
	free(lx);
}

size_t
ctk_lexicon_ncategories(const ctk_lexicon *lx)
{
	return lx->cats.n;
}

const char *
ctk_lexicon_category(const ctk_lexicon *lx, size_t i)
{
	return lx->cat_name[i];
}

size_t
ctk_lexicon_nterms(const ctk_lexicon *lx)
{
	return lx->terms.n;
}

unsigned
ctk_lexicon_flags(const ctk_lexicon *lx)
{
	return lx->flags;
}

static int
nomem(ctk_error *err)
{
	return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
}


/* Normalizes term into lx->tok and its key ("tok tok*") into lx->key. */
static int
normalize_term(ctk_lexicon *lx, const char *term, size_t len, ctk_error *err)
{
	size_t i, n;
	const char *s;
	int rc;

	if ((rc = ctk_tokens_split(&lx->tok, term, len, lx->flags, err)) < 0)
		return rc;
	if (lx->tok.n == 0)
		return ctk_error_set(err, CTK_EFORMAT, 0, 1, "empty term");
	ctk_buf_reset(&lx->key);
	for (i = 0; i < lx->tok.n; i++) {
		s = lx->tok.text.data + lx->tok.start[i];
		n = lx->tok.len[i];
		if (n == 1 && s[0] == '*')
			return ctk_error_set(err, CTK_EFORMAT, 0, 1,
			    "a wildcard '*' needs a prefix before it");
		if ((i > 0 && ctk_buf_append_char(&lx->key, ' ') < 0) ||
		    ctk_buf_append(&lx->key, s, n) < 0)
			return nomem(err);
	}
	return 0;
}

static int
add_patterns(ctk_lexicon *lx, struct term *t, ctk_error *err)
{
	size_t i, n;
	const char *s;
	struct pattern *p;

	t->first_pat = lx->n_pat;
	t->n_pat = lx->tok.n;
	t->literal = 0;
	if (ctk_grow_array((void **)&lx->pat, &lx->cap_pat, lx->n_pat + lx->tok.n,
	    sizeof *lx->pat) < 0)
		return nomem(err);
	for (i = 0; i < lx->tok.n; i++) {
		s = lx->tok.text.data + lx->tok.start[i];
		n = lx->tok.len[i];
		p = &lx->pat[lx->n_pat++];
		p->prefix = s[n - 1] == '*';
		p->len = n - (size_t)p->prefix;
		p->off = lx->pat_text.len;
		t->literal += p->len;
		if (ctk_buf_append(&lx->pat_text, s, p->len) < 0)
			return nomem(err);
	}
	return 0;
}

int
ctk_lexicon_add(ctk_lexicon *lx, const char *term, size_t term_len,
    const char *category, size_t category_len, double weight,
    ctk_error *err)
{
	long id, cat;
	struct tcat *tc;
	size_t n_before;
	int rc;

	if ((rc = normalize_term(lx, term, term_len, err)) < 0)
		return rc;
	drop_index(lx);
	n_before = lx->cats.n;
	if ((cat = strmap_put(&lx->cats, category, category_len)) < 0)
		return nomem(err);
	if (lx->cats.n > n_before) {	/* a new category */
		if (ctk_grow_array((void **)&lx->cat_name, &lx->cap_cat_name,
		    lx->cats.n, sizeof *lx->cat_name) < 0 ||
		    (lx->cat_name[cat] = strndup(category, category_len)) ==
		    NULL) {
			lx->cats.n--;	/* not usable: forget it */
			return nomem(err);
		}
	}
	n_before = lx->terms.n;
	if ((id = strmap_put(&lx->terms, lx->key.data, lx->key.len)) < 0)
		return nomem(err);
	if (lx->terms.n > n_before) {	/* a new term */
		if (ctk_grow_array((void **)&lx->term, &lx->cap_term, lx->terms.n,
		    sizeof *lx->term) < 0)
			return nomem(err);
		if ((rc = add_patterns(lx, &lx->term[id], err)) < 0)
			return rc;
	}
	if (ctk_grow_array((void **)&lx->tcat, &lx->cap_tcat, lx->n_tcat + 1,
	    sizeof *lx->tcat) < 0)
		return nomem(err);
	tc = &lx->tcat[lx->n_tcat];
	tc->term = (size_t)id;
	tc->cat = (size_t)cat;
	tc->seq = lx->n_tcat++;
	tc->weight = weight;
	return 0;
}

/* ---- the index ---- */

static int
cmp_tcat(const void *a, const void *b)
{
	const struct tcat *x = a, *y = b;

	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	if (x->cat != y->cat)
		return x->cat < y->cat ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Orders the (term, category) pairs, a repeated pair keeping the weight
 * read last, and points each term at its pairs. */
static void
group_categories(ctk_lexicon *lx)
{
	size_t i, out = 0;

	if (lx->n_tcat > 0)	/* qsort wants a non-null array */
		qsort(lx->tcat, lx->n_tcat, sizeof *lx->tcat, cmp_tcat);
	for (i = 0; i < lx->n_tcat; i++) {
		if (out > 0 && lx->tcat[out - 1].term == lx->tcat[i].term &&
		    lx->tcat[out - 1].cat == lx->tcat[i].cat)
			out--;
		lx->tcat[out++] = lx->tcat[i];
	}
	lx->n_tcat = out;
	for (i = 0; i < lx->terms.n; i++)
		lx->term[i].n_cat = 0;
	for (i = lx->n_tcat; i-- > 0;) {
		lx->term[lx->tcat[i].term].first_cat = i;
		lx->term[lx->tcat[i].term].n_cat++;
		lx->term[lx->tcat[i].term].cat0 = lx->tcat[i].cat;
		lx->term[lx->tcat[i].term].weight0 = lx->tcat[i].weight;
	}
}

/* Group members in compressed rows: start has n_groups + 1 entries. */
static int
fill_groups(ctk_lexicon *lx, int prefix, size_t n_groups, size_t **start,
    size_t **member)
{
	size_t i, g, *fill;
	const struct pattern *p;

	*start = calloc(n_groups + 2, sizeof **start);
	*member = malloc((lx->terms.n ? lx->terms.n : 1) * sizeof **member);
	fill = calloc(n_groups + 1, sizeof *fill);
	if (*start == NULL || *member == NULL || fill == NULL) {
		free(fill);
		return -1;
	}
	for (i = 0; i < lx->terms.n; i++) {
		p = &lx->pat[lx->term[i].first_pat];
		if (p->prefix != prefix)
			continue;
		g = (size_t)strmap_find(prefix ? &lx->pre : &lx->exact,
		    ctk_fnv1a(lx->pat_text.data + p->off, p->len),
		    lx->pat_text.data + p->off, p->len);
		(*start)[g + 1]++;
	}
	for (g = 0; g < n_groups; g++)
		(*start)[g + 1] += (*start)[g];
	for (i = 0; i < lx->terms.n; i++) {
		p = &lx->pat[lx->term[i].first_pat];
		if (p->prefix != prefix)
			continue;
		g = (size_t)strmap_find(prefix ? &lx->pre : &lx->exact,
		    ctk_fnv1a(lx->pat_text.data + p->off, p->len),
		    lx->pat_text.data + p->off, p->len);
		(*member)[(*start)[g] + fill[g]++] = i;
	}
	free(fill);
	return 0;
}

static int
build_index(ctk_lexicon *lx, ctk_error *err)
{
	size_t i, k;
	const struct pattern *p;

	group_categories(lx);
	for (i = 0; i < lx->terms.n; i++) {
		p = &lx->pat[lx->term[i].first_pat];
		if (!p->prefix) {
			if (strmap_put(&lx->exact, lx->pat_text.data + p->off,
			    p->len) < 0)
				return nomem(err);
			continue;
		}
		for (k = 1; k <= p->len; k++)
			if (strmap_put(&lx->pre, lx->pat_text.data + p->off,
			    k) < 0)
				return nomem(err);
	}
	if (fill_groups(lx, 0, lx->exact.n, &lx->e_start, &lx->e_member) < 0 ||
	    fill_groups(lx, 1, lx->pre.n, &lx->p_start, &lx->p_member) < 0)
		return nomem(err);
	for (i = 0; i < lx->pre.n_slots; i++) {	/* see SLOT_MARK */
		long g = lx->pre.slot[i].id;

		if (g >= 0 && lx->p_start[g] < lx->p_start[g + 1])
			lx->pre.slot[i].len |= SLOT_MARK;
	}
	lx->indexed = 1;
	return 0;
}

/* ---- matching ---- */

static int
pattern_matches(const ctk_lexicon *lx, const struct pattern *p,
    const char *s, size_t len)
{
	if (p->prefix ? len < p->len : len != p->len)
		return 0;
	return memcmp(lx->pat_text.data + p->off, s, p->len) == 0;
}

/* Does term id match the tokens from position at on? */
static int
term_matches(const ctk_lexicon *lx, size_t id, const ctk_tokens *t, size_t at)
{
	const struct term *tm = &lx->term[id];
	size_t k;

	if (tm->n_pat > t->n - at)
		return 0;
	for (k = 1; k < tm->n_pat; k++)
		if (!pattern_matches(lx, &lx->pat[tm->first_pat + k],
		    t->text.data + t->start[at + k], t->len[at + k]))
			return 0;
	return 1;
}

/* Is term a a better match than term b (b may be -1)? */
static int
better(const ctk_lexicon *lx, size_t a, long b)
{
	const struct term *x = &lx->term[a], *y;

	if (b < 0)
		return 1;
	y = &lx->term[b];
	if (x->n_pat != y->n_pat)
		return x->n_pat > y->n_pat;
	if (x->literal != y->literal)
		return x->literal > y->literal;
	return a < (size_t)b;
}

static long
consider(const ctk_lexicon *lx, const size_t *member, size_t lo, size_t hi,
    const ctk_tokens *t, size_t at, long best)
{
	for (; lo < hi; lo++)
		if (better(lx, member[lo], best) &&
		    term_matches(lx, member[lo], t, at))
			best = (long)member[lo];
	return best;
}

/* The best term matching at token position at, or -1. */
static long
best_match(const ctk_lexicon *lx, const ctk_tokens *t, size_t at)
{
	const char *s = t->text.data + t->start[at];
	size_t len = t->len[at], k;
	uint64_t h = CTK_FNV1A_OFFSET;
	long best = -1, g;

	g = strmap_find(&lx->exact, ctk_fnv1a(s, len), s, len);
	if (g >= 0)
		best = consider(lx, lx->e_member, lx->e_start[g],
		    lx->e_start[g + 1], t, at, best);
	for (k = 1; k <= len && lx->pre.n > 0; k++) {
		h = ctk_fnv1a_more(h, s + k - 1, 1);
		if ((g = strmap_find_hash(&lx->pre, h, k)) == -1)
			break;	/* no wildcard starts with s[0..k) */
		if (g >= 0)
			continue;	/* only the start of a wildcard */
		g = -2 - g;
		if (memcmp(lx->pre.keys.data + lx->pre.key_off[g], s, k) != 0)
			continue;	/* a hash collision */
		best = consider(lx, lx->p_member, lx->p_start[g],
		    lx->p_start[g + 1], t, at, best);
	}
	return best;
}

static int
append_match(ctk_buf *out, const ctk_tokens *t, size_t at, size_t n)
{
	size_t k;

	if (out->len > 0 && ctk_buf_append_char(out, ';') < 0)
		return -1;
	for (k = 0; k < n; k++)
		if ((k > 0 && ctk_buf_append_char(out, ' ') < 0) ||
		    ctk_buf_append(out, t->text.data + t->start[at + k],
		    t->len[at + k]) < 0)
			return -1;
	return 0;
}

int
ctk_lexicon_index(ctk_lexicon *lx, ctk_error *err)
{
	return lx->indexed ? 0 : build_index(lx, err);
}

long
ctk_lexicon_match(ctk_lexicon *lx, const ctk_tokens *t, double *total,
    ctk_buf *matches, ctk_error *err)
{
	size_t at = 0, c;
	long best, n = 0;
	const struct term *tm;
	int rc;

	if (!lx->indexed && (rc = build_index(lx, err)) < 0)
		return rc;
	memset(total, 0, lx->cats.n * sizeof *total);
	while (at < t->n) {
		if ((best = best_match(lx, t, at)) < 0) {
			at++;
			continue;
		}
		tm = &lx->term[best];
		total[tm->cat0] += tm->weight0;
		for (c = tm->first_cat + 1; c < tm->first_cat + tm->n_cat; c++)
			total[lx->tcat[c].cat] += lx->tcat[c].weight;
		if (matches != NULL && append_match(matches, t, at, tm->n_pat) < 0)
			return nomem(err);
		at += tm->n_pat;
		n++;
	}
	return n;
}

/* ---- files ---- */

struct loader {
	ctk_lexicon *lx;
	ctk_lexicon_report_fn report;
	void *ctx;
	long line;
	int state;		/* LIWC: 0 before the header, 1 in it, 2 after */
	int liwc;
	int seen_data;		/* TSV: a header line is only the first */
	/* LIWC header: category number (its bytes) -> i, hashed so that
	 * a header of many categories is not read in quadratic time */
	struct strmap liwc_nums;
	size_t *liwc_cat;	/* category id of number i */
	size_t n_liwc, cap_liwc;
};

static void
bad_line(struct loader *ld, ctk_error *e, long col)
{
	e->line = ld->line;
	if (col > 0)
		e->col = col;
	if (ld->report != NULL)
		ld->report(ld->ctx, e);
}

/* Adds a term; a bad term is reported, not fatal. */
static int
add_term(struct loader *ld, const char *term, size_t tlen, const char *cat,
    size_t clen, double weight, ctk_error *err)
{
	ctk_error e;
	int rc = ctk_lexicon_add(ld->lx, term, tlen, cat, clen, weight, &e);

	if (rc == CTK_EFORMAT) {
		bad_line(ld, &e, 1);
		return 0;
	}
	if (rc < 0)
		*err = e;
	return rc;
}

static int
parse_tsv_line(struct loader *ld, char *s, size_t len, ctk_error *err)
{
	char *f[4], *end;
	size_t n = 0, flen[4];
	double weight = 1;
	ctk_error e;
	char *p = s, *tab;

	while (n < 4) {
		tab = memchr(p, '\t', len - (size_t)(p - s));
		f[n] = p;
		flen[n++] = tab ? (size_t)(tab - p) : len - (size_t)(p - s);
		if (tab == NULL)
			break;
		p = tab + 1;
	}
	if (n < 2 || n > 3) {
		ctk_error_set(&e, CTK_EFORMAT, 0, n > 3 ? (long)(f[3] - s) + 1 : 0,
		    "expected term<TAB>category[<TAB>weight], found %zu "
		    "field%s", n > 3 ? (size_t)4 : n, n == 1 ? "" : "s");
		bad_line(ld, &e, 0);
		return 0;
	}
	if (!ld->seen_data++ && flen[0] == 4 && flen[1] == 8 &&
	    memcmp(f[0], "term", 4) == 0 && memcmp(f[1], "category", 8) == 0)
		return 0;	/* a header line */
	if (flen[1] == 0) {
		ctk_error_set(&e, CTK_EFORMAT, 0, (long)(f[1] - s) + 1,
		    "empty category");
		bad_line(ld, &e, 0);
		return 0;
	}
	if (n == 3) {
		f[2][flen[2]] = '\0';
		weight = strtod(f[2], &end);
		if (flen[2] == 0 || *end != '\0' || !isfinite(weight)) {
			ctk_error_set(&e, CTK_EFORMAT, 0, (long)(f[2] - s) + 1,
			    "bad weight '%.40s': expected a number", f[2]);
			bad_line(ld, &e, 0);
			return 0;
		}
	}
	return add_term(ld, f[0], flen[0], f[1], flen[1], weight, err);
}

static long
liwc_category(struct loader *ld, long num)
{
	long i = strmap_find(&ld->liwc_nums, ctk_fnv1a((const char *)&num,
	    sizeof num), (const char *)&num, sizeof num);

	/* an id the map returns was stored in liwc_cat, which exists */
	return i < 0 || ld->liwc_cat == NULL ? -1 : (long)ld->liwc_cat[i];
}

/* A header line: number, white space, name. */
static int
parse_liwc_header(struct loader *ld, char *s, size_t len, ctk_error *err)
{
	char *end, *name;
	long num = strtol(s, &end, 10);
	ctk_error e;
	size_t i, n_before;
	long id;

	if (end == s || (*end != '\t' && *end != ' ') || num < 0) {
		ctk_error_set(&e, CTK_EFORMAT, 0, 1,
		    "expected number<TAB>category in the LIWC header");
		bad_line(ld, &e, 0);
		return 0;
	}
	for (name = end; *name == '\t' || *name == ' '; name++)
		;
	if (*name == '\0' || liwc_category(ld, num) >= 0) {
		ctk_error_set(&e, CTK_EFORMAT, 0, (long)(name - s) + 1,
		    *name ? "category number %ld given twice" :
		    "category %ld has no name", num);
		bad_line(ld, &e, 0);
		return 0;
	}
	if (ctk_grow_array((void **)&ld->liwc_cat, &ld->cap_liwc, ld->n_liwc + 1,
	    sizeof *ld->liwc_cat) < 0)
		return nomem(err);
	i = len - (size_t)(name - s);
	n_before = ld->lx->cats.n;
	if ((id = strmap_put(&ld->lx->cats, name, i)) < 0)
		return nomem(err);
	if (ld->lx->cats.n > n_before &&
	    (ctk_grow_array((void **)&ld->lx->cat_name, &ld->lx->cap_cat_name,
	    ld->lx->cats.n, sizeof *ld->lx->cat_name) < 0 ||
	    (ld->lx->cat_name[id] = strndup(name, i)) == NULL)) {
		ld->lx->cats.n--;
		return nomem(err);
	}
	if (strmap_put(&ld->liwc_nums, (const char *)&num, sizeof num) < 0)
		return nomem(err);
	ld->liwc_cat[ld->n_liwc++] = (size_t)id;
	return 0;
}

/* A body line: term, then category numbers. Every number is checked
 * before the term is added, so that a bad line adds nothing. */
static int
parse_liwc_entry(struct loader *ld, char *s, size_t len, ctk_error *err)
{
	char *tab = memchr(s, '\t', len), *p, *end;
	size_t tlen, n = 0, i;
	long num, cat, cats[64];
	ctk_error e;
	int rc;

	if (tab == NULL)
		tab = memchr(s, ' ', len);
	if (tab == NULL || tab == s) {
		ctk_error_set(&e, CTK_EFORMAT, 0, 1,
		    "expected term<TAB>category numbers");
		bad_line(ld, &e, 0);
		return 0;
	}
	tlen = (size_t)(tab - s);
	for (p = tab; *p != '\0';) {
		while (*p == '\t' || *p == ' ')
			p++;
		if (*p == '\0')
			break;
		num = strtol(p, &end, 10);
		if (end == p || (*end != '\0' && *end != '\t' && *end != ' ') ||
		    (cat = liwc_category(ld, num)) < 0) {
			ctk_error_set(&e, CTK_EFORMAT, 0, (long)(p - s) + 1,
			    "'%.*s' is not a category number of the header",
			    (int)(strcspn(p, "\t ") > 20 ? 20 : strcspn(p, "\t ")),
			    p);
			bad_line(ld, &e, 0);
			return 0;
		}
		if (n == sizeof cats / sizeof cats[0]) {
			ctk_error_set(&e, CTK_EFORMAT, 0, (long)(p - s) + 1,
			    "more than %zu categories for one term", n);
			bad_line(ld, &e, 0);
			return 0;
		}
		cats[n++] = cat;
		p = end;
	}
	for (i = 0; i < n; i++) {
		const char *name = ld->lx->cat_name[cats[i]];

		if ((rc = add_term(ld, s, tlen, name, strlen(name), 1, err)) < 0)
			return rc;
	}
	return 0;
}

static int
parse_line(struct loader *ld, char *s, size_t len, ctk_error *err)
{
	if (ld->line == 1 && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		len -= 3;
	}
	if (len > 0 && s[len - 1] == '\r')
		s[--len] = '\0';
	if (len == 0)
		return 0;
	if (ld->state == 0 && !ld->seen_data && s[0] == '%') {
		ld->liwc = 1;
		ld->state = 1;
		return 0;
	}
	if (ld->liwc && ld->state == 1) {
		if (s[0] == '%') {
			ld->state = 2;
			return 0;
		}
		return parse_liwc_header(ld, s, len, err);
	}
	if (ld->liwc)
		return parse_liwc_entry(ld, s, len, err);
	if (s[0] == '#')
		return 0;
	return parse_tsv_line(ld, s, len, err);
}

int
ctk_lexicon_load(ctk_lexicon *lx, ctk_input *in, ctk_lexicon_report_fn report,
    void *ctx, ctk_error *err)
{
	struct loader ld;
	char *line;
	size_t len;
	int rc;

	memset(&ld, 0, sizeof ld);
	ld.lx = lx;
	ld.report = report;
	ld.ctx = ctx;
	while ((rc = ctk_input_getline(in, &line, &len, err)) > 0) {
		ld.line = ctk_input_line(in);
		if ((rc = parse_line(&ld, line, len, err)) < 0)
			break;
	}
	if (rc == 0 && ld.liwc && ld.state < 2)
		rc = ctk_error_set(err, CTK_EFORMAT, ld.line, 0,
		    "LIWC header not closed by a '%%' line");
	strmap_release(&ld.liwc_nums);
	free(ld.liwc_cat);
	return rc;
}
