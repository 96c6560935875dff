/* fuzz_ingest: shared set-up of the libFuzzer harnesses that drive a
 * `ctk ingest` reader (Telegram JSON, Telegram HTML) over bytes in memory:
 * every document is written as TSV to /dev/null so that the writer sees
 * whatever the reader produced, and diagnostics are swallowed. Header
 * only, included by the lib/NAME_fuzz.c harnesses. */
#ifndef CTK_FUZZ_INGEST_H
#define CTK_FUZZ_INGEST_H

#include <stdint.h>
#include <stdio.h>

#include "doc.h"
#include "ingest.h"
#include "input.h"
#include "tsv.h"

static int
fuzz_emit(void *ctx, ctk_doc *doc)
{
	static const int cols[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };

	return ctk_doc_write(ctx, doc, cols, sizeof cols / sizeof cols[0]) < 0;
}

static int
fuzz_report(void *ctx, enum ctk_diag_level level, const char *file,
    long line, long col, const char *msg)
{
	(void)ctx;
	(void)level;
	(void)file;
	(void)line;
	(void)col;
	(void)msg;
	return 0;
}

/* Runs reader over data[0..size) with the options a plain `ctk ingest`
 * uses (dedup on, to cover the id set). */
static void
fuzz_ingest(const uint8_t *data, size_t size,
    int (*reader)(ctk_ingest *, ctk_input *))
{
	ctk_ingest_opts opts = { 0 };
	ctk_ingest ix;
	ctk_input *in;
	ctk_tsv_writer *w;
	FILE *sink = fopen("/dev/null", "w");

	if (sink == NULL)
		return;
	in = ctk_input_from_memory(data, size, "fuzz", NULL);
	w = ctk_tsv_writer_new(sink, CTK_FORMAT_TSV);
	if (in == NULL || w == NULL)
		goto out;
	opts.dedup = 1;
	ctk_ingest_init(&ix, &opts);
	ix.emit = fuzz_emit;
	ix.report = fuzz_report;
	ix.ctx = w;
	ix.current = in;
	(void)reader(&ix, in);
	ctk_ingest_release(&ix);
out:
	if (w != NULL)
		ctk_tsv_writer_free(w);
	ctk_input_close(in);
	fclose(sink);
}

#endif
