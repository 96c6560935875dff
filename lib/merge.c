/*
 * merge: see merge.h. The tables themselves know how to read their rows
 * back (freqtab, timeline, network); this module only decides which one
 * a header belongs to and checks that all tables agree.
 */
#include "merge.h"

#include <stdlib.h>

#include "freqtab.h"
#include "network.h"
#include "timeline.h"

enum table_kind { TABLE_FREQ, TABLE_TIMELINE, TABLE_NETWORK };

struct ctk_merge {
	enum table_kind kind;
	int grouped, with_n;
	ctk_freqtab *freq;
	ctk_timeline *timeline;
	ctk_network *network;
};

ctk_merge *
ctk_merge_new(void)
{
	return calloc(1, sizeof(ctk_merge));
}

void
ctk_merge_free(ctk_merge *m)
{
	if (m == NULL)
		return;
	ctk_freqtab_free(m->freq);
	ctk_timeline_free(m->timeline);
	ctk_network_free(m->network);
	free(m);
}

static int
table_kind(const ctk_tsv_reader *r, enum table_kind *kind)
{
	if (ctk_tsv_col(r, "term") >= 0 && ctk_tsv_col(r, "total") >= 0)
		*kind = TABLE_FREQ;
	else if (ctk_tsv_col(r, "period") >= 0)
		*kind = TABLE_TIMELINE;
	else if (ctk_tsv_col(r, "source") >= 0 &&
	    ctk_tsv_col(r, "weight") >= 0)
		*kind = TABLE_NETWORK;
	else
		return -1;
	return 0;
}

static int
first_table(ctk_merge *m, enum table_kind kind, int grouped, int with_n,
    ctk_error *err)
{
	m->kind = kind;
	m->grouped = grouped;
	m->with_n = with_n;
	if (kind == TABLE_FREQ)
		m->freq = ctk_freqtab_new(grouped, with_n);
	else if (kind == TABLE_TIMELINE)
		m->timeline = ctk_timeline_new(CTK_PERIOD_DAY, grouped);
	else
		m->network = ctk_network_new(CTK_NET_FWD);
	if (!m->freq && !m->timeline && !m->network)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	return 0;
}

int
ctk_merge_header(ctk_merge *m, const ctk_tsv_reader *r, uint64_t file_no,
    ctk_error *err)
{
	enum table_kind kind;
	int grouped = ctk_tsv_col(r, "group") >= 0;
	int with_n = ctk_tsv_col(r, "n") >= 0;
	int rc;

	if (table_kind(r, &kind) != 0)
		return ctk_error_set(err, CTK_EFORMAT, 1, 0, "not a table "
		    "from ctk stats freq, ngrams, timeline or network");
	if (file_no == 1 || (!m->freq && !m->timeline && !m->network)) {
		if ((rc = first_table(m, kind, grouped, with_n, err)) != 0)
			return rc;
	} else if (kind != m->kind || grouped != m->grouped ||
	    with_n != m->with_n) {
		return ctk_error_set(err, CTK_EFORMAT, 1, 0, "not the same "
		    "kind of table as the first one");
	}
	if (kind == TABLE_FREQ)
		return ctk_freqtab_load_header(m->freq, r, NULL, err);
	if (kind == TABLE_TIMELINE)
		return ctk_timeline_load_header(m->timeline, r, err);
	return ctk_network_load_header(m->network, r, err);
}

int
ctk_merge_row(ctk_merge *m, const ctk_tsv_reader *r, uint64_t file_no,
    ctk_error *err)
{
	if (m->kind == TABLE_FREQ)
		return ctk_freqtab_load_row(m->freq, r, file_no, NULL, NULL,
		    err);
	if (m->kind == TABLE_TIMELINE)
		return ctk_timeline_load_row(m->timeline, r, err);
	return ctk_network_load_row(m->network, r, err);
}

int
ctk_merge_write(ctk_merge *m, ctk_tsv_writer *w, int64_t top,
    int64_t min_count, ctk_error *err)
{
	if (!m->freq && top > 0)
		return ctk_error_set(err, CTK_EUSAGE, 0, 0,
		    "--top applies to frequency tables only");
	if (m->timeline && min_count > 0)
		return ctk_error_set(err, CTK_EUSAGE, 0, 0, "--min-count "
		    "applies to frequency tables and edge lists only");
	if (m->freq)
		return ctk_freqtab_write(m->freq, w, min_count, top);
	if (m->timeline)
		return ctk_timeline_write(m->timeline, w);
	if (m->network)
		return ctk_network_write_edges(m->network, w, min_count);
	return 0;
}
