/*
 * buf: a growable byte buffer, always NUL-terminated, used wherever a
 * string is built piece by piece (records, fields, diagnostics).
 * The buffer owns its memory: ctk_buf_release() frees it.
 */
#ifndef CTK_BUF_H
#define CTK_BUF_H

#include <stddef.h>

typedef struct ctk_buf {
	char *data;	/* NUL-terminated when cap > 0 */
	size_t len;
	size_t cap;
} ctk_buf;

#define CTK_BUF_INIT { NULL, 0, 0 }

void ctk_buf_init(ctk_buf *b);
/* Frees the memory; the buffer may be reused after ctk_buf_init(). */
void ctk_buf_release(ctk_buf *b);
/* Ensures room for `extra` more bytes plus the NUL. 0 ok, -1 out of memory. */
int ctk_buf_grow(ctk_buf *b, size_t extra);
int ctk_buf_append(ctk_buf *b, const void *data, size_t len);
int ctk_buf_append_str(ctk_buf *b, const char *s);
int ctk_buf_append_char(ctk_buf *b, char c);
int ctk_buf_printf(ctk_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Empties the buffer, keeping its memory. */
void ctk_buf_reset(ctk_buf *b);
/* Returns the string (never NULL) and gives its ownership to the caller,
 * who frees it with free(); the buffer is left empty. */
char *ctk_buf_detach(ctk_buf *b);
/* Grows the array *p of *cap elements of size bytes so that it holds at
 * least need elements (doubling, from 16). 0, or -1 when out of memory (the
 * array is left as it was). */
int ctk_grow_array(void **p, size_t *cap, size_t need, size_t size);

/* Returns data, or "" when nothing was ever appended. */
const char *ctk_buf_str(const ctk_buf *b);

#endif
