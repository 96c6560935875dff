/*
 * summary: the numbers that describe a corpus, per group: documents,
 * tokens, types (distinct tokens), type/token ratio, hapaxes (types seen
 * once), mean and median document length in tokens, first and last date.
 *
 * Output columns: [group] documents tokens types ttr hapaxes mean_length
 * median_length first_date last_date, one row per group, groups bytewise.
 * The median of an even number of lengths is the mean of the middle two.
 * Dates are compared as strings, which orders RFC 3339 UTC dates in time;
 * documents without a date do not count for the range. Memory grows with
 * the vocabulary and with the number of documents (8 bytes each, for the
 * median).
 */
#ifndef CTK_SUMMARY_H
#define CTK_SUMMARY_H

#include <stddef.h>

#include "docstream.h"
#include "tsv.h"

typedef struct ctk_summary ctk_summary;

ctk_summary *ctk_summary_new(int grouped);
void ctk_summary_free(ctk_summary *s);

/* Adds one document of group (ignored when not grouped) dated date. 0 or
 * CTK_ENOMEM. */
int ctk_summary_add(ctk_summary *s, const char *group, size_t group_len,
    const ctk_doc *doc, const char *date, size_t date_len);

int ctk_summary_write(ctk_summary *s, ctk_tsv_writer *w, int exact);

#endif
