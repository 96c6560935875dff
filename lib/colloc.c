/*
 * colloc: word frequencies and joint frequencies in two counters; pairs
 * are keyed "w1 w2" (tokens never hold a space).
 */
#include "colloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assoc.h"
#include "buf.h"
#include "utf8.h"
#include "counter.h"
#include "keyness.h"

struct ctk_colloc {
	char *node;
	size_t node_len;
	int left, right;
	ctk_counter *freq;
	ctk_counter *joint;
	int64_t n_tokens;
	ctk_buf key;
	unsigned char *marks;	/* node mode: positions in some window */
	size_t cap_marks;
};

typedef struct colloc_row {
	const char *w1, *w2;
	size_t len1, len2;
	double o, f1, f2, m[7];
	double sort;
} colloc_row;

int
ctk_colloc_measure_parse(const char *name, enum ctk_colloc_measure *m)
{
	static const char *const names[] = { "g2", "mi", "mi3", "t_score",
	    "z_score", "dice", "log_dice", "observed" };
	int i;

	for (i = 0; i < 8; i++) {
		if (strcmp(name, names[i]) == 0) {
			*m = (enum ctk_colloc_measure)i;
			return 0;
		}
	}
	return -1;
}

ctk_colloc *
ctk_colloc_new(const char *node, int left, int right)
{
	ctk_colloc *c = calloc(1, sizeof *c);

	if (c == NULL)
		return NULL;
	c->left = left;
	c->right = right;
	ctk_buf_init(&c->key);
	c->freq = ctk_counter_new();
	c->joint = ctk_counter_new();
	if (node != NULL) {
		c->node = strdup(node);
		c->node_len = node ? strlen(node) : 0;
	}
	if (c->freq == NULL || c->joint == NULL || (node && !c->node)) {
		ctk_colloc_free(c);
		return NULL;
	}
	return c;
}

void
ctk_colloc_free(ctk_colloc *c)
{
	if (c == NULL)
		return;
	ctk_counter_free(c->freq);
	ctk_counter_free(c->joint);
	ctk_buf_release(&c->key);
	free(c->node);
	free(c->marks);
	free(c);
}

static int
is_node(const ctk_colloc *c, const ctk_doc *d, size_t i)
{
	return d->lens[i] == c->node_len &&
	    memcmp(d->tokens[i], c->node, c->node_len) == 0;
}

static int
count_pair(ctk_colloc *c, const ctk_doc *d, size_t i, size_t j)
{
	ctk_buf_reset(&c->key);
	if (ctk_buf_append(&c->key, d->tokens[i], d->lens[i]) != 0 ||
	    ctk_buf_append_char(&c->key, ' ') != 0 ||
	    ctk_buf_append(&c->key, d->tokens[j], d->lens[j]) != 0 ||
	    ctk_counter_add(c->joint, c->key.data, c->key.len, 1,
	    d->stamp) == NULL)
		return CTK_ENOMEM;
	return 0;
}

/* The window of token i: [lo, hi], clipped to its segment. */
static void
window(const ctk_doc *d, size_t i, int left, int right, size_t *lo,
    size_t *hi)
{
	*lo = i;
	while (*lo > 0 && i - (*lo - 1) <= (size_t)left &&
	    d->segment[*lo - 1] == d->segment[i])
		(*lo)--;
	*hi = i;
	while (*hi + 1 < d->n_tokens && (*hi + 1) - i <= (size_t)right &&
	    d->segment[*hi + 1] == d->segment[i])
		(*hi)++;
}

/* Node mode: marks every position inside the window of some node
 * occurrence (other than that occurrence itself), then counts each marked
 * token once, so that overlapping windows do not count a token twice and
 * O never exceeds the collocate's frequency. */
static int
add_node_windows(ctk_colloc *c, const ctk_doc *d)
{
	size_t i, j, lo, hi, node_pos = d->n_tokens;

	if (d->n_tokens > c->cap_marks) {
		unsigned char *m = realloc(c->marks, d->n_tokens);

		if (m == NULL)
			return CTK_ENOMEM;
		c->marks = m;
		c->cap_marks = d->n_tokens;
	}
	memset(c->marks, 0, d->n_tokens);
	for (i = 0; i < d->n_tokens; i++) {
		if (!is_node(c, d, i))
			continue;
		window(d, i, c->left, c->right, &lo, &hi);
		for (j = lo; j <= hi; j++)
			c->marks[j] |= j != i;
		node_pos = i;
	}
	if (node_pos == d->n_tokens)
		return 0;
	for (j = 0; j < d->n_tokens; j++) {
		if (c->marks[j] && count_pair(c, d, node_pos, j) != 0)
			return CTK_ENOMEM;
	}
	return 0;
}

