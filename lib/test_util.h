/*
 * test_util: helpers shared by the cmocka unit tests (header only, included
 * by the lib/ unit tests): temporary files and reading them back.
 */
#ifndef CTK_TEST_UTIL_H
#define CTK_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes len bytes to a new temporary file; returns its path (malloc'd). */
static inline char *
test_tmpfile(const void *data, size_t len)
{
	char *path = strdup("/tmp/ctk-test-XXXXXX");
	int fd = mkstemp(path);
	FILE *f;

	if (fd < 0)
		abort();
	f = fdopen(fd, "wb");
	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		abort();
	return path;
}

static inline void
test_unlink(char *path)
{
	unlink(path);
	free(path);
}

#endif
