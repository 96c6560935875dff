/*
 * freqtab: see freqtab.h. Rows live in a counter keyed "group\0term";
 * totals in a second counter keyed "group\0n". The n of a row is not
 * stored: it is the number of tokens of its term.
 */
#include "freqtab.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "counter.h"
#include "fmt.h"

/* Loaded rows are added to the table this many at a time. */
#define PEND_MAX 64

struct ctk_freqtab {
	int grouped, with_n;
	ctk_counter *rows;
	ctk_counter *totals;
	ctk_counter *seen;	/* (group, n) totals taken from each file */
	ctk_buf key;
	ctk_buf many;		/* the keys of one ctk_freqtab_count_many() */
	const char **many_keys;
	size_t *many_lens, many_cap;
	/* rows loaded but not yet added: see load_flush() */
	ctk_buf pend;
	size_t n_pend, pend_len[PEND_MAX];
	int64_t pend_count[PEND_MAX], pend_docs[PEND_MAX];
	int failed;		/* a load_flush() ran out of memory */
	/* (group, n, file) of the last row loaded, whose total is taken */
	ctk_buf last_group;
	int last_n, have_last;
	uint64_t last_file;
	/* columns of the table being loaded */
	int col_group, col_n, col_term, col_count, col_docs, col_total;
};

ctk_freqtab *
ctk_freqtab_new(int grouped, int with_n)
{
	ctk_freqtab *t = calloc(1, sizeof *t);

	if (t == NULL)
		return NULL;
	t->grouped = grouped;
	t->with_n = with_n;
	t->rows = ctk_counter_new();
	t->totals = ctk_counter_new();
	t->seen = ctk_counter_new();
	ctk_buf_init(&t->key);
	ctk_buf_init(&t->many);
	ctk_buf_init(&t->last_group);
	ctk_buf_init(&t->pend);
	if (t->rows == NULL || t->totals == NULL || t->seen == NULL) {
		ctk_freqtab_free(t);
		return NULL;
	}
	return t;
}

void
ctk_freqtab_free(ctk_freqtab *t)
{
	if (t == NULL)
		return;
	ctk_counter_free(t->rows);
	ctk_counter_free(t->totals);
	ctk_counter_free(t->seen);
	ctk_buf_release(&t->key);
	ctk_buf_release(&t->many);
	ctk_buf_release(&t->last_group);
	ctk_buf_release(&t->pend);
	free(t->many_keys);
	free(t->many_lens);
	free(t);
}

int
ctk_freqtab_term_n(const char *term, size_t len)
{
	int n = 1;
	size_t i;

	for (i = 0; i < len; i++)
		n += term[i] == ' ';
	return n;
}

static int
make_key(ctk_freqtab *t, const char *group, size_t group_len,
    const char *rest, size_t rest_len)
{
	ctk_buf_reset(&t->key);
	if (ctk_buf_append(&t->key, group, group_len) != 0 ||
	    ctk_buf_append_char(&t->key, '\0') != 0 ||
	    ctk_buf_append(&t->key, rest, rest_len) != 0)
		return CTK_ENOMEM;
	return 0;
}

static ctk_counter_entry *
total_entry(ctk_freqtab *t, const char *group, size_t group_len, int n,
    int create)
{
	char num[16];
	int len = snprintf(num, sizeof num, "%d", n);

	if (make_key(t, group, group_len, num, (size_t)len) != 0)
		return NULL;
	return ctk_counter_get(t->totals, t->key.data, t->key.len, create);
}

/* Adds the loaded rows still pending (see ctk_freqtab_load_row()): their
 * keys are looked up all at once, which lets the memory loads of a batch
 * overlap. Every function that reads or changes the rows calls it first.
 * Running out of memory here is remembered in t->failed and reported by
 * the next function that can report it. */
