/*
 * merge: sums count tables made on shards of a corpus by ctk stats freq,
 * ngrams, timeline or network (edge lists) into the table one run over
 * the whole corpus would have written. The kind of table is read from the
 * first header (freq: term and total; timeline: period; network: source
 * and weight); every later table must be of the same kind and shape.
 */
#ifndef CTK_MERGE_H
#define CTK_MERGE_H

#include <stdint.h>

#include "error.h"
#include "tsv.h"

typedef struct ctk_merge ctk_merge;

ctk_merge *ctk_merge_new(void);
void ctk_merge_free(ctk_merge *m);

/* Reads the header of table number file_no (1, 2, ...) from r. Returns 0,
 * CTK_EFORMAT (not a table, or not like the first one) or CTK_ENOMEM. */
int ctk_merge_header(ctk_merge *m, const ctk_tsv_reader *r,
    uint64_t file_no, ctk_error *err);
/* Adds the current record of r, from table file_no. 0 or CTK_EFORMAT
 * (err filled; the caller reports it and may read on) or CTK_ENOMEM. */
int ctk_merge_row(ctk_merge *m, const ctk_tsv_reader *r, uint64_t file_no,
    ctk_error *err);

/* Writes the merged table: frequency tables with top rows per group (0 =
 * all) and min_count; edge lists with min_count as the least weight.
 * CTK_EUSAGE when top or min_count do not apply to the table's kind (err
 * says why), CTK_ENOMEM, CTK_EIO; 0 when written (nothing when no table
 * was read). */
int ctk_merge_write(ctk_merge *m, ctk_tsv_writer *w, int64_t top,
    int64_t min_count, ctk_error *err);

#endif
