/*
 * error: how lib/ reports a failure to its caller. Functions return a
 * negative CTK_E* code (or NULL) and fill a ctk_error with the position and
 * a message; cmd/ decides what to do with it (see diag.h).
 */
#ifndef CTK_ERROR_H
#define CTK_ERROR_H

enum {
	CTK_OK = 0,
	CTK_EIO = -1,		/* cannot open, read or write: input unusable */
	CTK_ENOMEM = -2,	/* out of memory */
	CTK_EFORMAT = -3,	/* one bad record: report it and go on */
	CTK_EUSAGE = -4,	/* bad argument from the caller */
	CTK_ELIMIT = -5		/* a documented size limit was reached */
};

typedef struct ctk_error {
	int code;
	long line;	/* 1-based line of the problem, 0 when unknown */
	long col;	/* 1-based byte column, 0 when unknown */
	char msg[512];
} ctk_error;

/* Fills e (when not NULL) and returns code, so that callers can write
 * `return ctk_error_set(err, CTK_EFORMAT, line, col, "...")`. */
int ctk_error_set(ctk_error *e, int code, long line, long col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void ctk_error_clear(ctk_error *e);

#endif