static int
load_flush(ctk_freqtab *t)
{
	const char *keys[PEND_MAX];
	ctk_counter_entry *e[PEND_MAX];
	size_t i, off = 0;

	if (t->n_pend == 0)
		return t->failed ? CTK_ENOMEM : 0;
	for (i = 0; i < t->n_pend; i++) {
		keys[i] = t->pend.data + off;
		off += t->pend_len[i];
	}
	if (ctk_counter_get_many(t->rows, keys, t->pend_len, t->n_pend, 1,
	    e) != 0) {
		t->failed = 1;
	} else {
		for (i = 0; i < t->n_pend; i++) {
			e[i]->count += t->pend_count[i];
			e[i]->docs += t->pend_docs[i];
		}
	}
	t->n_pend = 0;
	ctk_buf_reset(&t->pend);
	return t->failed ? CTK_ENOMEM : 0;
}

int
ctk_freqtab_count(ctk_freqtab *t, const char *group, size_t group_len,
    const char *term, size_t term_len, uint64_t doc_stamp)
{
	if (load_flush(t) != 0 ||
	    make_key(t, group, group_len, term, term_len) != 0 ||
	    ctk_counter_add(t->rows, t->key.data, t->key.len, 1,
	    doc_stamp) == NULL)
		return CTK_ENOMEM;
	return 0;
}

/* Words are short: a byte loop beats a memcpy() call on them. */
static void
copy_short(char *d, const char *s, size_t n)
{
	size_t i;

	if (n > 32) {
		memcpy(d, s, n);
		return;
	}
	for (i = 0; i < n; i++)
		d[i] = s[i];
}

static int
reserve_many(ctk_freqtab *t, size_t n)
{
	const char **keys;
	size_t *lens;

	if (n <= t->many_cap)
		return 0;
	if ((keys = realloc(t->many_keys, n * sizeof *keys)) == NULL)
		return CTK_ENOMEM;
	t->many_keys = keys;
	if ((lens = realloc(t->many_lens, n * sizeof *lens)) == NULL)
		return CTK_ENOMEM;
	t->many_lens = lens;
	t->many_cap = n;
	return 0;
}

/* Makes the keys "group\0term" of n terms in t->many, pointed to by
 * t->many_keys and t->many_lens. */
static int
make_keys(ctk_freqtab *t, const char *group, size_t group_len,
    const char *const *terms, const size_t *term_lens, size_t n)
{
	size_t i, bytes = 0, off = 0;
	char *p;

	for (i = 0; i < n; i++)
		bytes += group_len + 1 + term_lens[i];
	if (reserve_many(t, n) != 0)
		return CTK_ENOMEM;
	/* all keys in one buffer, then pointers into it (the buffer does
	 * not move once sized) */
	ctk_buf_reset(&t->many);
	if (ctk_buf_grow(&t->many, bytes) != 0)
		return CTK_ENOMEM;
	p = t->many.data;
	for (i = 0; i < n; i++) {
		if (group_len > 0)
			memcpy(p + off, group, group_len);
		p[off + group_len] = '\0';
		copy_short(p + off + group_len + 1, terms[i], term_lens[i]);
		t->many_keys[i] = p + off;
		t->many_lens[i] = group_len + 1 + term_lens[i];
		off += t->many_lens[i];
	}
	return 0;
}

int
ctk_freqtab_count_many(ctk_freqtab *t, const char *group, size_t group_len,
    const char *const *terms, const size_t *term_lens, size_t n,
    uint64_t doc_stamp)
{
	if (load_flush(t) != 0 ||
	    make_keys(t, group, group_len, terms, term_lens, n) != 0 ||
	    ctk_counter_add_many(t->rows, t->many_keys, t->many_lens, n,
	    doc_stamp) != 0)
		return CTK_ENOMEM;
	return 0;
}

int
ctk_freqtab_count_prefixed(ctk_freqtab *t, const char *const *terms,
    const size_t *term_lens, size_t n, uint64_t doc_stamp)
{
	size_t i;

	if (reserve_many(t, n) != 0)
		return CTK_ENOMEM;
	for (i = 0; i < n; i++) {
		t->many_keys[i] = terms[i] - 1;		/* "\0term" */
		t->many_lens[i] = term_lens[i] + 1;
	}
	if (ctk_counter_add_many(t->rows, t->many_keys, t->many_lens, n,
	    doc_stamp) != 0)
		return CTK_ENOMEM;
	return 0;
}

