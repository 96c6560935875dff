/*
 * xml: escaping text for XML and HTML output (GraphML, SVG, reports), in
 * one place so that hostile corpus text can never inject markup.
 */
#ifndef CTK_XML_H
#define CTK_XML_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The character reference of the five characters markup gives a meaning
 * to (& < > " '), or NULL for any other code point. */
const char *ctk_xml_entity(uint32_t cp);

/* Writes s[0..len) to f with & < > " ' escaped; control characters that
 * XML 1.0 does not allow (all below U+0020 except tab, LF and CR) become
 * spaces. */
void ctk_xml_text(FILE *f, const char *s, size_t len);

#endif
