/*
 * html: escaping of untrusted text for HTML and XHTML output. Corpus text
 * is hostile until proven otherwise: a message may hold "<script>" or a
 * quote that would end an attribute, so every byte of it goes through
 * ctk_html_escape() before it reaches a page. The rules are those of
 * ctk_xml_text() (xml.h), which writes to a FILE; this one builds a
 * buffer, repairs invalid UTF-8 and cuts excerpts.
 */
#ifndef CTK_HTML_H
#define CTK_HTML_H

#include <stddef.h>

#include "buf.h"

/* Appends s[0..len) to out with < > & " ' written as character
 * references, so that the result is safe both as element content and as a
 * quoted attribute value. Invalid UTF-8 becomes U+FFFD and the control
 * characters XML 1.0 forbids (and U+FFFE, U+FFFF) become a space, so that
 * the page stays well-formed XHTML too. Returns 0 or CTK_ENOMEM. */
int ctk_html_escape(ctk_buf *out, const char *s, size_t len);

/* Like ctk_html_escape() for at most max_chars code points of s; when s is
 * longer, an ellipsis (U+2026) ends the excerpt, cut at a space when one
 * is near. Line breaks become spaces. */
int ctk_html_escape_excerpt(ctk_buf *out, const char *s, size_t len,
    size_t max_chars);

#endif
