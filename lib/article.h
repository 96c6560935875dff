/*
 * article: news articles out of HTML pages, RSS 2.0 and Atom feeds and
 * WARC files, as documents with the columns of ctk-tsv(5).
 *
 * The caller hands bytes (or a ctk_input stream) and two callbacks: emit()
 * is called once per article, report() once per warning or rejected
 * record. One WARC file or feed gives many articles. Nothing is printed.
 *
 * The HTML extraction keeps the article body and drops boilerplate:
 * it picks the semantic container (itemprop=articleBody, the largest
 * <article>, <main>, else <body>), skips navigation, forms, asides,
 * scripts and blocks whose class or id names share, cookie, newsletter,
 * paywall, related or comment boxes, then classifies the remaining
 * paragraphs with the jusText method (length, link density, French and
 * English stopword density, then context-sensitive reclassification of
 * short and near-good paragraphs) and drops paragraphs matching known
 * boilerplate phrases in both languages. Raw mode keeps all visible text.
 *
 * Use (ctk ingest):
 *	ctk_article_opts o = { 0 };
 *	o.raw = raw; o.base_url = base_url; o.source = path;
 *	o.emit = write_row; o.report = report_problem; o.ctx = &state;
 *	rc = ctk_article_ingest_input(in, &o, &stats, &err);
 * where write_row() writes ctk_article_field(a, i) for the
 * CTK_ARTICLE_NCOLUMNS columns named in ctk_article_columns.
 */
#ifndef CTK_ARTICLE_H
#define CTK_ARTICLE_H

#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "input.h"
#include "tz.h"

/* Largest page, feed or WARC record read into memory (64 MB). A WARC
 * record over the limit is reported (CTK_ELIMIT) and skipped. */
#define CTK_ARTICLE_MAX_BYTES ((size_t)64 << 20)

enum ctk_article_format {
	CTK_ARTICLE_UNKNOWN,
	CTK_ARTICLE_HTML,
	CTK_ARTICLE_RSS,	/* RSS 2.0 (and RSS 1.0 / RDF) */
	CTK_ARTICLE_ATOM,
	CTK_ARTICLE_WARC
};

/* Recognises the format from the first bytes (after a byte order mark and
 * whitespace; 1 KB is plenty): "WARC/1." is WARC; <rss>, <rdf:RDF> and
 * <feed> roots (after an XML declaration, comments or a doctype) are feeds;
 * <!DOCTYPE html>, <html> or another HTML tag is HTML. */
enum ctk_article_format ctk_article_sniff(const char *bytes, size_t n);
/* "html", "rss", "atom", "warc" or "unknown". */
const char *ctk_article_format_name(enum ctk_article_format f);

/* One document. Every field is a NUL-terminated UTF-8 (NFC) string, never
 * NULL, "" when unknown; all are valid only during the emit() call.
 * fwd_from and reply_to are always "" for articles; kind is "article". */
typedef struct ctk_article {
	const char *id;		/* canonical URL, else "hash:" + 16 hex digits */
	const char *kind;
	const char *source;	/* opts.source */
	const char *channel;	/* og:site_name / feed title, else URL host */
	const char *date;	/* RFC 3339 UTC */
	const char *author;
	const char *title;
	const char *url;
	const char *fwd_from;
	const char *reply_to;
	const char *lang;	/* declared language, primary subtag ("fr") */
	const char *text;	/* paragraphs separated by "\n\n" */
	/* The page's summary: og:description, else meta name=description,
	 * else twitter:description, else the JSON-LD article's
	 * description; for a feed item, its description/summary when the
	 * item also has full content. One line (whitespace squeezed). */
	const char *description;
} ctk_article;

/* The column names, in ctk-tsv(5) order (the optional description
 * last), and field i of an article. */
#define CTK_ARTICLE_NCOLUMNS 13
extern const char *const ctk_article_columns[CTK_ARTICLE_NCOLUMNS];
const char *ctk_article_field(const ctk_article *a, size_t i);

