/*
 * articlein: the news reader of ingest. HTML pages, RSS/Atom feeds and WARC
 * files go through the article module (article.h), and each article comes
 * back as a ctk_doc of kind "article", through the same filters as every
 * other document.
 */
#include <string.h>

#include "article.h"
#include "ingest.h"

struct articlein {
	ctk_ingest *ix;
	ctk_input *in;
	ctk_doc doc;
};

static int
on_article(void *ctx, const ctk_article *a)
{
	struct articlein *r = ctx;
	int64_t t;
	int is_day;
	size_t i;

	ctk_doc_reset(&r->doc);
	for (i = 0; i < CTK_ARTICLE_NCOLUMNS; i++) {
		int c = ctk_doc_col_index(ctk_article_columns[i]);
		if (c >= 0 && ctk_doc_set_str(&r->doc, (enum ctk_doc_col)c,
		    ctk_article_field(a, i)) != 0)
			return CTK_ENOMEM;
	}
	if (a->date[0] != '\0' && ctk_doc_parse_date(a->date, &t, &is_day) == 0)
		ctk_doc_set_date(&r->doc, t);
	return ctk_ingest_emit(r->ix, &r->doc);
}

static int
on_problem(void *ctx, enum ctk_article_severity severity, const ctk_error *e)
{
	struct articlein *r = ctx;

	return ctk_ingest_report(r->ix, severity == CTK_ARTICLE_WARN ?
	    CTK_DIAG_WARN : CTK_DIAG_ERROR, ctk_input_name(r->in), e->line,
	    e->col, "%s", e->msg);
}

int
ctk_articlein_read(ctk_ingest *ix, ctk_input *in)
{
	struct articlein r;
	ctk_article_opts o;
	ctk_article_stats stats;
	ctk_error err;
	int rc;

	memset(&o, 0, sizeof o);
	memset(&stats, 0, sizeof stats);
	r.ix = ix;
	r.in = in;
	ctk_doc_init(&r.doc);
	o.raw = ix->opts->article_raw;
	o.base_url = ix->opts->base_url;
	o.source = ctk_input_name(in);
	/* --tz also says where the dates written in a page's text are */
	o.tz = ix->opts->tz_given ? ix->opts->tz : NULL;
	o.emit = on_article;
	o.report = on_problem;
	o.ctx = &r;
	/* one zone for the whole run: opening it costs more than a page */
	if (o.tz == NULL && ix->tz_paris == NULL)
		ix->tz_paris = ctk_tz_open("Europe/Paris", &err);
	o.tz_paris = ix->tz_paris;
	rc = ctk_article_ingest_input(in, &o, &stats, &err);
	ctk_doc_release(&r.doc);
	if (rc == CTK_EFORMAT || rc == CTK_ELIMIT || rc == CTK_EIO)
		return ctk_ingest_report(ix, CTK_DIAG_ERROR, ctk_input_name(in),
		    err.line, err.col, "%s", err.msg) || rc == CTK_EIO;
	return rc != 0 || ix->stopped;
}
