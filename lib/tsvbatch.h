/*
 * tsvbatch: a batch of ctk TSV records for the thread pipeline of
 * workers.h. The reader thread copies records out of a ctk_tsv_reader
 * into a batch (with the bad lines it met, as notes); a worker thread
 * processes the records and writes its output through a sink (an
 * in-memory FILE, so that the usual ctk_tsv_writer code runs unchanged)
 * into the batch, adding notes for the records it rejects; the calling
 * thread replays the batch: output bytes and diagnostics in input order,
 * exactly as a single-threaded run would have written them, stopping
 * where such a run would have stopped (--strict, fatal errors).
 */
#ifndef CTK_TSVBATCH_H
#define CTK_TSVBATCH_H

#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "error.h"
#include "input.h"
#include "tsv.h"

typedef struct ctk_tsvbatch ctk_tsvbatch;

/* An empty batch, or NULL when out of memory. Free with
 * ctk_tsvbatch_free(). */
ctk_tsvbatch *ctk_tsvbatch_new(void);
void ctk_tsvbatch_free(ctk_tsvbatch *b);

/*
 * Empties b, then reads items from r (which reads in) until about
 * max_bytes of field text are held, or the end of the input. An item is a
 * record, or a note for a line ctk_tsv_read() rejected (CTK_EFORMAT; a
 * CTK_EIO is noted too and ends the input). Returns 1 when b holds items,
 * 0 at the end of the input, CTK_ENOMEM. *at_end is set to 1 once no more
 * can be read (the last batch may hold items and set it).
 */
int ctk_tsvbatch_fill(ctk_tsvbatch *b, ctk_tsv_reader *r, ctk_input *in,
    size_t max_bytes, int *at_end);

/* Number of items, and whether item i is a record (1) or a note (0). */
size_t ctk_tsvbatch_count(const ctk_tsvbatch *b);
int ctk_tsvbatch_is_record(const ctk_tsvbatch *b, size_t i);
/* Field col of record i (unescaped, NUL-terminated); *len gets its length
 * when len is not NULL. Valid until the next fill. */
const char *ctk_tsvbatch_field(const ctk_tsvbatch *b, size_t i, size_t col,
    size_t *len);
/* Line of item i in its input. */
long ctk_tsvbatch_line(const ctk_tsvbatch *b, size_t i);
/* Number of records (not notes), and the raw input offset after the
 * batch: for progress. */
uint64_t ctk_tsvbatch_records(const ctk_tsvbatch *b);
uint64_t ctk_tsvbatch_offset(const ctk_tsvbatch *b);

/* ---- the worker's side ---- */

/* An in-memory FILE for a worker's output. */
typedef struct ctk_tsvbatch_sink ctk_tsvbatch_sink;
ctk_tsvbatch_sink *ctk_tsvbatch_sink_new(void);
void ctk_tsvbatch_sink_free(ctk_tsvbatch_sink *s);
FILE *ctk_tsvbatch_sink_file(ctk_tsvbatch_sink *s);
/* Moves what was written to the sink so far to b's output (b NULL:
 * discards it, e.g. the header a writer wrote). Returns 0, CTK_ENOMEM or
 * CTK_EIO. */
int ctk_tsvbatch_sink_drain(ctk_tsvbatch_sink *s, ctk_tsvbatch *b);

/* Adds a diagnostic at the current end of b's output, after draining s:
 * the note of item i when it is one (level ERROR), or err at level. */
int ctk_tsvbatch_note_item(ctk_tsvbatch *b, ctk_tsvbatch_sink *s, size_t i);
int ctk_tsvbatch_note(ctk_tsvbatch *b, ctk_tsvbatch_sink *s,
    enum ctk_diag_level level, const ctk_error *err);

/* ---- the writer's side ---- */

/* Writes b's output to out and reports its notes through d (as from the
 * input called name) in order. Stops at the first note after which
 * ctk_diag_should_stop(d) is true: returns 1 then, CTK_EIO when out
 * failed, 0 otherwise. */
int ctk_tsvbatch_replay(const ctk_tsvbatch *b, FILE *out, ctk_diag *d,
    const char *name);

#endif