int
ctk_freqtab_get_many(ctk_freqtab *t, const char *group, size_t group_len,
    const char *const *terms, const size_t *term_lens, size_t n,
    int64_t *counts)
{
	ctk_counter_entry *found[64];
	size_t i, j, m;

	if (load_flush(t) != 0)
		return CTK_ENOMEM;
	for (i = 0; i < n; i += m) {
		m = n - i < 64 ? n - i : 64;
		if (make_keys(t, group, group_len, terms + i, term_lens + i,
		    m) != 0)
			return CTK_ENOMEM;
		ctk_counter_get_many(t->rows, t->many_keys, t->many_lens, m, 0,
		    found);
		for (j = 0; j < m; j++)
			counts[i + j] = found[j] ? found[j]->count : 0;
	}
	return 0;
}

int
ctk_freqtab_add_total(ctk_freqtab *t, const char *group, size_t group_len,
    int n, int64_t amount)
{
	ctk_counter_entry *e = total_entry(t, group, group_len, n, 1);

	if (e == NULL)
		return CTK_ENOMEM;
	e->count += amount;
	return 0;
}

int64_t
ctk_freqtab_get(ctk_freqtab *t, const char *group, size_t group_len,
    const char *term, size_t term_len)
{
	ctk_counter_entry *e;

	if (load_flush(t) != 0 ||
	    make_key(t, group, group_len, term, term_len) != 0)
		return 0;
	e = ctk_counter_get(t->rows, t->key.data, t->key.len, 0);
	return e ? e->count : 0;
}

int64_t
ctk_freqtab_total(ctk_freqtab *t, const char *group, size_t group_len, int n)
{
	ctk_counter_entry *e = total_entry(t, group, group_len, n, 0);

	return e ? e->count : 0;
}

int
ctk_freqtab_load_header(ctk_freqtab *t, const ctk_tsv_reader *r,
    const char *group_col, ctk_error *err)
{
	t->col_group = group_col ? ctk_tsv_col(r, group_col) : -1;
	if (t->col_group < 0)
		t->col_group = ctk_tsv_col(r, "group");
	t->col_n = ctk_tsv_col(r, "n");
	t->col_term = ctk_tsv_col(r, "term");
	t->col_count = ctk_tsv_col(r, "count");
	t->col_docs = ctk_tsv_col(r, "docs");
	t->col_total = ctk_tsv_col(r, "total");
	if (t->col_term < 0 || t->col_count < 0 || t->col_total < 0)
		return ctk_error_set(err, CTK_EFORMAT, 1, 0,
		    "not a frequency table: columns term, count and total "
		    "are needed (from ctk stats freq or ngrams)");
	return 0;
}

int
ctk_freqtab_loaded_grouped(const ctk_freqtab *t)
{
	return t->col_group >= 0;
}

int
ctk_freqtab_loaded_with_n(const ctk_freqtab *t)
{
	return t->col_n >= 0;
}

