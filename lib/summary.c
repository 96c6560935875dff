/*
 * summary: per group, a record with the running numbers and the list of
 * document lengths; the vocabulary is one counter keyed "group\0token".
 */
#include "summary.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "counter.h"
#include "keyness.h"

typedef struct group_stats {
	int64_t docs, tokens, types, hapaxes;
	int64_t *lengths;
	size_t n_lengths, cap_lengths;
	char first[40], last[40];
} group_stats;

struct ctk_summary {
	int grouped;
	ctk_counter *groups;	/* aux = index into stats */
	group_stats *stats;
	size_t n_stats, cap_stats;
	ctk_counter *vocab;
	ctk_buf key;
};

ctk_summary *
ctk_summary_new(int grouped)
{
	ctk_summary *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->grouped = grouped;
	s->groups = ctk_counter_new();
	s->vocab = ctk_counter_new();
	ctk_buf_init(&s->key);
	if (s->groups == NULL || s->vocab == NULL) {
		ctk_summary_free(s);
		return NULL;
	}
	return s;
}

void
ctk_summary_free(ctk_summary *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n_stats; i++)
		free(s->stats[i].lengths);
	free(s->stats);
	ctk_counter_free(s->groups);
	ctk_counter_free(s->vocab);
	ctk_buf_release(&s->key);
	free(s);
}

static group_stats *
stats_of(ctk_summary *s, const char *group, size_t len)
{
	ctk_counter_entry *e = ctk_counter_get(s->groups, group, len, 1);

	if (e == NULL)
		return NULL;
	if (e->count == 0) {
		if (s->n_stats == s->cap_stats) {
			size_t cap = s->cap_stats ? s->cap_stats * 2 : 16;
			group_stats *v = realloc(s->stats, cap * sizeof *v);

			if (v == NULL)
				return NULL;
			s->stats = v;
			s->cap_stats = cap;
		}
		memset(&s->stats[s->n_stats], 0, sizeof *s->stats);
		e->aux = (int64_t)s->n_stats++;
		e->count = 1;
	}
	return &s->stats[e->aux];
}

static void
note_date(group_stats *g, const char *date, size_t len)
{
	if (len == 0 || len >= sizeof g->first)
		return;
	if (g->first[0] == '\0' || strcmp(date, g->first) < 0)
		memcpy(g->first, date, len + 1);
	if (g->last[0] == '\0' || strcmp(date, g->last) > 0)
		memcpy(g->last, date, len + 1);
}

static int
count_token(ctk_summary *s, group_stats *g, const char *group,
    size_t group_len, const char *tok, size_t len)
{
	ctk_counter_entry *e;

	ctk_buf_reset(&s->key);
	if (ctk_buf_append(&s->key, group, group_len) != 0 ||
	    ctk_buf_append_char(&s->key, '\0') != 0 ||
	    ctk_buf_append(&s->key, tok, len) != 0 ||
	    (e = ctk_counter_get(s->vocab, s->key.data, s->key.len, 1)) ==
	    NULL)
		return CTK_ENOMEM;
	e->count++;
	if (e->count == 1) {
		g->types++;
		g->hapaxes++;
	} else if (e->count == 2) {
		g->hapaxes--;
	}
	return 0;
}

int
ctk_summary_add(ctk_summary *s, const char *group, size_t group_len,
    const ctk_doc *doc, const char *date, size_t date_len)
{
	group_stats *g;
	size_t i;

	if (!s->grouped)
		group_len = 0;
	g = stats_of(s, group, group_len);
	if (g == NULL)
		return CTK_ENOMEM;
	if (g->n_lengths == g->cap_lengths) {
		size_t cap = g->cap_lengths ? g->cap_lengths * 2 : 64;
		int64_t *v = realloc(g->lengths, cap * sizeof *v);

		if (v == NULL)
			return CTK_ENOMEM;
		g->lengths = v;
		g->cap_lengths = cap;
	}
	g->lengths[g->n_lengths++] = (int64_t)doc->n_tokens;
	g->docs++;
	g->tokens += (int64_t)doc->n_tokens;
	note_date(g, date, date_len);
	for (i = 0; i < doc->n_tokens; i++) {
		if (count_token(s, g, group, group_len, doc->tokens[i],
		    doc->lens[i]) != 0)
			return CTK_ENOMEM;
	}
	return 0;
}

static int
int64_cmp(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return (a > b) - (a < b);
}

static void
write_num(ctk_tsv_writer *w, double v, int exact)
{
	char num[64];

	ctk_keyness_format(num, sizeof num, v, exact);
	ctk_tsv_writer_field(w, num, strlen(num));
}

static void
write_int(ctk_tsv_writer *w, int64_t v)
{
	char num[32];
	int len = snprintf(num, sizeof num, "%" PRId64, v);

	ctk_tsv_writer_field(w, num, (size_t)len);
}

static void
write_group(ctk_summary *s, ctk_tsv_writer *w, const ctk_counter_entry *e,
    int exact)
{
	group_stats *g = &s->stats[e->aux];
	size_t n = g->n_lengths;
	double median;

	qsort(g->lengths, n, sizeof *g->lengths, int64_cmp);
	median = n % 2 ? (double)g->lengths[n / 2] :
	    ((double)g->lengths[n / 2 - 1] + (double)g->lengths[n / 2]) / 2;
	if (s->grouped)
		ctk_tsv_writer_field(w, e->key, e->len);
	write_int(w, g->docs);
	write_int(w, g->tokens);
	write_int(w, g->types);
	write_num(w, g->tokens ? (double)g->types / (double)g->tokens : 0,
	    exact);
	write_int(w, g->hapaxes);
	write_num(w, (double)g->tokens / (double)g->docs, exact);
	write_num(w, median, exact);
	ctk_tsv_writer_field(w, g->first, strlen(g->first));
	ctk_tsv_writer_field(w, g->last, strlen(g->last));
	ctk_tsv_writer_end_record(w);
}

static int
group_cmp(const void *pa, const void *pb)
{
	return ctk_counter_keycmp(*(ctk_counter_entry *const *)pa,
	    *(ctk_counter_entry *const *)pb);
}

int
ctk_summary_write(ctk_summary *s, ctk_tsv_writer *w, int exact)
{
	const char *names[] = { "group", "documents", "tokens", "types", "ttr",
	    "hapaxes", "mean_length", "median_length", "first_date",
	    "last_date" };
	size_t n = ctk_counter_size(s->groups), i;
	ctk_counter_entry **v = malloc((n + 1) * sizeof *v);

	if (v == NULL)
		return CTK_ENOMEM;
	for (i = 0; i < n; i++)
		v[i] = ctk_counter_at(s->groups, i);
	qsort(v, n, sizeof *v, group_cmp);
	ctk_tsv_writer_header(w, s->grouped ? names : names + 1,
	    s->grouped ? 10 : 9);
	for (i = 0; i < n; i++)
		write_group(s, w, v[i], exact);
	free(v);
	return ctk_tsv_writer_status(w) == 0 ? 0 : CTK_EIO;
}
