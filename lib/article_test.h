/*
 * article_test: helpers shared by the unit tests of article, feed and warc
 * (header only): reading fixture files, collecting emitted articles and
 * reported problems, comparing with expected.meta files.
 */
#ifndef CTK_ARTICLE_TEST_H
#define CTK_ARTICLE_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "buf.h"

#define MAX_COLLECTED 16

struct collected {
	char *field[MAX_COLLECTED][CTK_ARTICLE_NCOLUMNS];
	size_t n;
	ctk_error problems[MAX_COLLECTED];
	int severity[MAX_COLLECTED];
	size_t n_problems;
	int stop_after;		/* emit() returns CTK_EIO after this many */
	int strict;		/* report() stops at the first error */
};

static inline int
collect_emit(void *ctx, const ctk_article *a)
{
	struct collected *c = ctx;
	size_t i;

	if (c->n < MAX_COLLECTED) {
		for (i = 0; i < CTK_ARTICLE_NCOLUMNS; i++)
			c->field[c->n][i] = strdup(ctk_article_field(a, i));
		c->n++;
	}
	if (c->stop_after > 0 && c->n >= (size_t)c->stop_after)
		return CTK_EIO;
	return 0;
}

static inline int
collect_report(void *ctx, enum ctk_article_severity severity,
    const ctk_error *e)
{
	struct collected *c = ctx;

	if (c->n_problems < MAX_COLLECTED) {
		c->problems[c->n_problems] = *e;
		c->severity[c->n_problems] = (int)severity;
		c->n_problems++;
	}
	return c->strict && severity == CTK_ARTICLE_ERROR ? CTK_EFORMAT : 0;
}

static inline void
collect_init(struct collected *c, ctk_article_opts *o)
{
	memset(c, 0, sizeof *c);
	memset(o, 0, sizeof *o);
	o->emit = collect_emit;
	o->report = collect_report;
	o->ctx = c;
}

static inline void
collect_free(struct collected *c)
{
	size_t i, j;

	for (i = 0; i < c->n; i++)
		for (j = 0; j < CTK_ARTICLE_NCOLUMNS; j++)
			free(c->field[i][j]);
}

static inline const char *
collected_field(const struct collected *c, size_t article, const char *name)
{
	size_t j;

	for (j = 0; j < CTK_ARTICLE_NCOLUMNS; j++)
		if (strcmp(ctk_article_columns[j], name) == 0)
			return c->field[article][j];
	return NULL;
}

/* Reads a whole file into b (NUL-terminated); aborts when missing. */
static inline void
read_fixture(const char *path, ctk_buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;

	if (f == NULL) {
		fprintf(stderr, "cannot open fixture %s (run from the repo "
		    "root)\n", path);
		abort();
	}
	ctk_buf_reset(b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ctk_buf_append(b, chunk, n);
	fclose(f);
}

/* Strips one trailing newline (expected files end with one). */
static inline void
chomp(ctk_buf *b)
{
	if (b->len > 0 && b->data[b->len - 1] == '\n')
		b->data[--b->len] = '\0';
}

#endif
