/*
 * charset: turns the bytes of a web page or feed into UTF-8 in Unicode
 * normalization form C. The declared charset (HTTP header, <meta charset>,
 * XML declaration, byte order mark) wins; ICU charset detection is the
 * fallback when nothing is declared or the declared name is unknown.
 * Following the WHATWG encoding standard, ISO-8859-1 and US-ASCII are read
 * as windows-1252 (what browsers do, and what mislabelled French pages
 * need for their curly quotes and the euro sign).
 */
#ifndef CTK_CHARSET_H
#define CTK_CHARSET_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

/* What ctk_charset_to_utf8() decided. */
typedef struct ctk_charset_info {
	char used[64];		/* ICU name of the charset used */
	int from_bom;		/* a byte order mark decided */
	int detected;		/* ICU detection decided */
	int declared_unknown;	/* a declared name ICU does not know */
} ctk_charset_info;

/* Looks for a charset declared in the first 4 KB of an HTML page
 * (<meta charset=...> or <meta http-equiv=Content-Type content=...>) or in
 * an XML declaration (encoding="..."). Copies the name into name and
 * returns 1, or returns 0 when none is declared. */
int ctk_charset_sniff_html(const char *bytes, size_t n, char *name,
    size_t size);
int ctk_charset_sniff_xml(const char *bytes, size_t n, char *name,
    size_t size);

/* Copies the charset parameter of a Content-Type value ("text/html;
 * charset=ISO-8859-15") into name and returns 1, or returns 0. */
int ctk_charset_from_content_type(const char *content_type, char *name,
    size_t size);

/* Converts bytes to UTF-8 NFC, appended to out (NUL bytes dropped,
 * malformed sequences become U+FFFD). declared may be NULL. Returns 0, or
 * CTK_ENOMEM / CTK_EFORMAT (ICU failure) with err filled. info (may be
 * NULL) says which charset was used; a caller warns when
 * info->declared_unknown is set. */
int ctk_charset_to_utf8(const char *bytes, size_t n, const char *declared,
    int is_html, ctk_buf *out, ctk_charset_info *info, ctk_error *err);

#endif
