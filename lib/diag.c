/* diag: diagnostics and the exit-status rule (see diag.h). */
#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

static const char *level_prefix[] = { "warning: ", "", "" };

void
ctk_diag_init(ctk_diag *d, const char *tool)
{
	memset(d, 0, sizeof *d);
	d->tool = tool;
	d->stream = stderr;
}

static int
counted_and_silenced(ctk_diag *d, enum ctk_diag_level level)
{
	switch (level) {
	case CTK_DIAG_WARN:
		d->n_warnings++;
		return d->quiet;
	case CTK_DIAG_ERROR:
		d->n_errors++;
		return d->n_errors > CTK_DIAG_MAX_PRINTED;
	case CTK_DIAG_FATAL:
		d->fatal = 1;
		return 0;
	}
	return 0;
}

static void
vmsg(ctk_diag *d, enum ctk_diag_level level, const char *file, long line,
    long col, const char *fmt, va_list ap)
{
	FILE *f = d->stream;

	if (counted_and_silenced(d, level))
		return;
	fprintf(f, "%s: ", d->tool);
	if (file != NULL) {
		fputs(file, f);
		if (line > 0)
			fprintf(f, ":%ld", line);
		if (line > 0 && col > 0)
			fprintf(f, ":%ld", col);
		fputs(": ", f);
	}
	fputs(level_prefix[level], f);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
	fflush(f);
}

void
ctk_diag_msg(ctk_diag *d, enum ctk_diag_level level, const char *file,
    long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(d, level, file, line, col, fmt, ap);
	va_end(ap);
}

void
ctk_diag_report(ctk_diag *d, enum ctk_diag_level level, const char *file,
    const ctk_error *e)
{
	ctk_diag_msg(d, level, file, e->line, e->col, "%s", e->msg);
}

void
ctk_diag_usage(ctk_diag *d, const char *fmt, ...)
{
	va_list ap;

	d->usage = 1;
	fprintf(d->stream, "%s: ", d->tool);
	va_start(ap, fmt);
	vfprintf(d->stream, fmt, ap);
	va_end(ap);
	fprintf(d->stream, "\nTry '%s --help' for more information.\n",
	    d->tool);
}

int
ctk_diag_should_stop(const ctk_diag *d)
{
	return d->fatal || d->usage || (d->strict && d->n_errors > 0);
}

int
ctk_diag_check_output(ctk_diag *d, FILE *out, const char *name)
{
	if (fflush(out) == 0 && !ferror(out))
		return 0;
	ctk_diag_msg(d, CTK_DIAG_FATAL, NULL, 0, 0, "write error on %s: %s",
	    name, errno ? strerror(errno) : "unknown error");
	return -1;
}

int
ctk_diag_status(const ctk_diag *d)
{
	if (d->fatal || d->usage)
		return 2;
	return d->n_errors > 0 ? 1 : 0;
}

int
ctk_diag_finish(ctk_diag *d)
{
	if (d->n_errors > CTK_DIAG_MAX_PRINTED)
		fprintf(d->stream, "%s: %lu errors in all (only the first %d "
		    "shown)\n", d->tool, d->n_errors, CTK_DIAG_MAX_PRINTED);
	if (d->strict && d->n_errors > 0 && !d->fatal)
		fprintf(d->stream, "%s: stopped at the first error (--strict)\n",
		    d->tool);
	return ctk_diag_status(d);
}
