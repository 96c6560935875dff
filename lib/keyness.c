/*
 * keyness: the table of keyness measures (see keyness.h). Every term of
 * either table is scored; a term missing from one side has count 0 there,
 * which the measures handle as documented in assoc.h.
 */
#include "keyness.h"

#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assoc.h"
#include "fmt.h"

/* What sorting and filtering need; the other measures are computed again
 * when the row is written, which keeps a row small on big tables. */
typedef struct key_row {
	const char *term;
	size_t term_len;
	double a, b, n1, n2;
	double p, strength;
	int positive;
} key_row;

typedef struct measures {
	double g2, chi2, log_ratio, pct_diff, rr;
} measures;

int
ctk_keyness_measure_parse(const char *name, enum ctk_keyness_measure *m)
{
	static const char *const names[] = { "g2", "chi2", "log_ratio",
	    "pct_diff", "relative_risk" };
	int i;

	for (i = 0; i < 5; i++) {
		if (strcmp(name, names[i]) == 0) {
			*m = (enum ctk_keyness_measure)i;
			return 0;
		}
	}
	return -1;
}

void
ctk_keyness_format(char *out, size_t size, double v, int exact)
{
	if (exact)
		snprintf(out, size, "%.17g", v);
	else
		ctk_fmt_fixed(out, size, v, 6);
}

static void
compute(const key_row *k, const ctk_keyness_opts *o, measures *m)
{
	m->g2 = o->g2_4term ? ctk_keyness_g2_4term(k->a, k->b, k->n1, k->n2) :
	    ctk_keyness_g2_2term(k->a, k->b, k->n1, k->n2);
	m->chi2 = ctk_keyness_chi2(k->a, k->b, k->n1, k->n2, o->yates);
	m->log_ratio = ctk_keyness_log_ratio(k->a, k->b, k->n1, k->n2);
	m->pct_diff = ctk_keyness_pct_diff(k->a, k->b, k->n1, k->n2);
	m->rr = ctk_keyness_relative_risk(k->a, k->b, k->n1, k->n2);
}

static void
score(key_row *k, const ctk_keyness_opts *o)
{
	measures m;

	compute(k, o, &m);
	k->p = ctk_assoc_p_chi2_1df(m.g2);
	k->positive = k->a * k->n2 > k->b * k->n1;
	switch (o->sort) {
	case CTK_KEY_G2:
		k->strength = m.g2;
		break;
	case CTK_KEY_CHI2:
		k->strength = m.chi2;
		break;
	case CTK_KEY_LOG_RATIO:
		k->strength = fabs(m.log_ratio);
		break;
	case CTK_KEY_PCT_DIFF:
		k->strength = fabs(m.pct_diff);
		break;
	case CTK_KEY_RELATIVE_RISK:
		k->strength = m.rr >= 1 ? m.rr : 1 / m.rr;
		break;
	}
}

static int
row_cmp(const void *pa, const void *pb)
{
	const key_row *a = pa, *b = pb;
	size_t n;
	int r;

	if (a->positive != b->positive)
		return a->positive ? -1 : 1;
	if (a->strength != b->strength)
		return a->strength > b->strength ? -1 : 1;
	n = a->term_len < b->term_len ? a->term_len : b->term_len;
	r = memcmp(a->term, b->term, n);
	if (r != 0)
		return r;
	return (a->term_len > b->term_len) - (a->term_len < b->term_len);
}

/* The totals of n-grams of size n on both sides, looked up again only
 * when n changes (rarely: rows of one size come together). */
struct totals {
	int n;
	double n1, n2;
};

static void
totals_for(struct totals *tc, ctk_freqtab *target, ctk_freqtab *reference,
    int n)
{
	if (tc->n == n)
		return;
	tc->n = n;
	tc->n1 = (double)ctk_freqtab_total(target, "", 0, n);
	tc->n2 = (double)ctk_freqtab_total(reference, "", 0, n);
}

#define CHUNK 64

/* What the sort compares, packed so that most comparisons end before
 * reading the row or its term (both far apart in memory): the first 8
 * bytes of the term as a big-endian number, zero padded, order terms as
 * memcmp() does whenever they differ. */
typedef struct sort_key {
	double strength;
	uint64_t prefix;
	const key_row *row;
	int positive;
} sort_key;

static uint64_t
term_prefix(const char *term, size_t len)
{
	uint64_t p = 0;
	size_t i;

	for (i = 0; i < 8; i++)
		p = p << 8 | (i < len ? (unsigned char)term[i] : 0);
	return p;
}

/* The order of row_cmp(). */
static int
sort_key_cmp(const void *pa, const void *pb)
{
	const sort_key *a = pa, *b = pb;

	if (a->positive != b->positive)
		return a->positive ? -1 : 1;
	if (a->strength != b->strength)
		return a->strength > b->strength ? -1 : 1;
	if (a->prefix != b->prefix)
		return a->prefix < b->prefix ? -1 : 1;
	return row_cmp(a->row, b->row);
}

