/* data: locating the toolkit's data files (see data.h). */
#include "data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CTK_DATADIR
#define CTK_DATADIR "/usr/local/share/ctk"
#endif

int
ctk_exe_dir(char *out, size_t size)
{
	ssize_t n;
	char *slash;

	if (size < 2)
		return -1;
	n = readlink("/proc/self/exe", out, size - 1);
	if (n <= 0 || (size_t)n >= size - 1)
		return -1;
	out[n] = '\0';
	slash = strrchr(out, '/');
	if (slash == NULL)
		return -1;
	*slash = '\0';
	return 0;
}

static int
try_path(char *out, size_t size, const char *dir, const char *sub,
    const char *name)
{
	int n = snprintf(out, size, "%s%s/%s", dir, sub, name);

	return n > 0 && (size_t)n < size && access(out, R_OK) == 0;
}

int
ctk_data_path(const char *name, char *out, size_t size)
{
	const char *env = getenv("CTK_DATADIR");
	char exe[4096];

	if (env != NULL && *env != '\0' && try_path(out, size, env, "", name))
		return 0;
	if (ctk_exe_dir(exe, sizeof exe) == 0 &&
	    (try_path(out, size, exe, "/../data", name) ||
	    try_path(out, size, exe, "/../share/ctk", name)))
		return 0;
	return try_path(out, size, CTK_DATADIR, "", name) ? 0 : -1;
}
