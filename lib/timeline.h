/*
 * timeline: counts per period (day, ISO week, month, year), optionally
 * per group, written zero-filled: every group gets one row per period
 * from the earliest to the latest period seen in the whole input, so that
 * series line up and gaps show as zeros.
 *
 * Output columns: [group] period count; rows by group bytewise, then
 * period in time order. The unit is read back from the labels, so a
 * table can be merged without being told its unit.
 */
#ifndef CTK_TIMELINE_H
#define CTK_TIMELINE_H

#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "period.h"
#include "tsv.h"

typedef struct ctk_timeline ctk_timeline;

ctk_timeline *ctk_timeline_new(enum ctk_period_unit unit, int grouped);
void ctk_timeline_free(ctk_timeline *t);

/* Adds count (which may be 0: the period and group still exist) to
 * (group, period ordinal). 0 or CTK_ENOMEM. */
int ctk_timeline_add(ctk_timeline *t, const char *group, size_t group_len,
    long ordinal, int64_t count);

int ctk_timeline_write(ctk_timeline *t, ctk_tsv_writer *w);

/* Merging: checks the header (columns period and count, group optional)
 * and adds the current row. A row whose unit differs from the table's is
 * an error. */
int ctk_timeline_load_header(ctk_timeline *t, const ctk_tsv_reader *r,
    ctk_error *err);
int ctk_timeline_load_row(ctk_timeline *t, const ctk_tsv_reader *r,
    ctk_error *err);
/* The unit of the first table loaded (day when none). */
enum ctk_period_unit ctk_timeline_unit(const ctk_timeline *t);
int ctk_timeline_set_unit(ctk_timeline *t, enum ctk_period_unit unit);

/* Draws the zero-filled series as a self-contained SVG chart with
 * labelled axes and a legend: bars for a single series, one line per
 * group otherwise. 0 or CTK_EIO. */
int ctk_timeline_svg(ctk_timeline *t, FILE *f, const char *title);

#endif
