/* libFuzzer harness: the language model reader (ctk_langid_open in
 * lib/langid.c). The reader takes a path, so the bytes go to a temporary
 * file. So that mutations get past the checksum, the harness writes the
 * header itself: magic, version, the fuzzer's first 12 bytes as the
 * language count, hash bits and entry count, the checksum of the body,
 * then the rest as the body. A model that loads classifies a sample. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "langid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
put_u32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

static uint32_t
fnv1a(const uint8_t *p, size_t n)
{
	uint32_t h = 0x811c9dc5u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x01000193u;
	return h;
}

static const char *
model_path(void)
{
	static char path[256];

	if (path[0] == '\0') {
		const char *dir = getenv("TMPDIR");

		snprintf(path, sizeof path, "%s/ctk-langid-fuzz-%ld.bin",
		    dir != NULL ? dir : "/tmp", (long)getpid());
	}
	return path;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sample[] = "Le chat est sur le tapis, the cat is "
	    "on the mat. Кошка на ковре.";
	unsigned char header[32];
	ctk_langid_result res;
	ctk_langid *li;
	ctk_error err;
	FILE *f;

	if (size < 12)
		return 0;
	memcpy(header, CTK_LANGID_MAGIC, 8);
	put_u32(header + 8, CTK_LANGID_VERSION);
	memcpy(header + 12, data, 12);
	put_u32(header + 24, fnv1a(data + 12, size - 12));
	put_u32(header + 28, 0);
	f = fopen(model_path(), "wb");
	if (f == NULL)
		return 0;
	fwrite(header, 1, sizeof header, f);
	fwrite(data + 12, 1, size - 12, f);
	fclose(f);
	li = ctk_langid_open(model_path(), &err);
	remove(model_path());
	if (li == NULL)
		return 0;
	(void)ctk_langid_classify(li, sample, sizeof sample - 1, &res);
	ctk_langid_free(li);
	return 0;
}
