/*
 * report: a one-file HTML report of a corpus, for a journalist to open,
 * print and share: overview, activity per channel, top terms per
 * language, keywords, hashtags, linked domains, forwards (with a drawing
 * of the forward network) and notable messages, with a note on how each
 * number was computed.
 *
 * Every number comes from the modules behind `ctk stats` (summary,
 * freqtab, keyness, timeline, network): the report feeds them documents,
 * has them write their TSV tables exactly as ctk-stats does, and renders
 * those tables, so a figure in the report is the figure ctk stats prints
 * for the same tokens. The page is self-contained XHTML-compatible HTML
 * (inline CSS and SVG, no script, no external resource); every piece of
 * corpus text is escaped with ctk_html_escape().
 *
 * Memory grows with the vocabulary, the number of channels and forward
 * sources, and the number of distinct texts seen more than once, not with
 * the amount of text.
 */
#ifndef CTK_REPORT_H
#define CTK_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "tsv.h"

typedef struct ctk_report_opts {
	const char *title;	/* NULL: "Corpus report" in the UI language */
	const char *ui_lang;	/* "fr" or "en"; NULL: the corpus's main
				 * language (fr when it is French, else en) */
	const char *source;	/* the input's name, shown in the header */
	const char *reference;	/* the reference corpus's name, or NULL */
	const char *const *channels;	/* filter: any of these; NULL/0 = all */
	size_t n_channels;
	const char *since;	/* filter: date >= since (see store.h) */
	const char *until;	/* filter: date < until + "~" */
	const char *lang;	/* filter: the document's language */
	const char *langid_model;	/* NULL: the default model */
} ctk_report_opts;

/* One document: the ctk stream columns the report reads; an absent
 * column is an empty string. */
typedef struct ctk_report_doc {
	ctk_str id, kind, channel, date, url, fwd_from, lang, text, views,
	    links, text_hash;
} ctk_report_doc;

/* Names of the columns of ctk_report_doc, in its order, and their number,
 * so that a caller can map a header onto it. */
extern const char *const ctk_report_columns[];
#define CTK_REPORT_NCOLUMNS 11

typedef struct ctk_report ctk_report;

/* A new report (opts and the strings it points to are borrowed and must
 * outlive it). Returns NULL with err filled: CTK_EUSAGE for a bad filter
 * date or UI language, CTK_ENOMEM, CTK_EIO when a stopword list cannot be
 * read. Free with ctk_report_free(). */
ctk_report *ctk_report_new(const ctk_report_opts *opts, ctk_error *err);
void ctk_report_free(ctk_report *r);

/* Counts one document of the corpus, unless the filters leave it out.
 * A document with an empty lang is classified (lib/langid.h). Returns 1
 * when counted, 0 when filtered out, or CTK_ENOMEM / CTK_EIO (the
 * language model cannot be loaded) with err filled. */
int ctk_report_add(ctk_report *r, const ctk_report_doc *d, ctk_error *err);

/* Counts one document of the reference corpus (keywords are then the
 * corpus against it, instead of each channel against the others). Only
 * the lang filter applies. Returns as ctk_report_add(). */
int ctk_report_add_reference(ctk_report *r, const ctk_report_doc *d,
    ctk_error *err);

/* Number of documents counted so far (after filtering). */
unsigned long ctk_report_ndocs(const ctk_report *r);

/* Writes the page to f. Returns 0, CTK_ENOMEM, or CTK_EIO when f fails. */
int ctk_report_write(ctk_report *r, FILE *f, ctk_error *err);

#endif
