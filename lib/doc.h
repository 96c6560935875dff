/*
 * doc: the document record that ingest writes, one per message, article or
 * text, with the fixed column set and order of DESIGN.md followed by the
 * extra columns of Telegram sources, then the optional columns (the
 * description of an article) written only when asked for. Readers fill a ctk_doc and hand it to
 * a callback; the writer emits it as a row of the ctk stream.
 *
 * Dates are Unix seconds internally and RFC 3339 UTC ("2024-09-06T12:15:00Z")
 * on output.
 */
#ifndef CTK_DOC_H
#define CTK_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "tsv.h"

enum ctk_doc_col {
	CTK_DOC_ID,
	CTK_DOC_KIND,
	CTK_DOC_SOURCE,
	CTK_DOC_CHANNEL,
	CTK_DOC_DATE,
	CTK_DOC_AUTHOR,
	CTK_DOC_TITLE,
	CTK_DOC_URL,
	CTK_DOC_FWD_FROM,
	CTK_DOC_REPLY_TO,
	CTK_DOC_LANG,
	CTK_DOC_TEXT,
	CTK_DOC_VIEWS,
	CTK_DOC_EDITED,
	CTK_DOC_LINKS,
	CTK_DOC_HASHTAGS,
	CTK_DOC_MENTIONS,
	CTK_DOC_MEDIA,
	CTK_DOC_ACTION,
	CTK_DOC_TEXT_HASH,
	CTK_DOC_DESCRIPTION,	/* optional: only when asked for (--fields) */
	CTK_DOC_NCOLS
};

/* The columns written when none are asked for: all but the optional ones,
 * which come after them in the enum. */
#define CTK_DOC_NDEFAULT CTK_DOC_DESCRIPTION

/* Column names in output order, indexed by enum ctk_doc_col. */
extern const char *const ctk_doc_colnames[CTK_DOC_NCOLS];

typedef struct ctk_doc {
	ctk_buf col[CTK_DOC_NCOLS];
	int64_t date;		/* Unix seconds when has_date */
	int has_date;
	long line, colno;	/* where it starts in its input; 0 unknown */
} ctk_doc;

void ctk_doc_init(ctk_doc *d);
void ctk_doc_release(ctk_doc *d);
/* Empties every column, keeping the memory for the next record. */
void ctk_doc_reset(ctk_doc *d);

/* Index of the column called name, or -1. */
int ctk_doc_col_index(const char *name);

/* Replaces column c with s[0..len). 0 or CTK_ENOMEM. */
int ctk_doc_set(ctk_doc *d, enum ctk_doc_col c, const char *s, size_t len);
int ctk_doc_set_str(ctk_doc *d, enum ctk_doc_col c, const char *s);
/* Appends a word to a space-separated list column (links, hashtags,
 * mentions); spaces inside the word become '_' since words never hold
 * one. */
int ctk_doc_add_word(ctk_doc *d, enum ctk_doc_col c, const char *s,
    size_t len);
/* Sets the date (and the date column). */
int ctk_doc_set_date(ctk_doc *d, int64_t t);

/* Writes t as RFC 3339 UTC into out (at least 32 bytes); returns the
 * length. Years outside 0..9999 are clamped to that range's ends. */
size_t ctk_doc_format_date(int64_t t, char *out);

/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" with an optional "Z" or
 * "+hh:mm"/"-hh:mm" (a space may replace the T). A date without a zone is
 * UTC. *is_day is set to 1 when only a day was given. Returns 0 or
 * CTK_EFORMAT. */
int ctk_doc_parse_date(const char *s, int64_t *t, int *is_day);

/* Unix seconds of a proleptic Gregorian UTC date-time (no range checks). */
int64_t ctk_doc_utc_seconds(int year, int month, int day, int hour,
    int minute, int second);

/* Writes the columns listed in cols[0..n) of d as one record. */
int ctk_doc_write(ctk_tsv_writer *w, const ctk_doc *d, const int *cols,
    size_t n);

#endif
