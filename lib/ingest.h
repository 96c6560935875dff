/*
 * ingest: what every input reader of `ctk ingest` shares. A reader (one per
 * format: Telegram JSON, Telegram HTML, ctk TSV, plain text, and later news
 * HTML/RSS/WARC) turns one input into ctk_doc records and hands each to
 * ctk_ingest_emit(); problems go to ctk_ingest_report() with a position.
 * Neither prints anything: the tool supplies the callbacks (writing rows,
 * printing diagnostics), so that a SQLite store or a test can plug in
 * instead.
 *
 * Format detection looks at the content (the first bytes), and only for
 * directory walks at the name too (see ctk_ingest_path()).
 */
#ifndef CTK_INGEST_H
#define CTK_INGEST_H

#include <stdarg.h>
#include <stdint.h>

#include "diag.h"
#include "doc.h"
#include "input.h"
#include "tz.h"

enum ctk_ingest_split {
	CTK_SPLIT_NONE,		/* one document per text file */
	CTK_SPLIT_LINES,	/* one per non-empty line */
	CTK_SPLIT_PARAGRAPHS	/* one per block separated by blank lines */
};

/* The default of ctk_ingest_opts.max_doc_size used by ctk ingest. */
#define CTK_INGEST_MAX_DOC_SIZE ((size_t)64 << 20)

typedef struct ctk_ingest_opts {
	ctk_tz *tz;		/* zone of dates without offset; NULL: UTC */
	int tz_given;		/* --tz: it wins over HTML title offsets */
	int lenient;		/* repair known exporter JSON bugs */
	enum ctk_ingest_split split;
	const char *chat_key;	/* --chat-id: id key of HTML exports */
	const char *username;	/* public @username for t.me links */
	int article_raw;	/* news pages: all visible text (--raw) */
	const char *base_url;	/* news pages: base of relative URLs */
	/* --max-doc-size: a document, a line of a text or TSV file, or a
	 * page of an HTML export larger than this many bytes is reported
	 * and skipped, read through without being held; 0: no limit */
	size_t max_doc_size;

	/* filters applied by ctk_ingest_emit() */
	int no_service;		/* drop service messages */
	int dedup;		/* each id once (16-32 bytes per id) */
	int no_hash;		/* leave text_hash empty (not written) */
	int64_t since, until;	/* keep since <= date < until (has_...) */
	int has_since, has_until;
	const char *const *channels;	/* keep these (name or id key) */
	size_t n_channels;
} ctk_ingest_opts;

typedef struct ctk_ingest ctk_ingest;

struct ctk_ingest {
	const ctk_ingest_opts *opts;
	/* Receives every document; returns 0 to go on, non-zero to stop. The
	 * document is only valid during the call. */
	int (*emit)(void *ctx, ctk_doc *doc);
	/* Receives every diagnostic; returns non-zero when reading must stop
	 * (--strict after an error). */
	int (*report)(void *ctx, enum ctk_diag_level level, const char *file,
	    long line, long col, const char *msg);
	void *ctx;
	ctk_input *current;	/* input being read, for progress */
	int stopped;		/* a callback asked to stop */

	/* private */
	uint64_t *seen;		/* --dedup: hash set of ids */
	size_t n_seen, cap_seen;
	ctk_buf scratch;
	ctk_tz *tz_paris;	/* news: opened at the first page, kept */
	unsigned long n_emitted, n_filtered, n_duplicates;
};

/* Sets up ix for opts (borrowed) and the callbacks; free with
 * ctk_ingest_release(). */
void ctk_ingest_init(ctk_ingest *ix, const ctk_ingest_opts *opts);
void ctk_ingest_release(ctk_ingest *ix);

/* The formats a file may hold. */
enum ctk_ingest_format {
	CTK_FMT_UNKNOWN,
	CTK_FMT_TGJSON,		/* Telegram JSON export (result.json) */
	CTK_FMT_TGHTML,		/* one page of a Telegram HTML export */
	CTK_FMT_TSV,		/* ctk document stream */
	CTK_FMT_TEXT,		/* plain UTF-8 text */
	CTK_FMT_ARTICLE		/* news: HTML page, RSS/Atom feed, WARC */
};

/* Guesses the format of the first n bytes of a file. Binary data gives
 * CTK_FMT_UNKNOWN; text that is none of the others gives CTK_FMT_TEXT. */
enum ctk_ingest_format ctk_ingest_sniff(const char *data, size_t n);
const char *ctk_ingest_format_name(enum ctk_ingest_format f);

/* Ingests a file, "-" (stdin) or a directory. A directory is walked in
 * sorted order: the messages*.html pages of a folder are read as one
 * Telegram chat in numeric order (a missing page is reported); other files
 * are read when their content is a Telegram JSON export or a ctk TSV
 * stream, or when they are named *.txt (*.txt.gz); everything else (media,
 * css, the export's index pages) is skipped. Returns 0, or non-zero when
 * reading stopped early. */
int ctk_ingest_path(ctk_ingest *ix, const char *path);

/* Readers call this for every document: applies the filters of opts
 * (service, channel, dates, duplicates), fills text_hash, and passes the
 * survivors to the emit callback. 0, or non-zero to stop. */
int ctk_ingest_emit(ctk_ingest *ix, ctk_doc *doc);

/* Formats a diagnostic and passes it on; returns non-zero when the caller
 * must stop. */
int ctk_ingest_report(ctk_ingest *ix, enum ctk_diag_level level,
    const char *file, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* The readers, one per format. Each returns 0, or non-zero when reading
 * must stop (a callback said so, or the input could not be read at all). */
int ctk_tgjson_read(ctk_ingest *ix, ctk_input *in);
int ctk_tghtml_read_page(ctk_ingest *ix, ctk_input *in);
int ctk_tghtml_read_pages(ctk_ingest *ix, char **paths, size_t n);
int ctk_tsvin_read(ctk_ingest *ix, ctk_input *in);
int ctk_textin_read(ctk_ingest *ix, ctk_input *in);
int ctk_articlein_read(ctk_ingest *ix, ctk_input *in);

#endif
