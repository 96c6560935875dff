/*
 * input: a byte stream from a file or stdin, with gzip (single or
 * multi-member) detected by its magic bytes and decompressed on the fly.
 * Gives lines of any length, raw reads, and the line number and byte offset
 * that diagnostics need.
 */
#ifndef CTK_INPUT_H
#define CTK_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct ctk_input ctk_input;

/* Opens path; NULL or "-" is standard input (named "<stdin>"). Returns NULL
 * and fills err when the file cannot be opened or is a directory. Free with
 * ctk_input_close(). */
ctk_input *ctk_input_open(const char *path, ctk_error *err);

/* Wraps an open descriptor, not closed by ctk_input_close(); name is copied
 * and used in diagnostics. */
ctk_input *ctk_input_from_fd(int fd, const char *name, ctk_error *err);

/* What to say about a file that starts with a UTF-16 byte order mark:
 * ctk reads UTF-8 only. */
#define CTK_UTF16_MESSAGE \
	"UTF-16 input: convert to UTF-8 with iconv -f UTF-16 -t UTF-8"

/* Reads from len bytes at data (not copied: they must outlive the input),
 * with the same gzip detection as files; name is used in diagnostics. */
ctk_input *ctk_input_from_memory(const void *data, size_t len,
    const char *name, ctk_error *err);

/* Reads the next line. On success returns 1 and points *line at its bytes
 * (without the '\n'; a '\r' before it is kept), valid until the next call;
 * the line is NUL-terminated at (*line)[*len]. Returns 0 at end of input,
 * CTK_EIO on a read or gzip error (err filled). A last line without '\n'
 * is still returned. */
int ctk_input_getline(ctk_input *in, char **line, size_t *len, ctk_error *err);

/* Limits the lines that ctk_input_getline() returns to max bytes (0, the
 * default: no limit). A longer line is read through and dropped, memory
 * staying bounded, and getline returns CTK_ELIMIT (err names its line);
 * the next call returns the line after it. */
void ctk_input_set_max_line(ctk_input *in, size_t max);

/* Reads up to n decompressed bytes. Returns the count (0 at end) or
 * CTK_EIO. Mixing with getline is allowed. */
long ctk_input_read(ctk_input *in, void *dst, size_t n, ctk_error *err);

/* Looks at the first bytes without consuming them: points *data at up to
 * want bytes (fewer at end of input) and returns how many. Returns CTK_EIO
 * on error. Only valid before anything is consumed. */
long ctk_input_peek(ctk_input *in, const char **data, size_t want,
    ctk_error *err);

const char *ctk_input_name(const ctk_input *in);
/* Number of the line last returned by getline (1-based), 0 before. */
long ctk_input_line(const ctk_input *in);
/* Decompressed bytes consumed so far. */
uint64_t ctk_input_offset(const ctk_input *in);
/* Bytes of the underlying file consumed (compressed size for gzip). */
uint64_t ctk_input_raw_offset(const ctk_input *in);
/* Size of the underlying file, or -1 when unknown (pipe). */
int64_t ctk_input_size(const ctk_input *in);
int ctk_input_is_gzip(const ctk_input *in);

void ctk_input_close(ctk_input *in);

#endif
