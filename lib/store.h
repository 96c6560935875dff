/*
 * store: the corpus store, one SQLite file that persists documents across
 * runs, grows without duplicates and answers queries fast.
 *
 * Schema (PRAGMA user_version = CTK_STORE_VERSION):
 *   docs       one row per document: the DESIGN.md columns, `extra` (a JSON
 *              object of every further column: views, edited, links, ...),
 *              `hash` (of all fields, to tell unchanged from updated) and
 *              `first_seen`/`last_changed` (UTC times of this store's runs)
 *   columns    every extra column name ever stored, in first-seen order, so
 *              that query output has a stable header
 *   history    the previous version of a document each time its text,
 *              title or edit date changed (edits are kept, not lost)
 *   docs_fts   FTS5 over title and text (external content: the text is
 *              stored once, in docs), tokenizer unicode61 with
 *              remove_diacritics 2 (no prefix index: it cost a third of
 *              the ingest time; prefix queries scan the term range); kept
 *              in step by store.c, not by triggers (version 2)
 * Safe for cron: WAL journal, a busy timeout, writes in BEGIN IMMEDIATE
 * batches, so concurrent writers wait for each other and a killed process
 * leaves the last committed batch.
 */
#ifndef CTK_STORE_H
#define CTK_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "tsv.h"

#define CTK_STORE_VERSION 2

typedef struct ctk_store ctk_store;

enum ctk_store_mode {
	CTK_STORE_READ,		/* read-only: queries, --sql */
	CTK_STORE_WRITE		/* creates the file and schema if needed */
};

/* Opens (and in write mode creates or migrates) the store at path.
 * Refuses, with a clear message in err, a file that is not SQLite, a store
 * of a newer schema version, or one that cannot be opened. Free with
 * ctk_store_close(). The first call turns SQLite's memory statistics off
 * for the process (sqlite3_config): make it before other threads use
 * SQLite. */
ctk_store *ctk_store_open(const char *path, enum ctk_store_mode mode,
    ctk_error *err);
/* The same with how long to wait for another process's lock, in
 * milliseconds (ctk_store_open waits CTK_STORE_BUSY_TIMEOUT_MS). */
ctk_store *ctk_store_open_wait(const char *path, enum ctk_store_mode mode,
    int busy_timeout_ms, ctk_error *err);
#define CTK_STORE_BUSY_TIMEOUT_MS 60000
void ctk_store_close(ctk_store *st);

/* ---- writing ---- */

enum ctk_store_outcome {
	CTK_STORE_NEW = 1,
	CTK_STORE_UPDATED,
	CTK_STORE_UNCHANGED
};

typedef struct ctk_store_counts {
	uint64_t n_new, n_updated, n_unchanged;
} ctk_store_counts;

/* Adds or updates one document given as n named fields (the names of a
 * ctk TSV header; `id` is required). A document whose id is already stored
 * is updated when any field differs, unless the stored version has a later
 * `edited` date (an older export never overwrites a newer one); the version
 * replaced is copied to history when its text, title or edited changed.
 * Writes are grouped in transactions of `batch` documents (see
 * ctk_store_set_batch); call ctk_store_commit() at the end. Returns a
 * ctk_store_outcome, or CTK_EFORMAT for a bad document (no id, a column
 * name that is not [A-Za-z0-9_]), or CTK_EIO for a database error. */
int ctk_store_put(ctk_store *st, const char *const *names,
    const ctk_str *values, size_t n, ctk_error *err);
/* Commits the current batch. Returns 0 or CTK_EIO. */
int ctk_store_commit(ctk_store *st, ctk_error *err);
void ctk_store_set_batch(ctk_store *st, unsigned batch);
/* Counts of this connection's committed puts: a batch that failed to
 * commit (a full disk) is not counted. */
ctk_store_counts ctk_store_get_counts(const ctk_store *st);

/* ---- querying ---- */

typedef struct ctk_store_filter {
	const char *const *channels;	/* any of these; NULL/0 = all */
	size_t n_channels;
	const char *since;	/* date >= since (a date or RFC 3339 prefix) */
	const char *until;	/* date <= until; a bare date covers its day */
	const char *lang;
	const char *kind;
	const char *fwd_from;
	const char *author;
	const char *match;	/* FTS5 query over title and text */
	long limit;		/* <= 0: no limit */
	int order_by_id;	/* else by date, then id */
} ctk_store_filter;

/* Receives one output row: n fields (the same n for every row of one
 * call, the first call being the header when the API says so). Returns 0
 * to go on, non-zero to stop. */
typedef int (*ctk_store_row_fn)(void *ctx, const ctk_str *fields, size_t n);

/* Matching documents as the document stream: header row first (DESIGN.md
 * columns, then the extra columns in first-seen order), then one row per
 * document. Returns the number of documents or a negative error (CTK_EUSAGE
 * for a malformed FTS query, with SQLite's message). */
long ctk_store_select(ctk_store *st, const ctk_store_filter *f,
    ctk_store_row_fn fn, void *ctx, ctk_error *err);

/* 1 when s is a date bound of the filter: YYYY, YYYY-MM, YYYY-MM-DD,
 * YYYY-MM-DDTHH, YYYY-MM-DDTHH:MM, YYYY-MM-DDTHH:MM:SS or that with a
 * final Z. A document matches since when date >= since (as strings) and
 * until when date < until + "~" (so a bound covers its whole period). */
int ctk_store_valid_date(const char *s);

/* Number of matching documents, or a negative error. */
long ctk_store_count(ctk_store *st, const ctk_store_filter *f,
    ctk_error *err);

/* Counts by "day", "week" (ISO 8601, 2024-W35), "month", "year",
 * "channel", "lang" or "fwd_from": header `KEY count` then rows, sorted by
 * key (periods) or by count descending then key (others). */
long ctk_store_count_by(ctk_store *st, const ctk_store_filter *f,
    const char *key, ctk_store_row_fn fn, void *ctx, ctk_error *err);

/* Channels: `channel documents first last` sorted by channel. */
long ctk_store_channels(ctk_store *st, const ctk_store_filter *f,
    ctk_store_row_fn fn, void *ctx, ctk_error *err);

/* Summary of the store: `key value` rows (documents, channels, dates,
 * kinds, languages, history versions, schema version, file size). */
long ctk_store_stats(ctk_store *st, ctk_store_row_fn fn, void *ctx,
    ctk_error *err);

/* Runs one read-only SQL statement (the store must be opened with
 * CTK_STORE_READ); header of column names first. */
long ctk_store_sql(ctk_store *st, const char *sql, ctk_store_row_fn fn,
    void *ctx, ctk_error *err);

#endif
