/* libFuzzer harness: gzip input (lib/input.c): magic detection,
 * multi-member streams, truncation, and the line reader over the
 * decompressed bytes. The first byte chooses lines or raw reads. */
#include <stddef.h>
#include <stdint.h>

#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ctk_input *in;
	ctk_error err;
	char buf[4096], *line;
	size_t len;
	const char *peek;

	if (size == 0)
		return 0;
	in = ctk_input_from_memory(data + 1, size - 1, "fuzz", &err);
	if (in == NULL)
		return 0;
	(void)ctk_input_peek(in, &peek, 64, &err);
	if (data[0] & 1) {
		while (ctk_input_getline(in, &line, &len, &err) == 1)
			(void)ctk_input_line(in);
	} else {
		while (ctk_input_read(in, buf, sizeof buf, &err) > 0)
			(void)ctk_input_offset(in);
	}
	ctk_input_close(in);
	return 0;
}