static int
parse_count(const ctk_tsv_reader *r, int col, int64_t *out)
{
	const char *s;
	char *end;
	size_t len;
	long long v;

	if (col < 0) {
		*out = 0;
		return 0;
	}
	s = ctk_tsv_field(r, (size_t)col, &len);
	if (len == 0 || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

/* Rows of one (group, n) come in long runs: the total of a run needs
 * looking at only once. */
static int
same_as_last(const ctk_freqtab *t, const char *group, size_t group_len,
    int n, uint64_t file_no)
{
	return t->have_last && t->last_file == file_no && t->last_n == n &&
	    t->last_group.len == group_len &&
	    memcmp(t->last_group.data, group, group_len) == 0;
}

/* Every row of a group repeats its total: take it once per file. */
static int
take_total(ctk_freqtab *t, const char *group, size_t group_len, int n,
    uint64_t file_no, int64_t total)
{
	ctk_counter_entry *e = total_entry(t, group, group_len, n, 1);
	int first_in_file;

	if (e == NULL || (e = ctk_counter_get(t->seen, t->key.data,
	    t->key.len, 1)) == NULL)
		return CTK_ENOMEM;
	first_in_file = e->last_doc != file_no;
	e->last_doc = file_no;
	if (first_in_file && ctk_freqtab_add_total(t, group,
	    t->grouped ? group_len : 0, n, total) != 0)
		return CTK_ENOMEM;
	t->have_last = 0;
	ctk_buf_reset(&t->last_group);
	if (ctk_buf_append(&t->last_group, group, group_len) != 0)
		return CTK_ENOMEM;
	t->last_n = n;
	t->last_file = file_no;
	t->have_last = 1;
	return 0;
}

int
ctk_freqtab_load_row(ctk_freqtab *t, const ctk_tsv_reader *r,
    uint64_t file_no, const char *only_group, const char *except_group,
    ctk_error *err)
{
	const char *group = "", *term;
	size_t group_len = 0, term_len;
	int64_t count, docs, total;
	int n;

	if (t->col_group >= 0)
		group = ctk_tsv_field(r, (size_t)t->col_group, &group_len);
	if (only_group && strcmp(group, only_group) != 0)
		return 0;
	if (except_group && strcmp(group, except_group) == 0)
		return 0;
	term = ctk_tsv_field(r, (size_t)t->col_term, &term_len);
	if (parse_count(r, t->col_count, &count) != 0 ||
	    parse_count(r, t->col_docs, &docs) != 0 ||
	    parse_count(r, t->col_total, &total) != 0)
		return ctk_error_set(err, CTK_EFORMAT, ctk_tsv_line(r), 0,
		    "count, docs or total is not a non-negative integer");
	n = ctk_freqtab_term_n(term, term_len);
	if (!same_as_last(t, group, group_len, n, file_no) &&
	    take_total(t, group, group_len, n, file_no, total) != 0)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	if (!t->grouped)
		group_len = 0;	/* an ungrouped table sums all groups */
	if (make_key(t, group, group_len, term, term_len) != 0 ||
	    ctk_buf_append(&t->pend, t->key.data, t->key.len) != 0)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	t->pend_len[t->n_pend] = t->key.len;
	t->pend_count[t->n_pend] = count;
	t->pend_docs[t->n_pend] = docs;
	if (++t->n_pend == PEND_MAX && load_flush(t) != 0)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	return 0;
}

static int
row_cmp(const void *pa, const void *pb)
{
	const ctk_freqtab_row *a = pa, *b = pb;
	size_t n = a->group_len < b->group_len ? a->group_len : b->group_len;
	int r = memcmp(a->group, b->group, n);

	if (r != 0)
		return r;
	if (a->group_len != b->group_len)
		return a->group_len < b->group_len ? -1 : 1;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	n = a->term_len < b->term_len ? a->term_len : b->term_len;
	r = memcmp(a->term, b->term, n);
	if (r != 0)
		return r;
	return (a->term_len > b->term_len) - (a->term_len < b->term_len);
}

/* The total of the previous row is reused while (group, n) stays the
 * same, which it does for long runs since keys are grouped. */
struct total_cache {
	const char *group;
	size_t group_len;
	int n;
	int64_t total;
};

/* The row of entry e ("group\0term"), without its group total. */
static void
split_entry(const ctk_counter_entry *e, ctk_freqtab_row *row)
{
	const char *nul = memchr(e->key, '\0', e->len);

	row->group = e->key;
	row->group_len = (size_t)(nul - e->key);
	row->term = nul + 1;
	row->term_len = e->len - row->group_len - 1;
	row->n = ctk_freqtab_term_n(row->term, row->term_len);
	row->count = e->count;
	row->docs = e->docs;
	row->total = 0;
	row->rank = 0;	/* ranked by ctk_freqtab_rows() when sorted */
}

static void
fill_row(ctk_freqtab *t, const ctk_counter_entry *e, ctk_freqtab_row *row,
    struct total_cache *tc)
{
	split_entry(e, row);
	if (tc->group == NULL || tc->n != row->n ||
	    tc->group_len != row->group_len ||
	    memcmp(tc->group, row->group, row->group_len) != 0) {
		tc->group = row->group;
		tc->group_len = row->group_len;
		tc->n = row->n;
		tc->total = ctk_freqtab_total(t, row->group, row->group_len,
		    row->n);
	}
	row->total = tc->total;
}

size_t
ctk_freqtab_size(ctk_freqtab *t)
{
	load_flush(t);
	return ctk_counter_size(t->rows);
}

void
ctk_freqtab_row_at(ctk_freqtab *t, size_t i, ctk_freqtab_row *row)
{
	load_flush(t);
	split_entry(ctk_counter_at(t->rows, i), row);
}

static int
same_block(const ctk_freqtab_row *a, const ctk_freqtab_row *b)
{
	return a->n == b->n && a->group_len == b->group_len &&
	    memcmp(a->group, b->group, a->group_len) == 0;
}

long
ctk_freqtab_rows(ctk_freqtab *t, int64_t min_count, int64_t top,
    ctk_freqtab_row **rows)
{
	size_t n, i, kept = 0, start = 0;
	ctk_freqtab_row *v;
	struct total_cache tc = { NULL, 0, 0, 0 };

	*rows = NULL;
	if (load_flush(t) != 0)
		return -1;
	n = ctk_counter_size(t->rows);
	if (n == 0)
		return 0;
	v = malloc(n * sizeof *v);
	if (v == NULL)
		return -1;
	for (i = 0; i < n; i++)
		fill_row(t, ctk_counter_at(t->rows, i), &v[i], &tc);
	if (min_count < 0) {
		/* unsorted, unranked: for callers that only look rows up */
		*rows = v;
		return (long)n;
	}
	qsort(v, n, sizeof *v, row_cmp);
	for (i = 0; i < n; i++) {
		if (i == 0 || !same_block(&v[i], &v[i - 1]))
			start = i;
		if (i > start && v[i].count == v[i - 1].count)
			v[i].rank = v[i - 1].rank;
		else
			v[i].rank = (int64_t)(i - start) + 1;
		if (v[i].count < min_count)
			continue;
		if (top > 0 && (int64_t)(i - start) >= top)
			continue;
		v[kept++] = v[i];
	}
	*rows = v;
	return (long)kept;
}

static int
write_int(ctk_tsv_writer *w, int64_t v)
{
	char num[32];

	return ctk_tsv_writer_field(w, num, ctk_fmt_int64(num, v));
}

static int
write_row(ctk_freqtab *t, ctk_tsv_writer *w, const ctk_freqtab_row *row)
{
	char num[64];
	size_t len;
	double pm = row->total > 0 ?
	    (double)row->count * 1e6 / (double)row->total : 0;

	if (t->grouped)
		ctk_tsv_writer_field(w, row->group, row->group_len);
	if (t->with_n)
		write_int(w, row->n);
	write_int(w, row->rank);
	ctk_tsv_writer_field(w, row->term, row->term_len);
	write_int(w, row->count);
	write_int(w, row->docs);
	len = ctk_fmt_fixed(num, sizeof num, pm, 6);
	ctk_tsv_writer_field(w, num, len);
	write_int(w, row->total);
	return ctk_tsv_writer_end_record(w);
}

int
ctk_freqtab_write(ctk_freqtab *t, ctk_tsv_writer *w, int64_t min_count,
    int64_t top)
{
	const char *names[8];
	size_t n = 0;
	ctk_freqtab_row *rows;
	long i, n_rows;

	if (t->grouped)
		names[n++] = "group";
	if (t->with_n)
		names[n++] = "n";
	names[n++] = "rank";
	names[n++] = "term";
	names[n++] = "count";
	names[n++] = "docs";
	names[n++] = "per_million";
	names[n++] = "total";
	if (ctk_tsv_writer_header(w, names, n) != 0)
		return CTK_EIO;
	n_rows = ctk_freqtab_rows(t, min_count, top, &rows);
	if (n_rows < 0)
		return CTK_ENOMEM;
	for (i = 0; i < n_rows; i++)
		write_row(t, w, &rows[i]);
	free(rows);
	return ctk_tsv_writer_status(w) == 0 ? 0 : CTK_EIO;
}
