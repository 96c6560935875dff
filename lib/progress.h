/*
 * progress: one self-rewriting status line on stderr (bytes, records, rate,
 * ETA when the total is known), only when stderr is a terminal and never
 * more than four updates a second, so it costs nothing in a pipeline.
 */
#ifndef CTK_PROGRESS_H
#define CTK_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

typedef struct ctk_progress {
	int enabled;
	FILE *stream;
	double start;
	double last;
	uint64_t total;		/* bytes expected, 0 when unknown */
	int shown;		/* a line is on screen */
} ctk_progress;

/* mode: 1 force on, 0 force off, -1 auto (on when stream is a terminal). */
void ctk_progress_init(ctk_progress *p, FILE *stream, int mode,
    uint64_t total_bytes);
/* Cheap to call per record; redraws at most every 250 ms. */
void ctk_progress_update(ctk_progress *p, uint64_t bytes, uint64_t records);
/* Erases the line. */
void ctk_progress_finish(ctk_progress *p);
/* Formats the status line into out (exposed for tests). */
void ctk_progress_format(char *out, size_t size, uint64_t bytes,
    uint64_t records, double elapsed, uint64_t total);

#endif
