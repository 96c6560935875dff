/* utf8: strict UTF-8 decoding, encoding and validation (see utf8.h). */
#include "utf8.h"

#include <string.h>

size_t
ctk_utf8_seq_len(unsigned char lead)
{
	if (lead < 0x80)
		return 1;
	if (lead < 0xC2)
		return 0;	/* continuation byte or overlong 2-byte lead */
	if (lead < 0xE0)
		return 2;
	if (lead < 0xF0)
		return 3;
	if (lead < 0xF5)
		return 4;
	return 0;
}

size_t
ctk_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = ctk_utf8_seq_len(u[0]);
	uint32_t c;
	size_t i;

	*cp = 0xFFFD;
	if (len == 0 || len > n)
		return 0;
	if (len == 1) {
		*cp = u[0];
		return 1;
	}
	c = u[0] & (0x7F >> len);
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	/* Reject overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 0;
	*cp = c;
	return len;
}

size_t
ctk_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int
ctk_utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		/* Fast path: skip ASCII eight bytes at a time. */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		len = ctk_utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			if (bad_offset != NULL)
				*bad_offset = i;
			return 0;
		}
		i += len;
	}
	return 1;
}

size_t
ctk_utf8_count(const char *s, size_t n)
{
	size_t i, count = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

int
ctk_bytes_cmp(const char *a, size_t la, const char *b, size_t lb)
{
	int r = memcmp(a, b, la < lb ? la : lb);

	if (r != 0)
		return r;
	return (la > lb) - (la < lb);
}
