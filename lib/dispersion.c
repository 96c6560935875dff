/*
 * dispersion: part sizes in one counter, (term index, part) counts in
 * another keyed "index\0part", term totals in a third keyed by term.
 */
#include "dispersion.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assoc.h"
#include "buf.h"
#include "counter.h"
#include "keyness.h"

struct ctk_dispersion {
	ctk_counter *terms;	/* aux = index; count, docs */
	size_t n_terms;
	ctk_counter *parts;	/* count = tokens */
	ctk_counter *cells;
	ctk_buf key;
};

ctk_dispersion *
ctk_dispersion_new(const char *const *terms, size_t n)
{
	ctk_dispersion *d = calloc(1, sizeof *d);
	ctk_counter_entry *e;
	size_t i;

	if (d == NULL)
		return NULL;
	ctk_buf_init(&d->key);
	d->terms = ctk_counter_new();
	d->parts = ctk_counter_new();
	d->cells = ctk_counter_new();
	if (!d->terms || !d->parts || !d->cells)
		goto fail;
	for (i = 0; i < n; i++) {
		e = ctk_counter_get(d->terms, terms[i], strlen(terms[i]), 1);
		if (e == NULL)
			goto fail;
		if (e->aux == 0)
			e->aux = (int64_t)++d->n_terms;
	}
	return d;
fail:
	ctk_dispersion_free(d);
	return NULL;
}

void
ctk_dispersion_free(ctk_dispersion *d)
{
	if (d == NULL)
		return;
	ctk_counter_free(d->terms);
	ctk_counter_free(d->parts);
	ctk_counter_free(d->cells);
	ctk_buf_release(&d->key);
	free(d);
}

static int
cell_key(ctk_dispersion *d, int64_t index, const char *part, size_t len)
{
	ctk_buf_reset(&d->key);
	if (ctk_buf_printf(&d->key, "%" PRId64, index) != 0 ||
	    ctk_buf_append_char(&d->key, '\0') != 0 ||
	    ctk_buf_append(&d->key, part, len) != 0)
		return -1;
	return 0;
}

int
ctk_dispersion_add(ctk_dispersion *d, const char *part, size_t part_len,
    const ctk_doc *doc)
{
	ctk_counter_entry *p, *t;
	size_t i;

	p = ctk_counter_get(d->parts, part, part_len, 1);
	if (p == NULL)
		return CTK_ENOMEM;
	p->count += (int64_t)doc->n_tokens;
	for (i = 0; i < doc->n_tokens; i++) {
		t = ctk_counter_get(d->terms, doc->tokens[i], doc->lens[i], 0);
		if (t == NULL)
			continue;
		t->count++;
		if (t->last_doc != doc->stamp) {
			t->docs++;
			t->last_doc = doc->stamp;
		}
		if (cell_key(d, t->aux, part, part_len) != 0 ||
		    ctk_counter_add(d->cells, d->key.data, d->key.len, 1,
		    doc->stamp) == NULL)
			return CTK_ENOMEM;
	}
	return 0;
}

static void
write_int(ctk_tsv_writer *w, int64_t v)
{
	char num[32];
	int len = snprintf(num, sizeof num, "%" PRId64, v);

	ctk_tsv_writer_field(w, num, (size_t)len);
}

static void
write_num(ctk_tsv_writer *w, double v, int exact)
{
	char num[64];

	if (isnan(v)) {
		ctk_tsv_writer_field(w, "", 0);
		return;
	}
	ctk_keyness_format(num, sizeof num, v, exact);
	ctk_tsv_writer_field(w, num, strlen(num));
}

static int
write_term(ctk_dispersion *d, ctk_tsv_writer *w, const ctk_counter_entry *t,
    double *freqs, double *sizes, int exact)
{
	size_t total = ctk_counter_size(d->parts), i, n = 0, range = 0;
	ctk_counter_entry *p, *c;

	for (i = 0; i < total; i++) {
		p = ctk_counter_at(d->parts, i);
		/* a part without tokens tells nothing about spread */
		if (p->count == 0)
			continue;
		sizes[n] = (double)p->count;
		if (cell_key(d, t->aux, p->key, p->len) != 0)
			return CTK_ENOMEM;
		c = ctk_counter_get(d->cells, d->key.data, d->key.len, 0);
		freqs[n++] = c ? (double)c->count : 0;
		range += c != NULL;
	}
	ctk_tsv_writer_field(w, t->key, t->len);
	write_int(w, t->count);
	write_int(w, t->docs);
	write_int(w, (int64_t)n);
	write_int(w, (int64_t)range);
	write_num(w, n ? 100.0 * (double)range / (double)n : NAN, exact);
	write_num(w, ctk_dispersion_juilland(freqs, sizes, n), exact);
	ctk_tsv_writer_end_record(w);
	return 0;
}

int
ctk_dispersion_write(ctk_dispersion *d, ctk_tsv_writer *w, int exact)
{
	const char *names[] = { "term", "count", "docs", "parts", "range",
	    "range_pct", "juilland_d" };
	size_t n = ctk_counter_size(d->parts), i;
	double *freqs = malloc((n + 1) * sizeof *freqs);
	double *sizes = malloc((n + 1) * sizeof *sizes);
	int rc = 0;

	if (freqs == NULL || sizes == NULL)
		rc = CTK_ENOMEM;
	ctk_tsv_writer_header(w, names, 7);
	/* terms in the order given: entries are in insertion order */
	for (i = 0; rc == 0 && i < ctk_counter_size(d->terms); i++)
		rc = write_term(d, w, ctk_counter_at(d->terms, i), freqs,
		    sizes, exact);
	free(freqs);
	free(sizes);
	if (rc == 0 && ctk_tsv_writer_status(w) != 0)
		rc = CTK_EIO;
	return rc;
}
