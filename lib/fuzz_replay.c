/*
 * fuzz_replay: a main() for the libFuzzer harnesses (lib/NAME_fuzz.c) that
 * runs each file named on the command line once, so that `make check`
 * replays the saved corpora and crash reproducers with gcc or clang and
 * the sanitizers, without libFuzzer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		uint8_t *data = NULL;
		size_t len = 0, cap = 0, n;

		if (f == NULL) {
			perror(argv[i]);
			return 2;
		}
		do {
			if (len == cap) {
				uint8_t *grown;

				cap = cap ? cap * 2 : 65536;
				if ((grown = realloc(data, cap)) == NULL) {
					free(data);
					fclose(f);
					return 2;
				}
				data = grown;
			}
			n = fread(data + len, 1, cap - len, f);
			len += n;
		} while (n > 0);
		fclose(f);
		LLVMFuzzerTestOneInput(data, len);
		free(data);
	}
	return 0;
}
