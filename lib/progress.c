/* progress: a rate-limited status line on a terminal (see progress.h). */
#include "progress.h"

#include <time.h>
#include <unistd.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
ctk_progress_init(ctk_progress *p, FILE *stream, int mode,
    uint64_t total_bytes)
{
	p->stream = stream;
	p->enabled = mode > 0 || (mode < 0 && isatty(fileno(stream)));
	p->start = p->enabled ? now() : 0;
	p->last = p->start;
	p->total = total_bytes;
	p->shown = 0;
}

void
ctk_progress_format(char *out, size_t size, uint64_t bytes, uint64_t records,
    double elapsed, uint64_t total)
{
	double mb = (double)bytes / 1e6;
	double rate = elapsed > 0 ? mb / elapsed : 0;
	int n;

	n = snprintf(out, size, "%.1f MB, %llu records, %.1f MB/s", mb,
	    (unsigned long long)records, rate);
	if (n < 0 || (size_t)n >= size || total == 0 || bytes == 0 ||
	    bytes > total)
		return;
	{
		double left = elapsed * (double)(total - bytes) / (double)bytes;
		long s = (long)(left + 0.5);
		snprintf(out + n, size - (size_t)n, ", %d%%, ETA %ld:%02ld",
		    (int)(100.0 * (double)bytes / (double)total), s / 60,
		    s % 60);
	}
}

void
ctk_progress_update(ctk_progress *p, uint64_t bytes, uint64_t records)
{
	char line[160];
	double t;

	if (!p->enabled)
		return;
	t = now();
	if (t - p->last < 0.25)
		return;
	p->last = t;
	ctk_progress_format(line, sizeof line, bytes, records, t - p->start,
	    p->total);
	fprintf(p->stream, "\r\033[K%s", line);
	fflush(p->stream);
	p->shown = 1;
}

void
ctk_progress_finish(ctk_progress *p)
{
	if (p->enabled && p->shown) {
		fputs("\r\033[K", p->stream);
		fflush(p->stream);
	}
	p->shown = 0;
}
