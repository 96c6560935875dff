/*
 * docstream: documents with their tokens, read from any ctk TSV stream, so
 * that every counting command sees the same thing whatever the input
 * shape:
 *  - a document stream with a tokens column (tokens joined by single
 *    spaces, as ctk-tokenize writes them): one record is one document and
 *    all its tokens form one segment (n-grams and windows do not cross
 *    documents);
 *  - vertical input (columns id sent pos token ...): consecutive records
 *    with the same id form one document and each change of sent starts a
 *    new segment (n-grams and windows do not cross sentences).
 * Extra columns asked for by name are copied with each document (from its
 * first record in vertical input).
 */
#ifndef CTK_DOCSTREAM_H
#define CTK_DOCSTREAM_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "tsv.h"

typedef struct ctk_doc {
	uint64_t stamp;		/* 1, 2, ... unique per document */
	long line;		/* line of the first record */
	size_t n_tokens;
	/* NUL-terminated, valid until the next read, and each one
	 * preceded by a NUL byte (tokens[i][-1] == '\0'): "\0token" is the
	 * key of an ungrouped count, usable in place */
	const char **tokens;
	const size_t *lens;
	const size_t *segment;	/* segment number of each token */
	const char **fields;	/* the extra columns; "" when absent */
	const size_t *field_lens;
} ctk_doc;

typedef struct ctk_docstream ctk_docstream;

/*
 * Reads documents from r (borrowed). token_column names the tokens column
 * ("tokens" when NULL); vertical: 1 forces vertical input, 0 forbids it,
 * -1 guesses (vertical when there is a "token" column and no tokens
 * column). need_tokens: fail when no token column is found. fields: the
 * extra columns to copy (NULL-terminated list of n_fields names, borrowed).
 * Returns NULL with err filled (CTK_EUSAGE for a missing column).
 */
ctk_docstream *ctk_docstream_new(ctk_tsv_reader *r, const char *token_column,
    int vertical, int need_tokens, const char *const *fields,
    size_t n_fields, ctk_error *err);
void ctk_docstream_free(ctk_docstream *ds);

/* 1 when extra column i exists in the input. */
int ctk_docstream_has_field(const ctk_docstream *ds, size_t i);
/* 1 when the input is vertical. */
int ctk_docstream_is_vertical(const ctk_docstream *ds);

/* Reads the next document into *doc. Returns 1, 0 at the end, CTK_EFORMAT
 * for a bad record (err filled; the caller reports it and reads on) or
 * CTK_EIO / CTK_ENOMEM (stop). */
int ctk_docstream_next(ctk_docstream *ds, ctk_doc *doc, ctk_error *err);

#endif