static void
swap_keys(sort_key *a, sort_key *b)
{
	sort_key t = *a;

	*a = *b;
	*b = t;
}

static void
insertion_sort(sort_key *k, size_t n)
{
	size_t i, j;
	sort_key t;

	for (i = 1; i < n; i++) {
		t = k[i];
		for (j = i; j > 0 && sort_key_cmp(&t, &k[j - 1]) < 0; j--)
			k[j] = k[j - 1];
		k[j] = t;
	}
}

/* Quicksort with the comparison inlined, which qsort() cannot do: median
 * of three, Hoare partition, the smaller side by recursion. Past depth 0
 * the rest goes to qsort(), which bounds the worst case. Keys are all
 * distinct (terms are), so the order is the one any sort gives. */
static void
quick_sort(sort_key *k, size_t n, int depth)
{
	size_t mid;
	ptrdiff_t i, j;
	sort_key pivot;

	while (n > 16) {
		if (depth-- == 0) {
			qsort(k, n, sizeof *k, sort_key_cmp);
			return;
		}
		mid = n / 2;
		if (sort_key_cmp(&k[mid], &k[0]) < 0)
			swap_keys(&k[mid], &k[0]);
		if (sort_key_cmp(&k[n - 1], &k[mid]) < 0) {
			swap_keys(&k[n - 1], &k[mid]);
			if (sort_key_cmp(&k[mid], &k[0]) < 0)
				swap_keys(&k[mid], &k[0]);
		}
		pivot = k[mid];
		i = -1;
		j = (ptrdiff_t)n;
		for (;;) {
			do
				i++;
			while (sort_key_cmp(&k[i], &pivot) < 0);
			do
				j--;
			while (sort_key_cmp(&pivot, &k[j]) < 0);
			if (i >= j)
				break;
			swap_keys(&k[i], &k[j]);
		}
		/* k[0..j] <= pivot <= k[j+1..n) */
		if ((size_t)j + 1 < n - ((size_t)j + 1)) {
			quick_sort(k, (size_t)j + 1, depth);
			k += j + 1;
			n -= (size_t)j + 1;
		} else {
			quick_sort(k + j + 1, n - ((size_t)j + 1), depth);
			n = (size_t)j + 1;
		}
	}
	insertion_sort(k, n);
}

static int
depth_limit(size_t n)
{
	int d = 0;

	while (n > 1) {
		n /= 2;
		d += 2;
	}
	return d;
}

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif
#define AHEAD 16

/* Sorts v[0..n) into output order: 0, or CTK_ENOMEM. The small keys are
 * sorted, not the rows: most comparisons then end without reading a row
 * or its term. The rows are then gathered in that order into a new array
 * (asking ahead for the rows to come), so that writing reads memory in
 * order. A NaN strength would make the order depend on the sort
 * algorithm, so then v is sorted with row_cmp() as it always was. */
static int
sort_rows(key_row **pv, size_t n)
{
	key_row *v = *pv, *out;
	sort_key *keys;
	size_t i;
	int has_nan = 0;

	for (i = 0; i < n; i++)
		has_nan |= isnan(v[i].strength);
	if (has_nan) {
		qsort(v, n, sizeof *v, row_cmp);
		return 0;
	}
	if ((keys = malloc(n * sizeof *keys)) == NULL)
		return CTK_ENOMEM;
	for (i = 0; i < n; i++) {
		keys[i].strength = v[i].strength;
		keys[i].prefix = term_prefix(v[i].term, v[i].term_len);
		keys[i].row = &v[i];
		keys[i].positive = v[i].positive;
	}
	quick_sort(keys, n, depth_limit(n));
	if ((out = malloc(n * sizeof *out)) == NULL) {
		free(keys);
		return CTK_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		if (i + AHEAD < n)
			PREFETCH(keys[i + AHEAD].row);
		out[i] = *keys[i].row;
	}
	free(keys);
	free(v);
	*pv = out;
	return 0;
}

/* Adds the rows of `from` (and, with other set, only the terms other
 * lacks) with counts looked up on both sides. v has room for every row
 * of both tables. The other side is looked up CHUNK terms at a time,
 * which lets the memory loads of a chunk overlap. */