enum ctk_article_severity {
	CTK_ARTICLE_WARN,	/* accepted, worth saying (charset fallback) */
	CTK_ARTICLE_ERROR	/* a record or the input rejected */
};

typedef struct ctk_article_opts {
	int raw;		/* all visible text, no boilerplate removal */
	const char *source;	/* the source column (file name); may be NULL */
	const char *base_url;	/* resolves relative links; the url of a page
				 * that names none; may be NULL */
	/* Called once per article; a non-zero return stops the input and is
	 * returned by the ingest function (e.g. CTK_EIO on a write error). */
	int (*emit)(void *ctx, const ctk_article *a);
	/* Called for each problem: e->line/e->col are set for XML feeds,
	 * WARC problems name the byte offset of the record in e->msg.
	 * Returns 0 to go on; a non-zero value stops the input and is
	 * returned by the ingest function (--strict). May be NULL. */
	int (*report)(void *ctx, enum ctk_article_severity severity,
	    const ctk_error *e);
	void *ctx;		/* passed to emit() and report() */
	/* Zone of a date found only in the text of a page and written
	 * without offset ("6 septembre 2024 à 14h15"); NULL: Europe/Paris
	 * for pages in French, UTC for the others. Not owned. */
	ctk_tz *tz;
	/* Europe/Paris opened once by a caller reading many pages (opening
	 * a zone costs more than reading a short page); NULL: opened for
	 * each French page that needs it. Not owned. */
	ctk_tz *tz_paris;
} ctk_article_opts;

typedef struct ctk_article_stats {
	unsigned long n_articles;	/* emitted */
	unsigned long n_skipped;	/* WARC records not articles: request,
					 * metadata, non-200, not HTML */
	unsigned long n_rejected;	/* reported with CTK_ARTICLE_ERROR */
	unsigned long n_warnings;	/* reported with CTK_ARTICLE_WARN */
} ctk_article_stats;

/* Reads one input: sniffs its format, then streams WARC record by record
 * (memory bounded by the largest record), or reads an HTML page or feed
 * whole (up to CTK_ARTICLE_MAX_BYTES). gzip is already undone by
 * ctk_input. stats (may be NULL) is added to, not reset.
 * Returns 0 when the input was read to its end (some records may have been
 * rejected: see stats->n_rejected, each was reported), CTK_EFORMAT when
 * the format is not recognised or the page is unusable, CTK_ELIMIT when a
 * page or feed is too large, CTK_EIO on a read error, or the non-zero
 * value of emit() or report(). err is filled for every non-zero return
 * (with the problem itself when report() stopped the input). */
int ctk_article_ingest_input(ctk_input *in, const ctk_article_opts *opts,
    ctk_article_stats *stats, ctk_error *err);

/* The same for bytes in memory (a WARC too). */
int ctk_article_ingest_bytes(const char *bytes, size_t n,
    const ctk_article_opts *opts, ctk_article_stats *stats, ctk_error *err);

/* What a transport says about a page (WARC/HTTP); fields may be NULL. */
typedef struct ctk_article_hints {
	const char *charset;	/* from the HTTP Content-Type */
	const char *url;	/* WARC-Target-URI */
	const char *date;	/* WARC-Date or HTTP Date, any form */
} ctk_article_hints;

/* One HTML page in any charset: emits one article. hints may be NULL.
 * Returns as ctk_article_ingest_bytes(). */
int ctk_article_from_html(const char *bytes, size_t n,
    const ctk_article_hints *hints, const ctk_article_opts *opts,
    ctk_article_stats *stats, ctk_error *err);

/* The text of an HTML fragment or page already in UTF-8, appended to out:
 * raw (all visible text) or extracted (main text). Paragraphs are
 * separated by "\n\n". Returns 0, CTK_ENOMEM or CTK_EFORMAT. */
int ctk_article_html_text(const char *utf8, size_t n, int raw, ctk_buf *out,
    ctk_error *err);

#endif