int
ctk_colloc_add(ctk_colloc *c, const ctk_doc *d)
{
	size_t i, j, lo, hi;

	for (i = 0; i < d->n_tokens; i++) {
		if (ctk_counter_add(c->freq, d->tokens[i], d->lens[i], 1,
		    d->stamp) == NULL)
			return CTK_ENOMEM;
		c->n_tokens++;
	}
	if (c->node != NULL)
		return add_node_windows(c, d);
	for (i = 0; i < d->n_tokens; i++) {
		window(d, i, 0, c->right, &lo, &hi);
		for (j = i + 1; j <= hi; j++) {
			if (count_pair(c, d, i, j) != 0)
				return CTK_ENOMEM;
		}
	}
	return 0;
}

static int64_t
freq_of(ctk_colloc *c, const char *w, size_t len)
{
	ctk_counter_entry *e = ctk_counter_get(c->freq, w, len, 0);

	return e ? e->count : 0;
}

static void
score(ctk_colloc *c, colloc_row *r, enum ctk_colloc_measure sort)
{
	static const int column[] = { 4, 0, 1, 2, 3, 5, 6 };
	double n = (double)c->n_tokens;

	r->f1 = (double)freq_of(c, r->w1, r->len1);
	r->f2 = (double)freq_of(c, r->w2, r->len2);
	r->m[0] = ctk_colloc_mi(r->o, r->f1, r->f2, n);
	r->m[1] = ctk_colloc_mi3(r->o, r->f1, r->f2, n);
	r->m[2] = ctk_colloc_t(r->o, r->f1, r->f2, n);
	r->m[3] = ctk_colloc_z(r->o, r->f1, r->f2, n);
	r->m[4] = ctk_colloc_g2(r->o, r->f1, r->f2, n);
	r->m[5] = ctk_colloc_dice(r->o, r->f1, r->f2);
	r->m[6] = ctk_colloc_log_dice(r->o, r->f1, r->f2);
	/* m[] is in output order (mi mi3 t z g2 dice log_dice); column[]
	 * maps the measure enum onto it */
	r->sort = sort == CTK_COLLOC_OBSERVED ? r->o : r->m[column[sort]];
}

static int
row_cmp(const void *pa, const void *pb)
{
	const colloc_row *a = pa, *b = pb;
	int r;

	if (a->sort != b->sort)
		return a->sort > b->sort ? -1 : 1;
	r = ctk_bytes_cmp(a->w2, a->len2, b->w2, b->len2);
	return r != 0 ? r : ctk_bytes_cmp(a->w1, a->len1, b->w1, b->len1);
}

static void
write_num(ctk_tsv_writer *w, double v, int exact)
{
	char num[64];

	ctk_keyness_format(num, sizeof num, v, exact);
	ctk_tsv_writer_field(w, num, strlen(num));
}

static void
write_count(ctk_tsv_writer *w, double v)
{
	char num[32];

	snprintf(num, sizeof num, "%.0f", v);
	ctk_tsv_writer_field(w, num, strlen(num));
}

static void
write_row(ctk_colloc *c, ctk_tsv_writer *w, const colloc_row *r, int exact)
{
	int i;

	ctk_tsv_writer_field(w, r->w1, r->len1);
	ctk_tsv_writer_field(w, r->w2, r->len2);
	write_count(w, r->o);
	write_num(w, ctk_colloc_expected(r->f1, r->f2, (double)c->n_tokens),
	    exact);
	write_count(w, r->f1);
	write_count(w, r->f2);
	for (i = 0; i < 7; i++)
		write_num(w, r->m[i], exact);
	ctk_tsv_writer_end_record(w);
}

int
ctk_colloc_write(ctk_colloc *c, ctk_tsv_writer *w, int64_t min_freq,
    int64_t top, enum ctk_colloc_measure sort, int exact)
{
	const char *names[] = { c->node ? "node" : "w1",
	    c->node ? "collocate" : "w2", "observed", "expected", "f1", "f2",
	    "mi", "mi3", "t_score", "z_score", "g2", "dice", "log_dice" };
	size_t n = ctk_counter_size(c->joint), i, kept = 0;
	colloc_row *v = n ? calloc(n, sizeof *v) : NULL;

	if (n > 0 && v == NULL)
		return CTK_ENOMEM;
	for (i = 0; i < n; i++) {
		const ctk_counter_entry *e = ctk_counter_at(c->joint, i);
		const char *sp = memchr(e->key, ' ', e->len);
		colloc_row *r = &v[kept];

		if (e->count < min_freq)
			continue;
		r->w1 = e->key;
		r->len1 = (size_t)(sp - e->key);
		r->w2 = sp + 1;
		r->len2 = e->len - r->len1 - 1;
		r->o = (double)e->count;
		score(c, r, sort);
		kept++;
	}
	if (kept > 0)
		qsort(v, kept, sizeof *v, row_cmp);
	ctk_tsv_writer_header(w, names, sizeof names / sizeof names[0]);
	for (i = 0; i < kept && (top <= 0 || (int64_t)i < top); i++)
		write_row(c, w, &v[i], exact);
	free(v);
	return ctk_tsv_writer_status(w) == 0 ? 0 : CTK_EIO;
}
