/* xml: escaping for XML and HTML output (see xml.h). */
#include "xml.h"

const char *
ctk_xml_entity(uint32_t cp)
{
	switch (cp) {
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '&': return "&amp;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	}
	return NULL;
}

void
ctk_xml_text(FILE *f, const char *s, size_t len)
{
	size_t i;
	const char *ref;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((ref = ctk_xml_entity(c)) != NULL)
			fputs(ref, f);
		else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			fputc(' ', f);
		else
			fputc(c, f);
	}
}
