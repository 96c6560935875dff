/*
 * html: escaping (see html.h). Works code point by code point so that a
 * multi-byte character is never split and an invalid byte never reaches
 * the output.
 */
#include "html.h"

#include <stdint.h>
#include <string.h>

#include "error.h"
#include "utf8.h"
#include "xml.h"

/* The reference or replacement for cp, or NULL when cp is written as is. */
static const char *
replacement(uint32_t cp, int flatten_lines)
{
	const char *ref = ctk_xml_entity(cp);

	if (ref != NULL)
		return ref;
	switch (cp) {
	case '\n':
	case '\r':
	case '\t':
		return flatten_lines ? " " : NULL;
	}
	if (cp < 0x20 || cp == 0x7f || cp == 0xfffe || cp == 0xffff)
		return " ";
	return NULL;
}

static int
escape_n(ctk_buf *out, const char *s, size_t len, size_t max_chars,
    int flatten_lines)
{
	size_t i = 0, n, chars = 0;
	uint32_t cp;
	const char *rep;

	while (i < len && chars < max_chars) {
		n = ctk_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			if (ctk_buf_append(out, "\xef\xbf\xbd", 3) != 0)
				return CTK_ENOMEM;
			i++;
		} else {
			rep = replacement(cp, flatten_lines);
			if ((rep ? ctk_buf_append_str(out, rep) :
			    ctk_buf_append(out, s + i, n)) != 0)
				return CTK_ENOMEM;
			i += n;
		}
		chars++;
	}
	return 0;
}

int
ctk_html_escape(ctk_buf *out, const char *s, size_t len)
{
	return escape_n(out, s, len, (size_t)-1, 0);
}

int
ctk_html_escape_excerpt(ctk_buf *out, const char *s, size_t len,
    size_t max_chars)
{
	size_t i = 0, chars = 0, cut, last_space = 0;
	uint32_t cp;
	size_t n;

	/* find the byte where max_chars code points end */
	while (i < len && chars < max_chars) {
		n = ctk_utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			n = 1;
		if (cp == ' ' || cp == '\n')
			last_space = i;
		i += n;
		chars++;
	}
	if (i >= len)
		return escape_n(out, s, len, (size_t)-1, 1);
	cut = last_space > i / 2 ? last_space : i;
	if (escape_n(out, s, cut, (size_t)-1, 1) != 0 ||
	    ctk_buf_append_str(out, "\xe2\x80\xa6") != 0)
		return CTK_ENOMEM;
	return 0;
}
