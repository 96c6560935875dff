/* error: filling a ctk_error (see error.h). */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

int
ctk_error_set(ctk_error *e, int code, long line, long col, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	e->code = code;
	e->line = line;
	e->col = col;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return code;
}

void
ctk_error_clear(ctk_error *e)
{
	if (e == NULL)
		return;
	e->code = CTK_OK;
	e->line = 0;
	e->col = 0;
	e->msg[0] = '\0';
}
