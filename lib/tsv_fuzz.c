/* libFuzzer harness: the TSV reader (through input, so gzip too) and the
 * writers on whatever it reads. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "input.h"
#include "tsv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ctk_input *in = ctk_input_from_memory(data, size, "fuzz", NULL);
	ctk_tsv_reader *r;
	ctk_tsv_writer *w[3];
	FILE *sink = fopen("/dev/null", "w");
	ctk_error err;
	size_t i, n;
	int rc, k;

	if (in == NULL || sink == NULL)
		goto out;
	r = ctk_tsv_reader_new(in, &err);
	if (r == NULL)
		goto out;
	for (k = 0; k < 3; k++) {
		w[k] = ctk_tsv_writer_new(sink, (ctk_format)k);
		ctk_tsv_writer_header_extend(w[k], r, NULL, 0);
	}
	while ((rc = ctk_tsv_read(r, &err)) != 0 && rc != CTK_EIO) {
		if (rc < 0)
			continue;
		n = ctk_tsv_ncols(r);
		for (i = 0; i < n; i++)
			(void)ctk_tsv_field(r, i, NULL);
		for (k = 0; k < 3; k++)
			ctk_tsv_writer_extend(w[k], r, NULL);
	}
	for (k = 0; k < 3; k++)
		ctk_tsv_writer_free(w[k]);
	ctk_tsv_reader_free(r);
out:
	ctk_input_close(in);
	if (sink != NULL)
		fclose(sink);
	return 0;
}