static int
collect(ctk_freqtab *target, ctk_freqtab *reference, int from_reference,
    const ctk_keyness_opts *o, key_row *v, size_t *n)
{
	ctk_freqtab *from = from_reference ? reference : target;
	ctk_freqtab *other = from_reference ? target : reference;
	size_t i, j, m, n_rows = ctk_freqtab_size(from);
	struct totals tc = { 0, 0, 0 };
	ctk_freqtab_row rows[CHUNK];
	const char *terms[CHUNK];
	size_t lens[CHUNK];
	int64_t counts[CHUNK];

	for (i = 0; i < n_rows; i += m) {
		m = n_rows - i < CHUNK ? n_rows - i : CHUNK;
		for (j = 0; j < m; j++) {
			ctk_freqtab_row_at(from, i + j, &rows[j]);
			terms[j] = rows[j].term;
			lens[j] = rows[j].term_len;
		}
		if (ctk_freqtab_get_many(other, "", 0, terms, lens, m,
		    counts) != 0)
			return CTK_ENOMEM;
		for (j = 0; j < m; j++) {
			key_row k;

			memset(&k, 0, sizeof k);
			k.term = rows[j].term;
			k.term_len = rows[j].term_len;
			/* the row gives its own side, the other is looked up */
			if (from_reference) {
				k.b = (double)rows[j].count;
				k.a = (double)counts[j];
				if (k.a > 0)
					continue;	/* scored from the target */
			} else {
				k.a = (double)rows[j].count;
				k.b = (double)counts[j];
			}
			if (k.a + k.b < (double)o->min_count)
				continue;
			totals_for(&tc, target, reference, rows[j].n);
			k.n1 = tc.n1;
			k.n2 = tc.n2;
			if (k.n1 <= 0 || k.n2 <= 0)
				continue;
			score(&k, o);
			v[(*n)++] = k;
		}
	}
	return 0;
}

static void
write_num(ctk_tsv_writer *w, double v, int exact)
{
	char num[64];
	size_t len;

	if (exact) {
		snprintf(num, sizeof num, "%.17g", v);
		len = strlen(num);
	} else {
		len = ctk_fmt_fixed(num, sizeof num, v, 6);
	}
	ctk_tsv_writer_field(w, num, len);
}

static void
write_row(ctk_tsv_writer *w, const key_row *k, const ctk_keyness_opts *o)
{
	char num[64];
	measures m;

	compute(k, o, &m);
	ctk_tsv_writer_field(w, k->term, k->term_len);
	ctk_tsv_writer_field(w, num, ctk_fmt_fixed(num, sizeof num, k->a, 0));
	ctk_tsv_writer_field(w, num, ctk_fmt_fixed(num, sizeof num, k->b, 0));
	write_num(w, k->a * 1e6 / k->n1, o->exact);
	write_num(w, k->b * 1e6 / k->n2, o->exact);
	ctk_tsv_writer_field(w, k->positive ? "+" : "-", 1);
	write_num(w, m.g2, o->exact);
	write_num(w, m.chi2, o->exact);
	write_num(w, m.log_ratio, o->exact);
	write_num(w, m.pct_diff, o->exact);
	write_num(w, m.rr, o->exact);
	if (o->exact) {
		snprintf(num, sizeof num, "%.17g", k->p);
		ctk_tsv_writer_field(w, num, strlen(num));
	} else {
		ctk_tsv_writer_field(w, num,
		    ctk_fmt_exp(num, sizeof num, k->p, 6));
	}
	ctk_tsv_writer_end_record(w);
}

static double
threshold(const ctk_keyness_opts *o, size_t m)
{
	switch (o->correction) {
	case CTK_CORRECT_BONFERRONI:
		return ctk_assoc_bonferroni(o->alpha, (double)m);
	case CTK_CORRECT_SIDAK:
		return ctk_assoc_sidak(o->alpha, (double)m);
	default:
		return o->alpha;
	}
}

int
ctk_keyness_write(ctk_freqtab *target, ctk_freqtab *reference,
    const ctk_keyness_opts *o, ctk_tsv_writer *w)
{
	const char *names[] = { "term", "count_target", "count_ref",
	    "per_million_target", "per_million_ref", "direction",
	    o->g2_4term ? "g2_4term" : "g2_2term",
	    o->yates ? "chi2_yates" : "chi2", "log_ratio", "pct_diff",
	    "relative_risk", "p" };
	key_row *v = NULL;
	size_t n = 0, i, shown[2] = { 0, 0 };
	/* one allocation for the most rows there can be: growing it by
	 * doubling would copy it and touch twice the memory */
	size_t cap = ctk_freqtab_size(target) + ctk_freqtab_size(reference);
	double limit;

	if ((v = malloc((cap > 0 ? cap : 1) * sizeof *v)) == NULL)
		return CTK_ENOMEM;
	if (collect(target, reference, 0, o, v, &n) != 0 ||
	    collect(target, reference, 1, o, v, &n) != 0) {
		free(v);
		return CTK_ENOMEM;
	}
	/* m for the multiple-comparison correction: every term tested */
	limit = threshold(o, n);
	if (n > 0 && sort_rows(&v, n) != 0) {
		free(v);
		return CTK_ENOMEM;
	}
	ctk_tsv_writer_header(w, names, sizeof names / sizeof names[0]);
	for (i = 0; i < n; i++) {
		const key_row *k = &v[i];

		/* the terms are read out of order: ask for them ahead */
		if (i + AHEAD < n)
			PREFETCH(v[i + AHEAD].term);
		if (o->alpha > 0 && !(k->p < limit))
			continue;
		if (o->top > 0 && (int64_t)shown[k->positive] >= o->top)
			continue;
		shown[k->positive]++;
		write_row(w, k, o);
	}
	free(v);
	return ctk_tsv_writer_status(w) == 0 ? 0 : CTK_EIO;
}
