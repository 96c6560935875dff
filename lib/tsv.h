/*
 * tsv: the ctk stream (see ctk-tsv(5)). UTF-8, one record per line, a
 * header of column names, fields escaped with \\ \t \n \r. Columns are
 * found by name; a tool passes through the columns it does not know and
 * appends (or replaces) its own.
 *
 * The writer also speaks CSV (RFC 4180 quoting, LF line ends) and JSON
 * Lines (one object per record, empty fields as null).
 */
#ifndef CTK_TSV_H
#define CTK_TSV_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "input.h"

/* A borrowed byte string; not NUL-terminated unless said. */
typedef struct ctk_str {
	const char *s;
	size_t len;
} ctk_str;

/* ---- reading ---- */

typedef struct ctk_tsv_reader ctk_tsv_reader;

/* Reads the header from in (a UTF-8 BOM is skipped, CRLF accepted). The
 * reader borrows in, which must outlive it. Returns NULL with err filled
 * when the header is missing or invalid. */
ctk_tsv_reader *ctk_tsv_reader_new(ctk_input *in, ctk_error *err);
void ctk_tsv_reader_free(ctk_tsv_reader *r);

size_t ctk_tsv_ncols(const ctk_tsv_reader *r);
/* Column name i (unescaped, NUL-terminated). */
const char *ctk_tsv_colname(const ctk_tsv_reader *r, size_t i);
/* Index of the column called name, or -1. */
int ctk_tsv_col(const ctk_tsv_reader *r, const char *name);

/* Reads the next record. Returns 1 for a record, 0 at end of input,
 * CTK_EFORMAT for a bad line (wrong field count, invalid UTF-8: err has
 * line and byte column; the caller reports it and may read on), CTK_EIO
 * when the input failed (stop). */
int ctk_tsv_read(ctk_tsv_reader *r, ctk_error *err);

/* Field i of the current record, unescaped and NUL-terminated; *len gets
 * its length when len is not NULL. Valid until the next ctk_tsv_read. */
const char *ctk_tsv_field(const ctk_tsv_reader *r, size_t i, size_t *len);
ctk_str ctk_tsv_field_str(const ctk_tsv_reader *r, size_t i);
/* Line number of the current record in its input. */
long ctk_tsv_line(const ctk_tsv_reader *r);

/* ---- escaping (exposed for tools that write TSV by hand) ---- */

/* Appends s escaped for a TSV field to out. */
struct ctk_buf;
int ctk_tsv_escape(struct ctk_buf *out, const char *s, size_t len);
/* Unescapes a TSV field into out (appending). Unknown escapes such as
 * "\x" are kept as written. */
int ctk_tsv_unescape(struct ctk_buf *out, const char *s, size_t len);

/* ---- writing ---- */

typedef enum ctk_format {
	CTK_FORMAT_TSV,
	CTK_FORMAT_CSV,
	CTK_FORMAT_JSONL
} ctk_format;

/* "tsv", "csv" or "jsonl" → *fmt; returns 0, or -1 for anything else. */
int ctk_format_parse(const char *name, ctk_format *fmt);

typedef struct ctk_tsv_writer ctk_tsv_writer;

/* The writer borrows out (not closed). Free with ctk_tsv_writer_free(). */
ctk_tsv_writer *ctk_tsv_writer_new(FILE *out, ctk_format fmt);
void ctk_tsv_writer_free(ctk_tsv_writer *w);

/* Writes the header (names are copied). Must come first. */
int ctk_tsv_writer_header(ctk_tsv_writer *w, const char *const *names,
    size_t n);
/* Appends one field to the current record; ends with ..._end_record. */
int ctk_tsv_writer_field(ctk_tsv_writer *w, const char *s, size_t len);
int ctk_tsv_writer_end_record(ctk_tsv_writer *w);
/* Writes a whole record of n fields (n must equal the header's count). */
int ctk_tsv_writer_record(ctk_tsv_writer *w, const ctk_str *fields, size_t n);

/*
 * Pass-through with new columns: the output header is every column of r
 * except those named in add, followed by add[0..n_add). Then each
 * ctk_tsv_writer_extend() writes the current record of r that way with
 * values[0..n_add) in the new columns.
 */
int ctk_tsv_writer_header_extend(ctk_tsv_writer *w, const ctk_tsv_reader *r,
    const char *const *add, size_t n_add);
int ctk_tsv_writer_extend(ctk_tsv_writer *w, const ctk_tsv_reader *r,
    const ctk_str *values);
/* The same from fields held elsewhere (a batch copied out of a reader):
 * fields[0..n_in) are the record's input columns, n_in as in the header
 * given to ctk_tsv_writer_header_extend(). */
int ctk_tsv_writer_extend_fields(ctk_tsv_writer *w, const ctk_str *fields,
    const ctk_str *values);

/* 0 when every write so far succeeded, -1 after a write error. */
int ctk_tsv_writer_status(const ctk_tsv_writer *w);

#endif
