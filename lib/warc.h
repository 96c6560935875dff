/*
 * warc: WARC/1.0 and WARC/1.1 files (ISO 28500), read record by record so
 * that memory is bounded by the largest record, never by the file. gzip
 * with one member per record (.warc.gz) is undone by ctk_input. response
 * records holding an HTTP 200 response of type text/html or
 * application/xhtml+xml become articles; other records are counted as
 * skipped.
 */
#ifndef CTK_WARC_H
#define CTK_WARC_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "error.h"
#include "input.h"

/* A record's payload larger than this is reported (CTK_ELIMIT) and
 * skipped without being held in memory. */
#define CTK_WARC_MAX_RECORD CTK_ARTICLE_MAX_BYTES

typedef struct ctk_warc_reader ctk_warc_reader;

/* One record; every pointer is valid until the next ctk_warc_next(). */
typedef struct ctk_warc_record {
	uint64_t offset;		/* of its "WARC/" line, decompressed */
	const char *version;		/* "WARC/1.0" */
	const char *type;		/* WARC-Type, "" when missing */
	const char *target_uri;		/* WARC-Target-URI or "" */
	const char *date;		/* WARC-Date or "" */
	const char *content_type;	/* Content-Type or "" */
	const char *payload;		/* Content-Length bytes, NUL after */
	size_t payload_len;
} ctk_warc_record;

/* Reads from in (not owned; gzip already undone) or from memory. Free
 * with ctk_warc_reader_free(). NULL only when out of memory. */
ctk_warc_reader *ctk_warc_reader_new(ctk_input *in);
ctk_warc_reader *ctk_warc_reader_mem(const char *bytes, size_t n);
void ctk_warc_reader_free(ctk_warc_reader *r);

/* Reads the next record. Returns 1 (rec filled), 0 at the end, or:
 * CTK_ELIMIT: the record was larger than CTK_WARC_MAX_RECORD and was
 * skipped, the next call goes on; CTK_EFORMAT: a bad or truncated record
 * (err names its byte offset), after which the reader stops (the next
 * call returns 0) because record boundaries are lost; CTK_EIO/CTK_ENOMEM.
 * err->line is 0: WARC positions are byte offsets, given in the message. */
int ctk_warc_next(ctk_warc_reader *r, ctk_warc_record *rec, ctk_error *err);

/* An HTTP response inside a response record. */
typedef struct ctk_http_response {
	int status;			/* 200 */
	char content_type[128];		/* "text/html" (lower case, no
					 * parameters) */
	char charset[64];		/* from Content-Type, "" if none */
	char date[64];			/* Date header, "" if none */
	const char *body;		/* after the headers, chunked and
					 * gzip/deflate encodings undone */
	size_t body_len;
} ctk_http_response;

/* Parses payload as an HTTP response. body may point into payload or into
 * decoded, which the caller releases. Returns 0 or CTK_EFORMAT. */
int ctk_http_parse_response(const char *payload, size_t n,
    ctk_http_response *resp, ctk_buf *decoded, ctk_error *err);

/* All articles of a WARC stream or buffer (see article.h for opts and
 * the return value). Bad records are reported with their byte offset
 * and counted in stats->n_rejected; a truncated file keeps the articles
 * before the damage. */
int ctk_warc_ingest(ctk_input *in, const ctk_article_opts *opts,
    ctk_article_stats *stats, ctk_error *err);
int ctk_warc_ingest_bytes(const char *bytes, size_t n,
    const ctk_article_opts *opts, ctk_article_stats *stats, ctk_error *err);

#endif
