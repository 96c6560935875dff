/*
 * report_int: what report.c (counting) and report_html.c (the page)
 * share. Only lib/report*.c include it.
 */
#ifndef CTK_REPORT_INT_H
#define CTK_REPORT_INT_H

#include <stdint.h>

#include "buf.h"
#include "counter.h"
#include "docstream.h"
#include "freqtab.h"
#include "langid.h"
#include "network.h"
#include "report.h"
#include "summary.h"
#include "timeline.h"
#include "tokenize.h"

#define CTK_REPORT_MAX_TOKS 16		/* tokenizers, one per language */
#define CTK_REPORT_TOP_MESSAGES 10
#define CTK_REPORT_EXCERPT_BYTES 2048

/* A message shown in "notable messages". */
typedef struct ctk_report_notable {
	char *text, *channel, *date, *url, *id;
	size_t text_len;
	int64_t count;		/* views, or copies */
	int64_t forwards;	/* copies that are forwards */
} ctk_report_notable;

struct ctk_report {
	ctk_report_opts o;
	struct { char lang[8]; ctk_tok *tok; } toks[CTK_REPORT_MAX_TOKS];
	size_t n_toks;
	ctk_langid *langid;
	unsigned long n_docs, n_ref_docs, n_classified, n_undated;
	uint64_t stamp;
	/* the current document's tokens */
	ctk_buf words, tags;
	const char **word_ptrs;
	size_t *word_lens, *segments, cap_words;
	/* the ctk stats modules */
	ctk_summary *summary_all, *summary_channel;
	ctk_counter *langs;		/* language -> documents */
	ctk_freqtab *terms_lang, *terms_channel, *terms_all, *terms_ref;
	ctk_freqtab *hashtags;
	ctk_timeline *days;		/* per channel, by day */
	ctk_network *fwd, *domains;
	/* notable messages */
	ctk_report_notable viewed[CTK_REPORT_TOP_MESSAGES];
	size_t n_viewed;
	ctk_counter *copies;		/* text_hash: count = copies,
					 * docs = forwards, aux = index + 1 */
	ctk_report_notable *copy_texts;
	size_t n_copy_texts, cap_copy_texts;
};

void ctk_report_notable_release(ctk_report_notable *n);
int ctk_report_note_views(ctk_report *r, const ctk_report_doc *d);
int ctk_report_note_copy(ctk_report *r, const ctk_report_doc *d);

/* A table as a ctk stats module writes it, read back. */
typedef struct ctk_report_table {
	size_t ncols, nrows;
	char **names;
	char **cells;		/* nrows x ncols */
} ctk_report_table;

typedef int (*ctk_report_write_fn)(void *arg, ctk_tsv_writer *w);

/* Runs fn on a TSV writer into memory and reads its table back. 0,
 * CTK_ENOMEM or CTK_EIO. */
int ctk_report_capture(ctk_report_write_fn fn, void *arg,
    ctk_report_table *t);
void ctk_report_table_release(ctk_report_table *t);
/* Cell of row in column name, "" when there is no such column. */
const char *ctk_report_cell(const ctk_report_table *t, size_t row,
    const char *name);

/* Draws a forward network (an edge list source target weight) of the
 * nodes listed, laid out by force-directed placement (Fruchterman and
 * Reingold 1991) from a circle, deterministic. Appends the <svg> to out. */
int ctk_report_network_svg(ctk_buf *out, const ctk_report_table *nodes,
    size_t n_nodes, const ctk_report_table *edges, const char *title);

/* A horizontal bar chart of n labelled values; id names its <title>. */
int ctk_report_bars_svg(ctk_buf *out, const char *const *labels,
    const double *values, size_t n, const char *title, const char *id);

#endif
