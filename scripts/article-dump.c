/*
 * article-dump: test driver for lib/article (not installed, not a tool):
 * prints the articles found in each FILE as "column: value" lines, the
 * text last, a line "--" after each article; problems go to stderr as
 * FILE:LINE:COL: message. scripts/test-article.sh builds and runs it.
 *
 *	article-dump [--raw] [--text] [--base-url URL] FILE...
 */
#include <stdio.h>
#include <string.h>

#include "article.h"
#include "input.h"

struct ctx {
	const char *file;
	int text_only;
};

static int
emit(void *p, const ctk_article *a)
{
	struct ctx *c = p;
	size_t i;

	if (c->text_only) {
		printf("%s\n", a->text);
		return 0;
	}
	for (i = 0; i < CTK_ARTICLE_NCOLUMNS; i++)
		if (strcmp(ctk_article_columns[i], "text") != 0)
			printf("%s: %s\n", ctk_article_columns[i],
			    ctk_article_field(a, i));
	printf("text:\n%s\n--\n", a->text);
	return 0;
}

static int
report(void *p, enum ctk_article_severity severity, const ctk_error *e)
{
	struct ctx *c = p;

	fprintf(stderr, "%s:%ld:%ld: %s%s\n", c->file, e->line, e->col,
	    severity == CTK_ARTICLE_WARN ? "warning: " : "", e->msg);
	return 0;
}

int
main(int argc, char **argv)
{
	ctk_article_opts opts;
	ctk_article_stats st;
	struct ctx c = { NULL, 0 };
	ctk_input *in;
	ctk_error err;
	int i, status = 0;

	memset(&opts, 0, sizeof opts);
	memset(&st, 0, sizeof st);
	opts.emit = emit;
	opts.report = report;
	opts.ctx = &c;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--raw") == 0) {
			opts.raw = 1;
			continue;
		}
		if (strcmp(argv[i], "--text") == 0) {
			c.text_only = 1;
			continue;
		}
		if (strcmp(argv[i], "--base-url") == 0 && i + 1 < argc) {
			opts.base_url = argv[++i];
			continue;
		}
		c.file = argv[i];
		opts.source = argv[i];
		if ((in = ctk_input_open(argv[i], &err)) == NULL ||
		    ctk_article_ingest_input(in, &opts, &st, &err) != 0) {
			fprintf(stderr, "%s:%ld:%ld: %s\n", argv[i], err.line,
			    err.col, err.msg);
			status = 1;
		}
		ctk_input_close(in);
	}
	fprintf(stderr, "articles %lu skipped %lu rejected %lu warnings %lu\n",
	    st.n_articles, st.n_skipped, st.n_rejected, st.n_warnings);
	return status || st.n_rejected > 0;
}
