/*
 * diag: the one place where diagnostics are written and the exit status is
 * decided. Every message has the form
 *	ctk-TOOL: FILE:LINE:COL: message
 * (position parts omitted when unknown). The exit status is the worst level
 * seen: 0 all good (warnings included), 1 some input rejected, 2 usage or
 * fatal error. Messages go to the diag's stream (stderr), never stdout.
 */
#ifndef CTK_DIAG_H
#define CTK_DIAG_H

#include <stdio.h>

#include "error.h"

enum ctk_diag_level {
	CTK_DIAG_WARN,		/* input accepted, something worth saying */
	CTK_DIAG_ERROR,		/* a record or file rejected; exit 1 */
	CTK_DIAG_FATAL		/* cannot go on; exit 2 */
};

/* After this many printed errors, further ones are only counted. */
#define CTK_DIAG_MAX_PRINTED 1000

typedef struct ctk_diag {
	const char *tool;	/* "ctk-ingest"; not owned */
	FILE *stream;		/* stderr unless a test changes it */
	int quiet;		/* -q: no warnings, no progress */
	int strict;		/* --strict: stop at the first rejected record */
	unsigned long n_warnings;
	unsigned long n_errors;
	int fatal;
	int usage;
} ctk_diag;

void ctk_diag_init(ctk_diag *d, const char *tool);

/* Writes one message and counts it. file may be NULL (no position);
 * line/col of 0 are omitted. */
void ctk_diag_msg(ctk_diag *d, enum ctk_diag_level level, const char *file,
    long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Writes a ctk_error returned by lib/ at the given level. */
void ctk_diag_report(ctk_diag *d, enum ctk_diag_level level, const char *file,
    const ctk_error *e);

/* A usage error: message plus a hint to run --help; exit status 2. */
void ctk_diag_usage(ctk_diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* True when the tool must stop now: a fatal error, or --strict and an
 * error. */
int ctk_diag_should_stop(const ctk_diag *d);

/* Flushes out and checks it for write errors (a full disk, a closed pipe
 * is handled by the caller's SIGPIPE policy); a write error is fatal.
 * Returns 0 or -1. */
int ctk_diag_check_output(ctk_diag *d, FILE *out, const char *name);

/* Prints "N records rejected" when errors were suppressed or counted, then
 * returns the exit status: 2, 1 or 0. */
int ctk_diag_finish(ctk_diag *d);

/* The exit status without printing anything. */
int ctk_diag_status(const ctk_diag *d);

#endif
