/* buf: growable NUL-terminated byte buffer (see buf.h). */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
ctk_buf_init(ctk_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
ctk_buf_release(ctk_buf *b)
{
	free(b->data);
	ctk_buf_init(b);
}

int
ctk_buf_grow(ctk_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > (size_t)-1 - b->len - 1)
		return -1;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > (size_t)-1 / 2 ? need : cap * 2;
	p = realloc(b->data, cap);
	if (p == NULL)
		return -1;
	b->data = p;
	b->cap = cap;
	b->data[b->len] = '\0';
	return 0;
}

int
ctk_buf_append(ctk_buf *b, const void *data, size_t len)
{
	if (ctk_buf_grow(b, len) < 0)
		return -1;
	if (len > 0)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int
ctk_buf_append_str(ctk_buf *b, const char *s)
{
	return ctk_buf_append(b, s, strlen(s));
}

int
ctk_buf_append_char(ctk_buf *b, char c)
{
	if (b->len + 1 >= b->cap && ctk_buf_grow(b, 1) < 0)
		return -1;
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
	return 0;
}

int
ctk_buf_printf(ctk_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || ctk_buf_grow(b, (size_t)n) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void
ctk_buf_reset(ctk_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

char *
ctk_buf_detach(ctk_buf *b)
{
	char *s = b->data;

	if (s == NULL)
		s = calloc(1, 1);
	ctk_buf_init(b);
	return s;
}

const char *
ctk_buf_str(const ctk_buf *b)
{
	return b->data != NULL ? b->data : "";
}

int
ctk_grow_array(void **p, size_t *cap, size_t need, size_t size)
{
	size_t ncap = *cap ? *cap : 16;
	void *q;

	if (need <= *cap)
		return 0;
	while (ncap < need) {
		if (ncap > (size_t)-1 / 2 / size)
			return -1;
		ncap *= 2;
	}
	if ((q = realloc(*p, ncap * size)) == NULL)
		return -1;
	*p = q;
	*cap = ncap;
	return 0;
}
